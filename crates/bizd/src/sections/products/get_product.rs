use axum::extract::State;

use super::json::{ProductDto, ProductPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Get Products (`products/get_product.md`): one live product, as the one-item list of the
/// reference's example, with its stock per storage.
#[utoipa::path(
    get, path = "/goods/{location_id}/{product_id}", operation_id = "get_product", tag = "Products",
    params(ProductPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<ProductDto>>))
)]
pub async fn get_product(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<ProductPath>,
) -> ApiResult<Envelope<Vec<ProductDto>>> {
    let location = &access.location;
    let mut c = state.db.snapshot().await?;
    let row = rules::existing(&mut c, location.id, path.product_id.0).await?;
    Ok(Envelope::one(
        rules::answers(&mut c, location, &[row]).await?,
    ))
}
