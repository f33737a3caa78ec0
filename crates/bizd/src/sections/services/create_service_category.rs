use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::catalog::CategoryFields;
use bizd_domain::time::now_unix;

use super::check_team_members;
use super::json::{CategoryBody, CategoryDto};
use crate::app::AppState;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Create a service category (`POST /service_categories/{location_id}`).
#[utoipa::path(
    post, path = "/service_categories/{location_id}", operation_id = "create_service_category", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = CategoryBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 201, body = Envelope<CategoryDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn create_service_category(
    State(state): State<AppState>,
    access: LocationAccess,
    Json(body): Json<CategoryBody>,
) -> ApiResult<Envelope<CategoryDto>> {
    access.require(|p| p.settings)?;
    let location_id = access.location.id;
    let (changes, staff) = body.into_changes();
    let fields = changes.apply(CategoryFields::default(), true)?;
    let staff = staff_ids(&state, location_id, staff)
        .await?
        .unwrap_or_default();
    let id = state
        .db
        .insert_category(location_id, &fields, &staff, now_unix())
        .await?;
    let category = state
        .db
        .category(location_id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Envelope::one(CategoryDto::from(category)).status(StatusCode::CREATED))
}

/// The `staff` of a category body, deduplicated, after checking each is a live team member.
pub(super) async fn staff_ids(
    state: &AppState,
    location_id: i64,
    staff: Option<Vec<i64>>,
) -> ApiResult<Option<Vec<i64>>> {
    let Some(mut staff) = staff else {
        return Ok(None);
    };
    let named: Vec<(String, i64)> = staff
        .iter()
        .enumerate()
        .map(|(i, id)| (format!("staff.{i}"), *id))
        .collect();
    check_team_members(state, location_id, &named).await?;
    staff.sort_unstable();
    staff.dedup();
    Ok(Some(staff))
}
