use axum::extract::State;
use axum::http::StatusCode;
use bizd_store::inventory::transactions::StockGuard;
use bizd_store::Lock;

use super::json::DocumentPath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Delete document (`inventory/delete_document.md`): the document and its transactions, whose
/// effect on stock is reversed at once (refused with 422 `insufficient_stock` when that would
/// leave a storage below zero), and its payments. A visit's document goes with its visit (422
/// `document_follows_visit`). Answers 202.
#[utoipa::path(
    delete, path = "/storage_operations/documents/{location_id}/{document_id}", operation_id = "delete_document", tag = "Inventory",
    params(DocumentPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 202, body = Envelope<Option<String>>))
)]
pub async fn delete_document(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<DocumentPath>,
) -> ApiResult<Envelope<Option<String>>> {
    let location_id = access.location.id;
    let id = path.document_id.0;
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::SaleDocument(id)]).await?;
    let doc = rules::existing_document(&mut tx, location_id, id).await?;
    rules::not_visit(&doc)?;
    let lines = bizd_store::inventory::transactions::of_document(&mut tx, id).await?;
    let mut pairs: Vec<(i64, i64)> = lines.iter().map(|l| (l.product_id, l.storage_id)).collect();
    pairs.sort_unstable();
    pairs.dedup();
    // Its payments go with it (each deletion recorded, as for any financial transaction); their
    // accounts are locked after the document and before the products: the lock order.
    let payments = bizd_store::payments::transactions::of_document(&mut tx, id).await?;
    let accounts: Vec<Lock> = payments
        .iter()
        .map(|p| Lock::Account(p.account_id))
        .collect();
    tx.lock(&accounts).await?;
    let guard = StockGuard::lock(&mut tx, location_id, &pairs).await?;
    let now = state.clock.now();
    bizd_store::inventory::documents::delete(&mut tx, id, now).await?;
    for p in &payments {
        bizd_store::payments::transactions::delete(&mut tx, p, Some(access.user.id), now).await?;
    }
    guard.check(&mut tx).await?;
    tx.commit().await?;
    Ok(Envelope::deleted().status(StatusCode::ACCEPTED))
}
