use axum::extract::State;
use bizd_store::products::ProductFilter;

use super::json::{CategoryNodeDto, CategoryPath, NodePages, TreeNodeDto};
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, LocationAccess, Paging, Path};

/// Composition of a product category (`products/get_product_category_composition.md`): the
/// category as a tree element with a page of its children — its child categories first, then
/// its live products — and `children_count` (not recursive).
#[utoipa::path(
    get, path = "/goods/category_node/{location_id}/{category_id}", operation_id = "get_product_category_composition", tag = "Products",
    params(CategoryPath, Paging<NodePages>),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<CategoryNodeDto>))
)]
pub async fn get_product_category_composition(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<CategoryPath>,
    Paging(page, _): Paging<NodePages>,
) -> ApiResult<Envelope<CategoryNodeDto>> {
    let location_id = access.location.id;
    let mut c = state.db.snapshot().await?;
    let cat = bizd_store::products::category(&mut c, location_id, path.category_id.0)
        .await?
        .ok_or_else(|| ApiError::NotFound("Product category not found.".into()))?;
    let cats =
        bizd_store::products::categories_of(&mut c, location_id, Some(Some(cat.id)), None).await?;
    let filter = ProductFilter {
        category_id: Some(cat.id),
        ..ProductFilter::default()
    };
    let (_, products_total) =
        bizd_store::products::list(&mut c, location_id, &filter, 0, 0).await?;
    let mut children: Vec<TreeNodeDto> = cats.iter().map(TreeNodeDto::category).collect();
    let (offset, size) = (page.offset(), page.size);
    let n_cats = children.len() as i64;
    let mut out: Vec<TreeNodeDto> = children
        .drain(..)
        .skip(offset as usize)
        .take(size as usize)
        .collect();
    let left = size - out.len() as i64;
    if left > 0 {
        let p_offset = (offset - n_cats).max(0);
        let (rows, _) =
            bizd_store::products::list(&mut c, location_id, &filter, p_offset, left).await?;
        out.extend(rows.iter().map(TreeNodeDto::product));
    }
    Ok(Envelope::one(CategoryNodeDto {
        node: TreeNodeDto::category(&cat),
        children: out,
        children_count: n_cats + products_total,
    }))
}
