use axum::extract::State;
use serde_json::json;

use super::get_position_list::positions;
use super::json::PositionDto;
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, ErrorBody, LocationAccess};

/// List positions (`GET /positions/{location_id}`; not in the public reference): the live
/// positions linked to the location.
#[utoipa::path(
    get, path = "/positions/{location_id}", operation_id = "list_positions", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID")),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, description = "Positions; `meta.total_count`", body = Envelope<Vec<PositionDto>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn list_positions(
    State(state): State<AppState>,
    access: LocationAccess,
) -> ApiResult<Envelope<Vec<PositionDto>>> {
    let data = positions(&state, access.location.id).await?;
    let count = data.len();
    Ok(Envelope::with_meta(data, json!({"total_count": count})))
}
