use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::catalog::ServiceFields;

use super::json::{ServiceBody, ServiceDto};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess};

/// Create a service (`POST /services/{location_id}`). `title` and `category_id` are required;
/// `staff` links team members with their own durations (300–86100 s).
#[utoipa::path(
    post, path = "/services/{location_id}", operation_id = "create_service", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = ServiceBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<ServiceDto>))
)]
pub async fn create_service(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Json(body): Json<ServiceBody>,
) -> ApiResult<Envelope<ServiceDto>> {
    let location_id = access.location.id;
    let (changes, staff) = body.into_changes();
    let mut tx = state.db.write().await?;
    tx.lock(&rules::service_locks(None, &changes, staff.as_deref()))
        .await?;
    let (fields, pairs) = rules::resolve_service(
        &mut tx,
        location_id,
        changes,
        staff,
        ServiceFields::default(),
        true,
    )
    .await?;
    let pairs = pairs.unwrap_or_default();
    let id = bizd_store::services::insert(&mut tx, location_id, &fields, &pairs, state.clock.now())
        .await?;
    let service = rules::existing_service(&mut tx, location_id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(ServiceDto::from(service)).status(StatusCode::CREATED))
}
