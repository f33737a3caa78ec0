use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::client::normalize_phone;
use serde_json::json;

use super::json::{BookCodeBody, BookLocationPath};
use super::{phone_codes, rules};
use crate::app::AppState;
use crate::http::wire::text;
use crate::http::{ApiResult, BookingLocation, Envelope, Json, Path};

/// Send SMS verification code for phone number (`POST /book_code/{location_id}`, the full
/// reference): a six-digit code for the phone, valid ten minutes, put in the outbox (read by
/// operators with `bizd admin outbox` until a gateway sends it). A bad phone is 422 code 431;
/// more than five codes for one phone within an hour is 429. Answers 201.
#[utoipa::path(
    post, path = "/book_code/{location_id}", operation_id = "post_book_code", tag = "Online Booking",
    params(BookLocationPath),
    request_body = BookCodeBody,
    security(("BearerPartner" = [])),
    responses((status = 201, body = Envelope<Option<String>>))
)]
pub async fn post_book_code(
    State(state): State<AppState>,
    access: BookingLocation,
    Path(_path): Path<BookLocationPath>,
    Json(body): Json<BookCodeBody>,
) -> ApiResult<Envelope<Option<String>>> {
    let phone = text(body.phone).unwrap_or_default();
    let phone = normalize_phone(&phone)
        .ok()
        .filter(|p| !p.is_empty())
        .ok_or_else(|| rules::refuse(431, "Invalid phone number format.", None))?;
    phone_codes::send(&state, Some(access.location.id), &phone).await?;
    Ok(Envelope::with_meta(None, json!({ "message": "Created" })).status(StatusCode::CREATED))
}
