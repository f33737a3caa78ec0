use axum::extract::State;

use super::json::{ServiceBody, ServiceDto, ServicePath};
use super::{load_service, save_service};
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Update a service (`services/deprecated_update_service_by_id.md`). Only the fields sent
/// change; `staff`, when sent, becomes the exact list of team members.
#[utoipa::path(
    put, path = "/services/{location_id}/{service_id}", operation_id = "deprecated_update_service_by_id",
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
pub async fn deprecated_update_service_by_id(
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
