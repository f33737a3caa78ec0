use axum::extract::State;
use bizd_domain::FieldErrors;
use bizd_store::Lock;
use jiff::civil::Date;

use super::json::{ScheduleDayDto, ScheduleSetRequest};
use super::rules::{self, Include};
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, ListMeta, LocationAccess};
use crate::sections::services::rules::check_team_members;

/// One day to write: team member, date, intervals (none: a day off).
type DayChange = (i64, Date, Vec<(i64, i64)>);

/// Each team member a body names, with the field naming it.
type NamedMembers = Vec<(String, i64)>;

/// Set team member schedules (`schedule-and-resources/set_team_member_schedule.md`):
/// `schedules_to_delete` makes dates days off, then `schedules_to_set` gives dates their working
/// intervals (replacing what they had; overlapping intervals are merged, one that ends before it
/// starts is 422). `team_member_id` or `staff_id`. One transaction that locks every team member
/// it changes. Answers the changed team members' schedules from the earliest to the latest date
/// changed; `meta.count`.
#[utoipa::path(
    put, path = "/company/{location_id}/staff/schedule", operation_id = "set_team_member_schedule", tag = "Schedule & Resources",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = ScheduleSetRequest,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "The resulting schedules; `meta.count`", body = Envelope<Vec<ScheduleDayDto>>))
)]
pub async fn set_team_member_schedule(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Json(body): Json<ScheduleSetRequest>,
) -> ApiResult<Envelope<Vec<ScheduleDayDto>>> {
    let location = &access.location;
    let (changes, members) = changes(body)?;
    let mut tx = state.db.write().await?;
    let locks: Vec<Lock> = members
        .iter()
        .map(|(_, id)| Lock::TeamMember(*id))
        .collect();
    tx.lock(&locks).await?;
    check_team_members(&mut tx, location.id, &members).await?;
    for (member, date, intervals) in &changes {
        bizd_store::schedules::set_day(&mut tx, location.id, *member, &date.to_string(), intervals)
            .await?;
    }
    let mut ids: Vec<i64> = members.iter().map(|(_, id)| *id).collect();
    ids.sort_unstable();
    ids.dedup();
    let days = match (
        changes.iter().map(|c| c.1).min(),
        changes.iter().map(|c| c.1).max(),
    ) {
        (Some(first), Some(last)) => {
            rules::schedule_days(
                &mut tx,
                location.id,
                &location.tz,
                &ids,
                (first, last),
                Include::default(),
            )
            .await?
        }
        _ => Vec::new(),
    };
    tx.commit().await?;
    let meta = ListMeta::count(days.len());
    Ok(Envelope::list(days, meta))
}

/// The body's days in the order they apply (deletions first), and each team member named with
/// its field. Every problem of the body is named in one answer.
fn changes(body: ScheduleSetRequest) -> Result<(Vec<DayChange>, NamedMembers), FieldErrors> {
    let mut e = FieldErrors::new();
    let mut out: Vec<DayChange> = Vec::new();
    let mut members = Vec::new();
    for (i, d) in body.schedules_to_delete.iter().enumerate() {
        let field = format!("schedules_to_delete.{i}");
        members.push((format!("{field}.team_member_id"), d.team_member_id.0));
        for (j, date) in d.dates.iter().enumerate() {
            if let Some(date) = rules::date(&mut e, &format!("{field}.dates.{j}"), &date.0) {
                out.push((d.team_member_id.0, date, Vec::new()));
            }
        }
    }
    for (i, s) in body.schedules_to_set.iter().enumerate() {
        let field = format!("schedules_to_set.{i}");
        members.push((format!("{field}.team_member_id"), s.team_member_id.0));
        let intervals = rules::slots(&mut e, &format!("{field}.slots"), &s.slots);
        for (j, date) in s.dates.iter().enumerate() {
            if let Some(date) = rules::date(&mut e, &format!("{field}.dates.{j}"), &date.0) {
                out.push((s.team_member_id.0, date, intervals.clone()));
            }
        }
    }
    if let (Some(first), Some(last)) =
        (out.iter().map(|c| c.1).min(), out.iter().map(|c| c.1).max())
    {
        if rules::days_between(first, last) >= rules::MAX_RANGE_DAYS {
            e.add(
                "body",
                format!("The dates may span at most {} days.", rules::MAX_RANGE_DAYS),
            );
        }
    }
    e.into_result()?;
    Ok((out, members))
}
