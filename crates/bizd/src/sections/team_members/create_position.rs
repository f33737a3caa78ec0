use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::staff::PositionFields;

use super::json::{PositionBody, PositionDto};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess};

/// Create a position (`POST /positions/{location_id}`; not in the public reference): a chain
/// position linked to this location.
#[utoipa::path(
    post, path = "/positions/{location_id}", operation_id = "create_position", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = PositionBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<PositionDto>))
)]
pub async fn create_position(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Json(body): Json<PositionBody>,
) -> ApiResult<Envelope<PositionDto>> {
    let fields = body.into_changes().apply(PositionFields::default(), true)?;
    let mut tx = state.db.write().await?;
    let position =
        rules::insert_position(&mut tx, &access.location, &fields, state.clock.now()).await?;
    tx.commit().await?;
    Ok(Envelope::one(PositionDto::from(position)).status(StatusCode::CREATED))
}
