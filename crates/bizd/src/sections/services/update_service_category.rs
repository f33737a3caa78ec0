use axum::extract::State;
use bizd_domain::time::now_unix;

use super::create_service_category::staff_ids;
use super::json::{CategoryBody, CategoryDto, CategoryPath};
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Change service category (`PUT /service_category/{location_id}/{id}`). Only the fields sent
/// change; `staff`, when sent, replaces the assigned team members.
#[utoipa::path(
    put, path = "/service_category/{location_id}/{id}", operation_id = "update_service_category", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), ("id" = i64, Path, description = "Service category ID")),
    request_body = CategoryBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<CategoryDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn update_service_category(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<CategoryPath>,
    Json(body): Json<CategoryBody>,
) -> ApiResult<Envelope<CategoryDto>> {
    access.require(|p| p.settings)?;
    let location_id = access.location.id;
    let not_found = || ApiError::NotFound("Service category does not exist.".into());
    let current = state
        .db
        .category(location_id, path.id.0)
        .await?
        .ok_or_else(not_found)?;
    let (changes, staff) = body.into_changes();
    let fields = changes.apply(current.fields, false)?;
    let staff = staff_ids(&state, location_id, staff).await?;
    state
        .db
        .update_category(
            location_id,
            current.id,
            &fields,
            staff.as_deref(),
            now_unix(),
        )
        .await?;
    let category = state
        .db
        .category(location_id, current.id)
        .await?
        .ok_or_else(not_found)?;
    Ok(Envelope::one(category.into()))
}
