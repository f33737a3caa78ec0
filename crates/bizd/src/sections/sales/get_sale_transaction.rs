use axum::extract::State;

use super::json::{SaleDocumentDto, SalePath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Receipt of a Sales Transaction (`sales/get_sale_transaction.md`): the document's lines, its
/// payments and a payment method per live account (`applicable_amount`: what is still due).
#[utoipa::path(
    get, path = "/company/{location_id}/sale/{document_id}", operation_id = "get_sale_transaction", tag = "Sales",
    params(SalePath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<SaleDocumentDto>))
)]
pub async fn get_sale_transaction(
    State(state): State<AppState>,
    access: LocationAccess<perm::RecordsFinances>,
    Path(path): Path<SalePath>,
) -> ApiResult<Envelope<SaleDocumentDto>> {
    let mut c = state.db.snapshot().await?;
    let answer = rules::answer(&mut c, access.location.id, path.document_id.0).await?;
    Ok(Envelope::one(answer))
}
