use axum::extract::State;

use super::json::ClientPath;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Delete client (`clients/delete_client`). The client disappears from every list and search;
/// comments, files and visit history stay for the record.
#[utoipa::path(
    delete, path = "/client/{location_id}/{id}", operation_id = "delete_client", tag = "Clients",
    params(ClientPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Option<String>>))
)]
pub async fn delete_client(
    State(state): State<AppState>,
    access: LocationAccess<perm::Clients>,
    Path(path): Path<ClientPath>,
) -> ApiResult<Envelope<Option<String>>> {
    let mut tx = state.db.write().await?;
    bizd_store::clients::delete(&mut tx, access.location.id, path.id.0, state.clock.now()).await?;
    tx.commit().await?;
    Ok(Envelope::deleted())
}
