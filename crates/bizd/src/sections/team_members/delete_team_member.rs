use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::time::now_unix;

use super::json::TeamMemberPath;
use super::load_team_member;
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiResult, ErrorBody, LocationAccess};

/// Delete team member (`DELETE /staff/{location_id}/{team_member_id}`): soft; the team member
/// leaves every list and its service links are removed, but it stays readable by id.
#[utoipa::path(
    delete, path = "/staff/{location_id}/{team_member_id}", operation_id = "delete_team_member", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID"), ("team_member_id" = i64, Path, description = "Team member ID")),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn delete_team_member(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<TeamMemberPath>,
) -> ApiResult<StatusCode> {
    access.require(|p| p.settings)?;
    let member = load_team_member(&state, access.location.id, path.team_member_id.0, false).await?;
    state
        .db
        .delete_team_member(access.location.id, member.id, now_unix())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
