use axum::extract::State;
use axum::http::StatusCode;

use super::json::{ServiceBody, ServiceDto};
use super::save_service;
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Create a service (`POST /services/{location_id}`). `title` and `category_id` are required;
/// `staff` links team members with their own durations (300–86100 s).
#[utoipa::path(
    post, path = "/services/{location_id}", operation_id = "create_service", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = ServiceBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 201, body = Envelope<ServiceDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn create_service(
    State(state): State<AppState>,
    access: LocationAccess,
    Json(body): Json<ServiceBody>,
) -> ApiResult<Envelope<ServiceDto>> {
    let dto = save_service(&state, &access, None, body).await?;
    Ok(Envelope::one(dto).status(StatusCode::CREATED))
}
