use axum::extract::State;
use bizd_store::Lock;

use super::json::{PositionBody, PositionDto, PositionPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Change a position (`PUT /positions/{location_id}/{position_id}`; not in the public
/// reference). The position is the chain's: the change shows in every location using it. Only
/// the fields sent change (the position is locked and read again inside the write).
#[utoipa::path(
    put, path = "/positions/{location_id}/{position_id}", operation_id = "update_position", tag = "Team Members",
    params(PositionPath),
    request_body = PositionBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<PositionDto>))
)]
pub async fn update_position(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<PositionPath>,
    Json(body): Json<PositionBody>,
) -> ApiResult<Envelope<PositionDto>> {
    let (location_id, id) = (access.location.id, path.position_id.0);
    let changes = body.into_changes();
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Position(id)]).await?;
    let current = rules::location_position(&mut tx, location_id, id).await?;
    let fields = changes.apply(current.fields, false)?;
    bizd_store::team_members::update_position(&mut tx, id, &fields, state.clock.now()).await?;
    let position = rules::location_position(&mut tx, location_id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(PositionDto::from(position)))
}
