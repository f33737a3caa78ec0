use axum::extract::State;
use axum::http::StatusCode;

use super::json::AppointmentPath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, LocationAccess, Path};

/// Delete Appointment (`DELETE /record/{location_id}/{record_id}`): 204. The slot and the
/// resource instances are free at once; the appointment stays readable in the list with
/// `with_deleted` (`deleted: true`), so that a sync sees the deletion.
#[utoipa::path(
    delete, path = "/record/{location_id}/{record_id}", operation_id = "delete_appointment", tag = "Appointments",
    params(AppointmentPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 204, description = "Deleted"))
)]
pub async fn delete_appointment(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
    Path(path): Path<AppointmentPath>,
) -> ApiResult<StatusCode> {
    let location = &access.location;
    let id = path.record_id.0;
    let mut tx = state.db.write().await?;
    tx.lock(&[bizd_store::Lock::Record(id)]).await?;
    let current = rules::existing(&mut tx, location.id, id).await?;
    access.check_team_member(current.row.team_member_id.unwrap_or(0))?;
    let now = state.clock.now();
    bizd_store::appointments::write::delete(&mut tx, location.id, id, now).await?;
    bizd_store::appointments::visits::settle(&mut tx, &[current.row.visit_id], now).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
