use std::collections::HashMap;

use axum::extract::State;
use bizd_domain::validation::FieldErrors;
use bizd_store::appointments::Filter;
use bizd_store::locations::LocationFilter;
use serde::Deserialize;
use utoipa::IntoParams;

use super::json::AppointmentDto;
use crate::app::AppState;
use crate::http::paging::{ListMeta, Page, PageRules};
use crate::http::wire::Int;
use crate::http::{ApiError, ApiResult, Envelope, Query, UserAuth};

/// `GET /records/partner`: `editable_length` 50 by default, at most 100 (the reference's cap).
pub struct PartnerAppointmentPages;
impl PageRules for PartnerAppointmentPages {
    const SIZE_NAME: &'static str = "editable_length";
    const DEFAULT: i64 = 50;
    const MAX: i64 = 100;
}

/// Filters of `GET /records/partner` (dates `DD.MM.YYYY` as the reference shows, or
/// `YYYY-MM-DD`, in each location's zone).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct PartnerAppointmentQuery {
    #[param(value_type = Option<i64>)]
    pub page: Option<Int>,
    /// Appointments per page (default 50, at most 100)
    #[param(value_type = Option<i64>)]
    pub editable_length: Option<Int>,
    /// Location ID (`company_id`, `location_id` also accepted)
    #[serde(alias = "company_id", alias = "location_id")]
    #[param(value_type = Option<i64>)]
    pub salon_id: Option<Int>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub created_start_date: Option<String>,
    pub created_end_date: Option<String>,
    /// Created by this user
    #[param(value_type = Option<i64>)]
    pub user_id: Option<Int>,
}

/// `DD.MM.YYYY` (quotes tolerated) or `YYYY-MM-DD`.
fn partner_date(text: &str) -> Option<jiff::civil::Date> {
    let t = text.trim().trim_matches('\'').trim_matches('"');
    if let Some((d, rest)) = t.split_once('.') {
        let (m, y) = rest.split_once('.')?;
        return jiff::civil::Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok();
    }
    bizd_domain::schedule::parse_date(t)
}

/// Get a List of Partner Appointments (`appointments/get_partner_appointment_list.md`): the
/// appointments of every location the signed-in user is a member of (or of `salon_id`, 403 when
/// the user is not a member there), by start. Date bounds are read in UTC here: one query spans
/// locations of several zones.
#[utoipa::path(
    get, path = "/records/partner", operation_id = "get_partner_appointment_list", tag = "Appointments",
    params(PartnerAppointmentQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<AppointmentDto>>))
)]
pub async fn get_partner_appointment_list(
    State(state): State<AppState>,
    UserAuth(user): UserAuth,
    Query(q): Query<PartnerAppointmentQuery>,
) -> ApiResult<Envelope<Vec<AppointmentDto>>> {
    let page = Page::new::<PartnerAppointmentPages>(q.page, q.editable_length)?;
    let mut e = FieldErrors::new();
    let utc = bizd_domain::time::TimeZone::UTC;
    let mut bound = |v: &Option<String>, name: &str, end: bool| {
        let t = v.as_deref().filter(|t| !t.trim().is_empty())?;
        match partner_date(t).and_then(|d| bizd_domain::schedule::day_instants(d, &utc)) {
            Some((from, to)) => Some(if end { to } else { from }),
            None => {
                e.add(name, "A date, DD.MM.YYYY or YYYY-MM-DD.");
                None
            }
        }
    };
    let starts_from = bound(&q.start_date, "start_date", false);
    let starts_before = bound(&q.end_date, "end_date", true);
    let created_from = bound(&q.created_start_date, "created_start_date", false);
    let created_before = bound(&q.created_end_date, "created_end_date", true);
    e.into_result()?;
    let mut c = state.db.snapshot().await?;
    let (locations, _) = bizd_store::locations::list(
        &mut c,
        &LocationFilter {
            member_user_id: Some(user.id),
            id: q.salon_id.map(|i| i.0),
            page: 1,
            per_page: 10_000,
            ..LocationFilter::default()
        },
    )
    .await?;
    // Each membership's timetable permission decides: without it a location's appointments are
    // not listed; narrowed to one team member, only that team member's.
    let mut grants = HashMap::new();
    for (location_id, role, values) in bizd_store::users::memberships_of(&mut c, user.id).await? {
        grants.insert(
            location_id,
            crate::http::access::stored_grants(&role, &values)?,
        );
    }
    let timetable = bizd_domain::access::Permission::Timetable;
    let locations: Vec<_> = locations
        .into_iter()
        .filter(|l| grants.get(&l.id).is_some_and(|g| g.grants(timetable)))
        .collect();
    if locations.is_empty() {
        if q.salon_id.is_some() {
            return Err(ApiError::Forbidden);
        }
        return Ok(Envelope::list(Vec::new(), ListMeta::page_total(page, 0)));
    }
    let f = Filter {
        only_team_member_in: locations
            .iter()
            .filter_map(|l| Some((l.id, grants.get(&l.id)?.only_team_member()?)))
            .collect(),
        location_ids: locations.iter().map(|l| l.id).collect(),
        created_user_id: q.user_id.map(|i| i.0),
        starts_from,
        starts_before,
        created_from,
        created_before,
        ..Filter::default()
    };
    let (rows, total) =
        bizd_store::appointments::list(&mut c, &f, page.offset(), page.size).await?;
    let zones: HashMap<i64, &bizd_domain::time::TimeZone> =
        locations.iter().map(|l| (l.id, &l.tz)).collect();
    let data = rows
        .iter()
        .map(|a| AppointmentDto::new(a, zones.get(&a.row.location_id).copied().unwrap_or(&utc)))
        .collect();
    Ok(Envelope::list(data, ListMeta::page_total(page, total)))
}
