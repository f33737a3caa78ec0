use axum::extract::State;

use super::create_account::fields;
use super::json::{AccountPath, PaymentAccountBody, PaymentAccountDto};
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};
use bizd_store::Lock;

/// Change an account (extension): the fields sent.
#[utoipa::path(
    put, path = "/accounts/{location_id}/{account_id}", operation_id = "update_account", tag = "Payments",
    params(AccountPath),
    request_body = PaymentAccountBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<PaymentAccountDto>))
)]
pub async fn update_account(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<AccountPath>,
    Json(body): Json<PaymentAccountBody>,
) -> ApiResult<Envelope<PaymentAccountDto>> {
    let f = fields(body, false)?;
    let (location_id, id) = (access.location.id, path.account_id.0);
    let not_found = || ApiError::NotFound("Account not found.".into());
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Account(id)]).await?;
    bizd_store::payments::accounts::get(&mut tx, location_id, id)
        .await?
        .ok_or_else(not_found)?;
    bizd_store::payments::accounts::update(&mut tx, id, &f, state.clock.now()).await?;
    let row = bizd_store::payments::accounts::get(&mut tx, location_id, id)
        .await?
        .ok_or_else(not_found)?;
    tx.commit().await?;
    Ok(Envelope::one(PaymentAccountDto::from(&row)))
}
