use axum::extract::State;
use bizd_domain::time::now_unix;

use super::json::{PositionBody, PositionDto, PositionPath};
use super::location_position;
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Change a position (`PUT /positions/{location_id}/{position_id}`; not in the public
/// reference). The position is the chain's: the change shows in every location using it.
#[utoipa::path(
    put, path = "/positions/{location_id}/{position_id}", operation_id = "update_position", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID"), ("position_id" = i64, Path, description = "Position ID")),
    request_body = PositionBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<PositionDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn update_position(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<PositionPath>,
    Json(body): Json<PositionBody>,
) -> ApiResult<Envelope<PositionDto>> {
    access.require(|p| p.settings)?;
    let location_id = access.location.id;
    let current = location_position(&state, location_id, path.position_id.0).await?;
    let fields = body.into_changes().apply(current.fields, false)?;
    state
        .db
        .update_position(current.id, &fields, now_unix())
        .await?;
    let position = location_position(&state, location_id, current.id).await?;
    Ok(Envelope::one(PositionDto::from(position)))
}
