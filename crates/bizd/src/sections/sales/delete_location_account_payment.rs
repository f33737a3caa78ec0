use axum::extract::State;

use super::json::{SaleDocumentDto, SalePaymentPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, LocationAccess, Path};
use crate::sections::payments::rules::{change, existing};

/// Delete a Cashier Payment Transaction (`sales/delete_location_account_payment.md`): reverses
/// a payment of the document — it leaves its account's balance and the visit's paid total, and
/// the deletion is recorded with who made it. A transaction of another document is 404.
/// Answers the sale operation.
#[utoipa::path(
    delete, path = "/company/{location_id}/sale/{document_id}/payment/payment_transaction/{payment_transaction_id}", operation_id = "delete_location_account_payment", tag = "Sales",
    params(SalePaymentPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<SaleDocumentDto>))
)]
pub async fn delete_location_account_payment(
    State(state): State<AppState>,
    access: LocationAccess<perm::RecordsFinances>,
    Path(path): Path<SalePaymentPath>,
) -> ApiResult<Envelope<SaleDocumentDto>> {
    let location = &access.location;
    let (document_id, id) = (path.document_id.0, path.payment_transaction_id.0);
    let mut tx = state.db.write().await?;
    rules::document(&mut tx, location.id, document_id).await?;
    let t = existing(&mut tx, location.id, id).await?;
    if t.document_id != Some(document_id) {
        return Err(ApiError::NotFound("Payment transaction not found.".into()));
    }
    change(
        &mut tx,
        location,
        id,
        None,
        access.user.id,
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    let answer = rules::answer(&mut state.db.snapshot().await?, location.id, document_id).await?;
    Ok(Envelope::one(answer))
}
