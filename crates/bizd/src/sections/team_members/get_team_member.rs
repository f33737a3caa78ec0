use axum::extract::State;

use super::json::{TeamMemberDto, TeamMemberPath};
use super::rules;
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, LocationAccess, Path};

/// Get Team Members (`GET /company/{location_id}/staff`, the reference's page without
/// `team_member_id`): the live team members; `meta` is `[]`.
#[utoipa::path(
    get, path = "/company/{location_id}/staff", operation_id = "get_team_member_without_id", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID")),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<TeamMemberDto<i64>>>))
)]
pub async fn get_team_member_without_id(
    State(state): State<AppState>,
    access: LocationAccess,
) -> ApiResult<Envelope<Vec<TeamMemberDto>>> {
    let mut c = state.db.snapshot().await?;
    let members = rules::team_members_with_links(&mut c, access.location.id).await?;
    drop(c);
    let data = members
        .into_iter()
        .map(|(m, links)| TeamMemberDto::new(m, links))
        .collect();
    Ok(Envelope::one(data))
}

/// Get a Specific Team Member (`team-members/get_team_member.md`); a deleted one is still
/// readable (`status: 1`).
#[utoipa::path(
    get, path = "/company/{location_id}/staff/{team_member_id}", operation_id = "get_team_member", tag = "Team Members",
    params(TeamMemberPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<TeamMemberDto<i64>>))
)]
pub async fn get_team_member(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<TeamMemberPath>,
) -> ApiResult<Envelope<TeamMemberDto>> {
    let id = path.team_member_id.0;
    let mut c = state.db.snapshot().await?;
    let member = rules::team_member(&mut c, access.location.id, id).await?;
    let links = bizd_store::services::links_of_team_member(&mut c, id).await?;
    drop(c);
    Ok(Envelope::one(TeamMemberDto::new(member, links)))
}
