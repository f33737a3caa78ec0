use axum::extract::State;

use super::json::{AppointmentBody, AppointmentDto, AppointmentPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};
use bizd_domain::access::Permission;

/// Edit Appointment (`appointments/update_appointment.md`). Fields not sent keep their values;
/// a new time, team member or services are checked as a booking is, the appointment itself
/// excluded. The appointment and the team members it leaves and joins are locked first, then
/// it is read again and merged. The services and prices of a fully paid appointment change
/// only with the `record_edit_full_paid` permission (owner, administrator): 403
/// `permission_denied` otherwise ("Editing restrictions").
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
    tx.lock(&[bizd_store::Lock::Record(id)]).await?;
    let current = rules::existing(&mut tx, location.id, id).await?;
    access.check_team_member(current.row.team_member_id.unwrap_or(0))?;
    let draft = rules::draft(body, Some(&current), location)?;
    access.check_team_member(draft.team_member_id)?;
    let ids: Vec<i64> = draft.services.iter().map(|s| s.id).collect();
    let resources =
        bizd_store::schedules::resources_of_services(&mut tx, location.id, &ids).await?;
    // Under the appointment's lock its team member and client cannot change: lock them beside
    // the new ones.
    tx.lock(&rules::locks(
        location.id,
        &draft,
        Some(&current),
        &resources,
    ))
    .await?;
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
    // "Editing restrictions": the services and prices of a fully paid appointment change only
    // with `record_edit_full_paid` (the change above is rolled back otherwise).
    let lines = |a: &bizd_store::appointments::Appointment| {
        a.services
            .iter()
            .map(|l| {
                (
                    l.service_id,
                    l.first_cost,
                    l.discount_percent,
                    l.cost,
                    l.amount,
                )
            })
            .collect::<Vec<_>>()
    };
    if current.row.visit_cost.unwrap_or(0) > 0
        && current.row.visit_paid.unwrap_or(0) >= current.row.visit_cost.unwrap_or(0)
        && lines(&current) != lines(&updated)
        && !access.can(Permission::RecordEditFullPaid)
    {
        return Err(ApiError::PermissionDenied(Permission::RecordEditFullPaid));
    }
    tx.commit().await?;
    Ok(Envelope::one(AppointmentDto::new(&updated, &location.tz)))
}
