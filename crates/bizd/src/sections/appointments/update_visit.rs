use axum::extract::State;
use bizd_domain::validation::FieldErrors;

use super::json::{VisitAppointmentPath, VisitBody, VisitDto};
use super::rules;
use crate::app::AppState;
use crate::http::wire::text;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};
use bizd_store::Lock;

/// Edit Visit (`appointments/update_visit.md`): `attendance` applies to every appointment of the
/// visit (and so to the client's visit counters); `comment` to the appointment `record_id`,
/// which must belong to the visit. Service and product lines sent here are accepted and left
/// alone: services change through the appointment, products come with their section.
#[utoipa::path(
    put, path = "/visits/{visit_id}/{record_id}", operation_id = "update_visit", tag = "Appointments",
    params(VisitAppointmentPath),
    request_body = VisitBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<VisitDto>))
)]
pub async fn update_visit(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
    Path(path): Path<VisitAppointmentPath>,
    Json(body): Json<VisitBody>,
) -> ApiResult<Envelope<VisitDto>> {
    let tz = &access.location.tz;
    let mut e = FieldErrors::new();
    let attendance = body.attendance.map(|a| a.0);
    if attendance.is_some_and(|a| !bizd_domain::visit::valid_attendance(a)) {
        e.add("attendance", "The attendance is -1, 0, 1 or 2.");
    }
    e.into_result()?;
    let (visit_id, record_id) = (path.visit_id.0, path.record_id.0);
    let mut tx = state.db.write().await?;
    let not_found = || ApiError::NotFound("Visit not found.".into());
    // The lock order of appointment changes: the appointments first (what they are is read
    // unlocked only to name them), then the client and the visit; then read again.
    let visit = rules::existing_visit(&mut tx, access.location.id, visit_id).await?;
    let records = bizd_store::appointments::of_visit(&mut tx, visit.id).await?;
    let record_locks: Vec<Lock> = records.iter().map(|a| Lock::Record(a.row.id)).collect();
    tx.lock(&record_locks).await?;
    let mut locks = vec![Lock::Visit(visit.id)];
    locks.extend(visit.client_id.map(Lock::Client));
    tx.lock(&locks).await?;
    let records = bizd_store::appointments::of_visit(&mut tx, visit.id).await?;
    let record = records
        .iter()
        .find(|a| a.row.id == record_id)
        .ok_or_else(not_found)?;
    // A user narrowed to one team member's calendar changes the visit only through that team
    // member's appointment, and its attendance only when every appointment of it is theirs.
    access.check_team_member(record.row.team_member_id.unwrap_or(0))?;
    if attendance.is_some() {
        for a in &records {
            access.check_team_member(a.row.team_member_id.unwrap_or(0))?;
        }
    }
    let now = state.clock.now();
    if let Some(comment) = text(body.comment) {
        bizd_store::appointments::write::set_comment(&mut tx, record.row.id, &comment, now).await?;
    }
    if let Some(a) = attendance {
        bizd_store::appointments::write::set_visit_attendance(&mut tx, visit.id, a, now).await?;
    }
    bizd_store::appointments::visits::settle(&mut tx, &[visit.id], now).await?;
    let visit = bizd_store::appointments::visits::get(&mut tx, visit.id)
        .await?
        .ok_or_else(not_found)?;
    let records = bizd_store::appointments::of_visit(&mut tx, visit.id).await?;
    tx.commit().await?;
    Ok(Envelope::one(VisitDto::new(
        &visit,
        &records,
        Some(record_id),
        tz,
    )))
}
