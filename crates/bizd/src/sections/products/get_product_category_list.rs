use axum::extract::State;

use super::json::{ParentCategoryPath, ProductCategoryDto};
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, ListMeta, LocationAccess, Path};

/// Categories under a parent (`products/get_product_category_list.md`): the live children of
/// `parent_category_id` (0: the root categories), by title; `meta.count` how many.
#[utoipa::path(
    get, path = "/company/{location_id}/goods_categories/{parent_category_id}", operation_id = "get_product_category_list", tag = "Products",
    params(ParentCategoryPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<ProductCategoryDto>>))
)]
pub async fn get_product_category_list(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<ParentCategoryPath>,
) -> ApiResult<Envelope<Vec<ProductCategoryDto>>> {
    let data = children(&state, access.location.id, path.parent_category_id.0).await?;
    let meta = ListMeta::count(data.len());
    Ok(Envelope::list(data, meta))
}

/// The live children of a category (0: the roots); 404 for a parent that is not one.
pub async fn children(
    state: &AppState,
    location_id: i64,
    parent: i64,
) -> Result<Vec<ProductCategoryDto>, ApiError> {
    let mut c = state.db.read().await?;
    let parent = (parent != 0).then_some(parent);
    if let Some(p) = parent {
        bizd_store::products::category(&mut c, location_id, p)
            .await?
            .ok_or_else(|| ApiError::NotFound("Product category not found.".into()))?;
    }
    let rows = bizd_store::products::categories_of(&mut c, location_id, Some(parent), None).await?;
    Ok(rows.iter().map(ProductCategoryDto::from).collect())
}
