use axum::extract::State;

use super::json::{LegacyTeamMemberDto, TeamMemberDto, TeamMemberReadPath};
use super::rules;
use crate::app::AppState;
use crate::http::wire::{EmptyList, EmptyObject, OneOrList};
use crate::http::{ApiResult, Envelope, PartnerLocation, Path};

/// Get a specific team member (`team-members/get_team_member_by_id.md`). As in the reference's
/// example, `weight`, `hidden`, `fired` and `status` are strings here and `image_group` is an
/// object. A deleted team member is still readable (`is_deleted: true`, `status: "1"`).
/// `team_member_id` 0 answers the list of `GET /staff/{location_id}`. A partner token alone may
/// read it, as the reference's header documents.
#[utoipa::path(
    get, path = "/staff/{location_id}/{team_member_id}", operation_id = "get_team_member_by_id", tag = "Team Members",
    params(TeamMemberReadPath),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses(
        (status = 200, description = "The team member (`weight`, `hidden`, `fired`, `status` as strings); for id 0 the list of `GET /staff/{location_id}`", body = Envelope<OneOrList<TeamMemberDto<String, EmptyObject>, TeamMemberDto<i64, EmptyList>>>),
    )
)]
pub async fn get_team_member_by_id(
    State(state): State<AppState>,
    access: PartnerLocation,
    Path(path): Path<TeamMemberReadPath>,
) -> ApiResult<Envelope<OneOrList<LegacyTeamMemberDto, TeamMemberDto>>> {
    let Some(id) = path.team_member_id.0 else {
        let list = super::get_team_member_list::list(&state, access.location.id).await?;
        return Ok(list.map(OneOrList::List));
    };
    let mut c = state.db.snapshot().await?;
    let member = rules::team_member(&mut c, access.location.id, id).await?;
    let links = bizd_store::services::links_of_team_member(&mut c, id).await?;
    drop(c);
    Ok(Envelope::one(OneOrList::One(LegacyTeamMemberDto::build(
        member, links,
    ))))
}
