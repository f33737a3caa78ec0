use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::time::now_unix;

use super::json::CategoryPath;
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiError, ApiResult, ErrorBody, LocationAccess};

/// Delete service category (`DELETE /service_category/{location_id}/{id}`). A category that
/// still holds services is kept: 422 (move or delete them first).
#[utoipa::path(
    delete, path = "/service_category/{location_id}/{id}", operation_id = "delete_service_category", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), ("id" = i64, Path, description = "Service category ID")),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "The category still has services", body = ErrorBody),
    )
)]
pub async fn delete_service_category(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<CategoryPath>,
) -> ApiResult<StatusCode> {
    access.require(|p| p.settings)?;
    let location_id = access.location.id;
    let category = state
        .db
        .category(location_id, path.id.0)
        .await?
        .ok_or_else(|| ApiError::NotFound("Service category does not exist.".into()))?;
    let services = state.db.category_service_count(category.id).await?;
    if services > 0 {
        return Err(ApiError::field(
            "id",
            format!("The category still has {services} service(s); move or delete them first."),
        ));
    }
    state
        .db
        .delete_category(location_id, category.id, now_unix())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
