use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::staff::PositionFields;
use bizd_domain::time::now_unix;
use bizd_store::staff::Position;

use super::json::{PositionBody, PositionDto};
use super::location_position;
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Create a position (`POST /positions/{location_id}`; not in the public reference): a chain
/// position linked to this location.
#[utoipa::path(
    post, path = "/positions/{location_id}", operation_id = "create_position", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = PositionBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 201, body = Envelope<PositionDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn create_position(
    State(state): State<AppState>,
    access: LocationAccess,
    Json(body): Json<PositionBody>,
) -> ApiResult<Envelope<PositionDto>> {
    let position = insert(&state, &access, body).await?;
    Ok(Envelope::one(PositionDto::from(position)).status(StatusCode::CREATED))
}

pub(super) async fn insert(
    state: &AppState,
    access: &LocationAccess,
    body: PositionBody,
) -> ApiResult<Position> {
    access.require(|p| p.settings)?;
    let fields = body.into_changes().apply(PositionFields::default(), true)?;
    let location = &access.location;
    let id = state
        .db
        .insert_position(location.chain_id, location.id, &fields, now_unix())
        .await?;
    location_position(state, location.id, id).await
}
