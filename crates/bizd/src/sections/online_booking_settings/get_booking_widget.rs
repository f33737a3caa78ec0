use axum::extract::State;

use super::json::{BookingFormPath, BookingWidgetDto};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Get a Booking Widget (`online-booking-settings/get_booking_widget.md`); 404 for a form of
/// another location or a deleted one.
#[utoipa::path(
    get, path = "/company/{location_id}/booking_forms/{form_id}", operation_id = "get_booking_widget", tag = "Online Booking Settings",
    params(BookingFormPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<BookingWidgetDto>))
)]
pub async fn get_booking_widget(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<BookingFormPath>,
) -> ApiResult<Envelope<BookingWidgetDto>> {
    let mut c = state.db.read().await?;
    let form = rules::existing_form(&mut c, access.location.id, path.form_id.0).await?;
    Ok(Envelope::one(BookingWidgetDto::new(&form)))
}
