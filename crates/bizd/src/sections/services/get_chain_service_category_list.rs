use axum::extract::State;
use serde::Deserialize;
use serde_json::json;

use super::json::{ChainCategoryDto, ChainCategoryQuery, ChainServiceRefDto};
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::wire::Int;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, Query, UserAuth};

#[derive(Debug, Deserialize)]
pub struct ChainPath {
    #[serde(alias = "company_group_id", alias = "salon_group_id")]
    pub chain_id: Int,
}

/// Get a list of chain service categories (`GET /chain/{chain_id}/service_categories`): the
/// categories of every location of the chain; `include=services` lists their services.
#[utoipa::path(
    get, path = "/chain/{chain_id}/service_categories", operation_id = "get_chain_service_category_list",
    tag = "Services",
    params(("chain_id" = i64, Path, description = "Chain ID"), ChainCategoryQuery),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<Vec<ChainCategoryDto>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn get_chain_service_category_list(
    State(state): State<AppState>,
    UserAuth(user): UserAuth,
    Path(path): Path<ChainPath>,
    Query(q): Query<ChainCategoryQuery>,
) -> ApiResult<Envelope<Vec<ChainCategoryDto>>> {
    let chain_id = path.chain_id.0;
    if !state.db.chain_exists(chain_id).await? {
        return Err(ApiError::NotFound("Chain not found.".into()));
    }
    if !state.db.is_chain_member(user.id, chain_id).await? {
        return Err(ApiError::Forbidden);
    }
    let with_services = q
        .include
        .is_some_and(|v| v.0.split(',').any(|p| p.trim() == "services"));
    let data: Vec<ChainCategoryDto> = state
        .db
        .chain_categories(chain_id)
        .await?
        .into_iter()
        .map(|(id, title, services)| ChainCategoryDto {
            id,
            title,
            services: with_services.then(|| {
                services
                    .into_iter()
                    .map(|(id, title)| ChainServiceRefDto { id, title })
                    .collect()
            }),
        })
        .collect();
    let count = data.len();
    Ok(Envelope::with_meta(data, json!({"total_count": count})))
}
