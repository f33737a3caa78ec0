use axum::extract::State;

use super::json::{TeamMemberDto, TeamMemberReadPath};
use super::rules;
use crate::app::AppState;
use crate::http::wire::{EmptyList, OneOrList};
use crate::http::{perm, ApiResult, Envelope, ListMeta, LocationAccess, Path};

/// Get Team Members (`GET /company/{location_id}/staff`, the reference's page without
/// `team_member_id`): the live team members, heaviest first; `meta` is `{"count": n}`.
#[utoipa::path(
    get, path = "/company/{location_id}/staff", operation_id = "get_team_member_without_id", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID")),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "Team members; `meta.count`", body = Envelope<Vec<TeamMemberDto<i64, EmptyList>>>))
)]
pub async fn get_team_member_without_id(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
) -> ApiResult<Envelope<Vec<TeamMemberDto>>> {
    list(&state, access.location.id).await
}

async fn list(state: &AppState, location_id: i64) -> ApiResult<Envelope<Vec<TeamMemberDto>>> {
    let mut c = state.db.snapshot().await?;
    let members = rules::team_members_with_links(&mut c, location_id).await?;
    drop(c);
    let data: Vec<TeamMemberDto> = members
        .into_iter()
        .map(|(m, links)| TeamMemberDto::build(m, links))
        .collect();
    let meta = ListMeta::count(data.len());
    Ok(Envelope::list(data, meta))
}

/// Get a Specific Team Member (`team-members/get_team_member.md`); a deleted one is still
/// readable (`is_deleted: true`, `status: 1`). `team_member_id` 0 answers the list.
#[utoipa::path(
    get, path = "/company/{location_id}/staff/{team_member_id}", operation_id = "get_team_member", tag = "Team Members",
    params(TeamMemberReadPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "The team member (the list, with `meta.count`, for id 0)", body = Envelope<OneOrList<TeamMemberDto<i64, EmptyList>, TeamMemberDto<i64, EmptyList>>>))
)]
pub async fn get_team_member(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
    Path(path): Path<TeamMemberReadPath>,
) -> ApiResult<Envelope<OneOrList<TeamMemberDto>>> {
    let Some(id) = path.team_member_id.0 else {
        return Ok(list(&state, access.location.id).await?.map(OneOrList::List));
    };
    let mut c = state.db.snapshot().await?;
    let member = rules::team_member(&mut c, access.location.id, id).await?;
    let links = bizd_store::services::links_of_team_member(&mut c, id).await?;
    drop(c);
    Ok(Envelope::one(OneOrList::One(TeamMemberDto::build(
        member, links,
    ))))
}
