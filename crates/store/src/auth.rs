//! Partner tokens, users, user tokens and location memberships. Tokens arrive here already
//! hashed: the store never sees a usable secret.

use sea_query::{Alias, Cond, Expr, Iden, OnConflict, Query, SelectStatement};

use crate::{Conn, StoreError, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum PartnerTokens {
    Table,
    Id,
    Name,
    TokenHash,
    CreatedAt,
    RevokedAt,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum Users {
    Table,
    Id,
    Name,
    Login,
    Email,
    Phone,
    PhoneDigits,
    PasswordHash,
    Avatar,
    IsApproved,
    IsEmailConfirmed,
    CreatedAt,
    UpdatedAt,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum UserTokens {
    Table,
    UserId,
    TokenHash,
    CreatedAt,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum LocationUsers {
    Table,
    LocationId,
    UserId,
    Role,
    IsApproved,
    Permissions,
    Information,
    CreatedAt,
}

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
crate::sqlite_row!(User {
    id,
    name,
    login,
    email,
    phone,
    password_hash,
    avatar,
    is_approved,
    is_email_confirmed
});

#[derive(Debug, Clone)]
pub struct NewUser {
    pub name: String,
    pub login: String,
    pub email: String,
    pub phone: String,
    pub phone_digits: Option<String>,
    pub password_hash: String,
}

const USER_COLUMNS: [Users; 9] = [
    Users::Id,
    Users::Name,
    Users::Login,
    Users::Email,
    Users::Phone,
    Users::PasswordHash,
    Users::Avatar,
    Users::IsApproved,
    Users::IsEmailConfirmed,
];

fn select_users() -> SelectStatement {
    Query::select()
        .columns(USER_COLUMNS.map(|c| (Users::Table, c)))
        .from(Users::Table)
        .to_owned()
}

/// The id of the live partner token with this hash, if any.
pub async fn partner_by_token_hash(c: &mut Conn<'_>, token_hash: &str) -> StoreResult<Option<i64>> {
    let stmt = Query::select()
        .column(PartnerTokens::Id)
        .from(PartnerTokens::Table)
        .and_where(Expr::col(PartnerTokens::TokenHash).eq(token_hash))
        .and_where(Expr::col(PartnerTokens::RevokedAt).is_null())
        .to_owned();
    c.scalar(&stmt).await
}

pub async fn insert_partner_token(
    c: &mut Conn<'_>,
    name: &str,
    token_hash: &str,
    now: i64,
) -> StoreResult<i64> {
    let stmt = Query::insert()
        .into_table(PartnerTokens::Table)
        .columns([
            PartnerTokens::Name,
            PartnerTokens::TokenHash,
            PartnerTokens::CreatedAt,
        ])
        .values_panic([name.into(), token_hash.into(), now.into()])
        .returning_col(PartnerTokens::Id)
        .to_owned();
    c.scalar(&stmt).await?.ok_or(StoreError::NotFound)
}

pub async fn user_by_token_hash(c: &mut Conn<'_>, token_hash: &str) -> StoreResult<Option<User>> {
    let stmt = select_users()
        .inner_join(
            UserTokens::Table,
            Expr::col((UserTokens::Table, UserTokens::UserId)).equals((Users::Table, Users::Id)),
        )
        .and_where(Expr::col((UserTokens::Table, UserTokens::TokenHash)).eq(token_hash))
        .to_owned();
    c.optional(&stmt).await
}

/// Finds a user by login name, e-mail (case-insensitive) or phone digits.
pub async fn user_by_login(
    c: &mut Conn<'_>,
    login: &str,
    phone_digits: Option<&str>,
) -> StoreResult<Option<User>> {
    let login = login.trim().to_lowercase();
    let mut any = Cond::any()
        .add(Expr::col(Users::Login).eq(login.as_str()))
        .add(
            Cond::all()
                .add(Expr::col(Users::Email).ne(""))
                .add(Expr::col(Users::Email).eq(login.as_str())),
        );
    if let Some(digits) = phone_digits {
        any = any.add(Expr::col(Users::PhoneDigits).eq(digits));
    }
    let stmt = select_users()
        .cond_where(any)
        .order_by(Users::Id, sea_query::Order::Asc)
        .limit(1)
        .to_owned();
    c.optional(&stmt).await
}

pub async fn user_by_id(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<User>> {
    let stmt = select_users()
        .and_where(Expr::col(Users::Id).eq(id))
        .to_owned();
    c.optional(&stmt).await
}

pub async fn insert_user(c: &mut Conn<'_>, user: &NewUser, now: i64) -> StoreResult<i64> {
    let stmt = Query::insert()
        .into_table(Users::Table)
        .columns([
            Users::Name,
            Users::Login,
            Users::Email,
            Users::Phone,
            Users::PhoneDigits,
            Users::PasswordHash,
            Users::CreatedAt,
            Users::UpdatedAt,
        ])
        .values_panic([
            user.name.as_str().into(),
            user.login.trim().to_lowercase().into(),
            user.email.trim().to_lowercase().into(),
            user.phone.as_str().into(),
            user.phone_digits.clone().into(),
            user.password_hash.as_str().into(),
            now.into(),
            now.into(),
        ])
        .returning_col(Users::Id)
        .to_owned();
    c.scalar(&stmt).await?.ok_or(StoreError::NotFound)
}

/// Replaces the password and revokes every user token issued under the old one (run it in a
/// write transaction: both or neither).
pub async fn set_user_password(
    c: &mut Conn<'_>,
    user_id: i64,
    password_hash: &str,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Users::Table)
        .values([
            (Users::PasswordHash, password_hash.into()),
            (Users::UpdatedAt, now.into()),
        ])
        .and_where(Expr::col(Users::Id).eq(user_id))
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    let revoke = Query::delete()
        .from_table(UserTokens::Table)
        .and_where(Expr::col(UserTokens::UserId).eq(user_id))
        .to_owned();
    c.execute(&revoke).await?;
    c.note_access_change();
    Ok(())
}

pub async fn insert_user_token(
    c: &mut Conn<'_>,
    user_id: i64,
    token_hash: &str,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(UserTokens::Table)
        .columns([
            UserTokens::UserId,
            UserTokens::TokenHash,
            UserTokens::CreatedAt,
        ])
        .values_panic([user_id.into(), token_hash.into(), now.into()])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Adds or changes a membership (the admin `grant` command).
pub async fn upsert_membership(
    c: &mut Conn<'_>,
    user_id: i64,
    location_id: i64,
    role: &str,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(LocationUsers::Table)
        .columns([
            LocationUsers::LocationId,
            LocationUsers::UserId,
            LocationUsers::Role,
            LocationUsers::CreatedAt,
        ])
        .values_panic([location_id.into(), user_id.into(), role.into(), now.into()])
        .on_conflict(
            // An invited user granted a role by the operator is a member from now on.
            OnConflict::columns([LocationUsers::LocationId, LocationUsers::UserId])
                .update_column(LocationUsers::Role)
                .value(LocationUsers::IsApproved, true)
                .to_owned(),
        )
        .to_owned();
    c.execute(&stmt).await?;
    c.note_access_change();
    Ok(())
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
crate::sqlite_row!(AuthRow {
    partner_id,
    user_id,
    name,
    login,
    email,
    phone,
    password_hash,
    avatar,
    is_approved,
    is_email_confirmed
});

/// The partner behind a partner-token digest and, when a user-token digest is given, that
/// token's user — one round trip for every authenticated request.
pub async fn authenticate(
    c: &mut Conn<'_>,
    partner_hash: &str,
    user_hash: Option<&str>,
) -> StoreResult<(Option<i64>, Option<User>)> {
    let p = Alias::new("p");
    let t = Alias::new("t");
    let u = Alias::new("u");
    let stmt = Query::select()
        .expr_as(
            Expr::col((p.clone(), PartnerTokens::Id)),
            Alias::new("partner_id"),
        )
        .expr_as(Expr::col((u.clone(), Users::Id)), Alias::new("user_id"))
        .columns(
            [
                Users::Name,
                Users::Login,
                Users::Email,
                Users::Phone,
                Users::PasswordHash,
                Users::Avatar,
                Users::IsApproved,
                Users::IsEmailConfirmed,
            ]
            .map(|c| (u.clone(), c)),
        )
        .from_as(PartnerTokens::Table, p.clone())
        .join_as(
            sea_query::JoinType::LeftJoin,
            UserTokens::Table,
            t.clone(),
            Expr::col((t.clone(), UserTokens::TokenHash)).eq(user_hash),
        )
        .join_as(
            sea_query::JoinType::LeftJoin,
            Users::Table,
            u.clone(),
            Expr::col((u.clone(), Users::Id)).equals((t, UserTokens::UserId)),
        )
        .and_where(Expr::col((p.clone(), PartnerTokens::TokenHash)).eq(partner_hash))
        .and_where(Expr::col((p, PartnerTokens::RevokedAt)).is_null())
        .to_owned();
    let Some(r) = c.optional::<AuthRow>(&stmt).await? else {
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

/// Changes a user's name, e-mail and phone (the booking-site profile).
pub async fn update_user_profile(
    c: &mut Conn<'_>,
    user_id: i64,
    name: &str,
    email: &str,
    phone: &str,
    now: i64,
) -> StoreResult<()> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let stmt = Query::update()
        .table(Users::Table)
        .values([
            (Users::Name, name.into()),
            (Users::Email, email.to_lowercase().into()),
            (Users::Phone, phone.into()),
            (
                Users::PhoneDigits,
                (!digits.is_empty()).then_some(digits).into(),
            ),
            (Users::UpdatedAt, now.into()),
        ])
        .and_where(Expr::col(Users::Id).eq(user_id))
        .to_owned();
    match c.execute(&stmt).await? {
        0 => Err(StoreError::NotFound),
        _ => Ok(()),
    }
}
