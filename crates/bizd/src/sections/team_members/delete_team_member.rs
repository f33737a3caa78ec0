use axum::extract::State;
use axum::http::StatusCode;
use bizd_store::Lock;

use super::json::TeamMemberPath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, LocationAccess, Path};

/// Delete team member (`DELETE /staff/{location_id}/{team_member_id}`): soft; the team member
/// leaves every list and its service links are removed, but it stays readable by id. Answers 204.
#[utoipa::path(
    delete, path = "/staff/{location_id}/{team_member_id}", operation_id = "delete_team_member", tag = "Team Members",
    params(TeamMemberPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 204, description = "Deleted"))
)]
pub async fn delete_team_member(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<TeamMemberPath>,
) -> ApiResult<StatusCode> {
    let (location_id, id) = (access.location.id, path.team_member_id.0);
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::TeamMember(id)]).await?;
    rules::live_team_member(&mut tx, location_id, id).await?;
    bizd_store::team_members::delete(&mut tx, location_id, id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
