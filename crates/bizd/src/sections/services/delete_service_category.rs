use axum::extract::State;
use axum::http::StatusCode;
use bizd_store::Lock;

use super::json::CategoryPath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, ErrorBody, LocationAccess, Path};

/// Delete service category (`DELETE /service_category/{location_id}/{id}`). A category that
/// still holds services is kept: 422 (move or delete them first).
#[utoipa::path(
    delete, path = "/service_category/{location_id}/{id}", operation_id = "delete_service_category", tag = "Services",
    params(CategoryPath),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 422, description = "The category still has services", body = ErrorBody),
    )
)]
pub async fn delete_service_category(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<CategoryPath>,
) -> ApiResult<StatusCode> {
    let (location_id, id) = (access.location.id, path.id.0);
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::ServiceCategory(id)]).await?;
    rules::existing_category(&mut tx, location_id, id).await?;
    let services = bizd_store::services::category_service_count(&mut tx, id).await?;
    if services > 0 {
        return Err(ApiError::field(
            "id",
            format!("The category still has {services} service(s); move or delete them first."),
        ));
    }
    bizd_store::services::delete_category(&mut tx, location_id, id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
