use axum::extract::State;
use bizd_store::locations::LocationFilter;
use serde_json::json;

use super::json::{Extras, LocationDto, LocationListQuery};
use crate::app::AppState;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, PartnerAuth, Query};

const DEFAULT_COUNT: i64 = 100;
const MAX_COUNT: i64 = 1000;

/// Get a list of locations (`locations/get_location_list.md`).
///
/// With only a partner token: the public directory of live locations. With a user token (or
/// `my=1`, which requires one): only the locations the user is a member of.
#[utoipa::path(
    get, path = "/companies", operation_id = "get_location_list", tag = "Locations",
    params(LocationListQuery),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses(
        (status = 200, description = "Locations; `meta.total_count` counts all pages", body = Envelope<Vec<LocationDto>>),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub async fn get_location_list(
    State(state): State<AppState>,
    PartnerAuth(caller): PartnerAuth,
    Query(q): Query<LocationListQuery>,
) -> ApiResult<Envelope<Vec<LocationDto>>> {
    let my = q.my.is_some_and(|f| f.0);
    if my && caller.user.is_none() {
        return Err(ApiError::Unauthorized);
    }
    let page = q.page.map_or(1, |p| p.0);
    let count = q.count.map_or(DEFAULT_COUNT, |c| c.0);
    if page < 1 {
        return Err(ApiError::field("page", "The page must be at least 1."));
    }
    if !(1..=MAX_COUNT).contains(&count) {
        return Err(ApiError::field(
            "count",
            format!("The count must be between 1 and {MAX_COUNT}."),
        ));
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
        page,
        per_page: count,
    };
    let (locations, total) = state.db.list_locations(&filter).await?;
    let extras = Extras {
        groups: q.show_groups.is_some_and(|f| f.0),
        bookforms: q.show_bookforms.is_some_and(|f| f.0),
        ..Extras::default()
    };
    let mut data = Vec::with_capacity(locations.len());
    for l in locations {
        let extras = Extras {
            active_staff_count: state.db.bookable_team_member_count(l.id).await?,
            ..extras
        };
        data.push(LocationDto::from_location(l, extras));
    }
    Ok(Envelope::with_meta(
        data,
        json!({"page": page, "count": count, "total_count": total}),
    ))
}
