use axum::extract::State;
use axum::http::StatusCode;

use super::json::{AppointmentBody, AppointmentDto, LocationPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Create a New Appointment (`appointments/create_appointment.md`). The team member, services,
/// start and client are checked and the appointment written in one transaction that first locks
/// the team member, the resources its services need and the client: two bookings of one slot
/// cannot both succeed. Answers 201 with the appointment as `GET` shows it.
#[utoipa::path(
    post, path = "/records/{location_id}", operation_id = "create_appointment", tag = "Appointments",
    params(LocationPath),
    request_body = AppointmentBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<AppointmentDto>))
)]
pub async fn create_appointment(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
    Path(_path): Path<LocationPath>,
    Json(body): Json<AppointmentBody>,
) -> ApiResult<Envelope<AppointmentDto>> {
    let location = &access.location;
    let draft = rules::draft(body, None, location)?;
    access.check_team_member(draft.team_member_id)?;
    let ids: Vec<i64> = draft.services.iter().map(|s| s.id).collect();
    let mut tx = state.db.write().await?;
    let resources =
        bizd_store::schedules::resources_of_services(&mut tx, location.id, &ids).await?;
    tx.lock(&rules::locks(location.id, &draft, None, &resources))
        .await?;
    let now = state.clock.now();
    let id = rules::book(
        &mut tx,
        location,
        draft,
        &resources,
        None,
        Some(access.user.id),
        now,
    )
    .await?;
    tx.commit().await?;
    // Read back after the commit, outside the write lock (a booking holds it only for its rule).
    let created = rules::existing(&mut state.db.snapshot().await?, location.id, id).await?;
    Ok(Envelope::one(AppointmentDto::new(&created, &location.tz)).status(StatusCode::CREATED))
}
