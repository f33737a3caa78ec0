use axum::extract::State;

use super::json::{LegacyDayDto, ScheduleRangePath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Get schedule of a specific team member (`schedule-and-resources/get_team_member_schedule.md`):
/// every date from `start_date` to `end_date` (`YYYY-MM-DD` or `YYYYMMDD`, at most 366 days),
/// working or not, with its intervals. `meta` is `[]`. An unknown team member or a path date
/// that does not parse is 404; an end before the start 422.
#[utoipa::path(
    get, path = "/schedule/{location_id}/{team_member_id}/{start_date}/{end_date}", operation_id = "get_team_member_schedule", tag = "Schedule & Resources",
    params(ScheduleRangePath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<LegacyDayDto>>))
)]
pub async fn get_team_member_schedule(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
    Path(path): Path<ScheduleRangePath>,
) -> ApiResult<Envelope<Vec<LegacyDayDto>>> {
    let (location_id, member) = (access.location.id, path.team_member_id.0);
    let mut c = state.db.snapshot().await?;
    rules::live_team_member(&mut c, location_id, member).await?;
    let (start, end) = rules::path_range(&path.start_date, &path.end_date)?;
    let days = rules::legacy_days(&mut c, location_id, member, &rules::dates(start, end)).await?;
    Ok(Envelope::one(days))
}
