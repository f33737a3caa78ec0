//! Availability: the one place that decides which sessions of a team member's day are free.
//!
//! The appointment calendar (`timetable/seances`) and the public booking flow (`book_times`,
//! `book_dates`, `book_staff`, `book_staff_seances`, `book_check`) all ask [`sessions`], so they
//! can never disagree. Inputs are plain values read by the caller: the day's working intervals
//! (local date + wall-clock seconds, see [`crate::schedule`]), the live appointments as UTC
//! spans, the holdings of every resource the chosen services need, the length of the chosen
//! services, and [`Limits`] (the slot step, the earliest start — now plus the minimum notice —
//! and the end of the booking window). Instants are computed from the local date in the
//! location's zone, so DST days keep their real length and no session is lost or doubled.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::ToSpan;

use crate::appointment::MAX_SEANCE_LENGTH;
use crate::schedule::{day_instants, format_hm, local_instant, local_time_of, Interval};

/// A resource a chosen service needs: for each of its instances, the spans (UTC, half-open)
/// live appointments hold it. A session needs one instance free for its whole length.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResourceLoad {
    pub resource_id: i64,
    pub instances: Vec<Vec<(i64, i64)>>,
}

impl ResourceLoad {
    fn has_free_instance(&self, from: i64, until: i64) -> bool {
        self.instances
            .iter()
            .any(|held| !held.iter().any(|&(a, b)| a < until && b > from))
    }
}

/// One team member's local date.
#[derive(Debug, Clone, Copy)]
pub struct Day<'a> {
    pub date: Date,
    /// The date's working intervals, sorted and merged.
    pub intervals: &'a [Interval],
    /// Live appointments of the team member (UTC spans, half-open, any order).
    pub busy: &'a [(i64, i64)],
    /// The resources the chosen services need.
    pub resources: &'a [ResourceLoad],
}

/// Everything availability needs about some team members over some dates, read at once: their
/// working intervals by date, their live appointments, how long each of them takes for each
/// service, and the holdings of the resources the chosen services need. The store loads it
/// (`bizd_store::schedules::board`); the answers are computed here.
#[derive(Debug, Clone, Default)]
pub struct Board {
    pub intervals: BTreeMap<(i64, Date), Vec<Interval>>,
    /// Team member → live appointments, sorted by start.
    pub busy: HashMap<i64, Vec<(i64, i64)>>,
    /// Team member → service → seconds (their links).
    pub lengths: HashMap<i64, HashMap<i64, i64>>,
    pub resources: Vec<ResourceLoad>,
}

impl Board {
    /// How long the team member takes for all of `services` (each once), or `None` when they
    /// do not provide one of them. No services: `default`.
    pub fn length(&self, member: i64, services: &[i64], default: i64) -> Option<i64> {
        if services.is_empty() {
            return Some(default);
        }
        let links = self.lengths.get(&member)?;
        services.iter().map(|s| links.get(s).copied()).sum()
    }

    /// Whether the team member provides every one of `services`.
    pub fn provides(&self, member: i64, services: &[i64]) -> bool {
        self.length(member, services, 0).is_some()
    }

    /// The team member's day in `tz`, with only the appointments that can touch its sessions
    /// (a window's worth of appointments is read at once; each day looks at its own).
    pub fn day(&self, member: i64, date: Date, tz: &TimeZone) -> Day<'_> {
        let all = self.busy.get(&member).map_or(&[][..], Vec::as_slice);
        let busy = match day_instants(date, tz) {
            Some((from, to)) => {
                let lo = all.partition_point(|s| s.0 < from - MAX_SEANCE_LENGTH);
                let hi = all.partition_point(|s| s.0 < to + MAX_SEANCE_LENGTH);
                &all[lo..hi.max(lo)]
            }
            None => all,
        };
        Day {
            date,
            intervals: self
                .intervals
                .get(&(member, date))
                .map_or(&[][..], Vec::as_slice),
            busy,
            resources: &self.resources,
        }
    }

    /// Whether the team member works on `date`.
    pub fn works(&self, member: i64, date: Date) -> bool {
        self.intervals.contains_key(&(member, date))
    }
}

/// Which starts may be offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Seconds between session starts (at least a minute).
    pub step: i64,
    /// No session starts before this instant (now, plus the minimum notice online).
    pub earliest: i64,
    /// No session starts at or after this instant (the end of the booking window).
    pub latest: i64,
}

impl Limits {
    /// Every session, however past or far.
    pub fn open(step: i64) -> Self {
        Limits {
            step,
            earliest: i64::MIN,
            latest: i64::MAX,
        }
    }

    /// The public flow's limits: from `now + notice` to the end of the local day `window_days`
    /// days after today (today counts as the first day; 0 = no limit).
    pub fn online(step: i64, now: i64, notice: i64, window_days: i64, tz: &TimeZone) -> Self {
        let latest = if window_days <= 0 {
            i64::MAX
        } else {
            local_time_of(now, tz)
                .and_then(|(today, _)| today.checked_add(window_days.days()).ok())
                .and_then(|end| local_instant(end, 0, tz))
                .unwrap_or(i64::MAX)
        };
        Limits {
            step,
            earliest: now.saturating_add(notice.max(0)),
            latest,
        }
    }

    /// The local dates the window covers from `today` (inclusive), at most `max_days`.
    pub fn last_date(&self, today: Date, max_days: i64, tz: &TimeZone) -> Date {
        let cap = today
            .checked_add((max_days.max(1) - 1).days())
            .unwrap_or(today);
        if self.latest == i64::MAX {
            return cap;
        }
        // The window ends at a midnight: the last date is the day before it.
        let last = local_time_of(self.latest - 1, tz).map_or(cap, |(d, _)| d);
        last.min(cap)
    }
}

/// A session of a team member's day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Local wall-clock time, `HH:MM`.
    pub time: String,
    /// UTC Unix seconds.
    pub at: i64,
    /// Whether `length` seconds from `at` fit in the working interval, overlap no live
    /// appointment, find every needed resource free, and the start lies within the limits.
    pub free: bool,
}

/// The sessions of one day: every `limits.step` seconds of real time from the start of each
/// working interval until its end. A session is free when the services' `length` from it ends
/// within the interval, touches no busy span, finds an instance of every needed resource, and
/// starts within `[limits.earliest, limits.latest)`.
pub fn sessions(day: &Day<'_>, length: i64, limits: &Limits, tz: &TimeZone) -> Vec<Session> {
    let mut out = Vec::new();
    walk(day, length, limits, tz, |at, free| {
        let time = local_time_of(at, tz).map_or(0, |(_, s)| s);
        out.push(Session {
            time: format_hm(time),
            at,
            free,
        });
        true
    });
    out
}

/// The free sessions of the day only.
pub fn free_sessions(day: &Day<'_>, length: i64, limits: &Limits, tz: &TimeZone) -> Vec<Session> {
    let mut list = sessions(day, length, limits, tz);
    list.retain(|s| s.free);
    list
}

/// Whether the day has a free session (stops at the first; what `book_dates` asks per day).
pub fn any_free(day: &Day<'_>, length: i64, limits: &Limits, tz: &TimeZone) -> bool {
    let mut found = false;
    walk(day, length, limits, tz, |_, free| {
        found = free;
        !free
    });
    found
}

/// Whether a session starting exactly at `at` is free (what a booking check asks).
pub fn is_free_at(day: &Day<'_>, at: i64, length: i64, limits: &Limits, tz: &TimeZone) -> bool {
    let mut found = false;
    walk(day, length, limits, tz, |start, free| {
        if start == at {
            found = free;
            return false;
        }
        start < at
    });
    found
}

/// Calls `visit(at, free)` for each session in order until it answers `false`.
fn walk(
    day: &Day<'_>,
    length: i64,
    limits: &Limits,
    tz: &TimeZone,
    mut visit: impl FnMut(i64, bool) -> bool,
) {
    let step = limits.step.max(60);
    let length = length.max(1);
    for iv in day.intervals {
        let (Some(start), Some(end)) = (
            local_instant(day.date, iv.from, tz),
            local_instant(day.date, iv.to, tz),
        ) else {
            continue;
        };
        let mut at = start;
        while at < end {
            let until = at + length;
            let free = at >= limits.earliest
                && at < limits.latest
                && until <= end
                && !day.busy.iter().any(|&(b0, b1)| b0 < until && b1 > at)
                && day.resources.iter().all(|r| r.has_free_instance(at, until));
            if !visit(at, free) {
                return;
            }
            at += step;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{day_instants, parse_date, parse_time};

    fn iv(from: &str, to: &str) -> Interval {
        Interval {
            from: parse_time(from).unwrap(),
            to: parse_time(to).unwrap(),
        }
    }

    fn utc_day() -> (Date, i64) {
        let d = parse_date("2026-01-05").unwrap();
        (d, day_instants(d, &TimeZone::UTC).unwrap().0)
    }

    fn free_times(day: &Day<'_>, length: i64, limits: &Limits) -> Vec<String> {
        free_sessions(day, length, limits, &TimeZone::UTC)
            .into_iter()
            .map(|s| s.time)
            .collect()
    }

    #[test]
    fn notice_and_window_bound_the_offer() {
        let (d, midnight) = utc_day();
        let ivs = [iv("09:00", "12:00")];
        let day = Day {
            date: d,
            intervals: &ivs,
            busy: &[],
            resources: &[],
        };
        // Now 09:10, notice 30 min: the first start is 09:40 → 10:00 on an hourly grid.
        let limits = Limits::online(3600, midnight + 9 * 3600 + 600, 1800, 0, &TimeZone::UTC);
        assert_eq!(free_times(&day, 3600, &limits), ["10:00", "11:00"]);
        // A window of one day ends at the next midnight: tomorrow is not offered.
        let limits = Limits::online(3600, midnight - 3600, 0, 1, &TimeZone::UTC);
        assert_eq!(limits.latest, midnight);
        assert!(!any_free(&day, 3600, &limits, &TimeZone::UTC));
        let limits = Limits::online(3600, midnight - 3600, 0, 2, &TimeZone::UTC);
        assert!(any_free(&day, 3600, &limits, &TimeZone::UTC));
        assert_eq!(limits.last_date(d, 60, &TimeZone::UTC), d);
    }

    #[test]
    fn a_resource_needs_one_free_instance() {
        let (d, midnight) = utc_day();
        let ivs = [iv("10:00", "13:00")];
        let h = |a: i64, b: i64| (midnight + a * 3600, midnight + b * 3600);
        // Two instances: one held 10–12, the other 11–12.
        let load = [ResourceLoad {
            resource_id: 1,
            instances: vec![vec![h(10, 12)], vec![h(11, 12)]],
        }];
        let day = Day {
            date: d,
            intervals: &ivs,
            busy: &[],
            resources: &load,
        };
        assert_eq!(
            free_times(&day, 3600, &Limits::open(3600)),
            ["10:00", "12:00"]
        );
        assert!(is_free_at(
            &day,
            midnight + 12 * 3600,
            3600,
            &Limits::open(3600),
            &TimeZone::UTC
        ));
        assert!(!is_free_at(
            &day,
            midnight + 11 * 3600,
            3600,
            &Limits::open(3600),
            &TimeZone::UTC
        ));
        // A start off the grid is not a session.
        assert!(!is_free_at(
            &day,
            midnight + 12 * 3600 + 60,
            60,
            &Limits::open(3600),
            &TimeZone::UTC
        ));
    }

    #[test]
    fn spring_forward_offers_each_real_hour_once() {
        let ny = TimeZone::get("America/New_York").unwrap();
        let d = parse_date("2026-03-08").unwrap();
        let ivs = [iv("00:00", "06:00")];
        let day = Day {
            date: d,
            intervals: &ivs,
            busy: &[],
            resources: &[],
        };
        let times: Vec<String> = free_sessions(&day, 3600, &Limits::open(3600), &ny)
            .into_iter()
            .map(|s| s.time)
            .collect();
        assert_eq!(times, ["00:00", "01:00", "03:00", "04:00", "05:00"]);
    }
}
