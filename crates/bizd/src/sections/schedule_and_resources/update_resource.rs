use axum::extract::State;
use bizd_store::Lock;

use super::json::{ResourceBody, ResourceDto, ResourcePath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Change a resource (`PUT /resources/{location_id}/{resource_id}`, an extension): only the
/// fields sent change; `instances`, when sent, becomes the list (existing instances keep their
/// ids in order, surplus ones are removed).
#[utoipa::path(
    put, path = "/resources/{location_id}/{resource_id}", operation_id = "update_resource", tag = "Schedule & Resources",
    params(ResourcePath),
    request_body = ResourceBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<ResourceDto>))
)]
pub async fn update_resource(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<ResourcePath>,
    Json(body): Json<ResourceBody>,
) -> ApiResult<Envelope<ResourceDto>> {
    let (location_id, id) = (access.location.id, path.resource_id.0);
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Resource(id)]).await?;
    let current = rules::existing_resource(&mut tx, location_id, id).await?;
    let fields = rules::resource_fields(body, Some(&current))?;
    bizd_store::schedules::update_resource(&mut tx, location_id, id, &fields, state.clock.now())
        .await?;
    let resource = rules::existing_resource(&mut tx, location_id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(ResourceDto::from(resource)))
}
