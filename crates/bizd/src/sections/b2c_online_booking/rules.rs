//! The public flow's rules: what is offered (team members and services open to online booking,
//! the booking window, the minimum notice, the slot step — all from the location's settings) and
//! how a requested appointment is placed. Freedom itself is decided by
//! `bizd_domain::availability`, as for the calendar.

use bizd_domain::availability::{free_sessions, is_free_at, Board, Limits, Session};
use bizd_domain::location::Location;
use bizd_domain::schedule::{local_time_of, parse_date};
use bizd_domain::time::{iso8601, parse_instant};
use bizd_store::online_booking::OnlineSettings;
use bizd_store::schedules::BoardQuery;
use bizd_store::services::{Service, ServiceFilter};
use bizd_store::team_members::TeamMember;
use bizd_store::Conn;
use jiff::civil::Date;
use jiff::ToSpan;

use super::json::{BookAppointmentBody, BookTimeDto};
use crate::http::wire::text;
use crate::http::{ApiError, BookingIssue};

/// The longest range of dates one read considers.
pub const MAX_DAYS: i64 = 366;

/// The location's online settings, resolved for now.
pub struct Flow {
    pub settings: OnlineSettings,
    pub limits: Limits,
    pub today: Date,
    /// The last date inside the booking window.
    pub last_day: Date,
}

impl Flow {
    pub async fn load(c: &mut Conn<'_>, location: &Location, now: i64) -> Result<Flow, ApiError> {
        let settings = bizd_store::online_booking::settings(c, location.id).await?;
        let calendar = bizd_store::schedules::timetable_settings(c, location.id).await?;
        let step = match settings.seance_step {
            0 => calendar.timetable_step,
            s => s,
        };
        let limits = Limits::online(
            step,
            now,
            settings.seance_delay_step * 60,
            settings.booking_window_days,
            &location.tz,
        );
        let today = local_time_of(now, &location.tz)
            .map(|(d, _)| d)
            .ok_or_else(|| ApiError::Internal("the clock is out of range".into()))?;
        let last_day = limits.last_date(today, MAX_DAYS, &location.tz);
        Ok(Flow {
            settings,
            limits,
            today,
            last_day,
        })
    }

    /// The dates from `from` to `to` that lie inside the window.
    pub fn clamp(&self, from: Date, to: Date) -> Option<(Date, Date)> {
        let (from, to) = (from.max(self.today), to.min(self.last_day));
        (from <= to).then_some((from, to))
    }
}

/// The team members open to online booking: live, neither hidden nor fired; heaviest first.
pub async fn members(c: &mut Conn<'_>, location_id: i64) -> Result<Vec<TeamMember>, ApiError> {
    let mut list = bizd_store::team_members::list(c, location_id).await?;
    list.retain(|m| !m.fields.hidden && !m.fields.fired);
    Ok(list)
}

/// The services open to online booking: live and active.
pub async fn services(c: &mut Conn<'_>, location_id: i64) -> Result<Vec<Service>, ApiError> {
    let mut list = bizd_store::services::list(c, location_id, ServiceFilter::default()).await?;
    list.retain(|s| s.fields.active);
    Ok(list)
}

/// 422 naming each of `ids` that is not a service offered online.
pub fn offered(services: &[Service], ids: &[i64]) -> Result<(), ApiError> {
    let mut e = bizd_domain::FieldErrors::new();
    for (i, id) in ids.iter().enumerate() {
        if !services.iter().any(|s| s.id == *id) {
            e.add(
                format!("service_ids.{i}"),
                format!("Service {id} is not offered for online booking."),
            );
        }
    }
    Ok(e.into_result()?)
}

/// A date of the path or query, or 422.
pub fn date(field: &str, text: &str) -> Result<Date, ApiError> {
    parse_date(text).ok_or_else(|| ApiError::field(field, "A date, YYYY-MM-DD."))
}

/// An instant of the query or body in the location's zone, or 422.
pub fn instant(field: &str, text: &str, location: &Location) -> Result<i64, ApiError> {
    parse_instant(text, &location.tz)
        .ok_or_else(|| ApiError::field(field, "A date and time, ISO 8601."))
}

/// Reads the board of `members` over `from..=to` for `services` (links open online only).
pub async fn board(
    c: &mut Conn<'_>,
    location: &Location,
    members: &[i64],
    (from, to): (Date, Date),
    services: &[i64],
    except_record: Option<i64>,
) -> Result<Board, ApiError> {
    let q = BoardQuery {
        location_id: location.id,
        team_member_ids: members,
        from,
        to,
        service_ids: services,
        online_only: true,
        except_record,
    };
    Ok(bizd_store::schedules::board(c, &q, &location.tz).await?)
}

/// The free sessions of a team member's date for `services`.
pub fn times(
    flow: &Flow,
    board: &Board,
    location: &Location,
    member: i64,
    date: Date,
    services: &[i64],
) -> Vec<(Session, i64)> {
    let Some(length) = board.length(member, services, flow.limits.step) else {
        return Vec::new();
    };
    free_sessions(
        &board.day(member, date, &location.tz),
        length,
        &flow.limits,
        &location.tz,
    )
    .into_iter()
    .map(|s| (s, length))
    .collect()
}

/// The wire form of a free session.
pub fn time_dto(session: &Session, length: i64, location: &Location) -> BookTimeDto {
    BookTimeDto {
        time: session.time.clone(),
        seance_length: length,
        sum_length: length,
        datetime: iso8601(session.at, &location.tz),
    }
}

/// The first date from `from` (within the window) with a free session for the team member.
pub fn first_date(
    flow: &Flow,
    board: &Board,
    location: &Location,
    member: i64,
    services: &[i64],
    from: Date,
) -> Option<Date> {
    let length = board.length(member, services, flow.limits.step)?;
    let (mut day, last) = flow.clamp(from, flow.last_day)?;
    while day <= last {
        if board.works(member, day)
            && bizd_domain::availability::any_free(
                &board.day(member, day, &location.tz),
                length,
                &flow.limits,
                &location.tz,
            )
        {
            return Some(day);
        }
        day = day.checked_add(1.day()).ok()?;
    }
    None
}

/// One requested appointment of `book_check` / `book_record`.
#[derive(Debug, Clone)]
pub struct Wanted {
    pub request_id: i64,
    pub services: Vec<i64>,
    /// 0: any team member.
    pub member: i64,
    pub at: i64,
}

/// A requested appointment with its team member decided.
#[derive(Debug, Clone)]
pub struct Placed {
    pub wanted: Wanted,
    pub member: i64,
    pub length: i64,
}

fn issue(code: u16, message: impl Into<String>, id: Option<i64>) -> ApiError {
    ApiError::Booking {
        status: axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        code: match code {
            431 => "invalid_phone",
            432 => "invalid_code",
            433 => "time_taken",
            435 => "name_required",
            436 => "no_team_member_available",
            437 => "overlap_in_request",
            438 => "service_not_bookable",
            _ => "booking_refused",
        },
        errors: vec![BookingIssue {
            code,
            message: message.into(),
            id,
        }],
    }
}

/// A numbered refusal of the public flow (422).
pub fn refuse(code: u16, message: impl Into<String>, id: Option<i64>) -> ApiError {
    issue(code, message, id)
}

/// The request's appointments, read: every one needs a `datetime`; ids default to positions.
pub fn wanted(
    list: Vec<BookAppointmentBody>,
    location: &Location,
) -> Result<Vec<Wanted>, ApiError> {
    if list.is_empty() {
        return Err(issue(422, "No services or promotions set", None));
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, a) in list.into_iter().enumerate() {
        let request_id = a.id.map_or(i as i64 + 1, |v| v.0);
        let at = match text(a.datetime) {
            Some(t) => instant(&format!("appointments.{i}.datetime"), &t, location)?,
            None => {
                return Err(ApiError::field(
                    &format!("appointments.{i}.datetime"),
                    "The datetime field is required.",
                ))
            }
        };
        out.push(Wanted {
            request_id,
            services: super::json::ids(a.services),
            member: a.staff_id.map_or(0, |v| v.0),
            at,
        });
    }
    Ok(out)
}

/// Decides the team member of each requested appointment and checks every rule of the public
/// flow against what the store holds now (called again inside `book_record`'s transaction,
/// after its locks): services offered (438), a team member who provides them and is free
/// (436 when "any team member" finds none or is off), the time free and inside the window and
/// notice (433), no overlap with another appointment of the same request (437).
pub async fn place(
    c: &mut Conn<'_>,
    location: &Location,
    flow: &Flow,
    wanted: &[Wanted],
    except_record: Option<i64>,
) -> Result<Vec<Placed>, ApiError> {
    let offered_services = services(c, location.id).await?;
    let team = members(c, location.id).await?;
    let mut placed: Vec<Placed> = Vec::with_capacity(wanted.len());
    for w in wanted {
        let id = Some(w.request_id);
        if let Some(s) = w
            .services
            .iter()
            .find(|s| !offered_services.iter().any(|o| o.id == **s))
        {
            return Err(issue(
                438,
                format!("Service {s} is not available for online booking."),
                id,
            ));
        }
        let candidates: Vec<i64> = match w.member {
            0 if !flow.settings.any_master => {
                return Err(issue(
                    436,
                    "Choosing any team member is off in this location.",
                    id,
                ))
            }
            0 => team.iter().map(|m| m.id).collect(),
            m if team.iter().any(|t| t.id == m) => vec![m],
            m => {
                return Err(issue(
                    436,
                    format!("Team member {m} is not available for online booking."),
                    id,
                ))
            }
        };
        let date = local_time_of(w.at, &location.tz)
            .map(|(d, _)| d)
            .ok_or_else(|| ApiError::field("datetime", "Out of range."))?;
        let board = board(
            c,
            location,
            &candidates,
            (date, date),
            &w.services,
            except_record,
        )
        .await?;
        let mut taken_in_request = false;
        let mut chosen = None;
        for &m in &candidates {
            let Some(length) = board.length(m, &w.services, flow.limits.step) else {
                continue;
            };
            if !is_free_at(
                &board.day(m, date, &location.tz),
                w.at,
                length,
                &flow.limits,
                &location.tz,
            ) {
                continue;
            }
            let overlaps = placed.iter().any(|p| {
                p.member == m && p.wanted.at < w.at + length && w.at < p.wanted.at + p.length
            });
            if overlaps {
                taken_in_request = true;
                continue;
            }
            chosen = Some((m, length));
            break;
        }
        match chosen {
            Some((member, length)) => placed.push(Placed {
                wanted: w.clone(),
                member,
                length,
            }),
            None if taken_in_request => {
                return Err(issue(
                    437,
                    format!(
                        "Appointment {} overlaps another appointment of this request.",
                        w.request_id
                    ),
                    id,
                ))
            }
            None if w.member == 0 => {
                return Err(issue(436, "No team members available for booking.", id))
            }
            None if !board.provides(w.member, &w.services) => {
                return Err(issue(
                    438,
                    "The team member does not provide these services online.",
                    id,
                ))
            }
            None => {
                return Err(issue(
                    433,
                    format!(
                        "Team member ({}) cannot be booked at {}. The selected time is already taken or is not working.",
                        w.member,
                        iso8601(w.at, &location.tz)
                    ),
                    id,
                ))
            }
        }
    }
    Ok(placed)
}

/// A conflict of the booking check, as the public flow numbers it (433: the time is taken).
pub fn taken(e: ApiError, request_id: i64, location: &Location, member: i64, at: i64) -> ApiError {
    match e {
        ApiError::ConflictWith { .. } => issue(
            433,
            format!(
                "Team member ({member}) cannot be booked at {}. The selected time is already taken or is not working.",
                iso8601(at, &location.tz)
            ),
            Some(request_id),
        ),
        other => other,
    }
}
