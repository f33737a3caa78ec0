use axum::extract::State;

use super::json::{ServiceDto, ServiceListQuery, ServiceReadPath};
use super::rules;
use crate::app::AppState;
use crate::http::wire::OneOrList;
use crate::http::{ApiResult, Envelope, PartnerLocation, Path, Query};

/// Deprecated. Get a specific service (`services/deprecated_get_service_list_by_id.md`);
/// `service_id` 0 answers the list of `GET /services/{location_id}`. A partner token alone may
/// read it (as the reference's header documents); with a user token the user must be a member.
#[utoipa::path(
    get, path = "/services/{location_id}/{service_id}", operation_id = "deprecated_get_service_list_by_id",
    tag = "Services",
    params(ServiceReadPath, ServiceListQuery),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses((status = 200, description = "The service (the list for id 0)", body = Envelope<OneOrList<ServiceDto>>))
)]
pub async fn deprecated_get_service_list_by_id(
    State(state): State<AppState>,
    access: PartnerLocation,
    Path(path): Path<ServiceReadPath>,
    Query(q): Query<ServiceListQuery>,
) -> ApiResult<Envelope<OneOrList<ServiceDto>>> {
    let Some(id) = path.service_id.0 else {
        let list = super::get_service_list::list(&state, access.location.id, &q).await?;
        return Ok(list.map(OneOrList::List));
    };
    let mut c = state.db.snapshot().await?;
    let service = rules::one_service(&mut c, access.location.id, id, &q).await?;
    Ok(Envelope::one(OneOrList::One(ServiceDto::from(service))))
}
