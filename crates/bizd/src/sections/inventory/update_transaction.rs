use axum::extract::State;
use bizd_store::inventory::transactions::StockGuard;
use bizd_store::Lock;

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
    tx.lock(&[Lock::SaleDocument(seen.document_id)]).await?;
    let base = rules::existing_transaction(&mut tx, location.id, id).await?;
    rules::not_consumables(&base)?;
    if body.document_id.is_some_and(|d| d.0 != base.document_id) {
        return Err(ApiError::field(
            "document_id",
            "A transaction stays in its document.",
        ));
    }
    let doc = bizd_store::inventory::documents::get(&mut tx, location.id, base.document_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let after = rules::transaction_of(&mut tx, location, &doc, body, Some(&base), None).await?;
    let mut pairs = vec![
        (base.product_id, base.storage_id),
        (after.product_id, after.storage_id),
    ];
    pairs.sort_unstable();
    pairs.dedup();
    let guard = StockGuard::lock(&mut tx, location.id, &pairs).await?;
    bizd_store::inventory::transactions::update(&mut tx, id, &after, state.clock.now()).await?;
    guard.check(&mut tx).await?;
    let row = rules::existing_transaction(&mut tx, location.id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(ProductTransactionDto::new(
        &row,
        &location.tz,
    )))
}
