use axum::extract::State;

use super::json::{CategoryIdsQuery, ProductCategoryDto, ProductsLocationPath};
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path, Query};

/// Get a list of product categories by ID (`products/get_product_category_list_by_ids.md`):
/// the live categories among `id` and `ids[]` (unknown ids are left out).
#[utoipa::path(
    get, path = "/goods_categories/multiple/{location_id}", operation_id = "get_product_category_list_by_ids", tag = "Products",
    params(ProductsLocationPath, CategoryIdsQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<ProductCategoryDto>>))
)]
pub async fn get_product_category_list_by_ids(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(_path): Path<ProductsLocationPath>,
    Query(q): Query<CategoryIdsQuery>,
) -> ApiResult<Envelope<Vec<ProductCategoryDto>>> {
    let ids: Vec<i64> = q.id.into_iter().chain(q.ids).map(|i| i.0).collect();
    if ids.is_empty() {
        return Ok(Envelope::one(Vec::new()));
    }
    let mut c = state.db.read().await?;
    let rows =
        bizd_store::products::categories_of(&mut c, access.location.id, None, Some(&ids)).await?;
    Ok(Envelope::one(
        rows.iter().map(ProductCategoryDto::from).collect(),
    ))
}
