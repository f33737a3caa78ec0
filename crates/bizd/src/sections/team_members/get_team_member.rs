use axum::extract::State;
use serde_json::json;

use super::get_team_member_list::team_members;
use super::json::{TeamMemberDto, TeamMemberPath};
use super::{load_team_member, render};
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiResult, Envelope, ErrorBody, LocationAccess};

/// Get Team Members (`GET /company/{location_id}/staff`): the live team members.
#[utoipa::path(
    get, path = "/company/{location_id}/staff", operation_id = "get_team_member_without_id", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID")),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<Vec<TeamMemberDto<i64>>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn get_team_member_without_id(
    State(state): State<AppState>,
    access: LocationAccess,
) -> ApiResult<Envelope<Vec<TeamMemberDto>>> {
    Ok(Envelope::with_meta(
        team_members(&state, access.location.id).await?,
        json!([]),
    ))
}

/// Get a Specific Team Member (`team-members/get_team_member.md`); a deleted one is still
/// readable (`status: 1`).
#[utoipa::path(
    get, path = "/company/{location_id}/staff/{team_member_id}", operation_id = "get_team_member", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID"), ("team_member_id" = i64, Path, description = "Team member ID")),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<TeamMemberDto<i64>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn get_team_member(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<TeamMemberPath>,
) -> ApiResult<Envelope<TeamMemberDto>> {
    let member = load_team_member(&state, access.location.id, path.team_member_id.0, true).await?;
    Ok(Envelope::one(render(&state, member).await?))
}
