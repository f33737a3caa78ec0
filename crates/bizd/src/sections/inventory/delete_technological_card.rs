use axum::extract::State;
use axum::http::StatusCode;

use super::json::CardPath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, LocationAccess, Path};

/// Delete a bill of materials (extension): service links naming it no longer do; consumables
/// already edited on appointments stay. Answers 204.
#[utoipa::path(
    delete, path = "/technological_cards/{location_id}/{card_id}", operation_id = "delete_technological_card", tag = "Inventory",
    params(CardPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 204))
)]
pub async fn delete_technological_card(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<CardPath>,
) -> ApiResult<StatusCode> {
    let id = path.card_id.0;
    let mut tx = state.db.write().await?;
    rules::card_answer(&mut tx, access.location.id, id).await?;
    bizd_store::inventory::cards::delete(&mut tx, id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
