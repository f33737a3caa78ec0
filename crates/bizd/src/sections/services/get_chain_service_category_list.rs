use axum::extract::State;

use super::json::{ChainCategoryDto, ChainCategoryQuery, ChainPath};
use crate::app::AppState;
use crate::http::{perm, ApiResult, ChainAccess, Envelope, ListMeta, Query};

/// Get a list of chain service categories (`GET /chain/{chain_id}/service_categories`): the
/// categories of every location of the chain; `include=services` lists their services.
#[utoipa::path(
    get, path = "/chain/{chain_id}/service_categories", operation_id = "get_chain_service_category_list",
    tag = "Services",
    params(ChainPath, ChainCategoryQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "Categories; `meta.total_count`", body = Envelope<Vec<ChainCategoryDto>>))
)]
pub async fn get_chain_service_category_list(
    State(state): State<AppState>,
    access: ChainAccess<perm::Timetable>,
    Query(q): Query<ChainCategoryQuery>,
) -> ApiResult<Envelope<Vec<ChainCategoryDto>>> {
    let with_services = q.with_services();
    let mut c = state.db.snapshot().await?;
    let categories = bizd_store::services::chain_categories(&mut c, access.chain_id).await?;
    let data: Vec<ChainCategoryDto> = categories
        .into_iter()
        .map(|row| ChainCategoryDto::from_row(row, with_services))
        .collect();
    let meta = ListMeta::total(data.len());
    Ok(Envelope::list(data, meta))
}
