use axum::extract::State;
use bizd_store::catalog::Link;
use serde_json::json;

use super::json::TeamMemberDto;
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, ErrorBody, PublicLocation};

/// Get list of team members (`team-members/get_team_member_list.md`): the live team members,
/// heaviest first. A partner token alone may read it (as the reference's header documents); with
/// a user token the user must be a member.
#[utoipa::path(
    get, path = "/staff/{location_id}", operation_id = "get_team_member_list", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID")),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<Vec<TeamMemberDto<i64>>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn get_team_member_list(
    State(state): State<AppState>,
    access: PublicLocation,
) -> ApiResult<Envelope<Vec<TeamMemberDto>>> {
    Ok(Envelope::with_meta(
        team_members(&state, access.location.id).await?,
        json!([]),
    ))
}

/// The live team members with their services, from one read of the location's links.
pub(super) async fn team_members(
    state: &AppState,
    location_id: i64,
) -> ApiResult<Vec<TeamMemberDto>> {
    let links: Vec<Link> = state
        .db
        .links_of_location(location_id)
        .await?
        .into_values()
        .flatten()
        .collect();
    let members = state.db.list_team_members(location_id).await?;
    Ok(members
        .into_iter()
        .map(|m| {
            let mut own: Vec<Link> = links
                .iter()
                .filter(|l| l.team_member_id == m.id)
                .cloned()
                .collect();
            own.sort_by_key(|l| l.service_id);
            TeamMemberDto::new(m, own)
        })
        .collect())
}
