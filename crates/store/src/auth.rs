//! Partner tokens, users, user tokens and location memberships. Tokens arrive here already
//! hashed: the store never sees a usable secret.

use crate::{on_db, on_tx, Db, StoreError, StoreResult};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub login: String,
    pub email: String,
    pub phone: String,
    pub password_hash: String,
    pub avatar: String,
    pub is_approved: bool,
    pub is_email_confirmed: bool,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub name: String,
    pub login: String,
    pub email: String,
    pub phone: String,
    pub phone_digits: Option<String>,
    pub password_hash: String,
}

const USER_COLUMNS: &str =
    "id, name, login, email, phone, password_hash, avatar, is_approved, is_email_confirmed";

impl Db {
    /// The id of the live partner token with this hash, if any.
    pub async fn partner_by_token_hash(&self, token_hash: &str) -> StoreResult<Option<i64>> {
        let sql = "SELECT id FROM partner_tokens WHERE token_hash = $1 AND revoked_at IS NULL";
        Ok(
            on_db!(self, p => sqlx::query_scalar::<_, i64>(sql).bind(token_hash).fetch_optional(p).await)?,
        )
    }

    pub async fn insert_partner_token(
        &self,
        name: &str,
        token_hash: &str,
        now: i64,
    ) -> StoreResult<i64> {
        let sql = "INSERT INTO partner_tokens (name, token_hash, created_at) VALUES ($1, $2, $3) RETURNING id";
        Ok(
            on_db!(self, p => sqlx::query_scalar::<_, i64>(sql).bind(name).bind(token_hash).bind(now).fetch_one(p).await)?,
        )
    }

    pub async fn user_by_token_hash(&self, token_hash: &str) -> StoreResult<Option<User>> {
        let sql = format!(
            "SELECT {} FROM users u JOIN user_tokens t ON t.user_id = u.id WHERE t.token_hash = $1",
            prefixed(USER_COLUMNS, "u.")
        );
        Ok(
            on_db!(self, p => sqlx::query_as::<_, User>(&sql).bind(token_hash).fetch_optional(p).await)?,
        )
    }

    /// Finds a user by login name, e-mail (case-insensitive) or phone digits.
    pub async fn user_by_login(
        &self,
        login: &str,
        phone_digits: Option<&str>,
    ) -> StoreResult<Option<User>> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users WHERE login = $1 OR (email <> '' AND email = $1) \
             OR (phone_digits IS NOT NULL AND phone_digits = $2) ORDER BY id LIMIT 1"
        );
        let login = login.trim().to_lowercase();
        Ok(
            on_db!(self, p => sqlx::query_as::<_, User>(&sql).bind(&login).bind(phone_digits).fetch_optional(p).await)?,
        )
    }

    pub async fn user_by_id(&self, id: i64) -> StoreResult<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        Ok(on_db!(self, p => sqlx::query_as::<_, User>(&sql).bind(id).fetch_optional(p).await)?)
    }

    pub async fn insert_user(&self, user: &NewUser, now: i64) -> StoreResult<i64> {
        let sql = "INSERT INTO users (name, login, email, phone, phone_digits, password_hash, created_at, updated_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id";
        let result = on_db!(self, p => sqlx::query_scalar::<_, i64>(sql)
            .bind(&user.name)
            .bind(user.login.trim().to_lowercase())
            .bind(user.email.trim().to_lowercase())
            .bind(&user.phone)
            .bind(&user.phone_digits)
            .bind(&user.password_hash)
            .bind(now)
            .fetch_one(p)
            .await);
        Ok(result?)
    }

    /// Replaces the password and revokes every user token issued under the old one.
    pub async fn set_user_password(
        &self,
        user_id: i64,
        password_hash: &str,
        now: i64,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let changed = on_tx!(&mut tx, c => sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(password_hash).bind(now).bind(user_id).execute(&mut **c).await.map(|r| r.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM user_tokens WHERE user_id = $1").bind(user_id).execute(&mut **c).await.map(|r| r.rows_affected()))?;
        tx.commit().await?;
        crate::access_changed();
        Ok(())
    }

    pub async fn insert_user_token(
        &self,
        user_id: i64,
        token_hash: &str,
        now: i64,
    ) -> StoreResult<()> {
        let sql = "INSERT INTO user_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3)";
        on_db!(self, p => sqlx::query(sql).bind(user_id).bind(token_hash).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Adds or changes a membership (the admin `grant` command).
    pub async fn upsert_membership(
        &self,
        user_id: i64,
        location_id: i64,
        role: &str,
        now: i64,
    ) -> StoreResult<()> {
        let sql = "INSERT INTO location_users (location_id, user_id, role, created_at) VALUES ($1, $2, $3, $4) \
                   ON CONFLICT (location_id, user_id) DO UPDATE SET role = excluded.role";
        on_db!(self, p => sqlx::query(sql).bind(location_id).bind(user_id).bind(role).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        crate::access_changed();
        Ok(())
    }
}

fn prefixed(columns: &str, prefix: &str) -> String {
    columns
        .split(", ")
        .map(|c| format!("{prefix}{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(sqlx::FromRow)]
struct AuthRow {
    partner_id: i64,
    user_id: Option<i64>,
    name: Option<String>,
    login: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    password_hash: Option<String>,
    avatar: Option<String>,
    is_approved: Option<bool>,
    is_email_confirmed: Option<bool>,
}

impl Db {
    /// The partner behind a partner-token digest and, when a user-token digest is given, that
    /// token's user — one round trip for every authenticated request.
    pub async fn authenticate(
        &self,
        partner_hash: &str,
        user_hash: Option<&str>,
    ) -> StoreResult<(Option<i64>, Option<User>)> {
        let sql = "SELECT p.id AS partner_id, u.id AS user_id, u.name, u.login, u.email, u.phone, u.password_hash, u.avatar, \
                   u.is_approved, u.is_email_confirmed FROM partner_tokens p \
                   LEFT JOIN user_tokens t ON t.token_hash = $2 LEFT JOIN users u ON u.id = t.user_id \
                   WHERE p.token_hash = $1 AND p.revoked_at IS NULL";
        let row = on_db!(self, p => sqlx::query_as::<_, AuthRow>(sql).bind(partner_hash).bind(user_hash).fetch_optional(p).await)?;
        let Some(r) = row else {
            return Ok((None, None));
        };
        let user = r.user_id.map(|id| User {
            id,
            name: r.name.unwrap_or_default(),
            login: r.login.unwrap_or_default(),
            email: r.email.unwrap_or_default(),
            phone: r.phone.unwrap_or_default(),
            password_hash: r.password_hash.unwrap_or_default(),
            avatar: r.avatar.unwrap_or_default(),
            is_approved: r.is_approved.unwrap_or(false),
            is_email_confirmed: r.is_email_confirmed.unwrap_or(false),
        });
        Ok((Some(r.partner_id), user))
    }
}
