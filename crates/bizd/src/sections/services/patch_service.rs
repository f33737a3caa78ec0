use axum::extract::State;

use super::json::{ServiceBody, ServiceDto, ServicePath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Update a service (partial) (`services/patch_service.md`): only the fields sent change;
/// `staff`, when sent, becomes the exact list of team members. The service is locked and read
/// again inside the write, so two partial updates of different fields both take effect.
#[utoipa::path(
    patch, path = "/services/{location_id}/{service_id}", operation_id = "patch_service", tag = "Services",
    params(ServicePath),
    request_body = ServiceBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<ServiceDto>))
)]
pub async fn patch_service(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<ServicePath>,
    Json(body): Json<ServiceBody>,
) -> ApiResult<Envelope<ServiceDto>> {
    let (location_id, id) = (access.location.id, path.service_id.0);
    let (changes, staff) = body.into_changes();
    let mut tx = state.db.write().await?;
    tx.lock(&rules::service_locks(Some(id), &changes, staff.as_deref()))
        .await?;
    let current = rules::existing_service(&mut tx, location_id, id).await?;
    let (fields, pairs) =
        rules::resolve_service(&mut tx, location_id, changes, staff, current.fields, false).await?;
    let now = state.clock.now();
    bizd_store::services::update(&mut tx, location_id, id, &fields, pairs.as_deref(), now).await?;
    let service = rules::existing_service(&mut tx, location_id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(ServiceDto::from(service)))
}

/// The same operation under the path some clients use (`PATCH /company/{location_id}/services/{service_id}`).
#[utoipa::path(
    patch, path = "/company/{location_id}/services/{service_id}", operation_id = "patch_service_via_company",
    tag = "Services",
    params(ServicePath),
    request_body = ServiceBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<ServiceDto>))
)]
pub async fn patch_service_via_company(
    state: State<AppState>,
    access: LocationAccess<perm::Settings>,
    path: Path<ServicePath>,
    body: Json<ServiceBody>,
) -> ApiResult<Envelope<ServiceDto>> {
    patch_service(state, access, path, body).await
}
