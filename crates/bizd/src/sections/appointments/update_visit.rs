use axum::extract::State;
use bizd_domain::time::iso8601;
use bizd_domain::validation::FieldErrors;

use super::json::{AppointmentDto, VisitAppointmentPath, VisitBody, VisitDto};
use crate::app::AppState;
use crate::http::wire::text;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};

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
    tx.lock(&[bizd_store::Lock::Visit(visit_id)]).await?;
    let not_found = || ApiError::NotFound("Visit not found.".into());
    let visit = bizd_store::appointments::visits::get(&mut tx, visit_id)
        .await?
        .filter(|v| v.deleted_at.is_none() && v.location_id == access.location.id)
        .ok_or_else(not_found)?;
    let records = bizd_store::appointments::of_visit(&mut tx, visit.id).await?;
    let record = records
        .iter()
        .find(|a| a.row.id == record_id)
        .ok_or_else(not_found)?;
    let now = state.clock.now();
    if let Some(comment) = text(body.comment) {
        let mut fields = super::rules::fields_of(record);
        fields.comment = comment;
        bizd_store::appointments::write::update(&mut tx, record.row.id, visit.id, &fields, now)
            .await?;
    }
    if let Some(a) = attendance {
        bizd_store::appointments::write::set_visit_attendance(&mut tx, visit.id, a, now).await?;
    }
    let client = bizd_store::appointments::visits::refresh(&mut tx, visit.id, now).await?;
    if let Some(client) = client {
        bizd_store::appointments::visits::refresh_client(&mut tx, client, now).await?;
    }
    let visit = bizd_store::appointments::visits::get(&mut tx, visit.id)
        .await?
        .ok_or_else(not_found)?;
    let records = bizd_store::appointments::of_visit(&mut tx, visit.id).await?;
    tx.commit().await?;
    Ok(Envelope::one(VisitDto {
        id: visit.id,
        attendance: visit.attendance,
        datetime: iso8601(visit.starts_at, tz),
        comment: records
            .iter()
            .find(|a| a.row.id == record_id)
            .map(|a| a.row.comment.clone())
            .unwrap_or_default(),
        records: records.iter().map(|a| AppointmentDto::new(a, tz)).collect(),
    }))
}
