use axum::extract::State;

use super::json::{TeamMemberBody, TeamMemberDto, TeamMemberPath};
use super::rules;
use crate::app::AppState;
use crate::http::wire::EmptyList;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Edit Team Member (`PUT /staff/{location_id}/{team_member_id}`). Only the fields sent change:
/// the team member is locked and read again inside the write, so concurrent partial updates all
/// take effect.
#[utoipa::path(
    put, path = "/staff/{location_id}/{team_member_id}", operation_id = "update_team_member", tag = "Team Members",
    params(TeamMemberPath),
    request_body = TeamMemberBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<TeamMemberDto<i64, EmptyList>>))
)]
pub async fn update_team_member(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<TeamMemberPath>,
    Json(body): Json<TeamMemberBody>,
) -> ApiResult<Envelope<TeamMemberDto>> {
    let (location, id) = (&access.location, path.team_member_id.0);
    let changes = body.into_changes();
    let mut tx = state.db.write().await?;
    tx.lock(&rules::team_member_locks(Some(id), &changes))
        .await?;
    let current = rules::live_team_member(&mut tx, location.id, id).await?;
    let fields = rules::resolve(&mut tx, location.chain_id, changes, Some(current.fields)).await?;
    bizd_store::team_members::update(&mut tx, location.id, id, &fields, state.clock.now()).await?;
    let member = rules::live_team_member(&mut tx, location.id, id).await?;
    let links = bizd_store::services::links_of_team_member(&mut tx, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(TeamMemberDto::build(member, links)))
}
