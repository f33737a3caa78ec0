use axum::extract::State;
use bizd_store::inventory::transactions::StockGuard;

use super::json::{InventoryLocationPath, ProductTransactionDto, TransactionBody};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};

/// Create Transaction (`inventory/create_transaction.md`): one product line in a live document
/// of the location (`document_id`, `good_id`, `amount` required); its sign follows the document
/// type. A visit's document takes sales (from the sales storage unless `storage_id` says, to
/// the visit's client), which add to the visit's cost. 422 `insufficient_stock` when it would
/// take the storage below zero.
#[utoipa::path(
    post, path = "/storage_operations/goods_transactions/{location_id}", operation_id = "create_transaction", tag = "Inventory",
    params(InventoryLocationPath),
    request_body = TransactionBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<ProductTransactionDto>))
)]
pub async fn create_transaction(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(_path): Path<InventoryLocationPath>,
    Json(body): Json<TransactionBody>,
) -> ApiResult<Envelope<ProductTransactionDto>> {
    let location = &access.location;
    let now = state.clock.now();
    let Some(doc_id) = body.document_id.map(|i| i.0) else {
        return Err(ApiError::field(
            "document_id",
            "The document_id is required.",
        ));
    };
    let mut tx = state.db.write().await?;
    let doc = rules::lock_document(&mut tx, location.id, doc_id)
        .await
        .map_err(|err| match err {
            ApiError::NotFound(_) => {
                ApiError::field("document_id", "No such document at this location.")
            }
            other => other,
        })?;
    let line = rules::transaction_of(&mut tx, location, &doc, body, None, None).await?;
    let guard =
        StockGuard::lock(&mut tx, location.id, &[(line.product_id, line.storage_id)]).await?;
    let id = bizd_store::inventory::transactions::insert(
        &mut tx,
        location.id,
        &line,
        Some(access.user.id),
        now,
    )
    .await?;
    guard.check(&mut tx).await?;
    rules::lines_changed(&mut tx, &doc, now).await?;
    let row = rules::existing_transaction(&mut tx, location.id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(ProductTransactionDto::new(
        &row,
        &location.tz,
    )))
}
