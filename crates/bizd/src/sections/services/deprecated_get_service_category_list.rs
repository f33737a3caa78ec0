use axum::extract::State;

use super::json::{CategoryDto, CategoryListQuery, CategoryReadPath};
use super::rules;
use crate::app::AppState;
use crate::http::wire::OneOrList;
use crate::http::{ApiResult, Envelope, PartnerLocation, Path, Query};

/// Deprecated. Get a list of service categories (`GET /service_categories/{location_id}`);
/// `meta` is `[]`. The full reference documents a partner token alone for it: with a user
/// token, the user must be a member of the location.
#[utoipa::path(
    get, path = "/service_categories/{location_id}", operation_id = "deprecated_get_service_category_list_without_id",
    tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), CategoryListQuery),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<CategoryDto>>))
)]
pub async fn deprecated_get_service_category_list_without_id(
    State(state): State<AppState>,
    access: PartnerLocation,
    Query(q): Query<CategoryListQuery>,
) -> ApiResult<Envelope<Vec<CategoryDto>>> {
    list(&state, access.location.id, &q).await
}

async fn list(
    state: &AppState,
    location_id: i64,
    q: &CategoryListQuery,
) -> ApiResult<Envelope<Vec<CategoryDto>>> {
    let mut c = state.db.snapshot().await?;
    let list = rules::categories(&mut c, location_id, None, q).await?;
    // The deprecated list sends no counters: `meta` is the empty array of single objects.
    Ok(Envelope::one(
        list.into_iter().map(CategoryDto::from).collect(),
    ))
}

/// Deprecated. One service category (`GET /service_categories/{location_id}/{id}`); `id` 0
/// answers the list (the official MCP server lists categories this way).
#[utoipa::path(
    get, path = "/service_categories/{location_id}/{id}", operation_id = "deprecated_get_service_category_list",
    tag = "Services",
    params(CategoryReadPath, CategoryListQuery),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses((status = 200, description = "The category (the list for id 0)", body = Envelope<OneOrList<CategoryDto>>))
)]
pub async fn deprecated_get_service_category_list(
    State(state): State<AppState>,
    access: PartnerLocation,
    Path(path): Path<CategoryReadPath>,
    Query(q): Query<CategoryListQuery>,
) -> ApiResult<Envelope<OneOrList<CategoryDto>>> {
    let Some(id) = path.id.0 else {
        return Ok(list(&state, access.location.id, &q)
            .await?
            .map(OneOrList::List));
    };
    let mut c = state.db.snapshot().await?;
    let one = rules::one_category(&mut c, access.location.id, id, &q).await?;
    Ok(Envelope::one(OneOrList::One(CategoryDto::from(one))))
}
