use axum::extract::State;
use axum::http::StatusCode;

use super::json::{ChainPositionDto, PositionBody};
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Deprecated. Quick create a position (`team-members/create_position_quick.md`): a chain
/// position, linked to this location.
#[utoipa::path(
    post, path = "/company/{location_id}/positions/quick", operation_id = "create_position_quick", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = PositionBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 201, body = Envelope<ChainPositionDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn create_position_quick(
    State(state): State<AppState>,
    access: LocationAccess,
    Json(body): Json<PositionBody>,
) -> ApiResult<Envelope<ChainPositionDto>> {
    let position = super::create_position::insert(&state, &access, body).await?;
    Ok(Envelope::one(ChainPositionDto::from(position)).status(StatusCode::CREATED))
}
