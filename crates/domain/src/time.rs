//! Time: instants are stored as UTC Unix seconds and rendered in the location's IANA zone.

use jiff::{tz::TimeZone, Timestamp};

/// Parses an IANA time zone name from the bundled database (same answer on every machine).
pub fn parse_time_zone(name: &str) -> Option<TimeZone> {
    if name.trim().is_empty() {
        return None;
    }
    TimeZone::get(name.trim()).ok()
}

/// Current time as UTC Unix seconds.
pub fn now_unix() -> i64 {
    Timestamp::now().as_second()
}

fn zoned(unix: i64, zone: &str) -> jiff::Zoned {
    let tz = parse_time_zone(zone).unwrap_or(TimeZone::UTC);
    Timestamp::from_second(unix)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned(tz)
}

/// `2026-01-01T12:12:12-05:00`: the ISO 8601 form most endpoints use.
pub fn iso8601(unix: i64, zone: &str) -> String {
    zoned(unix, zone)
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// `2026-01-01T12:12:12-0500`: the older form some fields use (e.g. a client's `last_change_date`).
pub fn iso8601_compact_offset(unix: i64, zone: &str) -> String {
    zoned(unix, zone)
        .strftime("%Y-%m-%dT%H:%M:%S%z")
        .to_string()
}

/// The zone's UTC offset in seconds at an instant (the `timezone` field of a location).
pub fn offset_seconds(zone: &str, at_unix: i64) -> i64 {
    i64::from(zoned(at_unix, zone).offset().seconds())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_with_location_offset() {
        // 2026-01-01T17:12:12Z
        let t = 1_767_287_532;
        assert_eq!(iso8601(t, "America/New_York"), "2026-01-01T12:12:12-05:00");
        assert_eq!(
            iso8601_compact_offset(t, "America/New_York"),
            "2026-01-01T12:12:12-0500"
        );
        assert_eq!(iso8601(t, "UTC"), "2026-01-01T17:12:12+00:00");
        assert_eq!(offset_seconds("America/New_York", t), -5 * 3600);
        assert!(parse_time_zone("Mars/Olympus").is_none());
        assert!(parse_time_zone("Europe/London").is_some());
    }
}

/// Reads an instant given with an offset (`2026-01-01T12:00:00-05:00`), or as local date-time or
/// date (`2026-01-01T12:00:00`, `2026-01-01 12:00:00`, `2026-01-01`) in `zone`.
pub fn parse_instant(text: &str, zone: &str) -> Option<i64> {
    let t = text.trim();
    if let Ok(ts) = t.parse::<Timestamp>() {
        return Some(ts.as_second());
    }
    let tz = parse_time_zone(zone).unwrap_or(TimeZone::UTC);
    let civil = t.parse::<jiff::civil::DateTime>().ok().or_else(|| {
        t.parse::<jiff::civil::Date>()
            .ok()
            .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
    })?;
    civil.to_zoned(tz).ok().map(|z| z.timestamp().as_second())
}

#[cfg(test)]
mod parse_tests {
    use super::*;

    #[test]
    fn instants_with_and_without_offset() {
        assert_eq!(
            parse_instant("2026-01-01T12:12:12-05:00", "UTC"),
            Some(1_767_287_532)
        );
        assert_eq!(
            parse_instant("2026-01-01T12:12:12", "America/New_York"),
            Some(1_767_287_532)
        );
        assert_eq!(
            parse_instant("2026-01-01 12:12:12", "America/New_York"),
            Some(1_767_287_532)
        );
        assert_eq!(parse_instant("2026-01-01", "UTC"), Some(1_767_225_600));
        assert_eq!(parse_instant("yesterday", "UTC"), None);
    }
}
