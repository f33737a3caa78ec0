//! Unattended set-up for tests, scripts and containers: make sure a partner token, a user with a
//! password and a location owned by that user exist. Running it again changes nothing (except the
//! password, when it differs).

use bizd_domain::location::{LocationChanges, LocationFields};
use bizd_domain::time::Clock;
use bizd_store::auth::NewUser;
use bizd_store::locations::ChainChoice;
use bizd_store::Db;

use crate::security::{hash_password_blocking, phone_digits, token_hash, verify_password_blocking};

#[derive(Debug, Clone)]
pub struct Bootstrap {
    pub partner_token: String,
    pub login: String,
    pub password: String,
    pub timezone: String,
}

/// Ensures a partner token exists; returns its id.
pub async fn ensure_partner_token(
    db: &Db,
    token: &str,
    name: &str,
    now: i64,
) -> anyhow::Result<i64> {
    let hash = token_hash(token);
    let mut tx = db.write().await?;
    let id = match bizd_store::auth::partner_by_token_hash(&mut tx, &hash).await? {
        Some(id) => id,
        None => bizd_store::auth::insert_partner_token(&mut tx, name, &hash, now).await?,
    };
    tx.commit().await?;
    Ok(id)
}

/// A user record for a login that is an e-mail address or a phone number.
pub fn new_user(login: &str, name: &str, password_hash: String) -> NewUser {
    let login = login.trim();
    let is_email = login.contains('@');
    let digits = if is_email { None } else { phone_digits(login) };
    NewUser {
        name: name.to_owned(),
        login: login.to_owned(),
        email: if is_email {
            login.to_owned()
        } else {
            String::new()
        },
        phone: if digits.is_some() {
            login.to_owned()
        } else {
            String::new()
        },
        phone_digits: digits,
        password_hash,
    }
}

/// Ensures the user exists with this password; returns the user id.
pub async fn ensure_user(
    db: &Db,
    login: &str,
    password: &str,
    name: &str,
    now: i64,
) -> anyhow::Result<i64> {
    let existing = bizd_store::auth::user_by_login(
        &mut db.read().await?,
        login,
        phone_digits(login).as_deref(),
    )
    .await?;
    // Hashing is slow: done before the write transaction, not inside it.
    match existing {
        Some(user) => {
            if !verify_password_blocking(password.to_owned(), user.password_hash.clone()).await {
                let hash = hash_password_blocking(password.to_owned()).await;
                let mut tx = db.write().await?;
                bizd_store::auth::set_user_password(&mut tx, user.id, &hash, now).await?;
                tx.commit().await?;
                tracing::info!(user_id = user.id, "bootstrap: password updated");
            }
            Ok(user.id)
        }
        None => {
            let hash = hash_password_blocking(password.to_owned()).await;
            let mut tx = db.write().await?;
            let id =
                bizd_store::auth::insert_user(&mut tx, &new_user(login, name, hash), now).await?;
            tx.commit().await?;
            tracing::info!(user_id = id, "bootstrap: user created");
            Ok(id)
        }
    }
}

pub async fn run(db: &Db, clock: &Clock, b: &Bootstrap) -> anyhow::Result<()> {
    let now = clock.now();
    ensure_partner_token(db, &b.partner_token, "bootstrap", now).await?;
    let user_id = ensure_user(db, &b.login, &b.password, "Administrator", now).await?;
    let mut tx = db.write().await?;
    if bizd_store::locations::default_chain_of(&mut tx, user_id)
        .await?
        .is_none()
    {
        let fields = LocationChanges {
            title: Some("Main location".into()),
            timezone_name: Some(b.timezone.clone()),
            ..Default::default()
        }
        .apply(LocationFields::default(), true)
        .map_err(|e| {
            anyhow::anyhow!(
                "BIZD_BOOTSTRAP_TIMEZONE: {}",
                e.first_message().unwrap_or("invalid")
            )
        })?;
        let chain = ChainChoice::New("Main chain".into());
        let id = bizd_store::locations::insert(&mut tx, &fields, chain, user_id, now).await?;
        tracing::info!(location_id = id, "bootstrap: location created");
    }
    tx.commit().await?;
    Ok(())
}
