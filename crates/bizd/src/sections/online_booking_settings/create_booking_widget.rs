use axum::extract::State;
use axum::http::StatusCode;
use bizd_store::Lock;

use super::json::{BookingWidgetBody, BookingWidgetDto};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess};

/// Create a Booking Widget (`online-booking-settings/create_booking_widget.md`): `title` is
/// required; a new default form takes the flag from the previous one. Answers 201.
#[utoipa::path(
    post, path = "/company/{location_id}/booking_forms", operation_id = "create_booking_widget", tag = "Online Booking Settings",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = BookingWidgetBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<BookingWidgetDto>))
)]
pub async fn create_booking_widget(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Json(body): Json<BookingWidgetBody>,
) -> ApiResult<Envelope<BookingWidgetDto>> {
    let location_id = access.location.id;
    let fields = rules::form_fields(body, None)?;
    let mut tx = state.db.write().await?;
    // The location lock serializes changes of the default flag.
    tx.lock(&[Lock::Location(location_id)]).await?;
    let id =
        bizd_store::online_booking::forms::insert(&mut tx, location_id, &fields, state.clock.now())
            .await?;
    let form = rules::existing_form(&mut tx, location_id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(BookingWidgetDto::new(&form)).status(StatusCode::CREATED))
}
