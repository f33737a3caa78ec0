use axum::extract::State;

use super::json::{RecordConsumablesDto, RecordPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Retrieve an appointment's bill of materials and consumables
/// (`inventory/get_appointment_consumables.md`): per service of the appointment, its card and
/// consumables (the card's items until edited), with the write-off transaction once the visit
/// is completed.
#[utoipa::path(
    get, path = "/technological_cards/record_consumables/{location_id}/{record_id}", operation_id = "get_appointment_consumables", tag = "Inventory",
    params(RecordPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<RecordConsumablesDto>>))
)]
pub async fn get_appointment_consumables(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<RecordPath>,
) -> ApiResult<Envelope<Vec<RecordConsumablesDto>>> {
    let location_id = access.location.id;
    let mut c = state.db.snapshot().await?;
    rules::appointment(&mut c, location_id, path.record_id.0).await?;
    let data = rules::record_consumables(&mut c, location_id, path.record_id.0, None).await?;
    Ok(Envelope::one(data))
}
