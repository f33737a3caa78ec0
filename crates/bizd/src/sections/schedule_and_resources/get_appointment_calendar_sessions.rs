use axum::extract::State;
use bizd_domain::schedule::{day_instants, sessions, Interval};
use bizd_domain::time::iso8601;
use bizd_domain::FieldErrors;

use super::json::{SessionDto, SessionsPath, SessionsQuery};
use super::rules;
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, LocationAccess, Path, Query};

/// Get a list of sessions for the Appointment Calendar
/// (`schedule-and-resources/get_appointment_calendar_sessions.md`): every `timetable_step` of
/// the calendar settings from the start of each working interval of the date, in the location's
/// zone (instants are computed from the local date and time, so DST days keep their real
/// length). A session is free when the chosen services (`service_ids[]`, with this team
/// member's durations; none: one step) fit before the interval ends without touching a live
/// appointment. A service the team member does not provide is 422; an unknown team member or a
/// date that does not parse 404.
#[utoipa::path(
    get, path = "/timetable/seances/{location_id}/{team_member_id}/{date}", operation_id = "get_appointment_calendar_sessions", tag = "Schedule & Resources",
    params(SessionsPath, SessionsQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<SessionDto>>))
)]
pub async fn get_appointment_calendar_sessions(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<SessionsPath>,
    Query(q): Query<SessionsQuery>,
) -> ApiResult<Envelope<Vec<SessionDto>>> {
    let (location, member) = (&access.location, path.team_member_id.0);
    let mut c = state.db.snapshot().await?;
    rules::live_team_member(&mut c, location.id, member).await?;
    let date = rules::path_date(&path.date)?;
    let mut e = FieldErrors::new();
    let services: Vec<i64> = q
        .service_ids
        .map(|v| v.0.into_iter().map(|i| i.0).collect())
        .unwrap_or_default();
    let links = bizd_store::services::links_of_team_member(&mut c, member).await?;
    let mut length = 0;
    for (i, id) in services.iter().enumerate() {
        match links.iter().find(|l| l.service_id == *id) {
            Some(l) => length += l.seance_length,
            None => e.add(
                format!("service_ids.{i}"),
                format!("The team member does not provide service {id}."),
            ),
        }
    }
    e.into_result()?;
    let settings = bizd_store::schedules::timetable_settings(&mut c, location.id).await?;
    let step = settings.timetable_step;
    if length == 0 {
        length = step;
    }
    let day = date.to_string();
    let intervals: Vec<Interval> =
        bizd_store::schedules::intervals(&mut c, location.id, member, &day, &day)
            .await?
            .into_iter()
            .map(|r| Interval {
                from: r.from,
                to: r.to,
            })
            .collect();
    let (day0, day1) = day_instants(date, &location.tz).unwrap_or((0, 0));
    // Appointments that could overlap a session of the day (one ending the day may run past it).
    let busy: Vec<(i64, i64)> =
        bizd_store::schedules::busy(&mut c, location.id, &[member], day0, day1 + length)
            .await?
            .into_iter()
            .map(|b| (b.starts_at, b.ends_at()))
            .collect();
    let list = sessions(date, &intervals, &busy, step, length, &location.tz)
        .into_iter()
        .map(|s| SessionDto {
            datetime: iso8601(s.at, &location.tz),
            time: s.time,
            is_free: s.free,
        })
        .collect();
    Ok(Envelope::one(list))
}
