use axum::extract::State;
use bizd_domain::time::parse_instant;
use bizd_store::products::ProductFilter;

use super::json::{ProductDto, ProductListQuery, ProductPages, ProductsLocationPath};
use super::rules;
use crate::app::AppState;
use crate::http::{
    perm, ApiError, ApiResult, Envelope, ListMeta, LocationAccess, Paging, Path, Query,
};

/// Get a list of products (`products/get_products_list.md`): the live products by title, with
/// `term` (name, article or barcode), `category_id`, `changed_after`/`changed_before` and pages;
/// each with its stock per storage.
#[utoipa::path(
    get, path = "/goods/{location_id}", operation_id = "get_products_list", tag = "Products",
    params(ProductsLocationPath, ProductListQuery, Paging<ProductPages>),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<ProductDto>>))
)]
pub async fn get_products_list(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(_path): Path<ProductsLocationPath>,
    Query(q): Query<ProductListQuery>,
    Paging(page, _): Paging<ProductPages>,
) -> ApiResult<Envelope<Vec<ProductDto>>> {
    let location = &access.location;
    let instant = |v: &Option<String>, field: &str| match v.as_deref().filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => parse_instant(s, &location.tz)
            .map(Some)
            .ok_or_else(|| ApiError::field(field, "Not a date and time.")),
    };
    let filter = ProductFilter {
        term: q
            .term
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty()),
        category_id: q.category_id.map(|i| i.0),
        changed_after: instant(&q.changed_after, "changed_after")?,
        changed_before: instant(&q.changed_before, "changed_before")?,
    };
    let mut c = state.db.snapshot().await?;
    let (rows, total) =
        bizd_store::products::list(&mut c, location.id, &filter, page.offset(), page.size).await?;
    let data = rules::answers(&mut c, location, &rows).await?;
    Ok(Envelope::list(
        data,
        ListMeta::page_count_total(page, total),
    ))
}
