use axum::extract::State;
use bizd_domain::money::Currency;

use super::json::{FinanceTransactionBody, FinanceTransactionPath, TransactionItemDto};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Financial Transaction Update (`payments/update_financial_transaction.md`): the fields sent
/// change; the previous and new values are recorded with who changed them and when. A payment
/// of a visit moves the visit's paid total with it. Answers like `GET`.
#[utoipa::path(
    put, path = "/finance_transactions/{location_id}/{transaction_id}", operation_id = "update_financial_transaction", tag = "Payments",
    params(FinanceTransactionPath),
    request_body = FinanceTransactionBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<TransactionItemDto>>))
)]
pub async fn update_financial_transaction(
    State(state): State<AppState>,
    access: LocationAccess<perm::Finances>,
    Path(path): Path<FinanceTransactionPath>,
    Json(body): Json<FinanceTransactionBody>,
) -> ApiResult<Envelope<Vec<TransactionItemDto>>> {
    let location = &access.location;
    let id = path.transaction_id.0;
    let mut tx = state.db.write().await?;
    rules::change(
        &mut tx,
        location,
        id,
        Some(body),
        access.user.id,
        state.clock.now(),
    )
    .await?;
    let t = rules::existing(&mut tx, location.id, id).await?;
    tx.commit().await?;
    let currency = Currency::of(&location.fields.currency);
    Ok(Envelope::one(vec![TransactionItemDto::new(
        &t,
        &location.tz,
        currency,
    )]))
}
