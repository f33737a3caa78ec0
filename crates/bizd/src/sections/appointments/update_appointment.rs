use axum::extract::State;

use super::json::{AppointmentBody, AppointmentDto, AppointmentPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Edit Appointment (`appointments/update_appointment.md`). Fields not sent keep their values;
/// a new time, team member or services are checked as a booking is, the appointment itself
/// excluded. The appointment and the team members it leaves and joins are locked first, then
/// it is read again and merged.
#[utoipa::path(
    put, path = "/record/{location_id}/{record_id}", operation_id = "update_appointment", tag = "Appointments",
    params(AppointmentPath),
    request_body = AppointmentBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<AppointmentDto>))
)]
pub async fn update_appointment(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
    Path(path): Path<AppointmentPath>,
    Json(body): Json<AppointmentBody>,
) -> ApiResult<Envelope<AppointmentDto>> {
    let location = &access.location;
    let id = path.record_id.0;
    let mut tx = state.db.write().await?;
    // The team member it has now, read unlocked, only to know what to lock; read again after.
    let before = rules::existing(&mut tx, location.id, id).await?;
    let old_member = before.row.team_member_id;
    tx.lock(&[bizd_store::Lock::Record(id)]).await?;
    let current = rules::existing(&mut tx, location.id, id).await?;
    let draft = rules::draft(body, Some(&current), location)?;
    let ids: Vec<i64> = draft.services.iter().map(|s| s.id).collect();
    let resources =
        bizd_store::schedules::resources_of_services(&mut tx, location.id, &ids).await?;
    let mut locks = rules::locks(location.id, &draft, old_member, &resources);
    locks.extend(current.row.team_member_id.map(bizd_store::Lock::TeamMember));
    tx.lock(&locks).await?;
    let current = rules::existing(&mut tx, location.id, id).await?;
    let now = state.clock.now();
    rules::book(
        &mut tx,
        location,
        draft,
        &resources,
        Some(&current),
        None,
        now,
    )
    .await?;
    let updated = rules::existing(&mut tx, location.id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(AppointmentDto::new(&updated, &location.tz)))
}
