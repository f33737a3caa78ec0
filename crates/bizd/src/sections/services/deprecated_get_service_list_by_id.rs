use axum::extract::State;

use super::json::{ServiceDto, ServiceListQuery, ServicePath};
use super::rules;
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, PartnerLocation, Path, Query};

/// Deprecated. Get a specific service (`services/deprecated_get_service_list_by_id.md`). The
/// list without an id is `GET /services/{location_id}`. A partner token alone may read it (as
/// the reference's header documents); with a user token the user must be a member.
#[utoipa::path(
    get, path = "/services/{location_id}/{service_id}", operation_id = "deprecated_get_service_list_by_id",
    tag = "Services",
    params(ServicePath, ServiceListQuery),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<ServiceDto>))
)]
pub async fn deprecated_get_service_list_by_id(
    State(state): State<AppState>,
    access: PartnerLocation,
    Path(path): Path<ServicePath>,
    Query(q): Query<ServiceListQuery>,
) -> ApiResult<Envelope<ServiceDto>> {
    let mut c = state.db.snapshot().await?;
    let service = rules::one_service(&mut c, access.location.id, path.service_id.0, &q).await?;
    Ok(Envelope::one(ServiceDto::from(service)))
}
