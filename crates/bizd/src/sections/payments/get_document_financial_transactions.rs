use axum::extract::State;

use super::json::{DocumentPath, FinanceTransactionDto};
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, LocationAccess, Path};

/// Get document financial transactions (`payments/get_document_financial_transactions.md`): the
/// live transactions of a sale document, oldest first. Access is decided by the document's
/// location, as for a path naming it (404 for an unknown document).
#[utoipa::path(
    get, path = "/storage_operations/documents/finance_transactions/{document_id}", operation_id = "get_document_financial_transactions", tag = "Payments",
    params(DocumentPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<FinanceTransactionDto>>))
)]
pub async fn get_document_financial_transactions(
    State(state): State<AppState>,
    access: LocationAccess<perm::RecordsFinances>,
    Path(path): Path<DocumentPath>,
) -> ApiResult<Envelope<Vec<FinanceTransactionDto>>> {
    let mut c = state.db.snapshot().await?;
    let doc = bizd_store::sales::get(&mut c, path.document_id.0)
        .await?
        .filter(|d| d.location_id == access.location.id)
        .ok_or_else(|| ApiError::NotFound("Document not found.".into()))?;
    let rows = bizd_store::payments::transactions::of_document(&mut c, doc.id).await?;
    Ok(Envelope::one(
        rows.iter()
            .map(|t| FinanceTransactionDto::new(t, &access.location.tz))
            .collect(),
    ))
}
