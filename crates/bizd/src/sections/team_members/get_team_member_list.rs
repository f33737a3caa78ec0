use axum::extract::State;

use super::json::TeamMemberDto;
use super::rules;
use crate::app::AppState;
use crate::http::wire::EmptyList;
use crate::http::{ApiResult, Envelope, PartnerLocation};

/// Get list of team members (`team-members/get_team_member_list.md`): the live team members,
/// heaviest first; `meta` is `[]`. A partner token alone may read it (as the reference's header
/// documents); with a user token the user must be a member.
#[utoipa::path(
    get, path = "/staff/{location_id}", operation_id = "get_team_member_list", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID")),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<TeamMemberDto<i64, EmptyList>>>))
)]
pub async fn get_team_member_list(
    State(state): State<AppState>,
    access: PartnerLocation,
) -> ApiResult<Envelope<Vec<TeamMemberDto>>> {
    list(&state, access.location.id).await
}

/// The list (also what `GET /staff/{location_id}/0` answers).
pub(super) async fn list(
    state: &AppState,
    location_id: i64,
) -> ApiResult<Envelope<Vec<TeamMemberDto>>> {
    let mut c = state.db.snapshot().await?;
    let members = rules::team_members_with_links(&mut c, location_id).await?;
    drop(c);
    let data = members
        .into_iter()
        .map(|(m, links)| TeamMemberDto::build(m, links))
        .collect();
    Ok(Envelope::one(data))
}
