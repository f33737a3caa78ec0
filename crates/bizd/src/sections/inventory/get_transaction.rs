use axum::extract::State;

use super::json::{ProductTransactionDto, TransactionPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Receiving a transaction (`inventory/get_transaction.md`): a live product transaction.
#[utoipa::path(
    get, path = "/storage_operations/goods_transactions/{location_id}/{transaction_id}", operation_id = "get_transaction", tag = "Inventory",
    params(TransactionPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<ProductTransactionDto>))
)]
pub async fn get_transaction(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<TransactionPath>,
) -> ApiResult<Envelope<ProductTransactionDto>> {
    let location = &access.location;
    let mut c = state.db.read().await?;
    let row = rules::existing_transaction(&mut c, location.id, path.transaction_id.0).await?;
    Ok(Envelope::one(ProductTransactionDto::new(
        &row,
        &location.tz,
    )))
}
