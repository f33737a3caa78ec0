use axum::extract::State;

use super::json::{TeamMemberBody, TeamMemberDto, TeamMemberPath};
use super::{load_team_member, render, save_team_member};
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Edit Team Member (`PUT /staff/{location_id}/{team_member_id}`). Only the fields sent change.
#[utoipa::path(
    put, path = "/staff/{location_id}/{team_member_id}", operation_id = "update_team_member", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID"), ("team_member_id" = i64, Path, description = "Team member ID")),
    request_body = TeamMemberBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<TeamMemberDto<i64>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn update_team_member(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<TeamMemberPath>,
    Json(body): Json<TeamMemberBody>,
) -> ApiResult<Envelope<TeamMemberDto>> {
    access.require(|p| p.settings)?;
    let current =
        load_team_member(&state, access.location.id, path.team_member_id.0, false).await?;
    let member = save_team_member(&state, &access, Some(&current), body.into_changes()).await?;
    Ok(Envelope::one(render(&state, member).await?))
}
