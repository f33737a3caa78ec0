use axum::extract::State;
use axum::http::StatusCode;
use bizd_store::Lock;

use super::json::ServicePath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, LocationAccess, Path};

/// Delete a service (`DELETE /services/{location_id}/{service_id}`); its team member links go
/// with it.
#[utoipa::path(
    delete, path = "/services/{location_id}/{service_id}", operation_id = "delete_service", tag = "Services",
    params(ServicePath),
    security(("BearerPartnerUser" = [])),
    responses((status = 204, description = "Deleted"))
)]
pub async fn delete_service(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<ServicePath>,
) -> ApiResult<StatusCode> {
    let (location_id, id) = (access.location.id, path.service_id.0);
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Service(id)]).await?;
    rules::existing_service(&mut tx, location_id, id).await?;
    bizd_store::services::delete(&mut tx, location_id, id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
