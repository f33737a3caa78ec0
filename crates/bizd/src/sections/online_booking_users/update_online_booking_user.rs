use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::client::normalize_phone;
use bizd_domain::FieldErrors;
use serde_json::json;

use super::json::BookingUserBody;
use crate::app::AppState;
use crate::http::wire::text;
use crate::http::{ApiResult, Envelope, Json, UserAuth};
use crate::sections::b2c_online_booking::phone_codes;
use crate::security::phone_digits;

/// Updating User Data in Online Booking (`PUT /booking/user`, the full reference): only the
/// fields sent change. A new phone needs `confirmation_code`, the live code sent to that phone
/// (`GET /booking/user/phone_confirmation`): 422 code 432 otherwise — the phone is what names
/// the user's appointments, so it is never changed unconfirmed. Answers 202 `Accepted`.
#[utoipa::path(
    put, path = "/booking/user", operation_id = "update_online_booking_user", tag = "Online Booking Users",
    request_body = BookingUserBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 202, body = Envelope<Option<String>>))
)]
pub async fn update_online_booking_user(
    State(state): State<AppState>,
    UserAuth(user): UserAuth,
    Json(body): Json<BookingUserBody>,
) -> ApiResult<Envelope<Option<String>>> {
    let mut e = FieldErrors::new();
    let name = text(body.name)
        .map(|n| n.trim().to_owned())
        .unwrap_or(user.name.clone());
    if name.chars().count() > 255 {
        e.add("name", "At most 255 characters.");
    }
    let email = text(body.email)
        .map(|m| m.trim().to_owned())
        .unwrap_or(user.email.clone());
    if !email.is_empty() && !email.contains('@') {
        e.add("email", "An e-mail address.");
    }
    let mut phone = user.phone.clone();
    let mut code_id = None;
    if let Some(raw) = text(body.phone) {
        match normalize_phone(&raw) {
            Ok(digits) if Some(&digits) != phone_digits(&user.phone).as_ref() => {
                e.into_result()?;
                let code = text(body.confirmation_code).unwrap_or_default();
                code_id = Some(phone_codes::check(&state, &digits, &code).await?);
                phone = format!("+{digits}");
                e = FieldErrors::new();
            }
            Ok(_) => {}
            Err(message) => e.add("phone", message),
        }
    }
    e.into_result()?;
    let now = state.clock.now();
    let mut tx = state.db.write().await?;
    if let Some(id) = code_id {
        if !bizd_store::online_booking::codes::use_code(&mut tx, id, now).await? {
            return Err(crate::sections::b2c_online_booking::rules::refuse(
                432,
                "Incorrect SMS verification code.",
                None,
            ));
        }
    }
    bizd_store::auth::update_user_profile(&mut tx, user.id, &name, &email, &phone, now).await?;
    tx.note_access_change();
    tx.commit().await?;
    Ok(Envelope::with_meta(None, json!({ "message": "Accepted" })).status(StatusCode::ACCEPTED))
}
