use axum::extract::State;

use super::json::{ServiceDto, ServiceListQuery};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Query};

/// Get a list of services (`services/get_service_list.md`), heaviest first; filters by team
/// member and category. `meta` is `[]`, as in the reference.
#[utoipa::path(
    get, path = "/services/{location_id}", operation_id = "get_service_list", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), ServiceListQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<ServiceDto>>))
)]
pub async fn get_service_list(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
    Query(q): Query<ServiceListQuery>,
) -> ApiResult<Envelope<Vec<ServiceDto>>> {
    list(&state, access.location.id, &q).await
}

/// The list (also what `GET /services/{location_id}/0` answers).
pub(super) async fn list(
    state: &AppState,
    location_id: i64,
    q: &ServiceListQuery,
) -> ApiResult<Envelope<Vec<ServiceDto>>> {
    let mut c = state.db.snapshot().await?;
    let list = bizd_store::services::list(&mut c, location_id, rules::service_filter(q)).await?;
    Ok(Envelope::one(
        list.into_iter().map(ServiceDto::from).collect(),
    ))
}
