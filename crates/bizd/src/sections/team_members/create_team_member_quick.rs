use axum::extract::State;
use axum::http::StatusCode;

use super::json::{QuickTeamMemberBody, TeamMemberDto};
use super::rules;
use crate::app::AppState;
use crate::http::wire::EmptyList;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess};

/// Quick create a team member (`team-members/create_team_member_quick.md`): `name` and
/// `specialization` are required.
#[utoipa::path(
    post, path = "/company/{location_id}/staff/quick", operation_id = "create_team_member_quick", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = QuickTeamMemberBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<TeamMemberDto<i64, EmptyList>>))
)]
pub async fn create_team_member_quick(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Json(body): Json<QuickTeamMemberBody>,
) -> ApiResult<Envelope<TeamMemberDto>> {
    let location = &access.location;
    let changes = body.into_changes()?;
    let mut tx = state.db.write().await?;
    tx.lock(&rules::team_member_locks(None, &changes)).await?;
    let fields = rules::resolve(&mut tx, location.chain_id, changes, None).await?;
    let id =
        bizd_store::team_members::insert(&mut tx, location.id, &fields, state.clock.now()).await?;
    let member = rules::live_team_member(&mut tx, location.id, id).await?;
    let links = bizd_store::services::links_of_team_member(&mut tx, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(TeamMemberDto::build(member, links)).status(StatusCode::CREATED))
}
