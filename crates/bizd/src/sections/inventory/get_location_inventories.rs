use axum::extract::State;

use super::json::{InventoryLocationPath, StorageDto};
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Get location inventories (`inventory/get_location_inventories.md`): the live storages, by
/// id — every location has a sales storage (`for_sale` 1) and a consumables storage
/// (`for_services` 1) from its creation.
#[utoipa::path(
    get, path = "/storages/{location_id}", operation_id = "get_location_inventories", tag = "Inventory",
    params(InventoryLocationPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<StorageDto>>))
)]
pub async fn get_location_inventories(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(_path): Path<InventoryLocationPath>,
) -> ApiResult<Envelope<Vec<StorageDto>>> {
    let mut c = state.db.read().await?;
    let rows = bizd_store::inventory::storages::list(&mut c, access.location.id).await?;
    Ok(Envelope::one(rows.iter().map(StorageDto::from).collect()))
}
