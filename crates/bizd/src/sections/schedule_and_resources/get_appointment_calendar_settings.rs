use axum::extract::State;

use super::json::TimetableSettingsDto;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess};

/// Retrieving Appointment Calendar Settings
/// (`schedule-and-resources/get_appointment_calendar_settings.md`): every location has them
/// from its creation (defaults: mixed appointments, one seat, no agreements, 15-minute step).
/// `meta` is `[]`.
#[utoipa::path(
    get, path = "/company/{location_id}/settings/timetable", operation_id = "get_appointment_calendar_settings", tag = "Schedule & Resources",
    params(("location_id" = i64, Path, description = "Location ID")),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<TimetableSettingsDto>))
)]
pub async fn get_appointment_calendar_settings(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
) -> ApiResult<Envelope<TimetableSettingsDto>> {
    let mut c = state.db.read().await?;
    let settings = bizd_store::schedules::timetable_settings(&mut c, access.location.id).await?;
    Ok(Envelope::one(settings.into()))
}
