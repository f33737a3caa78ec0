use axum::extract::State;
use bizd_domain::schedule::{day_instants, parse_date};
use bizd_domain::time::parse_instant;
use bizd_domain::validation::FieldErrors;
use bizd_store::appointments::Filter;

use super::json::{AppointmentDto, AppointmentListQuery, AppointmentPages, LocationPath};
use crate::app::AppState;
use crate::http::paging::{ListMeta, Page};
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path, Query};

/// The filter a list query names, dates read in the location's zone: `start_date`/`end_date`
/// bound the session start (both inclusive days), `c_start_date`/`c_end_date` the creation,
/// `changed_after`/`changed_before` the last change (inclusive instants: a sync that repeats
/// its last `last_change_date` sees every later change, and at worst one it has seen).
pub fn filter_of(
    q: &AppointmentListQuery,
    tz: &bizd_domain::time::TimeZone,
) -> Result<Filter, crate::http::ApiError> {
    let mut e = FieldErrors::new();
    let day = |e: &mut FieldErrors, v: &Option<String>, name: &str, end: bool| {
        let t = v.as_deref().filter(|t| !t.trim().is_empty())?;
        match parse_date(t).and_then(|d| day_instants(d, tz)) {
            Some((from, to)) => Some(if end { to } else { from }),
            None => {
                e.add(name, "A date, YYYY-MM-DD.");
                None
            }
        }
    };
    let starts_from = day(&mut e, &q.start_date, "start_date", false);
    let starts_before = day(&mut e, &q.end_date, "end_date", true);
    let created_from = day(&mut e, &q.c_start_date, "c_start_date", false);
    let created_before = day(&mut e, &q.c_end_date, "c_end_date", true);
    let mut instant = |v: &Option<String>, name: &str| {
        let t = v.as_deref().filter(|t| !t.trim().is_empty())?;
        parse_instant(t, tz).or_else(|| {
            e.add(name, "A datetime, ISO 8601.");
            None
        })
    };
    let changed_from = instant(&q.changed_after, "changed_after");
    let changed_until = instant(&q.changed_before, "changed_before");
    e.into_result()?;
    Ok(Filter {
        team_member_id: q.staff_id.map(|i| i.0),
        client_id: q.client_id.map(|i| i.0),
        created_user_id: q.created_user_id.map(|i| i.0),
        starts_from,
        starts_before,
        created_from,
        created_before,
        changed_from,
        changed_until,
        with_deleted: q.with_deleted.is_some_and(|f| f.0),
        ..Filter::default()
    })
}

/// Get list of appointments (`appointments/get_appointment_list.md`): by start, then id; every
/// documented filter; `meta` `{page, total_count}`.
#[utoipa::path(
    get, path = "/records/{location_id}", operation_id = "get_appointment_list", tag = "Appointments",
    params(LocationPath, AppointmentListQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<AppointmentDto>>))
)]
pub async fn get_appointment_list(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
    Path(_path): Path<LocationPath>,
    Query(q): Query<AppointmentListQuery>,
) -> ApiResult<Envelope<Vec<AppointmentDto>>> {
    let location = &access.location;
    let page = Page::new::<AppointmentPages>(q.page, q.count)?;
    let mut f = filter_of(&q, &location.tz)?;
    f.location_id = Some(location.id);
    // A user narrowed to one team member's calendar sees only that team member's appointments.
    if let Some(own) = access.only_team_member() {
        if let Some(asked) = f.team_member_id {
            access.check_team_member(asked)?;
        }
        f.team_member_id = Some(own);
    }
    let mut c = state.db.snapshot().await?;
    let (rows, total) =
        bizd_store::appointments::list(&mut c, &f, page.offset(), page.size).await?;
    let data = rows
        .iter()
        .map(|a| AppointmentDto::new(a, &location.tz))
        .collect();
    Ok(Envelope::list(data, ListMeta::page_total(page, total)))
}
