use axum::extract::State;

use super::json::BookingWidgetDto;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess};

/// Get a list of booking widgets (`GET /company/{location_id}/booking_forms`): the location's
/// live forms by id; every location has its default form from creation.
#[utoipa::path(
    get, path = "/company/{location_id}/booking_forms", operation_id = "get_booking_widget_list", tag = "Online Booking Settings",
    params(("location_id" = i64, Path, description = "Location ID")),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<BookingWidgetDto>>))
)]
pub async fn get_booking_widget_list(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
) -> ApiResult<Envelope<Vec<BookingWidgetDto>>> {
    let mut c = state.db.read().await?;
    let forms = bizd_store::online_booking::forms::list(&mut c, access.location.id).await?;
    Ok(Envelope::one(
        forms.iter().map(BookingWidgetDto::new).collect(),
    ))
}
