use axum::extract::State;

use super::json::ClientDto;
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::wire::Int;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, LocationAccess};

/// Get a client (`clients/get_client`).
#[utoipa::path(
    get, path = "/client/{location_id}/{id}", operation_id = "get_client", tag = "Clients",
    params(("location_id" = i64, Path, description = "Location ID"), ("id" = i64, Path, description = "Client ID")),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<ClientDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn get_client(
    State(state): State<AppState>,
    access: LocationAccess,
    Path((_location, id)): Path<(Int, Int)>,
) -> ApiResult<Envelope<ClientDto>> {
    access.require(|p| p.clients)?;
    let location = &access.location;
    let client = state
        .db
        .client(location.id, id.0)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Envelope::one(ClientDto::from_client(
        client,
        &location.fields.timezone_name,
    )))
}
