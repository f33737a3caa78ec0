use axum::extract::State;

use super::json::{InventoryLocationPath, InventorySettingsBody, InventorySettingsDto};
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Change the location's inventory settings (extension; settings permission): the fields sent.
#[utoipa::path(
    put, path = "/storages/settings/{location_id}", operation_id = "update_inventory_settings", tag = "Inventory",
    params(InventoryLocationPath),
    request_body = InventorySettingsBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<InventorySettingsDto>))
)]
pub async fn update_inventory_settings(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(_path): Path<InventoryLocationPath>,
    Json(body): Json<InventorySettingsBody>,
) -> ApiResult<Envelope<InventorySettingsDto>> {
    let id = access.location.id;
    let mut tx = state.db.write().await?;
    tx.lock(&[bizd_store::Lock::Location(id)]).await?;
    if let Some(v) = body.allow_negative_stock {
        bizd_store::inventory::storages::set_allow_negative(&mut tx, id, v.0).await?;
    }
    let allow = bizd_store::inventory::storages::allow_negative(&mut tx, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(InventorySettingsDto {
        allow_negative_stock: allow,
    }))
}
