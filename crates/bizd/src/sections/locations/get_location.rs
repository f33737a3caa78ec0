use std::sync::Arc;

use axum::extract::State;

use super::json::{Extras, LocationDto, LocationViewQuery};
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, PartnerLocation, Query};

/// Get location (`locations/get_location.md`).
///
/// A partner token alone reads the public view; with a user token the location must be one of
/// the user's (403 otherwise), and `my=1` adds the user's `access` flags.
#[utoipa::path(
    get, path = "/company/{location_id}", operation_id = "get_location", tag = "Locations",
    params(("location_id" = i64, Path, description = "Location ID"), LocationViewQuery),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<LocationDto>))
)]
pub async fn get_location(
    State(state): State<AppState>,
    access: PartnerLocation,
    Query(q): Query<LocationViewQuery>,
) -> ApiResult<Envelope<LocationDto>> {
    let staff = bizd_store::team_members::bookable_counts(
        &mut state.db.read().await?,
        &[access.location.id],
    )
    .await?;
    let extras = Extras {
        groups: q.show_groups.is_some_and(|f| f.0),
        bookforms: q.show_bookforms.is_some_and(|f| f.0),
        access: access
            .grants
            .filter(|_| q.my.is_some_and(|f| f.0))
            .map(|g| g.permissions()),
        active_staff_count: staff.get(&access.location.id).copied().unwrap_or(0),
    };
    let now = state.clock.now();
    Ok(Envelope::one(LocationDto::from_location(
        Arc::unwrap_or_clone(access.location),
        extras,
        now,
    )))
}
