use axum::extract::State;
use bizd_store::Lock;

use super::json::{FinanceTransactionBody, FinanceTransactionDto, PaymentsLocationPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};

/// Create a Financial Transaction (`payments/create_financial_transaction.md`): money into
/// (positive `amount`) or out of (negative) one of the location's accounts, outside any sale
/// document. `account_id` and `amount` are required; the amount is exact to the currency's
/// minor unit. Answers 200 with the transaction, as documented.
#[utoipa::path(
    post, path = "/finance_transactions/{location_id}", operation_id = "create_financial_transaction", tag = "Payments",
    params(PaymentsLocationPath),
    request_body = FinanceTransactionBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<FinanceTransactionDto>))
)]
pub async fn create_financial_transaction(
    State(state): State<AppState>,
    access: LocationAccess<perm::Finances>,
    Path(_path): Path<PaymentsLocationPath>,
    Json(body): Json<FinanceTransactionBody>,
) -> ApiResult<Envelope<FinanceTransactionDto>> {
    let location = &access.location;
    let now = state.clock.now();
    let mut tx = state.db.write().await?;
    let t = rules::transaction_of(&mut tx, location, body, None, now).await?;
    tx.lock(&[Lock::Account(t.account_id)]).await?;
    // The account may have gone while we waited for it.
    if bizd_store::payments::accounts::get(&mut tx, location.id, t.account_id)
        .await?
        .is_none()
    {
        return Err(ApiError::field(
            "account_id",
            "No such account at this location.",
        ));
    }
    let id = bizd_store::payments::transactions::insert(
        &mut tx,
        location.id,
        &t,
        Some(access.user.id),
        now,
    )
    .await?;
    let row = rules::existing(&mut tx, location.id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(FinanceTransactionDto::new(
        &row,
        &location.tz,
    )))
}
