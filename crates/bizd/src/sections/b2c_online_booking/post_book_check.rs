use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;

use super::json::{BookCheckBody, BookLocationPath};
use super::rules::{self, Flow};
use crate::app::AppState;
use crate::http::{ApiResult, BookingLocation, Envelope, Json, Path};

/// Validate Booking Parameters (`b2c-online-booking/post_book_check.md`): the same placement
/// `book_record` makes (services offered, a team member free — any one with `staff_id` 0 —,
/// inside the window and notice, no overlap within the request), without writing. 201 with
/// `meta.message` `Created` when bookable; else 422 with the reference's numbered errors.
#[utoipa::path(
    post, path = "/book_check/{location_id}", operation_id = "post_book_check", tag = "Online Booking",
    params(BookLocationPath),
    request_body = BookCheckBody,
    security(("BearerPartner" = [])),
    responses((status = 201, body = Envelope<Option<String>>))
)]
pub async fn post_book_check(
    State(state): State<AppState>,
    access: BookingLocation,
    Path(_path): Path<BookLocationPath>,
    Json(body): Json<BookCheckBody>,
) -> ApiResult<Envelope<Option<String>>> {
    let location = &access.location;
    let wanted = rules::wanted(body.appointments.unwrap_or_default(), location)?;
    let mut c = state.db.snapshot().await?;
    let flow = Flow::load(&mut c, location, state.clock.now()).await?;
    rules::place(&mut c, location, &flow, &wanted, None).await?;
    Ok(Envelope::with_meta(None, json!({ "message": "Created" })).status(StatusCode::CREATED))
}
