use axum::extract::State;
use bizd_store::inventory::transactions::StockGuard;

use super::json::{ProductTransactionDto, TransactionBody, TransactionPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};

/// Transaction update (`inventory/update_transaction.md`): the fields sent (it stays in its
/// document). 422 `insufficient_stock` when the change would take a storage below zero.
#[utoipa::path(
    put, path = "/storage_operations/goods_transactions/{location_id}/{transaction_id}", operation_id = "update_transaction", tag = "Inventory",
    params(TransactionPath),
    request_body = TransactionBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<ProductTransactionDto>))
)]
pub async fn update_transaction(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<TransactionPath>,
    Json(body): Json<TransactionBody>,
) -> ApiResult<Envelope<ProductTransactionDto>> {
    let location = &access.location;
    let id = path.transaction_id.0;
    let mut tx = state.db.write().await?;
    let seen = rules::existing_transaction(&mut tx, location.id, id).await?;
    let doc = rules::lock_document(&mut tx, location.id, seen.document_id).await?;
    let base = rules::existing_transaction(&mut tx, location.id, id).await?;
    rules::not_consumables(&base)?;
    if body.document_id.is_some_and(|d| d.0 != base.document_id) {
        return Err(ApiError::field(
            "document_id",
            "A transaction stays in its document.",
        ));
    }
    let after = rules::transaction_of(&mut tx, location, &doc, body, Some(&base), None).await?;
    let mut pairs = vec![
        (base.product_id, base.storage_id),
        (after.product_id, after.storage_id),
    ];
    pairs.sort_unstable();
    pairs.dedup();
    let guard = StockGuard::lock(&mut tx, location.id, &pairs).await?;
    let now = state.clock.now();
    bizd_store::inventory::transactions::update(&mut tx, id, &after, now).await?;
    guard.check(&mut tx).await?;
    rules::lines_changed(&mut tx, &doc, now).await?;
    let row = rules::existing_transaction(&mut tx, location.id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(ProductTransactionDto::new(
        &row,
        &location.tz,
    )))
}
