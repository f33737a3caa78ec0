use axum::extract::State;
use axum::http::StatusCode;

use super::json::FinanceTransactionPath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Deleting a transaction (`payments/delete_financial_transaction.md`): 202, as documented. The
/// transaction leaves the books (and its account's balance) but stays readable with `deleted=1`
/// of the list; the deletion is recorded with who made it and when. A payment of a visit is
/// reversed: the visit's paid total and its client's `spent` follow.
#[utoipa::path(
    delete, path = "/finance_transactions/{location_id}/{transaction_id}", operation_id = "delete_financial_transaction", tag = "Payments",
    params(FinanceTransactionPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 202, body = Envelope<Option<String>>))
)]
pub async fn delete_financial_transaction(
    State(state): State<AppState>,
    access: LocationAccess<perm::Finances>,
    Path(path): Path<FinanceTransactionPath>,
) -> ApiResult<Envelope<Option<String>>> {
    let mut tx = state.db.write().await?;
    rules::change(
        &mut tx,
        &access.location,
        path.transaction_id.0,
        None,
        access.user.id,
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(Envelope::deleted().status(StatusCode::ACCEPTED))
}
