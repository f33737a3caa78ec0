use axum::extract::State;

use super::json::PositionDto;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess};

/// Deprecated. Get a list of location positions (`team-members/get_position_list.md`): the live
/// positions linked to the location, oldest first; `meta` is `[]`.
#[utoipa::path(
    get, path = "/company/{location_id}/staff/positions", operation_id = "get_position_list", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID")),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<PositionDto>>))
)]
pub async fn get_position_list(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
) -> ApiResult<Envelope<Vec<PositionDto>>> {
    let mut c = state.db.read().await?;
    let positions =
        bizd_store::team_members::positions_of_location(&mut c, access.location.id).await?;
    drop(c);
    Ok(Envelope::one(
        positions.into_iter().map(PositionDto::from).collect(),
    ))
}
