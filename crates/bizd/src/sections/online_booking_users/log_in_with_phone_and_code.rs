use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::client::normalize_phone;
use bizd_store::auth::NewUser;

use super::json::PhoneCodeBody;
use crate::app::AppState;
use crate::http::wire::text;
use crate::http::{ApiError, ApiResult, Envelope, Json, PartnerAuth};
use crate::sections::authentication_b2b::authorize_user::sign_in;
use crate::sections::authentication_b2b::json::AuthorizedUser;
use crate::sections::b2c_online_booking::{phone_codes, rules::refuse};
use crate::security::{new_token, token_hash};

/// Log in with phone number and code (`POST /user/auth`, the full reference): the phone and the
/// live code sent to it (`book_code`) → a user token for the account with that phone, created
/// on first sign-in (no password until one is set). A wrong or dead code is 422 code 432 (five
/// wrong attempts kill a code). `login` + `password`, as the reference's sample sends, sign in
/// as `POST /booking/auth` does. Answers 201.
#[utoipa::path(
    post, path = "/user/auth", operation_id = "log_in_with_phone_and_code", tag = "Online Booking Users",
    request_body = PhoneCodeBody,
    security(("BearerPartner" = [])),
    responses((status = 201, body = Envelope<AuthorizedUser>))
)]
pub async fn log_in_with_phone_and_code(
    State(state): State<AppState>,
    _partner: PartnerAuth,
    Json(body): Json<PhoneCodeBody>,
) -> ApiResult<Envelope<AuthorizedUser>> {
    let Some(raw) = text(body.phone) else {
        let user = sign_in(&state, body.login, body.password).await?;
        return Ok(Envelope::one(user).status(StatusCode::CREATED));
    };
    let phone = normalize_phone(&raw)
        .ok()
        .filter(|p| !p.is_empty())
        .ok_or_else(|| refuse(431, "Invalid phone number format.", None))?;
    let code = text(body.code).unwrap_or_default();
    if code.trim().is_empty() {
        return Err(ApiError::field("code", "The code field is required."));
    }
    let code_id = phone_codes::check(&state, &phone, &code).await?;
    let now = state.clock.now();
    let mut tx = state.db.write().await?;
    if !bizd_store::online_booking::codes::use_code(&mut tx, code_id, now).await? {
        return Err(refuse(432, "Incorrect SMS verification code.", None));
    }
    let user = match bizd_store::auth::user_by_login(&mut tx, &phone, Some(&phone)).await? {
        Some(u) => u,
        None => {
            let new = NewUser {
                name: String::new(),
                login: phone.clone(),
                email: String::new(),
                phone: format!("+{phone}"),
                phone_digits: Some(phone.clone()),
                // No password: `PUT /booking/user/password` sets the first one.
                password_hash: String::new(),
            };
            let id = bizd_store::auth::insert_user(&mut tx, &new, now).await?;
            bizd_store::auth::user_by_id(&mut tx, id)
                .await?
                .ok_or_else(|| ApiError::Internal("the new user vanished".into()))?
        }
    };
    let token = new_token();
    bizd_store::auth::insert_user_token(&mut tx, user.id, &token_hash(&token), now).await?;
    tx.commit().await?;
    Ok(Envelope::one(AuthorizedUser::new(user, token)).status(StatusCode::CREATED))
}
