use axum::extract::State;
use axum::http::StatusCode;
use bizd_store::inventory::transactions::StockGuard;

use super::json::TransactionPath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Deleting a transaction (`inventory/delete_transaction.md`): its effect on stock is reversed
/// (422 `insufficient_stock` when that would take the storage below zero). Answers 202.
#[utoipa::path(
    delete, path = "/storage_operations/goods_transactions/{location_id}/{transaction_id}", operation_id = "delete_transaction", tag = "Inventory",
    params(TransactionPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 202, body = Envelope<Option<String>>))
)]
pub async fn delete_transaction(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<TransactionPath>,
) -> ApiResult<Envelope<Option<String>>> {
    let location_id = access.location.id;
    let id = path.transaction_id.0;
    let mut tx = state.db.write().await?;
    let seen = rules::existing_transaction(&mut tx, location_id, id).await?;
    let doc = rules::lock_document(&mut tx, location_id, seen.document_id).await?;
    let row = rules::existing_transaction(&mut tx, location_id, id).await?;
    rules::not_consumables(&row)?;
    let guard = StockGuard::lock(&mut tx, location_id, &[(row.product_id, row.storage_id)]).await?;
    let now = state.clock.now();
    bizd_store::inventory::transactions::delete(&mut tx, &[id], now).await?;
    guard.check(&mut tx).await?;
    rules::lines_changed(&mut tx, &doc, now).await?;
    tx.commit().await?;
    Ok(Envelope::deleted().status(StatusCode::ACCEPTED))
}
