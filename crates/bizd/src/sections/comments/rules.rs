//! Rules of the reviews: a new review's fields (422 naming the field otherwise), the list's
//! date range as instants of the location's days, and the comment object built from a row.

use bizd_domain::schedule::{day_instants, parse_date};
use bizd_domain::time::{iso8601_millis, TimeZone};
use bizd_domain::validation::{required_text, text};
use bizd_domain::FieldErrors;
use bizd_store::comments::{Comment, CommentFilter};

use super::json::{ReviewBody, ReviewDto, ReviewListQuery};
use crate::http::wire::Text;
use crate::http::{ApiError, ApiResult};

/// The longest review text, in characters.
const MAX_TEXT: usize = 10_000;
/// The longest name shown with a review, in characters.
const MAX_NAME: usize = 255;

/// A rating field: 1–5.
fn rating(e: &mut FieldErrors, field: &str, value: i64) -> i64 {
    if !(1..=5).contains(&value) {
        e.add(field, format!("The {field} must be between 1 and 5."));
    }
    value
}

/// What a review body says: `(rating, text, name)`; the name defaults to `author`.
pub fn review(body: ReviewBody, author: &str) -> ApiResult<(i64, String, String)> {
    let mut e = FieldErrors::new();
    let mark = match body.mark {
        Some(m) => rating(&mut e, "mark", m.0),
        None => {
            e.add("mark", "The mark field is required.");
            0
        }
    };
    let feedback = required_text(
        &mut e,
        "text",
        body.text.as_ref().map(|t| t.0.as_str()),
        MAX_TEXT,
    );
    let name = match body.name.map(Text::into_inner) {
        Some(n) if !n.trim().is_empty() => text(&mut e, "name", &n, MAX_NAME),
        _ => author.to_owned(),
    };
    e.into_result()?;
    Ok((mark, feedback, name))
}

/// The local day `text` names, as `[midnight, next midnight)` in `tz`.
fn day(e: &mut FieldErrors, field: &str, text: &str, tz: &TimeZone) -> Option<(i64, i64)> {
    let instants = parse_date(text).and_then(|d| day_instants(d, tz));
    if instants.is_none() {
        e.add(field, format!("The {field} must be a date (YYYY-MM-DD)."));
    }
    instants
}

/// The list's filters: `start_date`/`end_date` are local dates of the location (inclusive);
/// an end before the start, or a rating outside 1–5, is 422.
pub fn filter(q: ReviewListQuery, tz: &TimeZone) -> ApiResult<CommentFilter> {
    let mut e = FieldErrors::new();
    let from = q
        .start_date
        .and_then(|t| day(&mut e, "start_date", &t.0, tz));
    let to = q.end_date.and_then(|t| day(&mut e, "end_date", &t.0, tz));
    let rating = q.rating.map(|r| rating(&mut e, "rating", r.0));
    e.into_result()?;
    if let (Some(from), Some(to)) = (from, to) {
        if to.0 < from.0 {
            return Err(ApiError::field(
                "end_date",
                "The end_date must not be before the start_date.",
            ));
        }
    }
    Ok(CommentFilter {
        from: from.map(|d| d.0),
        to: to.map(|d| d.1),
        team_member_id: q.staff_id.map(|i| i.0),
        rating,
    })
}

impl ReviewDto {
    /// The comment object of a stored review, its date in the location's zone.
    pub fn from_row(c: Comment, tz: &TimeZone) -> ReviewDto {
        ReviewDto {
            id: c.id,
            salon_id: c.location_id,
            kind: i64::from(c.team_member_id.is_some()),
            master_id: c.team_member_id.unwrap_or(0),
            text: c.text,
            date: iso8601_millis(c.created_at, tz),
            rating: c.rating,
            user_id: c.user_id.unwrap_or(0),
            user_name: c.username.clone(),
            username: c.username,
            user_avatar: c.user_avatar.unwrap_or_default(),
            record_id: c.record_id.unwrap_or(0),
        }
    }
}
