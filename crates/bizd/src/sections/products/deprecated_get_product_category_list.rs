use axum::extract::State;

use super::get_product_category_list::children;
use super::json::{CategoryPath, ProductCategoryDto};
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Get a list of product categories, deprecated (`products/deprecated_get_product_category_list.md`):
/// the children of the category in the path (0: the roots), `meta` `[]` as in the example.
#[utoipa::path(
    get, path = "/goods_categories/{location_id}/{category_id}", operation_id = "deprecated_get_product_category_list", tag = "Products",
    params(CategoryPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<ProductCategoryDto>>))
)]
pub async fn deprecated_get_product_category_list(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<CategoryPath>,
) -> ApiResult<Envelope<Vec<ProductCategoryDto>>> {
    let data = children(&state, access.location.id, path.category_id.0).await?;
    Ok(Envelope::one(data))
}
