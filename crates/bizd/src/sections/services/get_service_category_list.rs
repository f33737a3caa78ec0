use axum::extract::State;

use super::json::{CategoryDto, CategoryListQuery, CategoryReadPath};
use super::rules;
use crate::app::AppState;
use crate::http::wire::OneOrList;
use crate::http::{perm, ApiResult, Envelope, ListMeta, LocationAccess, Path, Query};

/// Get a list of service categories (`GET /company/{location_id}/service_categories`).
#[utoipa::path(
    get, path = "/company/{location_id}/service_categories", operation_id = "get_service_category_list_without_id",
    tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), CategoryListQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "Categories; `meta.total_count`", body = Envelope<Vec<CategoryDto>>))
)]
pub async fn get_service_category_list_without_id(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
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
    let data: Vec<CategoryDto> = list.into_iter().map(CategoryDto::from).collect();
    let meta = ListMeta::total(data.len());
    Ok(Envelope::list(data, meta))
}

/// One service category (`GET /company/{location_id}/service_categories/{id}`); with
/// `staff_id`, 404 unless the team member is associated with it; `id` 0 answers the list.
#[utoipa::path(
    get, path = "/company/{location_id}/service_categories/{id}", operation_id = "get_service_category_list",
    tag = "Services",
    params(CategoryReadPath, CategoryListQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "The category (the list, with `meta.total_count`, for id 0)", body = Envelope<OneOrList<CategoryDto>>))
)]
pub async fn get_service_category_list(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
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
