use axum::extract::State;

use super::json::{SaleDocumentDto, SalePaymentPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, LocationAccess, Path};

/// Delete a Loyalty Payment Transaction (`sales/delete_loyalty_payment_transaction.md`): loyalty
/// payments need the loyalty sections, not built yet, so no document holds one: after the
/// document is found, every id is 404.
#[utoipa::path(
    delete, path = "/company/{location_id}/sale/{document_id}/payment/loyalty_transaction/{payment_transaction_id}", operation_id = "delete_loyalty_payment_transaction", tag = "Sales",
    params(SalePaymentPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<SaleDocumentDto>))
)]
pub async fn delete_loyalty_payment_transaction(
    State(state): State<AppState>,
    access: LocationAccess<perm::RecordsFinances>,
    Path(path): Path<SalePaymentPath>,
) -> ApiResult<Envelope<SaleDocumentDto>> {
    let mut c = state.db.read().await?;
    rules::document(&mut c, access.location.id, path.document_id.0).await?;
    Err(ApiError::NotFound("Loyalty transaction not found.".into()))
}
