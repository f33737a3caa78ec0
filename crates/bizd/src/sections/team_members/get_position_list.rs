use axum::extract::State;
use serde_json::json;

use super::json::PositionDto;
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, ErrorBody, LocationAccess};

/// Deprecated. Get a list of location positions (`team-members/get_position_list.md`): the live
/// positions linked to the location, oldest first.
#[utoipa::path(
    get, path = "/company/{location_id}/staff/positions", operation_id = "get_position_list", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID")),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<Vec<PositionDto>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn get_position_list(
    State(state): State<AppState>,
    access: LocationAccess,
) -> ApiResult<Envelope<Vec<PositionDto>>> {
    Ok(Envelope::with_meta(
        positions(&state, access.location.id).await?,
        json!([]),
    ))
}

pub(super) async fn positions(state: &AppState, location_id: i64) -> ApiResult<Vec<PositionDto>> {
    Ok(state
        .db
        .positions_of_location(location_id)
        .await?
        .into_iter()
        .map(PositionDto::from)
        .collect())
}
