use axum::extract::State;
use bizd_domain::time::local_date;

use super::json::{ScheduleDayDto, ScheduleListQuery};
use super::rules::{self, Include};
use crate::app::AppState;
use crate::http::wire::text;
use crate::http::{perm, ApiError, ApiResult, Envelope, ListMeta, LocationAccess, Query};

/// Get team member schedules (`schedule-and-resources/get_team_member_schedule_list.md`): the
/// working intervals of each working date from `start_date` to `end_date` (default: today in the
/// location), by team member and date; `meta.count`. `include[]=busy_intervals` adds the live
/// appointments of each day (and the days holding one), `include[]=off_day_type` the off-day
/// type (`null`).
#[utoipa::path(
    get, path = "/company/{location_id}/staff/schedule", operation_id = "get_team_member_schedule_list", tag = "Schedule & Resources",
    params(("location_id" = i64, Path, description = "Location ID"), ScheduleListQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "Schedule days; `meta.count`", body = Envelope<Vec<ScheduleDayDto>>))
)]
pub async fn get_team_member_schedule_list(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
    Query(q): Query<ScheduleListQuery>,
) -> ApiResult<Envelope<Vec<ScheduleDayDto>>> {
    let location = &access.location;
    let today = local_date(state.clock.now(), &location.tz);
    let start = text(q.start_date).unwrap_or(today);
    let end = text(q.end_date).unwrap_or_else(|| start.clone());
    let range = rules::range("start_date", &start, "end_date", &end)?;
    let mut include = Include::default();
    for item in q.include.map(|v| v.0).unwrap_or_default() {
        match item.as_str() {
            "busy_intervals" => include.busy_intervals = true,
            "off_day_type" => include.off_day_type = true,
            _ => {
                return Err(ApiError::field(
                    "include",
                    "The include must be busy_intervals or off_day_type.",
                ))
            }
        }
    }
    let mut c = state.db.snapshot().await?;
    let live = bizd_store::team_members::live_ids(&mut c, location.id).await?;
    let members: Vec<i64> = match q.staff_ids {
        Some(ids) => live
            .into_iter()
            .filter(|id| ids.0.iter().any(|i| i.0 == *id))
            .collect(),
        None => live,
    };
    let days =
        rules::schedule_days(&mut c, location.id, &location.tz, &members, range, include).await?;
    let meta = ListMeta::count(days.len());
    Ok(Envelope::list(days, meta))
}
