use axum::extract::State;

use super::json::PositionDto;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, ListMeta, LocationAccess};

/// List positions (`GET /positions/{location_id}`; not in the public reference): the live
/// positions linked to the location, oldest first, with `meta.total_count`.
#[utoipa::path(
    get, path = "/positions/{location_id}", operation_id = "list_positions", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID")),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "Positions; `meta.total_count`", body = Envelope<Vec<PositionDto>>))
)]
pub async fn list_positions(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
) -> ApiResult<Envelope<Vec<PositionDto>>> {
    let mut c = state.db.read().await?;
    let positions =
        bizd_store::team_members::positions_of_location(&mut c, access.location.id).await?;
    drop(c);
    let data: Vec<PositionDto> = positions.into_iter().map(PositionDto::from).collect();
    let meta = ListMeta::total(data.len());
    Ok(Envelope::list(data, meta))
}
