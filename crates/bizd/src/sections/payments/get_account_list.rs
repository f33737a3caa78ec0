use axum::extract::State;

use super::json::{PaymentAccountDto, PaymentsLocationPath};
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Get location accounts (`payments/get_account_list.md`): the live accounts (cash desks), by
/// id, each with its balance (an extension: the sum of its live transactions).
#[utoipa::path(
    get, path = "/accounts/{location_id}", operation_id = "get_account_list", tag = "Payments",
    params(PaymentsLocationPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<PaymentAccountDto>>))
)]
pub async fn get_account_list(
    State(state): State<AppState>,
    access: LocationAccess<perm::Finances>,
    Path(_path): Path<PaymentsLocationPath>,
) -> ApiResult<Envelope<Vec<PaymentAccountDto>>> {
    let mut c = state.db.read().await?;
    let rows = bizd_store::payments::accounts::list(&mut c, access.location.id).await?;
    Ok(Envelope::one(
        rows.iter().map(PaymentAccountDto::from).collect(),
    ))
}
