use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::FieldErrors;
use bizd_store::Lock;
use jiff::civil::Date;

use super::json::{LegacyDayBody, LegacyDayDto, ScheduleRangePath, TeamMemberPath};
use super::rules;
use crate::app::AppState;
use crate::http::extract::parse_json;
use crate::http::wire::OneOrMany;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Change schedule of a specific team member
/// (`schedule-and-resources/update_team_member_schedule.md`): the body is one day
/// `{date, is_working, slots}` or a list of them; each date's intervals are replaced (a day with
/// `is_working` false or no slots becomes a day off). Every date must lie in the path's range.
/// Answers 201 with every date of the range.
#[utoipa::path(
    put, path = "/schedule/{location_id}/{team_member_id}/{start_date}/{end_date}", operation_id = "update_team_member_schedule", tag = "Schedule & Resources",
    params(ScheduleRangePath),
    request_body = Vec<LegacyDayBody>,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<Vec<LegacyDayDto>>))
)]
pub async fn update_team_member_schedule(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<ScheduleRangePath>,
    body: Bytes,
) -> ApiResult<Envelope<Vec<LegacyDayDto>>> {
    let range = Some((path.start_date.as_str(), path.end_date.as_str()));
    update(
        &state,
        access.location.id,
        path.team_member_id.0,
        range,
        &body,
    )
    .await
}

/// The same without a range in the path (`PUT /schedule/{location_id}/{team_member_id}`, the
/// full reference's parameter list): answers the dates sent.
#[utoipa::path(
    put, path = "/schedule/{location_id}/{team_member_id}", operation_id = "update_team_member_schedule_without_range", tag = "Schedule & Resources",
    params(TeamMemberPath),
    request_body = Vec<LegacyDayBody>,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<Vec<LegacyDayDto>>))
)]
pub async fn update_team_member_schedule_without_range(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<TeamMemberPath>,
    body: Bytes,
) -> ApiResult<Envelope<Vec<LegacyDayDto>>> {
    update(
        &state,
        access.location.id,
        path.team_member_id.0,
        None,
        &body,
    )
    .await
}

/// The body's days, and whether they came as a list (its errors are then named by index).
fn days(body: &[u8]) -> ApiResult<(Vec<LegacyDayBody>, bool)> {
    let list = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    Ok((parse_json::<OneOrMany<LegacyDayBody>>(body)?.0, list))
}

/// An unknown team member is 404 before the range or the body is looked at (as for every
/// operation on an id the caller cannot see).
async fn update(
    state: &AppState,
    location_id: i64,
    member: i64,
    range: Option<(&str, &str)>,
    body: &[u8],
) -> ApiResult<Envelope<Vec<LegacyDayDto>>> {
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::TeamMember(member)]).await?;
    rules::live_team_member(&mut tx, location_id, member).await?;
    let range = match range {
        Some((start, end)) => Some(rules::path_range(start, end)?),
        None => None,
    };
    let changes = changes(days(body)?, range)?;
    for (date, intervals) in &changes {
        bizd_store::schedules::set_day(&mut tx, location_id, member, &date.to_string(), intervals)
            .await?;
    }
    let dates = match range {
        Some((start, end)) => rules::dates(start, end),
        None => {
            let mut dates: Vec<Date> = changes.iter().map(|c| c.0).collect();
            dates.sort();
            dates.dedup();
            dates
        }
    };
    let answer = rules::legacy_days(&mut tx, location_id, member, &dates).await?;
    tx.commit().await?;
    Ok(Envelope::one(answer).status(StatusCode::CREATED))
}

/// A date and its new intervals (none: a day off).
type DayChange = (Date, Vec<(i64, i64)>);

/// Each day of the body as (date, intervals), checked; every problem named in one answer (a
/// single-object body names fields plainly, a list by index).
fn changes(
    (days, list): (Vec<LegacyDayBody>, bool),
    range: Option<(Date, Date)>,
) -> Result<Vec<DayChange>, FieldErrors> {
    let mut e = FieldErrors::new();
    let single = !list;
    let mut out = Vec::new();
    for (i, d) in days.iter().enumerate() {
        let field = |name: &str| {
            if single {
                name.to_owned()
            } else {
                format!("{i}.{name}")
            }
        };
        let Some(date) = rules::date(&mut e, &field("date"), &d.date.0) else {
            continue;
        };
        if let Some((start, end)) = range {
            if date < start || date > end {
                e.add(field("date"), "The date must lie within the path's range.");
            }
        }
        let working = d.is_working.is_none_or(|f| f.0);
        let intervals = if working {
            rules::slots(&mut e, &field("slots"), &d.slots)
        } else {
            Vec::new()
        };
        out.push((date, intervals));
    }
    if out.len() > rules::MAX_RANGE_DAYS as usize {
        e.add("body", "At most 366 days at once.");
    }
    e.into_result()?;
    Ok(out)
}
