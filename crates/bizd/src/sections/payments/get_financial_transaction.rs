use axum::extract::State;
use bizd_domain::money::Currency;

use super::json::{FinanceTransactionPath, TransactionItemDto};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Getting a financial transaction (`payments/get_financial_transaction.md`): a list holding
/// the one transaction, in the list's item shape, as the reference shows it. A deleted
/// transaction or one of another location is 404.
#[utoipa::path(
    get, path = "/finance_transactions/{location_id}/{transaction_id}", operation_id = "get_financial_transaction", tag = "Payments",
    params(FinanceTransactionPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<TransactionItemDto>>))
)]
pub async fn get_financial_transaction(
    State(state): State<AppState>,
    access: LocationAccess<perm::Finances>,
    Path(path): Path<FinanceTransactionPath>,
) -> ApiResult<Envelope<Vec<TransactionItemDto>>> {
    let location = &access.location;
    let mut c = state.db.read().await?;
    let t = rules::existing(&mut c, location.id, path.transaction_id.0).await?;
    let currency = Currency::of(&location.fields.currency);
    Ok(Envelope::one(vec![TransactionItemDto::new(
        &t,
        &location.tz,
        currency,
    )]))
}
