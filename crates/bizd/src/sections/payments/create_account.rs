use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::validation::FieldErrors;
use bizd_store::payments::accounts::AccountFields;

use super::json::{PaymentAccountBody, PaymentAccountDto, PaymentsLocationPath};
use crate::app::AppState;
use crate::http::wire::text;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};

/// The fields of an account body, checked (`create`: the title is required).
pub fn fields(body: PaymentAccountBody, create: bool) -> Result<AccountFields, ApiError> {
    let mut e = FieldErrors::new();
    let title = text(body.title).map(|t| t.trim().to_owned());
    match &title {
        Some(t) if t.is_empty() || t.chars().count() > 255 => {
            e.add("title", "The title must have 1 to 255 characters.")
        }
        None if create => e.add("title", "The title is required."),
        _ => {}
    }
    let kind = body.kind.map(|k| k.0);
    if kind.is_some_and(|k| !(0..=1).contains(&k)) {
        e.add("type", "The type is 0 (cash) or 1 (non-cash).");
    }
    e.into_result()?;
    Ok(AccountFields {
        title,
        kind,
        comment: text(body.comment),
    })
}

/// Create an account (extension: v1 has no account writes). `title` required, `type` 0 cash
/// (default) or 1 non-cash. Answers 201 with the account.
#[utoipa::path(
    post, path = "/accounts/{location_id}", operation_id = "create_account", tag = "Payments",
    params(PaymentsLocationPath),
    request_body = PaymentAccountBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<PaymentAccountDto>))
)]
pub async fn create_account(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(_path): Path<PaymentsLocationPath>,
    Json(body): Json<PaymentAccountBody>,
) -> ApiResult<Envelope<PaymentAccountDto>> {
    let f = fields(body, true)?;
    let location_id = access.location.id;
    let mut tx = state.db.write().await?;
    let id =
        bizd_store::payments::accounts::insert(&mut tx, location_id, &f, false, state.clock.now())
            .await?;
    let row = bizd_store::payments::accounts::get(&mut tx, location_id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    tx.commit().await?;
    Ok(Envelope::one(PaymentAccountDto::from(&row)).status(StatusCode::CREATED))
}
