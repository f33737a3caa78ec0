use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::get_service_list::services;
use super::json::{ServiceDto, ServiceListQuery, ServicePath};
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, LocationAccess, Query};

/// Get a list of services (`GET /company/{location_id}/services`); `meta.total_count`.
#[utoipa::path(
    get, path = "/company/{location_id}/services", operation_id = "get_service_without_id", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), ServiceListQuery),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<Vec<ServiceDto>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn get_service_without_id(
    State(state): State<AppState>,
    access: LocationAccess,
    Query(q): Query<ServiceListQuery>,
) -> ApiResult<Envelope<Vec<ServiceDto>>> {
    let data = services(&state, access.location.id, None, &q).await?;
    let count = data.len();
    Ok(Envelope::with_meta(data, json!({"total_count": count})))
}

/// Get a specific service (`GET /company/{location_id}/services/{service_id}`).
#[utoipa::path(
    get, path = "/company/{location_id}/services/{service_id}", operation_id = "get_service", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), ("service_id" = i64, Path, description = "Service ID"), ServiceListQuery),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<ServiceDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn get_service(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<ServicePath>,
    Query(q): Query<ServiceListQuery>,
) -> ApiResult<Response> {
    one_service(&state, access.location.id, path.service_id.0, &q).await
}

pub(super) async fn one_service(
    state: &AppState,
    location_id: i64,
    id: i64,
    q: &ServiceListQuery,
) -> ApiResult<Response> {
    let one = services(state, location_id, Some(id), q)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::NotFound("Service not found.".into()))?;
    Ok(Envelope::one(one).into_response())
}
