use std::sync::LazyLock;

use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::FieldErrors;

use super::json::{AuthorizeBody, AuthorizedUser};
use crate::app::AppState;
use crate::http::wire::Text;
use crate::http::{ApiError, ApiResult, Envelope, Json, PartnerAuth};
use crate::security::{
    hash_password, new_token, phone_digits, token_hash, verify_password_blocking,
};

/// The hash of a random password, checked when the login is unknown so that the answer takes
/// as long as for a wrong password (no user enumeration by timing).
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| hash_password(&new_token()));

/// Authorize user (`authentication-b2b/authorize_user.md`): login + password → user token.
#[utoipa::path(
    post, path = "/auth", operation_id = "authorize_user", tag = "Authentication B2B",
    request_body = AuthorizeBody,
    security(("BearerPartner" = [])),
    responses((status = 201, body = Envelope<AuthorizedUser>))
)]
pub async fn authorize_user(
    State(state): State<AppState>,
    _partner: PartnerAuth,
    Json(body): Json<AuthorizeBody>,
) -> ApiResult<Envelope<AuthorizedUser>> {
    let user = sign_in(&state, body.login, body.password).await?;
    Ok(Envelope::one(user).status(StatusCode::CREATED))
}

/// Login + password → a new user token (also how booking-site users sign in,
/// `POST /booking/auth`): 422 for a missing field, 401 for a wrong pair, in the same time
/// whether or not the login exists.
pub async fn sign_in(
    state: &AppState,
    login: Option<Text>,
    password: Option<Text>,
) -> ApiResult<AuthorizedUser> {
    let mut errors = FieldErrors::new();
    let login = login.map(Text::into_inner).unwrap_or_default();
    let password = password.map(Text::into_inner).unwrap_or_default();
    if login.trim().is_empty() {
        errors.add("login", "The login field is required.");
    }
    if password.is_empty() {
        errors.add("password", "The password field is required.");
    }
    errors.into_result()?;

    let user = bizd_store::auth::user_by_login(
        &mut state.db.read().await?,
        &login,
        phone_digits(&login).as_deref(),
    )
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
    let mut tx = state.db.write().await?;
    bizd_store::auth::insert_user_token(&mut tx, user.id, &token_hash(&token), state.clock.now())
        .await?;
    tx.commit().await?;
    Ok(AuthorizedUser::new(user, token))
}
