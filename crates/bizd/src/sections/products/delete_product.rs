use axum::extract::State;
use axum::http::StatusCode;
use bizd_store::Lock;

use super::json::ProductPath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, LocationAccess, Path};

/// Delete Items (`products/delete_product.md`): the product leaves lists and search; documents
/// that name it still show it. Answers 204.
#[utoipa::path(
    delete, path = "/goods/{location_id}/{product_id}", operation_id = "delete_product", tag = "Products",
    params(ProductPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 204))
)]
pub async fn delete_product(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<ProductPath>,
) -> ApiResult<StatusCode> {
    let id = path.product_id.0;
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Product(id)]).await?;
    rules::existing(&mut tx, access.location.id, id).await?;
    bizd_store::products::delete(&mut tx, id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
