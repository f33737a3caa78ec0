use axum::extract::State;
use bizd_store::Lock;

use super::json::{BookingFormPath, BookingWidgetBody, BookingWidgetDto};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Change Booking Widget (`PATCH /company/{location_id}/booking_forms/{form_id}`): only the
/// fields sent change. Making a form the default clears the flag on the others; clearing it on
/// the default form is 422 (a location always has one).
#[utoipa::path(
    patch, path = "/company/{location_id}/booking_forms/{form_id}", operation_id = "update_booking_widget", tag = "Online Booking Settings",
    params(BookingFormPath),
    request_body = BookingWidgetBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<BookingWidgetDto>))
)]
pub async fn update_booking_widget(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<BookingFormPath>,
    Json(body): Json<BookingWidgetBody>,
) -> ApiResult<Envelope<BookingWidgetDto>> {
    let (location_id, id) = (access.location.id, path.form_id.0);
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Location(location_id)]).await?;
    let current = rules::existing_form(&mut tx, location_id, id).await?;
    let fields = rules::form_fields(body, Some(&current))?;
    let now = state.clock.now();
    bizd_store::online_booking::forms::update(&mut tx, location_id, id, &fields, now).await?;
    let form = rules::existing_form(&mut tx, location_id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(BookingWidgetDto::new(&form)))
}
