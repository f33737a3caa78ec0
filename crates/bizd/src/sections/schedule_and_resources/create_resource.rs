use axum::extract::State;
use axum::http::StatusCode;

use super::json::{ResourceBody, ResourceDto};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess};

/// Create a resource (`POST /resources/{location_id}`, an extension: the reference only lists
/// resources). `title` is required; `instances` a count or a list of titles (default one
/// instance named like the resource); `capacity` 1–1000 (default 1). Answers 201.
#[utoipa::path(
    post, path = "/resources/{location_id}", operation_id = "create_resource", tag = "Schedule & Resources",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = ResourceBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<ResourceDto>))
)]
pub async fn create_resource(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Json(body): Json<ResourceBody>,
) -> ApiResult<Envelope<ResourceDto>> {
    let location_id = access.location.id;
    let fields = rules::resource_fields(body, None)?;
    let mut tx = state.db.write().await?;
    let id =
        bizd_store::schedules::insert_resource(&mut tx, location_id, &fields, state.clock.now())
            .await?;
    let resource = rules::existing_resource(&mut tx, location_id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(ResourceDto::from(resource)).status(StatusCode::CREATED))
}
