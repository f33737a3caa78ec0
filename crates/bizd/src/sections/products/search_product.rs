use axum::extract::State;

use super::json::{ProductsLocationPath, SearchQuery, TreeNodeDto};
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, ListMeta, LocationAccess, Path, Query};

/// List of products and product categories (`products/search_product.md`): without a term the
/// root categories; with one, categories by name or article first, then products by name,
/// article or barcode, `count` (default 20, at most 100) elements in all.
#[utoipa::path(
    get, path = "/goods/search/{location_id}", operation_id = "search_product", tag = "Products",
    params(ProductsLocationPath, SearchQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<TreeNodeDto>>))
)]
pub async fn search_product(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(_path): Path<ProductsLocationPath>,
    Query(q): Query<SearchQuery>,
) -> ApiResult<Envelope<Vec<TreeNodeDto>>> {
    let location_id = access.location.id;
    let max = q.count.map_or(20, |c| c.0);
    if !(1..=100).contains(&max) {
        return Err(ApiError::field(
            "count",
            "The count must be between 1 and 100.",
        ));
    }
    let mut c = state.db.read().await?;
    let term = q
        .term
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty());
    let Some(term) = term else {
        let roots =
            bizd_store::products::categories_of(&mut c, location_id, Some(None), None).await?;
        let data: Vec<TreeNodeDto> = roots.iter().map(TreeNodeDto::category).collect();
        let meta = ListMeta::count(data.len());
        return Ok(Envelope::list(data, meta));
    };
    let cats =
        bizd_store::products::search_categories(&mut c, location_id, &term, max as u64).await?;
    let mut data: Vec<TreeNodeDto> = cats.iter().map(TreeNodeDto::category).collect();
    let left = max - data.len() as i64;
    if left > 0 {
        let rows = bizd_store::products::search(&mut c, location_id, &term, left).await?;
        data.extend(rows.iter().map(TreeNodeDto::product));
    }
    let meta = ListMeta::count(data.len());
    Ok(Envelope::list(data, meta))
}
