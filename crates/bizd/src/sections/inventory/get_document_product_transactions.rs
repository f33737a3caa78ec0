use axum::extract::State;

use super::json::{DocumentOnlyPath, ProductTransactionDto};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, LocationAccess, Path};

/// Get Product Transactions of a Document (`inventory/get_document_product_transactions.md`):
/// the live transactions of a document (an inventory document or a visit's, whose consumables
/// it holds), by id. Access is decided by the document's location.
#[utoipa::path(
    get, path = "/storage_operations/documents/goods_transactions/{document_id}", operation_id = "get_document_product_transactions", tag = "Inventory",
    params(DocumentOnlyPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<ProductTransactionDto>>))
)]
pub async fn get_document_product_transactions(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<DocumentOnlyPath>,
) -> ApiResult<Envelope<Vec<ProductTransactionDto>>> {
    let location = &access.location;
    let mut c = state.db.snapshot().await?;
    let doc = bizd_store::inventory::documents::get(&mut c, location.id, path.document_id.0)
        .await?
        .ok_or_else(|| ApiError::NotFound("Document not found.".into()))?;
    let rows = bizd_store::inventory::transactions::of_document(&mut c, doc.id).await?;
    Ok(Envelope::one(rules::answers(&rows, location)))
}
