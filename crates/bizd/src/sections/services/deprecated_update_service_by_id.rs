use axum::extract::State;

use super::json::{ServiceBody, ServiceDto, ServicePath};
use super::patch_service::patch_service;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Update a service (`services/deprecated_update_service_by_id.md`). Only the fields sent
/// change; `staff`, when sent, becomes the exact list of team members: the same operation as
/// `PATCH` on this path.
#[utoipa::path(
    put, path = "/services/{location_id}/{service_id}", operation_id = "deprecated_update_service_by_id",
    tag = "Services",
    params(ServicePath),
    request_body = ServiceBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<ServiceDto>))
)]
pub async fn deprecated_update_service_by_id(
    state: State<AppState>,
    access: LocationAccess<perm::Settings>,
    path: Path<ServicePath>,
    body: Json<ServiceBody>,
) -> ApiResult<Envelope<ServiceDto>> {
    patch_service(state, access, path, body).await
}
