//! Working schedules and the appointment calendar, without I/O.
//!
//! A working interval is stored as a **local date** (`YYYY-MM-DD`) and **wall-clock seconds from
//! local midnight** (`09:00` = 32400; the end may be `24:00` = 86400). Instants are computed only
//! here, with jiff, from the date and wall-clock time in the location's IANA zone, so a day that
//! changes clocks keeps its real length: a 09:00–18:00 day is nine real hours on both DST days,
//! and a 00:00–06:00 night is five on the spring day and seven on the autumn day. Sessions step
//! through real instants (never wall-clock minutes), so no session is lost or doubled.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// Seconds in a day; the largest value an interval end may take (`24:00`).
pub const DAY: i64 = 86_400;

/// One working interval of a team member on a local date (seconds from local midnight).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interval {
    pub from: i64,
    pub to: i64,
}

/// Why a list of intervals is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntervalError {
    /// The interval at this index ends before (or when) it starts.
    EndsBeforeStart(usize),
}

/// Parses a calendar date, `YYYY-MM-DD` (or `YYYYMMDD`, the legacy schedule paths' form).
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        return format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..]).parse().ok();
    }
    if t.len() != 10 {
        return None;
    }
    t.parse().ok()
}

/// Parses `HH:MM` or `HH:MM:SS` into seconds from midnight; `24:00` is the end of the day.
pub fn parse_time(text: &str) -> Option<i64> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.len() != 2) {
        return None;
    }
    let mut n = [0i64; 3];
    for (i, p) in parts.iter().enumerate() {
        if !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        n[i] = p.parse().ok()?;
    }
    let (h, m, s) = (n[0], n[1], n[2]);
    if m > 59 || s > 59 || h > 24 || (h == 24 && (m, s) != (0, 0)) {
        return None;
    }
    Some(h * 3600 + m * 60 + s)
}

/// `HH:MM` (seconds dropped).
pub fn format_hm(seconds: i64) -> String {
    format!("{:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
}

/// `HH:MM:SS`.
pub fn format_hms(seconds: i64) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds % 3600 / 60,
        seconds % 60
    )
}

/// The intervals of one date, sorted, with overlapping and touching intervals merged into one
/// (`10:00–14:00` + `13:00–18:00` = `10:00–18:00`). An interval that does not end after it
/// starts, or lies outside the day, is refused (naming its index).
pub fn normalize(intervals: &[Interval]) -> Result<Vec<Interval>, IntervalError> {
    for (i, iv) in intervals.iter().enumerate() {
        if iv.to <= iv.from || iv.from < 0 || iv.to > DAY {
            return Err(IntervalError::EndsBeforeStart(i));
        }
    }
    let mut sorted = intervals.to_vec();
    sorted.sort_by_key(|iv| (iv.from, iv.to));
    let mut out: Vec<Interval> = Vec::with_capacity(sorted.len());
    for iv in sorted {
        match out.last_mut() {
            Some(last) if iv.from <= last.to => last.to = last.to.max(iv.to),
            _ => out.push(iv),
        }
    }
    Ok(out)
}

/// The instant of a wall-clock time (`seconds` from local midnight, up to 86400) on a local
/// date in `tz`. A time skipped by a spring-forward gap resolves to the instant just after the
/// gap, a repeated time to its first occurrence (jiff's "compatible" rule, as RFC 5545).
pub fn local_instant(date: Date, seconds: i64, tz: &TimeZone) -> Option<i64> {
    if !(0..=DAY).contains(&seconds) {
        return None;
    }
    let (day, seconds) = if seconds == DAY {
        (date.checked_add(1.day()).ok()?, 0)
    } else {
        (date, seconds)
    };
    let time = Time::new(
        (seconds / 3600) as i8,
        (seconds % 3600 / 60) as i8,
        (seconds % 60) as i8,
        0,
    )
    .ok()?;
    let zoned = DateTime::from_parts(day, time).to_zoned(tz.clone()).ok()?;
    Some(zoned.timestamp().as_second())
}

/// The UTC instants (Unix seconds) of a working interval: `date` (`YYYY-MM-DD`) with `from` and
/// `to` seconds from local midnight in `tz`. `None` for a bad date or an empty interval.
pub fn interval_instants(date: &str, from: i64, to: i64, tz: &TimeZone) -> Option<(i64, i64)> {
    let date = parse_date(date)?;
    let start = local_instant(date, from, tz)?;
    let end = local_instant(date, to, tz)?;
    (end > start).then_some((start, end))
}

/// The instants of a whole local day: its midnight and the next one.
pub fn day_instants(date: Date, tz: &TimeZone) -> Option<(i64, i64)> {
    Some((local_instant(date, 0, tz)?, local_instant(date, DAY, tz)?))
}

/// The wall-clock seconds from local midnight of an instant in `tz`, and its local date.
pub fn local_time_of(unix: i64, tz: &TimeZone) -> Option<(Date, i64)> {
    let z = Timestamp::from_second(unix).ok()?.to_zoned(tz.clone());
    let t = z.time();
    Some((
        z.date(),
        i64::from(t.hour()) * 3600 + i64::from(t.minute()) * 60 + i64::from(t.second()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ny() -> TimeZone {
        TimeZone::get("America/New_York").unwrap()
    }

    /// Every session of the day, no bound in time, no resources.
    fn sessions(
        date: Date,
        intervals: &[Interval],
        busy: &[(i64, i64)],
        step: i64,
        length: i64,
        tz: &TimeZone,
    ) -> Vec<crate::availability::Session> {
        let day = crate::availability::Day {
            date,
            intervals,
            busy,
            resources: &[],
        };
        crate::availability::sessions(&day, length, &crate::availability::Limits::open(step), tz)
    }

    fn iv(from: &str, to: &str) -> Interval {
        Interval {
            from: parse_time(from).unwrap(),
            to: parse_time(to).unwrap(),
        }
    }

    #[test]
    fn times_and_dates_parse_strictly() {
        assert_eq!(parse_time("09:30"), Some(34_200));
        assert_eq!(parse_time("09:30:15"), Some(34_215));
        assert_eq!(parse_time("24:00"), Some(DAY));
        assert_eq!(parse_time("24:01"), None);
        assert_eq!(parse_time("9:30"), None);
        assert_eq!(parse_time("09:60"), None);
        assert_eq!(parse_time("ab:cd"), None);
        assert_eq!(format_hm(34_215), "09:30");
        assert_eq!(format_hms(34_215), "09:30:15");
        assert_eq!(parse_date("2026-03-08").unwrap().to_string(), "2026-03-08");
        assert_eq!(parse_date("20260308").unwrap().to_string(), "2026-03-08");
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("2026-3-8").is_none());
    }

    #[test]
    fn overlapping_intervals_merge_and_backwards_ones_are_refused() {
        let merged = normalize(&[
            iv("13:00", "18:00"),
            iv("10:00", "14:00"),
            iv("19:00", "20:00"),
        ])
        .unwrap();
        assert_eq!(merged, [iv("10:00", "18:00"), iv("19:00", "20:00")]);
        assert_eq!(
            normalize(&[iv("10:00", "12:00"), iv("12:00", "13:00")]).unwrap(),
            [iv("10:00", "13:00")]
        );
        assert_eq!(
            normalize(&[iv("10:00", "12:00"), iv("12:00", "11:00")]),
            Err(IntervalError::EndsBeforeStart(1))
        );
        assert_eq!(
            normalize(&[iv("10:00", "10:00")]),
            Err(IntervalError::EndsBeforeStart(0))
        );
    }

    #[test]
    fn a_working_day_keeps_nine_hours_on_both_dst_days() {
        for (date, utc_start) in [
            // EDT from 02:00 on 2026-03-08: 09:00 local = 13:00 UTC.
            ("2026-03-08", 1_772_974_800),
            // EST from 02:00 on 2026-11-01: 09:00 local = 14:00 UTC.
            ("2026-11-01", 1_793_541_600),
        ] {
            let (a, b) = interval_instants(date, 9 * 3600, 18 * 3600, &ny()).unwrap();
            assert_eq!(a, utc_start, "{date}");
            assert_eq!(b - a, 9 * 3600, "{date}");
            let d = parse_date(date).unwrap();
            let list = sessions(d, &[iv("09:00", "18:00")], &[], 900, 3600, &ny());
            assert_eq!(list.len(), 36, "{date}");
            assert_eq!(list[0].time, "09:00");
            assert_eq!(list[35].time, "17:45");
            assert_eq!(list[0].at, utc_start);
            // Free while an hour still fits: up to 17:00.
            let free: Vec<&str> = list
                .iter()
                .filter(|s| s.free)
                .map(|s| s.time.as_str())
                .collect();
            assert_eq!(free.len(), 33);
            assert_eq!(*free.last().unwrap(), "17:00");
            let times: std::collections::BTreeSet<&str> =
                list.iter().map(|s| s.time.as_str()).collect();
            assert_eq!(times.len(), 36, "no time doubled on {date}");
        }
    }

    #[test]
    fn a_night_across_the_change_has_its_real_length() {
        let spring = parse_date("2026-03-08").unwrap();
        let autumn = parse_date("2026-11-01").unwrap();
        let night = [iv("00:00", "06:00")];
        let (a, b) = interval_instants("2026-03-08", 0, 6 * 3600, &ny()).unwrap();
        assert_eq!(b - a, 5 * 3600, "an hour skipped");
        let (a, b) = interval_instants("2026-11-01", 0, 6 * 3600, &ny()).unwrap();
        assert_eq!(b - a, 7 * 3600, "an hour repeated");
        let s = sessions(spring, &night, &[], 3600, 3600, &ny());
        let times: Vec<&str> = s.iter().map(|s| s.time.as_str()).collect();
        assert_eq!(times, ["00:00", "01:00", "03:00", "04:00", "05:00"]);
        let s = sessions(autumn, &night, &[], 3600, 3600, &ny());
        let times: Vec<&str> = s.iter().map(|s| s.time.as_str()).collect();
        assert_eq!(
            times,
            ["00:00", "01:00", "01:00", "02:00", "03:00", "04:00", "05:00"]
        );
        // A whole day is 23 and 25 hours long.
        let (a, b) = day_instants(spring, &ny()).unwrap();
        assert_eq!(b - a, 23 * 3600);
        let (a, b) = day_instants(autumn, &ny()).unwrap();
        assert_eq!(b - a, 25 * 3600);
    }

    #[test]
    fn busy_spans_and_length_decide_freedom() {
        let utc = TimeZone::UTC;
        let d = parse_date("2026-01-05").unwrap();
        let (day, _) = day_instants(d, &utc).unwrap();
        // Busy 11:00–12:00.
        let busy = [(day + 11 * 3600, day + 12 * 3600)];
        let s = sessions(d, &[iv("10:00", "13:00")], &busy, 1800, 3600, &utc);
        let got: Vec<(&str, bool)> = s.iter().map(|s| (s.time.as_str(), s.free)).collect();
        assert_eq!(
            got,
            [
                ("10:00", true),
                ("10:30", false),
                ("11:00", false),
                ("11:30", false),
                ("12:00", true),
                ("12:30", false),
            ]
        );
        assert_eq!(local_time_of(day + 3661, &utc), Some((d, 3661)));
    }
}
