use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::staff::PositionFields;

use super::json::{ChainPositionDto, PositionBody};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess};

/// Deprecated. Quick create a position (`team-members/create_position_quick.md`): a chain
/// position, linked to this location.
#[utoipa::path(
    post, path = "/company/{location_id}/positions/quick", operation_id = "create_position_quick", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = PositionBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<ChainPositionDto>))
)]
pub async fn create_position_quick(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Json(body): Json<PositionBody>,
) -> ApiResult<Envelope<ChainPositionDto>> {
    let fields = body.into_changes().apply(PositionFields::default(), true)?;
    let mut tx = state.db.write().await?;
    let position =
        rules::insert_position(&mut tx, &access.location, &fields, state.clock.now()).await?;
    tx.commit().await?;
    Ok(Envelope::one(ChainPositionDto::from(position)).status(StatusCode::CREATED))
}
