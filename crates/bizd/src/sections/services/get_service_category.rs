use axum::extract::State;

use super::json::{CategoryDto, CategoryPath};
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, PublicLocation};

/// Get service category (`GET /service_category/{location_id}/{id}`). A partner token alone may
/// read it (as the full reference documents); with a user token the user must be a member.
#[utoipa::path(
    get, path = "/service_category/{location_id}/{id}", operation_id = "get_service_category", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), ("id" = i64, Path, description = "Service category ID")),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<CategoryDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn get_service_category(
    State(state): State<AppState>,
    access: PublicLocation,
    Path(path): Path<CategoryPath>,
) -> ApiResult<Envelope<CategoryDto>> {
    let category = state
        .db
        .category(access.location.id, path.id.0)
        .await?
        .ok_or_else(|| ApiError::NotFound("Service category does not exist.".into()))?;
    Ok(Envelope::one(category.into()))
}
