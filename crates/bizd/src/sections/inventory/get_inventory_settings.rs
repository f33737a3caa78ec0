use axum::extract::State;

use super::json::{InventoryLocationPath, InventorySettingsDto};
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// The location's inventory settings (extension): whether stock may go below zero.
#[utoipa::path(
    get, path = "/storages/settings/{location_id}", operation_id = "get_inventory_settings", tag = "Inventory",
    params(InventoryLocationPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<InventorySettingsDto>))
)]
pub async fn get_inventory_settings(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(_path): Path<InventoryLocationPath>,
) -> ApiResult<Envelope<InventorySettingsDto>> {
    let mut c = state.db.read().await?;
    let allow = bizd_store::inventory::storages::allow_negative(&mut c, access.location.id).await?;
    Ok(Envelope::one(InventorySettingsDto {
        allow_negative_stock: allow,
    }))
}
