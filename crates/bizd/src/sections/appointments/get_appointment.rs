use axum::extract::State;

use super::json::{AppointmentDto, AppointmentPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Get an Appointment (`appointments/get_appointment.md`). A deleted appointment is 404 here
/// (the list shows it with `with_deleted`).
#[utoipa::path(
    get, path = "/record/{location_id}/{record_id}", operation_id = "get_appointment", tag = "Appointments",
    params(AppointmentPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<AppointmentDto>))
)]
pub async fn get_appointment(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
    Path(path): Path<AppointmentPath>,
) -> ApiResult<Envelope<AppointmentDto>> {
    let location = &access.location;
    let mut c = state.db.read().await?;
    let a = rules::existing(&mut c, location.id, path.record_id.0).await?;
    access.check_team_member(a.row.team_member_id.unwrap_or(0))?;
    Ok(Envelope::one(AppointmentDto::new(&a, &location.tz)))
}
