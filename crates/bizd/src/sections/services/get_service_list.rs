use axum::extract::State;
use bizd_store::catalog::ServiceFilter;
use serde_json::json;

use super::json::{ServiceDto, ServiceListQuery};
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, ErrorBody, LocationAccess, Query};

/// Get a list of services (`services/get_service_list.md`), heaviest first; filters by team
/// member and category.
#[utoipa::path(
    get, path = "/services/{location_id}", operation_id = "get_service_list", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), ServiceListQuery),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<Vec<ServiceDto>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn get_service_list(
    State(state): State<AppState>,
    access: LocationAccess,
    Query(q): Query<ServiceListQuery>,
) -> ApiResult<Envelope<Vec<ServiceDto>>> {
    let data = services(&state, access.location.id, None, &q).await?;
    Ok(Envelope::with_meta(data, json!([])))
}

pub(super) async fn services(
    state: &AppState,
    location_id: i64,
    id: Option<i64>,
    q: &ServiceListQuery,
) -> ApiResult<Vec<ServiceDto>> {
    let filter = ServiceFilter {
        id,
        category_id: q.category_id.map(|v| v.0),
        team_member_id: q.staff_id.map(|v| v.0),
    };
    Ok(state
        .db
        .list_services(location_id, filter)
        .await?
        .into_iter()
        .map(ServiceDto::from)
        .collect())
}
