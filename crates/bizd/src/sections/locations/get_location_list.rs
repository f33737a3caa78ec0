use axum::extract::State;
use bizd_store::locations::LocationFilter;

use super::json::{Extras, LocationDto, LocationListQuery, LocationPages};
use crate::app::AppState;
use crate::http::{ApiError, ApiResult, Envelope, ListMeta, Paging, PartnerAuth, Query};

/// Get a list of locations (`locations/get_location_list.md`).
///
/// With only a partner token: the public directory of live locations. With a user token (or
/// `my=1`, which requires one): only the locations the user is a member of.
#[utoipa::path(
    get, path = "/companies", operation_id = "get_location_list", tag = "Locations",
    params(Paging<LocationPages>, LocationListQuery),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses((status = 200, description = "Locations; `meta.total_count` counts all pages", body = Envelope<Vec<LocationDto>>))
)]
pub async fn get_location_list(
    State(state): State<AppState>,
    PartnerAuth(caller): PartnerAuth,
    Paging(page, ..): Paging<LocationPages>,
    Query(q): Query<LocationListQuery>,
) -> ApiResult<Envelope<Vec<LocationDto>>> {
    let my = q.my.is_some_and(|f| f.0);
    if my && caller.user.is_none() {
        return Err(ApiError::Unauthorized);
    }
    let show_deleted = q.show_deleted.is_some_and(|f| f.0) && !q.active.is_some_and(|f| f.0);
    let filter = LocationFilter {
        member_user_id: caller.user.as_ref().map(|u| u.id),
        id: q.id.map(|v| v.0),
        chain_id: q.group_id.map(|v| v.0),
        city_id: q.city_id.map(|v| v.0),
        business_type_id: q.business_type_id.map(|v| v.0),
        min_id: q.min_id.map(|v| v.0),
        include_deleted: show_deleted,
        page: page.number,
        per_page: page.size,
    };
    let mut c = state.db.snapshot().await?;
    let (locations, total) = bizd_store::locations::list(&mut c, &filter).await?;
    let ids: Vec<i64> = locations.iter().map(|l| l.id).collect();
    let staff = bizd_store::team_members::bookable_counts(&mut c, &ids).await?;
    drop(c);
    let extras = Extras {
        groups: q.show_groups.is_some_and(|f| f.0),
        bookforms: q.show_bookforms.is_some_and(|f| f.0),
        ..Extras::default()
    };
    let now = state.clock.now();
    let data = locations
        .into_iter()
        .map(|l| {
            let extras = Extras {
                active_staff_count: staff.get(&l.id).copied().unwrap_or(0),
                ..extras
            };
            LocationDto::from_location(l, extras, now)
        })
        .collect();
    Ok(Envelope::list(
        data,
        ListMeta::page_count_total(page, total),
    ))
}
