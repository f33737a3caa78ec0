use axum::extract::State;
use bizd_domain::FieldErrors;

use super::json::{BookingPasswordBody, NewTokenDto};
use crate::app::AppState;
use crate::http::wire::text;
use crate::http::{ApiError, ApiResult, Envelope, Json, UserAuth};
use crate::security::{hash_password_blocking, new_token, token_hash, verify_password_blocking};

/// Online Booking User Password Update (`PUT /booking/user/password`, the full reference): the
/// current password (unless the account never had one: created by phone code) and a new one of
/// at least 6 characters. Every token of the user is revoked and a new one answered.
#[utoipa::path(
    put, path = "/booking/user/password", operation_id = "update_online_booking_user_password", tag = "Online Booking Users",
    request_body = BookingPasswordBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<NewTokenDto>))
)]
pub async fn update_online_booking_user_password(
    State(state): State<AppState>,
    UserAuth(user): UserAuth,
    Json(body): Json<BookingPasswordBody>,
) -> ApiResult<Envelope<NewTokenDto>> {
    let new_password = text(body.new_password).unwrap_or_default();
    let mut e = FieldErrors::new();
    if new_password.chars().count() < 6 {
        e.add("new_password", "At least 6 characters.");
    }
    e.into_result()?;
    if !user.password_hash.is_empty() {
        let old = text(body.old_password).unwrap_or_default();
        if !verify_password_blocking(old, user.password_hash.clone()).await {
            return Err(ApiError::field(
                "old_password",
                "The current password is wrong.",
            ));
        }
    }
    let hash = hash_password_blocking(new_password).await;
    let token = new_token();
    let now = state.clock.now();
    let mut tx = state.db.write().await?;
    bizd_store::auth::set_user_password(&mut tx, user.id, &hash, now).await?;
    bizd_store::auth::insert_user_token(&mut tx, user.id, &token_hash(&token), now).await?;
    tx.commit().await?;
    Ok(Envelope::one(NewTokenDto { user_token: token }))
}
