use axum::extract::State;

use super::json::{ServiceBody, ServiceDto, ServicePath};
use super::{load_service, save_service};
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Update a service (partial) (`services/patch_service.md`): only the fields sent change.
#[utoipa::path(
    patch, path = "/services/{location_id}/{service_id}", operation_id = "patch_service", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), ("service_id" = i64, Path, description = "Service ID")),
    request_body = ServiceBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<ServiceDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn patch_service(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<ServicePath>,
    Json(body): Json<ServiceBody>,
) -> ApiResult<Envelope<ServiceDto>> {
    access.require(|p| p.settings)?;
    let current = load_service(&state, access.location.id, path.service_id.0).await?;
    let dto = save_service(&state, &access, Some(current), body).await?;
    Ok(Envelope::one(dto))
}

/// The same operation under the path some clients use (`PATCH /company/{location_id}/services/{service_id}`).
#[utoipa::path(
    patch, path = "/company/{location_id}/services/{service_id}", operation_id = "patch_service_via_company",
    tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), ("service_id" = i64, Path, description = "Service ID")),
    request_body = ServiceBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<ServiceDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn patch_service_via_company(
    state: State<AppState>,
    access: LocationAccess,
    path: Path<ServicePath>,
    body: Json<ServiceBody>,
) -> ApiResult<Envelope<ServiceDto>> {
    patch_service(state, access, path, body).await
}
