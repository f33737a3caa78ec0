use axum::extract::State;

use super::json::{ServiceDto, ServiceListQuery, ServicePath};
use super::rules;
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, ListMeta, LocationAccess, Path, Query};

/// Get a list of services (`GET /company/{location_id}/services`); `meta.total_count`.
#[utoipa::path(
    get, path = "/company/{location_id}/services", operation_id = "get_service_without_id", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), ServiceListQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<ServiceDto>>))
)]
pub async fn get_service_without_id(
    State(state): State<AppState>,
    access: LocationAccess,
    Query(q): Query<ServiceListQuery>,
) -> ApiResult<Envelope<Vec<ServiceDto>>> {
    let mut c = state.db.snapshot().await?;
    let list =
        bizd_store::services::list(&mut c, access.location.id, rules::service_filter(&q)).await?;
    let data: Vec<ServiceDto> = list.into_iter().map(ServiceDto::from).collect();
    let meta = ListMeta::total(data.len());
    Ok(Envelope::list(data, meta))
}

/// Get a specific service (`GET /company/{location_id}/services/{service_id}`).
#[utoipa::path(
    get, path = "/company/{location_id}/services/{service_id}", operation_id = "get_service", tag = "Services",
    params(ServicePath, ServiceListQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<ServiceDto>))
)]
pub async fn get_service(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<ServicePath>,
    Query(q): Query<ServiceListQuery>,
) -> ApiResult<Envelope<ServiceDto>> {
    let mut c = state.db.snapshot().await?;
    let service = rules::one_service(&mut c, access.location.id, path.service_id.0, &q).await?;
    Ok(Envelope::one(ServiceDto::from(service)))
}
