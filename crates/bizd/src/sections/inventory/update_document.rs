use axum::extract::State;
use bizd_store::inventory::transactions::StockGuard;
use bizd_store::Lock;

use super::json::{DocumentBody, DocumentDto, DocumentPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};

/// Update Document (`inventory/update_document.md`): the fields sent. Its transactions follow
/// its storage and date; its type stays while it holds transactions (422 `document_has_transactions`:
/// their signs were decided by it).
#[utoipa::path(
    put, path = "/storage_operations/documents/{location_id}/{document_id}", operation_id = "update_document", tag = "Inventory",
    params(DocumentPath),
    request_body = DocumentBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<DocumentDto>))
)]
pub async fn update_document(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<DocumentPath>,
    Json(body): Json<DocumentBody>,
) -> ApiResult<Envelope<DocumentDto>> {
    let location = &access.location;
    let now = state.clock.now();
    let id = path.document_id.0;
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::SaleDocument(id)]).await?;
    let base = rules::existing_document(&mut tx, location.id, id).await?;
    rules::not_visit(&base)?;
    let f = rules::document_fields(&mut tx, location, body, Some(&base), now).await?;
    let lines = bizd_store::inventory::transactions::of_document(&mut tx, id).await?;
    if f.type_id != base.type_id && !lines.is_empty() {
        return Err(ApiError::Unprocessable {
            code: "document_has_transactions",
            message: "The document holds transactions: its type cannot change.".into(),
        });
    }
    let old_storage = base.storage_id.unwrap_or(0);
    let mut pairs: Vec<(i64, i64)> = Vec::new();
    for l in &lines {
        pairs.push((l.product_id, l.storage_id));
        pairs.push((l.product_id, f.storage_id));
    }
    pairs.sort_unstable();
    pairs.dedup();
    let guard = StockGuard::lock(&mut tx, location.id, &pairs).await?;
    bizd_store::inventory::documents::update(&mut tx, id, &f, now).await?;
    if f.storage_id != old_storage || f.date != base.date {
        // Only the lines on the document's own storage move with it (a transfer's receiving
        // lines keep theirs).
        for l in lines.iter().filter(|l| l.storage_id == old_storage) {
            let mut n = bizd_store::inventory::transactions::NewTransaction::of(l);
            n.storage_id = f.storage_id;
            n.date = f.date;
            bizd_store::inventory::transactions::update(&mut tx, l.id, &n, now).await?;
        }
    }
    guard.check(&mut tx).await?;
    let row = rules::existing_document(&mut tx, location.id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(DocumentDto::new(
        &row,
        &location.tz,
        &location.fields.title,
    )))
}
