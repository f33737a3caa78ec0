use axum::extract::State;
use bizd_domain::availability::{sessions, Limits};
use bizd_domain::time::iso8601;
use bizd_domain::FieldErrors;
use bizd_store::schedules::BoardQuery;

use super::json::{SessionDto, SessionsPath, SessionsQuery};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path, Query};

/// Get a list of sessions for the Appointment Calendar
/// (`schedule-and-resources/get_appointment_calendar_sessions.md`): every `timetable_step` of
/// the calendar settings from the start of each working interval of the date, in the location's
/// zone (instants are computed from the local date and time, so DST days keep their real
/// length). Freedom is decided by `bizd_domain::availability`, as for the public booking flow:
/// a session is free when the chosen services (`service_ids[]`, with this team member's
/// durations; none: one step) fit before the interval ends, touch no live appointment, find
/// the resources they need, and the session is not past. A service the team member does not provide is 422; an unknown team member or a
/// date that does not parse 404.
#[utoipa::path(
    get, path = "/timetable/seances/{location_id}/{team_member_id}/{date}", operation_id = "get_appointment_calendar_sessions", tag = "Schedule & Resources",
    params(SessionsPath, SessionsQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<SessionDto>>))
)]
pub async fn get_appointment_calendar_sessions(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
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
    let settings = bizd_store::schedules::timetable_settings(&mut c, location.id).await?;
    let step = settings.timetable_step;
    let query = BoardQuery {
        location_id: location.id,
        team_member_ids: &[member],
        from: date,
        to: date,
        service_ids: &services,
        online_only: false,
        except_record: None,
    };
    let board = bizd_store::schedules::board(&mut c, &query, &location.tz).await?;
    for (i, id) in services.iter().enumerate() {
        if !board.provides(member, &[*id]) {
            e.add(
                format!("service_ids.{i}"),
                format!("The team member does not provide service {id}."),
            );
        }
    }
    e.into_result()?;
    let length = board.length(member, &services, step).unwrap_or(step);
    // Past sessions are never free (the one clock decides what is past).
    let limits = Limits {
        earliest: state.clock.now(),
        ..Limits::open(step)
    };
    let list = sessions(
        &board.day(member, date, &location.tz),
        length,
        &limits,
        &location.tz,
    )
    .into_iter()
    .map(|s| SessionDto {
        datetime: iso8601(s.at, &location.tz),
        time: s.time,
        is_free: s.free,
    })
    .collect();
    Ok(Envelope::one(list))
}
