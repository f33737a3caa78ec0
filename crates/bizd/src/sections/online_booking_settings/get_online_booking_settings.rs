use axum::extract::State;

use super::json::OnlineBookingSettingsDto;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess};

/// Getting Online Booking Settings (`GET /company/{location_id}/settings/online`, the full
/// reference): every location has them from its creation (no phone confirmation, "any team
/// member" on, no notice, 60 days ahead, the calendar's step, no per-client limit).
#[utoipa::path(
    get, path = "/company/{location_id}/settings/online", operation_id = "get_online_booking_settings", tag = "Online Booking Settings",
    params(("location_id" = i64, Path, description = "Location ID")),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<OnlineBookingSettingsDto>))
)]
pub async fn get_online_booking_settings(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
) -> ApiResult<Envelope<OnlineBookingSettingsDto>> {
    let mut c = state.db.read().await?;
    let s = bizd_store::online_booking::settings(&mut c, access.location.id).await?;
    Ok(Envelope::one(s.into()))
}
