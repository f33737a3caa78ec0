use axum::extract::State;

use super::json::ResourceDto;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, ListMeta, LocationAccess};

/// Getting Resources at a Location (`schedule-and-resources/get_resource_list.md`): the live
/// resources by id, each with its instances; `meta.count`.
#[utoipa::path(
    get, path = "/resources/{location_id}", operation_id = "get_resource_list", tag = "Schedule & Resources",
    params(("location_id" = i64, Path, description = "Location ID")),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "Resources; `meta.count`", body = Envelope<Vec<ResourceDto>>))
)]
pub async fn get_resource_list(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
) -> ApiResult<Envelope<Vec<ResourceDto>>> {
    let mut c = state.db.snapshot().await?;
    let list = bizd_store::schedules::resources(&mut c, access.location.id).await?;
    let data: Vec<ResourceDto> = list.into_iter().map(ResourceDto::from).collect();
    let meta = ListMeta::count(data.len());
    Ok(Envelope::list(data, meta))
}
