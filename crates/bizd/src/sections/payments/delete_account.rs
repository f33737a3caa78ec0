use axum::extract::State;
use axum::http::StatusCode;

use super::json::AccountPath;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, LocationAccess, Path};
use bizd_store::Lock;

/// Delete an account (extension): only one without live transactions (else 422
/// `account_has_transactions`: the books stay whole). Answers 204.
#[utoipa::path(
    delete, path = "/accounts/{location_id}/{account_id}", operation_id = "delete_account", tag = "Payments",
    params(AccountPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 204))
)]
pub async fn delete_account(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<AccountPath>,
) -> ApiResult<StatusCode> {
    let (location_id, id) = (access.location.id, path.account_id.0);
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Account(id)]).await?;
    bizd_store::payments::accounts::get(&mut tx, location_id, id)
        .await?
        .ok_or_else(|| ApiError::NotFound("Account not found.".into()))?;
    if bizd_store::payments::accounts::has_transactions(&mut tx, id).await? {
        return Err(ApiError::Unprocessable {
            code: "account_has_transactions",
            message: "The account holds transactions; it cannot be deleted.".into(),
        });
    }
    bizd_store::payments::accounts::delete(&mut tx, id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
