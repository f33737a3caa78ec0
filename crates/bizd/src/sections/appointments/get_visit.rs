use axum::extract::State;

use super::json::{VisitDto, VisitPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, LocationAccess, Path};
use bizd_domain::access::Permission;

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
    let visit = rules::existing_visit(&mut c, access.location.id, path.visit_id.0).await?;
    let mut records = bizd_store::appointments::of_visit(&mut c, visit.id).await?;
    // A user narrowed to one team member's calendar sees that team member's part of the visit.
    if let Some(own) = access.only_team_member() {
        records.retain(|a| a.row.team_member_id == Some(own));
        if records.is_empty() {
            return Err(ApiError::PermissionDenied(Permission::Timetable));
        }
    }
    Ok(Envelope::one(VisitDto::new(&visit, &records, None, tz)))
}
