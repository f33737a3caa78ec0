use axum::extract::State;
use axum::response::Response;

use super::get_service_category_list::category_list;
use super::json::{CategoryDto, CategoryListQuery, CategoryPath};
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiResult, Envelope, ErrorBody, PublicLocation, Query};

/// Deprecated. Get a list of service categories (`GET /service_categories/{location_id}`). The
/// full reference documents a partner token alone for it: with a user token, the user must be a
/// member of the location.
#[utoipa::path(
    get, path = "/service_categories/{location_id}", operation_id = "deprecated_get_service_category_list_without_id",
    tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), CategoryListQuery),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<Vec<CategoryDto>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn deprecated_get_service_category_list_without_id(
    State(state): State<AppState>,
    access: PublicLocation,
    Query(q): Query<CategoryListQuery>,
) -> ApiResult<Response> {
    category_list(&state, access.location.id, None, q, false).await
}

/// Deprecated. One service category (`GET /service_categories/{location_id}/{id}`).
#[utoipa::path(
    get, path = "/service_categories/{location_id}/{id}", operation_id = "deprecated_get_service_category_list",
    tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), ("id" = i64, Path, description = "Service category ID"), CategoryListQuery),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<CategoryDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn deprecated_get_service_category_list(
    State(state): State<AppState>,
    access: PublicLocation,
    Path(path): Path<CategoryPath>,
    Query(q): Query<CategoryListQuery>,
) -> ApiResult<Response> {
    category_list(&state, access.location.id, Some(path.id.0), q, false).await
}
