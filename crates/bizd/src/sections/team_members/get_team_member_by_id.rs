use axum::extract::State;

use super::json::{TeamMemberDto, TeamMemberPath};
use super::{load_team_member, render};
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiResult, Envelope, ErrorBody, PublicLocation};

/// Get a specific team member (`team-members/get_team_member_by_id.md`). As in the reference's
/// example, `weight`, `hidden`, `fired` and `status` are strings here. A deleted team member is
/// still readable (`status: "1"`). A partner token alone may read it, as the reference's header
/// documents.
#[utoipa::path(
    get, path = "/staff/{location_id}/{team_member_id}", operation_id = "get_team_member_by_id", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID"), ("team_member_id" = i64, Path, description = "Team member ID")),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses(
        (status = 200, description = "The team member (`weight`, `hidden`, `fired`, `status` as strings)", body = Envelope<TeamMemberDto<String>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn get_team_member_by_id(
    State(state): State<AppState>,
    access: PublicLocation,
    Path(path): Path<TeamMemberPath>,
) -> ApiResult<Envelope<TeamMemberDto<String>>> {
    let member = load_team_member(&state, access.location.id, path.team_member_id.0, true).await?;
    Ok(Envelope::one(
        render(&state, member).await?.with_string_flags(),
    ))
}
