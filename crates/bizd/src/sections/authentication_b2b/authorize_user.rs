use std::sync::LazyLock;

use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::time::now_unix;
use bizd_domain::FieldErrors;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::app::AppState;
use crate::http::wire::Text;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, Json, PartnerAuth};
use crate::security::{
    hash_password, new_token, phone_digits, token_hash, verify_password_blocking,
};

#[derive(Debug, Deserialize, ToSchema)]
pub struct AuthorizeBody {
    /// Phone number (`+13155550175`) or e-mail address.
    pub login: Option<Text>,
    pub password: Option<Text>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorizedUser {
    pub id: i64,
    pub user_token: String,
    pub name: String,
    pub phone: String,
    pub login: String,
    pub email: String,
    pub avatar: String,
    pub is_approved: bool,
    pub is_email_confirmed: bool,
}

/// The hash of a random password, checked when the login is unknown so that the answer takes
/// as long as for a wrong password (no user enumeration by timing).
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| hash_password(&new_token()));

/// Authorize user (`authentication-b2b/authorize_user.md`): login + password → user token.
#[utoipa::path(
    post, path = "/auth", operation_id = "authorize_user", tag = "Authentication B2B",
    request_body = AuthorizeBody,
    security(("BearerPartner" = [])),
    responses(
        (status = 201, body = Envelope<AuthorizedUser>),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub async fn authorize_user(
    State(state): State<AppState>,
    _partner: PartnerAuth,
    Json(body): Json<AuthorizeBody>,
) -> ApiResult<Envelope<AuthorizedUser>> {
    let mut errors = FieldErrors::new();
    let login = body.login.map(Text::into_inner).unwrap_or_default();
    let password = body.password.map(Text::into_inner).unwrap_or_default();
    if login.trim().is_empty() {
        errors.add("login", "The login field is required.");
    }
    if password.is_empty() {
        errors.add("password", "The password field is required.");
    }
    errors.into_result()?;

    let user = state
        .db
        .user_by_login(&login, phone_digits(&login).as_deref())
        .await?;
    let stored = user
        .as_ref()
        .map_or(DUMMY_HASH.as_str(), |u| u.password_hash.as_str())
        .to_owned();
    let valid = verify_password_blocking(password, stored).await;
    let user = match user {
        Some(user) if valid => user,
        _ => return Err(ApiError::InvalidCredentials),
    };
    let token = new_token();
    state
        .db
        .insert_user_token(user.id, &token_hash(&token), now_unix())
        .await?;
    let data = AuthorizedUser {
        id: user.id,
        user_token: token,
        name: user.name,
        phone: user.phone,
        login: user.login,
        email: user.email,
        avatar: user.avatar,
        is_approved: user.is_approved,
        is_email_confirmed: user.is_email_confirmed,
    };
    Ok(Envelope::one(data).status(StatusCode::CREATED))
}
