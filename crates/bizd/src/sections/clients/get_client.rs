use axum::extract::State;

use super::json::{ClientDto, ClientPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Get a client (`clients/get_client`).
#[utoipa::path(
    get, path = "/client/{location_id}/{id}", operation_id = "get_client", tag = "Clients",
    params(ClientPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<ClientDto>))
)]
pub async fn get_client(
    State(state): State<AppState>,
    access: LocationAccess<perm::Clients>,
    Path(path): Path<ClientPath>,
) -> ApiResult<Envelope<ClientDto>> {
    let location = &access.location;
    let client =
        rules::existing_client(&mut state.db.read().await?, location.id, path.id.0).await?;
    Ok(Envelope::one(ClientDto::from_client(client, &location.tz)))
}
