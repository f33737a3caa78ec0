//! Time: instants are UTC Unix seconds, rendered in the location's IANA zone; "now" comes from
//! one injectable [`Clock`].

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

pub use jiff::tz::TimeZone;
use jiff::Timestamp;

/// Parses an IANA time zone name from the bundled database (same answer on every machine).
/// Unknown names are `None`: a zone is never guessed.
pub fn parse_time_zone(name: &str) -> Option<TimeZone> {
    if name.trim().is_empty() {
        return None;
    }
    TimeZone::get(name.trim()).ok()
}

/// The one source of "now" for the whole server: the system clock in production, a settable
/// instant in tests (and in a sandbox that wants to replay a day). Clones share the instant.
#[derive(Debug, Clone, Default)]
pub struct Clock(Option<Arc<AtomicI64>>);

impl Clock {
    /// The operating system's clock.
    pub fn system() -> Self {
        Clock(None)
    }

    /// A clock that stands still at `unix` until [`Clock::set`] or [`Clock::advance`] moves it.
    pub fn fixed(unix: i64) -> Self {
        Clock(Some(Arc::new(AtomicI64::new(unix))))
    }

    /// Current time as UTC Unix seconds.
    pub fn now(&self) -> i64 {
        match &self.0 {
            None => Timestamp::now().as_second(),
            Some(t) => t.load(Ordering::Relaxed),
        }
    }

    /// Moves a fixed clock to `unix` (no effect on the system clock).
    pub fn set(&self, unix: i64) {
        if let Some(t) = &self.0 {
            t.store(unix, Ordering::Relaxed);
        }
    }

    /// Moves a fixed clock forward by `seconds` (no effect on the system clock).
    pub fn advance(&self, seconds: i64) {
        if let Some(t) = &self.0 {
            t.fetch_add(seconds, Ordering::Relaxed);
        }
    }
}

fn zoned(unix: i64, tz: &TimeZone) -> jiff::Zoned {
    Timestamp::from_second(unix)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned(tz.clone())
}

/// `2026-01-01T12:12:12-05:00`: the ISO 8601 form most endpoints use.
pub fn iso8601(unix: i64, tz: &TimeZone) -> String {
    zoned(unix, tz).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// `2026-01-01T12:12:12-0500`: the older form some fields use (e.g. a client's `last_change_date`).
pub fn iso8601_compact_offset(unix: i64, tz: &TimeZone) -> String {
    zoned(unix, tz).strftime("%Y-%m-%dT%H:%M:%S%z").to_string()
}

/// `2026-01-01T12:12:12.000-05:00`: with milliseconds (always `.000`: instants are whole
/// seconds), as the reviews' `date` is shown.
pub fn iso8601_millis(unix: i64, tz: &TimeZone) -> String {
    zoned(unix, tz)
        .strftime("%Y-%m-%dT%H:%M:%S.000%:z")
        .to_string()
}

/// The local date of an instant, `YYYY-MM-DD`.
pub fn local_date(unix: i64, tz: &TimeZone) -> String {
    zoned(unix, tz).date().to_string()
}

/// The zone's UTC offset in seconds at an instant (the `timezone` field of a location).
pub fn offset_seconds(tz: &TimeZone, at_unix: i64) -> i64 {
    i64::from(zoned(at_unix, tz).offset().seconds())
}

/// Reads an instant given with an offset (`2026-01-01T12:00:00-05:00`), or as local date-time or
/// date (`2026-01-01T12:00:00`, `2026-01-01 12:00:00`, `2026-01-01`) in `tz`.
pub fn parse_instant(text: &str, tz: &TimeZone) -> Option<i64> {
    let t = text.trim();
    if let Ok(ts) = t.parse::<Timestamp>() {
        return Some(ts.as_second());
    }
    let civil = t.parse::<jiff::civil::DateTime>().ok().or_else(|| {
        t.parse::<jiff::civil::Date>()
            .ok()
            .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
    })?;
    civil
        .to_zoned(tz.clone())
        .ok()
        .map(|z| z.timestamp().as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz(name: &str) -> TimeZone {
        parse_time_zone(name).unwrap()
    }

    #[test]
    fn renders_with_location_offset() {
        // 2026-01-01T17:12:12Z
        let t = 1_767_287_532;
        let ny = tz("America/New_York");
        assert_eq!(iso8601(t, &ny), "2026-01-01T12:12:12-05:00");
        assert_eq!(iso8601_compact_offset(t, &ny), "2026-01-01T12:12:12-0500");
        assert_eq!(iso8601_millis(t, &ny), "2026-01-01T12:12:12.000-05:00");
        assert_eq!(iso8601(t, &tz("UTC")), "2026-01-01T17:12:12+00:00");
        assert_eq!(offset_seconds(&ny, t), -5 * 3600);
        assert_eq!(local_date(t, &tz("Asia/Tokyo")), "2026-01-02");
        assert!(parse_time_zone("Mars/Olympus").is_none());
        assert!(parse_time_zone("Europe/London").is_some());
    }

    #[test]
    fn instants_with_and_without_offset() {
        let utc = tz("UTC");
        let ny = tz("America/New_York");
        assert_eq!(
            parse_instant("2026-01-01T12:12:12-05:00", &utc),
            Some(1_767_287_532)
        );
        assert_eq!(
            parse_instant("2026-01-01T12:12:12", &ny),
            Some(1_767_287_532)
        );
        assert_eq!(
            parse_instant("2026-01-01 12:12:12", &ny),
            Some(1_767_287_532)
        );
        assert_eq!(parse_instant("2026-01-01", &utc), Some(1_767_225_600));
        assert_eq!(parse_instant("yesterday", &utc), None);
    }

    #[test]
    fn a_fixed_clock_moves_only_when_told() {
        let clock = Clock::fixed(100);
        let shared = clock.clone();
        assert_eq!(clock.now(), 100);
        shared.advance(5);
        assert_eq!(clock.now(), 105);
        clock.set(7);
        assert_eq!(shared.now(), 7);
        assert!(Clock::system().now() > 1_700_000_000);
    }
}
