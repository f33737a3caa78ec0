use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::time::now_unix;

use super::json::ServicePath;
use super::load_service;
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiResult, ErrorBody, LocationAccess};

/// Delete a service (`DELETE /services/{location_id}/{service_id}`); its team member links go
/// with it.
#[utoipa::path(
    delete, path = "/services/{location_id}/{service_id}", operation_id = "delete_service", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), ("service_id" = i64, Path, description = "Service ID")),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn delete_service(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<ServicePath>,
) -> ApiResult<StatusCode> {
    access.require(|p| p.settings)?;
    let service = load_service(&state, access.location.id, path.service_id.0).await?;
    state
        .db
        .delete_service(access.location.id, service.id, now_unix())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
