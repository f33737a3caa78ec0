use axum::extract::State;
use axum::http::StatusCode;
use bizd_store::Lock;

use super::json::ResourcePath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, LocationAccess, Path};

/// Delete a resource (`DELETE /resources/{location_id}/{resource_id}`, an extension): it leaves
/// the list and every service that needed it. Answers 204, as the other deletes.
#[utoipa::path(
    delete, path = "/resources/{location_id}/{resource_id}", operation_id = "delete_resource", tag = "Schedule & Resources",
    params(ResourcePath),
    security(("BearerPartnerUser" = [])),
    responses((status = 204, description = "Deleted"))
)]
pub async fn delete_resource(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<ResourcePath>,
) -> ApiResult<StatusCode> {
    let (location_id, id) = (access.location.id, path.resource_id.0);
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Resource(id)]).await?;
    rules::existing_resource(&mut tx, location_id, id).await?;
    bizd_store::schedules::delete_resource(&mut tx, location_id, id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
