use axum::extract::State;
use axum::response::Response;

use super::get_service::one_service;
use super::json::{ServiceDto, ServiceListQuery, ServicePath};
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiResult, Envelope, ErrorBody, PublicLocation, Query};

/// Deprecated. Get a specific service (`services/deprecated_get_service_list_by_id.md`). The
/// list without an id is `GET /services/{location_id}`. A partner token alone may read it (as
/// the reference's header documents); with a user token the user must be a member.
#[utoipa::path(
    get, path = "/services/{location_id}/{service_id}", operation_id = "deprecated_get_service_list_by_id",
    tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), ("service_id" = i64, Path, description = "Service ID"), ServiceListQuery),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<ServiceDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn deprecated_get_service_list_by_id(
    State(state): State<AppState>,
    access: PublicLocation,
    Path(path): Path<ServicePath>,
    Query(q): Query<ServiceListQuery>,
) -> ApiResult<Response> {
    one_service(&state, access.location.id, path.service_id.0, &q).await
}
