use axum::extract::State;

use super::json::{SaleDocumentDto, SalePath, SalePaymentBody};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Payment at the Location Account and Loyalty (`sales/create_payment_with_loyalty_methods.md`):
/// `method.slug` `account` with an `account_id` puts `amount` into that account for the
/// document (a negative amount refunds, up to what was paid); the other methods need sections
/// not built yet and answer 422 `payment_method_unavailable`. The visit's payment status, its
/// appointments' `paid_full` and the client's `spent` follow in the same transaction. Honours
/// `Idempotency-Key`. Answers the sale operation.
#[utoipa::path(
    post, path = "/company/{location_id}/sale/{document_id}/payment", operation_id = "create_payment_with_loyalty_methods", tag = "Sales",
    params(SalePath),
    request_body = SalePaymentBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<SaleDocumentDto>))
)]
pub async fn create_payment_with_loyalty_methods(
    State(state): State<AppState>,
    access: LocationAccess<perm::RecordsFinances>,
    Path(path): Path<SalePath>,
    Json(body): Json<SalePaymentBody>,
) -> ApiResult<Envelope<SaleDocumentDto>> {
    let location = &access.location;
    let document_id = path.document_id.0;
    let mut tx = state.db.write().await?;
    rules::pay_document(
        &mut tx,
        location,
        document_id,
        body,
        access.user.id,
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    let answer = rules::answer(&mut state.db.snapshot().await?, location.id, document_id).await?;
    Ok(Envelope::one(answer))
}
