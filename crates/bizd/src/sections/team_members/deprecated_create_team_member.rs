use axum::extract::State;
use axum::http::StatusCode;

use super::json::{TeamMemberBody, TeamMemberDto};
use super::{render, save_team_member};
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Add new team member (`team-members/deprecated_create_team_member.md`). `name` is required.
#[utoipa::path(
    post, path = "/staff/{location_id}", operation_id = "deprecated_create_team_member", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = TeamMemberBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 201, body = Envelope<TeamMemberDto<i64>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn deprecated_create_team_member(
    State(state): State<AppState>,
    access: LocationAccess,
    Json(body): Json<TeamMemberBody>,
) -> ApiResult<Envelope<TeamMemberDto>> {
    let member = save_team_member(&state, &access, None, body.into_changes()).await?;
    Ok(Envelope::one(render(&state, member).await?).status(StatusCode::CREATED))
}
