use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::client::normalize_phone;
use serde_json::json;

use super::json::PhoneConfirmationQuery;
use crate::app::AppState;
use crate::http::wire::text;
use crate::http::{ApiError, ApiResult, Envelope, Query, UserAuth};
use crate::sections::b2c_online_booking::{phone_codes, rules::refuse};

/// Send SMS verification code for phone number to change data
/// (`GET /booking/user/phone_confirmation`, the full reference): a code for the new `phone`,
/// through the outbox, for `PUT /booking/user`. `company_id` or `group_id` names where the user
/// books (one is required; 404 for neither existing). Answers 202 `Accepted`; the hourly limit
/// per phone applies (429).
#[utoipa::path(
    get, path = "/booking/user/phone_confirmation", operation_id = "send_phone_confirmation_code", tag = "Online Booking Users",
    params(PhoneConfirmationQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 202, body = Envelope<Option<String>>))
)]
pub async fn send_phone_confirmation_code(
    State(state): State<AppState>,
    UserAuth(_user): UserAuth,
    Query(q): Query<PhoneConfirmationQuery>,
) -> ApiResult<Envelope<Option<String>>> {
    let phone = normalize_phone(&text(q.phone).unwrap_or_default())
        .ok()
        .filter(|p| !p.is_empty())
        .ok_or_else(|| refuse(431, "Invalid phone number format.", None))?;
    let location_id = match (q.company_id.map(|v| v.0), q.group_id.map(|v| v.0)) {
        (Some(id), _) => {
            let mut c = state.db.read().await?;
            bizd_store::locations::get(&mut c, id)
                .await?
                .filter(|l| l.deleted_at.is_none())
                .ok_or_else(|| ApiError::NotFound("Location not found.".into()))?;
            Some(id)
        }
        (None, Some(id)) => {
            let mut c = state.db.read().await?;
            bizd_store::locations::chain_title(&mut c, id)
                .await?
                .ok_or_else(|| ApiError::NotFound("Chain not found.".into()))?;
            None
        }
        (None, None) => {
            return Err(ApiError::field(
                "company_id",
                "The company_id or group_id is required.",
            ))
        }
    };
    phone_codes::send(&state, location_id, &phone).await?;
    Ok(Envelope::with_meta(None, json!({ "message": "Accepted" })).status(StatusCode::ACCEPTED))
}
