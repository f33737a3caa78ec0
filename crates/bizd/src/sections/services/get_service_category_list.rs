use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::json::{CategoryDto, CategoryListQuery, CategoryPath};
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, LocationAccess, Query};

/// Get a list of service categories (`GET /company/{location_id}/service_categories`).
#[utoipa::path(
    get, path = "/company/{location_id}/service_categories", operation_id = "get_service_category_list_without_id",
    tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), CategoryListQuery),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, description = "Categories; `meta.total_count`", body = Envelope<Vec<CategoryDto>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn get_service_category_list_without_id(
    State(state): State<AppState>,
    access: LocationAccess,
    Query(q): Query<CategoryListQuery>,
) -> ApiResult<Response> {
    category_list(&state, access.location.id, None, q, true).await
}

/// One service category (`GET /company/{location_id}/service_categories/{id}`).
#[utoipa::path(
    get, path = "/company/{location_id}/service_categories/{id}", operation_id = "get_service_category_list",
    tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), ("id" = i64, Path, description = "Service category ID"), CategoryListQuery),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<CategoryDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn get_service_category_list(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<CategoryPath>,
    Query(q): Query<CategoryListQuery>,
) -> ApiResult<Response> {
    category_list(&state, access.location.id, Some(path.id.0), q, true).await
}

/// The categories of a location (`total_count` in `meta` when `counted`), or one of them.
pub(super) async fn category_list(
    state: &AppState,
    location_id: i64,
    id: Option<i64>,
    q: CategoryListQuery,
    counted: bool,
) -> ApiResult<Response> {
    let staff_id = q.staff_id.map(|v| v.0);
    if let Some(member) = staff_id {
        state
            .db
            .team_member(location_id, member)
            .await?
            .filter(|m| m.deleted_at.is_none())
            .ok_or_else(|| ApiError::NotFound("Team Member not found.".into()))?;
    }
    let list = state.db.list_categories(location_id, id, staff_id).await?;
    let data: Vec<CategoryDto> = list.into_iter().map(CategoryDto::from).collect();
    if id.is_some() {
        let one = data
            .into_iter()
            .next()
            .ok_or_else(|| ApiError::NotFound("Service category does not exist.".into()))?;
        return Ok(Envelope::one(one).into_response());
    }
    let meta = if counted {
        json!({"total_count": data.len()})
    } else {
        json!([])
    };
    Ok(Envelope::with_meta(data, meta).into_response())
}
