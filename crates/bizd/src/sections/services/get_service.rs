use axum::extract::State;

use super::json::{ServiceDto, ServiceListQuery, ServiceReadPath};
use super::rules;
use crate::app::AppState;
use crate::http::wire::OneOrList;
use crate::http::{perm, ApiResult, Envelope, ListMeta, LocationAccess, Path, Query};

/// Get a list of services (`GET /company/{location_id}/services`); `meta.total_count`.
#[utoipa::path(
    get, path = "/company/{location_id}/services", operation_id = "get_service_without_id", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), ServiceListQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<ServiceDto>>))
)]
pub async fn get_service_without_id(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
    Query(q): Query<ServiceListQuery>,
) -> ApiResult<Envelope<Vec<ServiceDto>>> {
    list(&state, access.location.id, &q).await
}

async fn list(
    state: &AppState,
    location_id: i64,
    q: &ServiceListQuery,
) -> ApiResult<Envelope<Vec<ServiceDto>>> {
    let mut c = state.db.snapshot().await?;
    let list = bizd_store::services::list(&mut c, location_id, rules::service_filter(q)).await?;
    let data: Vec<ServiceDto> = list.into_iter().map(ServiceDto::from).collect();
    let meta = ListMeta::total(data.len());
    Ok(Envelope::list(data, meta))
}

/// Get a specific service (`GET /company/{location_id}/services/{service_id}`); `service_id` 0
/// answers the list.
#[utoipa::path(
    get, path = "/company/{location_id}/services/{service_id}", operation_id = "get_service", tag = "Services",
    params(ServiceReadPath, ServiceListQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "The service (the list, with `meta.total_count`, for id 0)", body = Envelope<OneOrList<ServiceDto>>))
)]
pub async fn get_service(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
    Path(path): Path<ServiceReadPath>,
    Query(q): Query<ServiceListQuery>,
) -> ApiResult<Envelope<OneOrList<ServiceDto>>> {
    let Some(id) = path.service_id.0 else {
        return Ok(list(&state, access.location.id, &q)
            .await?
            .map(OneOrList::List));
    };
    let mut c = state.db.snapshot().await?;
    let service = rules::one_service(&mut c, access.location.id, id, &q).await?;
    Ok(Envelope::one(OneOrList::One(ServiceDto::from(service))))
}
