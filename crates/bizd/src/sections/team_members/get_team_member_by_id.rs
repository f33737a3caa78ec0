use axum::extract::State;

use super::json::{TeamMemberDto, TeamMemberPath};
use super::rules;
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, PartnerLocation, Path};

/// Get a specific team member (`team-members/get_team_member_by_id.md`). As in the reference's
/// example, `weight`, `hidden`, `fired` and `status` are strings here. A deleted team member is
/// still readable (`status: "1"`). A partner token alone may read it, as the reference's header
/// documents.
#[utoipa::path(
    get, path = "/staff/{location_id}/{team_member_id}", operation_id = "get_team_member_by_id", tag = "Team Members",
    params(TeamMemberPath),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses(
        (status = 200, description = "The team member (`weight`, `hidden`, `fired`, `status` as strings)", body = Envelope<TeamMemberDto<String>>),
    )
)]
pub async fn get_team_member_by_id(
    State(state): State<AppState>,
    access: PartnerLocation,
    Path(path): Path<TeamMemberPath>,
) -> ApiResult<Envelope<TeamMemberDto<String>>> {
    let id = path.team_member_id.0;
    let mut c = state.db.snapshot().await?;
    let member = rules::team_member(&mut c, access.location.id, id).await?;
    let links = bizd_store::services::links_of_team_member(&mut c, id).await?;
    drop(c);
    Ok(Envelope::one(
        TeamMemberDto::new(member, links).with_string_flags(),
    ))
}
