use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::time::now_unix;

use super::json::PositionPath;
use super::location_position;
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiError, ApiResult, ErrorBody, LocationAccess};

/// Delete a position (`DELETE /positions/{location_id}/{position_id}`; not in the public
/// reference). A position still held by a team member is kept: 422.
#[utoipa::path(
    delete, path = "/positions/{location_id}/{position_id}", operation_id = "delete_position", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID"), ("position_id" = i64, Path, description = "Position ID")),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "Team members still hold the position", body = ErrorBody),
    )
)]
pub async fn delete_position(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<PositionPath>,
) -> ApiResult<StatusCode> {
    access.require(|p| p.settings)?;
    let position = location_position(&state, access.location.id, path.position_id.0).await?;
    let holders = state.db.position_holders(position.id).await?;
    if holders > 0 {
        return Err(ApiError::field(
            "position_id",
            format!("{holders} team member(s) still hold this position; reassign them first."),
        ));
    }
    state.db.delete_position(position.id, now_unix()).await?;
    Ok(StatusCode::NO_CONTENT)
}
