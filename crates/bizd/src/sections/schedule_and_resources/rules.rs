//! Rules shared by the Schedule & Resources operations: dates, ranges and slots of a request
//! become domain values (422 naming the field otherwise), team members named in a path must be
//! live members of the location (404), and a range of schedule rows becomes the answer's days.

use std::collections::BTreeMap;

use bizd_domain::schedule::{
    self, day_instants, format_hm, format_hms, local_time_of, normalize, Interval, IntervalError,
};
use bizd_domain::time::TimeZone;
use bizd_domain::FieldErrors;
use bizd_store::schedules::{Busy, ScheduleInterval};
use bizd_store::Conn;
use jiff::civil::Date;
use jiff::ToSpan;

use super::json::{BusyIntervalDto, LegacyDayDto, ScheduleDayDto, SlotDto};
use crate::http::{ApiError, ApiResult};

/// The longest range one schedule request may read or write.
pub const MAX_RANGE_DAYS: i64 = 366;

/// A date field (`YYYY-MM-DD`, or `YYYYMMDD`); adds an error and answers `None` otherwise.
pub fn date(e: &mut FieldErrors, field: &str, text: &str) -> Option<Date> {
    let d = schedule::parse_date(text);
    if d.is_none() {
        e.add(field, format!("The {field} must be a date (YYYY-MM-DD)."));
    }
    d
}

/// A date of the path: one that does not parse is a 404, like any path value that cannot be
/// decoded (`YYYY-MM-DD` or `YYYYMMDD`).
pub fn path_date(text: &str) -> ApiResult<Date> {
    schedule::parse_date(text).ok_or_else(ApiError::not_found)
}

/// `[start, end]` of the legacy range path: dates as [`path_date`]; `end` before `start` or a
/// range longer than [`MAX_RANGE_DAYS`] is 422.
pub fn path_range(start: &str, end: &str) -> ApiResult<(Date, Date)> {
    path_date(start)?;
    path_date(end)?;
    range("start_date", start, "end_date", end)
}

/// `[start, end]` of a request: both dates valid, `end` not before `start`, at most
/// [`MAX_RANGE_DAYS`] apart.
pub fn range(
    start_field: &str,
    start: &str,
    end_field: &str,
    end: &str,
) -> ApiResult<(Date, Date)> {
    let mut e = FieldErrors::new();
    let (s, t) = (
        date(&mut e, start_field, start),
        date(&mut e, end_field, end),
    );
    e.into_result()?;
    let (Some(s), Some(t)) = (s, t) else {
        unreachable!("errors returned above")
    };
    if t < s {
        return Err(ApiError::field(
            end_field,
            format!("The {end_field} must not be before the {start_field}."),
        ));
    }
    if days_between(s, t) >= MAX_RANGE_DAYS {
        return Err(ApiError::field(
            end_field,
            format!("The range may span at most {MAX_RANGE_DAYS} days."),
        ));
    }
    Ok((s, t))
}

pub fn days_between(a: Date, b: Date) -> i64 {
    i64::from((b - a).get_days())
}

/// Every date from `start` to `end`, inclusive.
pub fn dates(start: Date, end: Date) -> Vec<Date> {
    let mut out = Vec::new();
    let mut d = start;
    while d <= end {
        out.push(d);
        match d.checked_add(1.day()) {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    out
}

/// The slots of a body, as normalized intervals (sorted, overlaps merged): a time that does not
/// parse, or an interval that does not end after it starts, is an error on its entry.
pub fn slots(e: &mut FieldErrors, field: &str, slots: &[SlotDto]) -> Vec<(i64, i64)> {
    let mut parsed = Vec::with_capacity(slots.len());
    let mut ok = true;
    for (i, s) in slots.iter().enumerate() {
        let from = schedule::parse_time(&s.from);
        let to = schedule::parse_time(&s.to);
        if from.is_none() {
            e.add(format!("{field}.{i}.from"), "The time must be HH:MM.");
        }
        if to.is_none() {
            e.add(format!("{field}.{i}.to"), "The time must be HH:MM.");
        }
        match (from, to) {
            (Some(from), Some(to)) => parsed.push(Interval { from, to }),
            _ => ok = false,
        }
    }
    if !ok {
        return Vec::new();
    }
    match normalize(&parsed) {
        Ok(list) => list.into_iter().map(|iv| (iv.from, iv.to)).collect(),
        Err(IntervalError::EndsBeforeStart(i)) => {
            e.add(
                format!("{field}.{i}.to"),
                "The interval must end after it starts (by 24:00).",
            );
            Vec::new()
        }
    }
}

/// 404 unless the team member is a live member of the location.
pub async fn live_team_member(c: &mut Conn<'_>, location_id: i64, id: i64) -> ApiResult<()> {
    let live = bizd_store::team_members::live_ids(c, location_id).await?;
    if live.contains(&id) {
        Ok(())
    } else {
        Err(ApiError::NotFound("Team member not found.".into()))
    }
}

fn slot_dto(from: i64, to: i64) -> SlotDto {
    SlotDto {
        from: format_hm(from),
        to: format_hm(to),
    }
}

/// Intervals grouped by team member and date.
pub type DayMap = BTreeMap<(i64, String), Vec<SlotDto>>;

pub fn group(rows: Vec<ScheduleInterval>) -> DayMap {
    let mut out = DayMap::new();
    for r in rows {
        out.entry((r.team_member_id, r.date))
            .or_default()
            .push(slot_dto(r.from, r.to));
    }
    out
}

/// The appointments of a team member on a local date, clipped to the day, in local time.
fn busy_of_day(busy: &[Busy], member: i64, date: Date, tz: &TimeZone) -> Vec<BusyIntervalDto> {
    let Some((day0, day1)) = day_instants(date, tz) else {
        return Vec::new();
    };
    busy.iter()
        .filter(|b| b.team_member_id == member && b.starts_at < day1 && b.ends_at() > day0)
        .map(|b| {
            let from = local_time_of(b.starts_at.max(day0), tz).map_or(0, |(_, s)| s);
            let to = if b.ends_at() >= day1 {
                schedule::DAY
            } else {
                local_time_of(b.ends_at(), tz).map_or(0, |(_, s)| s)
            };
            BusyIntervalDto {
                entity_type: "record",
                entity_id: b.id,
                from: format_hms(from),
                to: format_hms(to),
            }
        })
        .collect()
}

/// What the schedule list includes besides the slots.
#[derive(Debug, Clone, Copy, Default)]
pub struct Include {
    pub busy_intervals: bool,
    pub off_day_type: bool,
}

/// The schedule days of the team members from `start` to `end`: every working date, and with
/// `busy_intervals` also every date holding an appointment; by team member and date.
pub async fn schedule_days(
    c: &mut Conn<'_>,
    location_id: i64,
    tz: &TimeZone,
    members: &[i64],
    (start, end): (Date, Date),
    include: Include,
) -> ApiResult<Vec<ScheduleDayDto>> {
    let rows = bizd_store::schedules::intervals_of(
        c,
        location_id,
        Some(members),
        &start.to_string(),
        &end.to_string(),
    )
    .await?;
    let mut days = group(rows);
    let busy = if include.busy_intervals {
        let from = day_instants(start, tz).map_or(0, |d| d.0);
        let to = day_instants(end, tz).map_or(0, |d| d.1);
        let busy = bizd_store::schedules::busy(c, location_id, members, from, to).await?;
        for b in &busy {
            for at in [b.starts_at, b.ends_at() - 1] {
                if let Some((d, _)) = local_time_of(at, tz) {
                    if d >= start && d <= end {
                        days.entry((b.team_member_id, d.to_string())).or_default();
                    }
                }
            }
        }
        Some(busy)
    } else {
        None
    };
    Ok(days
        .into_iter()
        .map(|((member, date), slots)| {
            let busy_intervals = busy.as_ref().map(|busy| {
                schedule::parse_date(&date)
                    .map_or_else(Vec::new, |d| busy_of_day(busy, member, d, tz))
            });
            ScheduleDayDto {
                staff_id: member,
                team_member_id: member,
                date,
                slots,
                busy_intervals,
                off_day_type: include.off_day_type.then_some(None),
            }
        })
        .collect())
}

/// Every date from `start` to `end` of one team member, working or not (the legacy shape).
pub async fn legacy_days(
    c: &mut Conn<'_>,
    location_id: i64,
    member: i64,
    dates: &[Date],
) -> ApiResult<Vec<LegacyDayDto>> {
    let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else {
        return Ok(Vec::new());
    };
    let rows = bizd_store::schedules::intervals(
        c,
        location_id,
        member,
        &first.to_string(),
        &last.to_string(),
    )
    .await?;
    let days = group(rows);
    Ok(dates
        .iter()
        .map(|d| {
            let date = d.to_string();
            let slots = days
                .get(&(member, date.clone()))
                .cloned()
                .unwrap_or_default();
            LegacyDayDto {
                date,
                is_working: !slots.is_empty(),
                slots,
            }
        })
        .collect())
}

/// A live resource of the location, or 404.
pub async fn existing_resource(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> ApiResult<bizd_store::schedules::Resource> {
    bizd_store::schedules::resource(c, location_id, id)
        .await?
        .ok_or_else(|| ApiError::NotFound("Resource not found.".into()))
}

/// The most instances one resource may have.
const MAX_INSTANCES: usize = 100;

/// A resource body applied to the current resource (or a new one): title required and at most
/// 255 characters, instances 1–100 non-empty titles, capacity 1–1000.
pub fn resource_fields(
    body: super::json::ResourceBody,
    current: Option<&bizd_store::schedules::Resource>,
) -> Result<bizd_store::schedules::ResourceFields, FieldErrors> {
    use super::json::{InstanceTitle, InstancesBody};
    let mut e = FieldErrors::new();
    let title = match (body.title, current) {
        (Some(t), _) => bizd_domain::validation::required_text(&mut e, "title", Some(&t.0), 255),
        (None, Some(r)) => r.title.clone(),
        (None, None) => bizd_domain::validation::required_text(&mut e, "title", None, 255),
    };
    let capacity = match body.capacity {
        Some(c) if (1..=1000).contains(&c.0) => c.0,
        Some(_) => {
            e.add("capacity", "The capacity must be from 1 to 1000.");
            1
        }
        None => current.map_or(1, |r| r.capacity),
    };
    let instances: Vec<String> = match body.instances {
        Some(InstancesBody::Count(n)) => {
            if !(1..=MAX_INSTANCES as i64).contains(&n.0) {
                e.add("instances", "The instances must number from 1 to 100.");
            }
            (1..=n.0.clamp(0, MAX_INSTANCES as i64))
                .map(|i| format!("{title} #{i}"))
                .collect()
        }
        Some(InstancesBody::List(list)) => {
            if list.is_empty() || list.len() > MAX_INSTANCES {
                e.add("instances", "The instances must number from 1 to 100.");
            }
            list.into_iter()
                .enumerate()
                .map(|(i, t)| {
                    let t = match t {
                        InstanceTitle::Title(t) | InstanceTitle::Object { title: t } => t.0,
                    };
                    bizd_domain::validation::required_text(
                        &mut e,
                        &format!("instances.{i}.title"),
                        Some(&t),
                        255,
                    )
                })
                .collect()
        }
        None => match current {
            Some(r) => r.instances.iter().map(|i| i.title.clone()).collect(),
            None => vec![format!("{title} #1")],
        },
    };
    e.into_result()?;
    Ok(bizd_store::schedules::ResourceFields {
        title,
        capacity,
        instances,
    })
}
