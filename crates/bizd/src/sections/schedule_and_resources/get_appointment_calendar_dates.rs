use axum::extract::State;
use jiff::ToSpan;

use super::json::{CalendarDatePath, CalendarDatesQuery};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, LocationAccess, Path, Query};

/// Days the window of the calendar dates spans after the reference date.
const WINDOW_DAYS: i64 = 30;

/// Get a list of dates for Appointment Calendar
/// (`schedule-and-resources/get_appointment_calendar_dates.md`): the working dates
/// (`YYYY-MM-DD`) of the location (any team member works) or of `staff_id`, from the reference
/// date through the 30 days after it. `meta` is `[]`. An unknown `staff_id`, or a date that does
/// not parse, is 404.
#[utoipa::path(
    get, path = "/timetable/dates/{location_id}/{date}", operation_id = "get_appointment_calendar_dates", tag = "Schedule & Resources",
    params(CalendarDatePath, CalendarDatesQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<String>>))
)]
pub async fn get_appointment_calendar_dates(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
    Path(path): Path<CalendarDatePath>,
    Query(q): Query<CalendarDatesQuery>,
) -> ApiResult<Envelope<Vec<String>>> {
    let location_id = access.location.id;
    let start = rules::path_date(&path.date)?;
    let end = start
        .checked_add(WINDOW_DAYS.days())
        .map_err(|_| ApiError::field("date", "The date is out of range."))?;
    let mut c = state.db.snapshot().await?;
    let member = q.staff_id.map(|v| v.0).filter(|id| *id != 0);
    if let Some(id) = member {
        rules::live_team_member(&mut c, location_id, id).await?;
    }
    let dates = bizd_store::schedules::working_dates(
        &mut c,
        location_id,
        member,
        &start.to_string(),
        &end.to_string(),
    )
    .await?;
    Ok(Envelope::one(dates))
}
