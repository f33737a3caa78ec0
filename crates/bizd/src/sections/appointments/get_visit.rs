use axum::extract::State;
use bizd_domain::time::iso8601;

use super::json::{AppointmentDto, VisitDto, VisitPath};
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, LocationAccess, Path};

/// Get a visit (`appointments/get_visit.md`): its status, start and live appointments. Access
/// is decided by the visit's location, as for a path naming it.
#[utoipa::path(
    get, path = "/visits/{visit_id}", operation_id = "get_visit", tag = "Appointments",
    params(VisitPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<VisitDto>))
)]
pub async fn get_visit(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
    Path(path): Path<VisitPath>,
) -> ApiResult<Envelope<VisitDto>> {
    let tz = &access.location.tz;
    let mut c = state.db.snapshot().await?;
    let visit = bizd_store::appointments::visits::get(&mut c, path.visit_id.0)
        .await?
        .filter(|v| v.deleted_at.is_none() && v.location_id == access.location.id)
        .ok_or_else(|| ApiError::NotFound("Visit not found.".into()))?;
    let records = bizd_store::appointments::of_visit(&mut c, visit.id).await?;
    Ok(Envelope::one(VisitDto {
        id: visit.id,
        attendance: visit.attendance,
        datetime: iso8601(visit.starts_at, tz),
        comment: records
            .first()
            .map(|a| a.row.comment.clone())
            .unwrap_or_default(),
        records: records.iter().map(|a| AppointmentDto::new(a, tz)).collect(),
    }))
}
