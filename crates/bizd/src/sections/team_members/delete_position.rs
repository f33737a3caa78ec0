use axum::extract::State;
use axum::http::StatusCode;
use bizd_store::Lock;

use super::json::PositionPath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, ErrorBody, LocationAccess, Path};

/// Delete a position (`DELETE /positions/{location_id}/{position_id}`; not in the public
/// reference). A position still held by a team member is kept: 422. Answers 204.
#[utoipa::path(
    delete, path = "/positions/{location_id}/{position_id}", operation_id = "delete_position", tag = "Team Members",
    params(PositionPath),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 422, description = "Team members still hold the position", body = ErrorBody),
    )
)]
pub async fn delete_position(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<PositionPath>,
) -> ApiResult<StatusCode> {
    let id = path.position_id.0;
    let mut tx = state.db.write().await?;
    // Team member writes that assign a position lock it too: none can slip in after the count.
    tx.lock(&[Lock::Position(id)]).await?;
    rules::location_position(&mut tx, access.location.id, id).await?;
    let holders = bizd_store::team_members::position_holders(&mut tx, id).await?;
    if holders > 0 {
        return Err(ApiError::field(
            "position_id",
            format!("{holders} team member(s) still hold this position; reassign them first."),
        ));
    }
    bizd_store::team_members::delete_position(&mut tx, id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
