//! The booking rules: reading an appointment body, and the check-then-write that runs in one
//! transaction so that no two live appointments of a team member overlap, an appointment fits
//! the team member's working hours, uses services they provide and finds a free instance of
//! every resource its services need — unless `save_if_busy` says to keep it anyway.

use bizd_domain::appointment::{self, Conflict, MAX_SEANCE_LENGTH};
use bizd_domain::client::{normalize_phone, ClientFields};
use bizd_domain::location::Location;
use bizd_domain::money::Currency;
use bizd_domain::money::Money;
use bizd_domain::schedule::{day_instants, interval_instants, local_time_of};
use bizd_domain::time::parse_instant;
use bizd_domain::validation::FieldErrors;
use bizd_store::appointments::write::{AppointmentFields, NewServiceLine, Origin};
use bizd_store::appointments::{self as store, Appointment};
use bizd_store::{Conn, Lock};

use super::json::{AppointmentBody, AppointmentClientBody, AppointmentServiceBody};
use crate::http::wire::text;
use crate::http::ApiError;

/// A requested service line, before prices are completed from the catalog.
#[derive(Debug, Clone)]
pub struct ServiceRequest {
    pub id: i64,
    pub first_cost: Option<Money>,
    /// Hundredths of a percent.
    pub discount: Option<i64>,
    pub cost: Option<Money>,
    pub amount: i64,
}

/// Who the appointment is for.
#[derive(Debug, Clone)]
pub enum ClientRef {
    None,
    Id(i64),
    /// Matched by phone to the location's client, or created with these details.
    Phone(Box<ClientFields>),
}

/// An appointment as requested: every field known (a `PUT` is merged onto the current one).
#[derive(Debug, Clone)]
pub struct Draft {
    pub team_member_id: i64,
    pub services: Vec<ServiceRequest>,
    pub client: ClientRef,
    pub starts_at: i64,
    /// `None`: from the services' durations.
    pub seance_length: Option<i64>,
    pub attendance: i64,
    pub confirmed: i64,
    pub comment: String,
    pub api_id: String,
    pub custom_color: String,
    pub sms_remain_hours: Option<i64>,
    pub email_remain_hours: Option<i64>,
    pub technical_break_duration: i64,
    pub save_if_busy: bool,
    /// Set by the public booking flow: the appointment is marked online.
    pub origin: Option<Origin>,
}

fn service_requests(
    e: &mut FieldErrors,
    services: &[AppointmentServiceBody],
) -> Vec<ServiceRequest> {
    let mut out = Vec::new();
    for (i, s) in services.iter().enumerate() {
        let field = |name: &str| format!("services.{i}.{name}");
        let Some(id) = s.id.filter(|id| id.0 > 0) else {
            e.add(field("id"), "The service id is required.");
            continue;
        };
        let money = |e: &mut FieldErrors, v: Option<crate::http::wire::Amount>, name: &str| {
            v.and_then(|a| match Money::from_decimal(a.0) {
                Ok(m) if m.minor() >= 0 => Some(m),
                Ok(_) => {
                    e.add(field(name), "Must not be negative.");
                    None
                }
                Err(err) => {
                    e.add(field(name), err.message(&field(name)));
                    None
                }
            })
        };
        let first_cost = money(e, s.first_cost, "first_cost");
        let cost = money(e, s.cost, "cost");
        let discount = money(e, s.discount, "discount").map(|m| m.minor());
        if discount.is_some_and(|d| d > 10_000) {
            e.add(
                field("discount"),
                "The discount is a percentage from 0 to 100.",
            );
        }
        let amount = s.amount.map_or(1, |a| a.0);
        if !(1..=1000).contains(&amount) {
            e.add(field("amount"), "The amount must be from 1 to 1000.");
        }
        out.push(ServiceRequest {
            id: id.0,
            first_cost,
            discount,
            cost,
            amount,
        });
    }
    out
}

fn client_ref(
    e: &mut FieldErrors,
    client: Option<&AppointmentClientBody>,
    client_id: Option<i64>,
) -> ClientRef {
    if let Some(id) = client_id.or(client.and_then(|c| c.id).map(|i| i.0)) {
        return if id > 0 {
            ClientRef::Id(id)
        } else {
            ClientRef::None
        };
    }
    let Some(c) = client else {
        return ClientRef::None;
    };
    let phone = text(c.phone.clone()).unwrap_or_default();
    if phone.trim().is_empty() {
        e.add("client.phone", "A client is named by its id or its phone.");
        return ClientRef::None;
    }
    match normalize_phone(&phone) {
        Ok(digits) => ClientRef::Phone(Box::new(ClientFields {
            name: text(c.name.clone()).unwrap_or_default(),
            surname: text(c.surname.clone()).unwrap_or_default(),
            email: text(c.email.clone()).unwrap_or_default(),
            phone: digits,
            ..ClientFields::default()
        })),
        Err(message) => {
            e.add("client.phone", message);
            ClientRef::None
        }
    }
}

fn attendance(e: &mut FieldErrors, v: Option<i64>) -> Option<i64> {
    let v = v?;
    if bizd_domain::visit::valid_attendance(v) {
        Some(v)
    } else {
        e.add("attendance", "The attendance is -1, 0, 1 or 2.");
        None
    }
}

/// Reads a body onto `current` (a `PUT`), or as a new appointment (`current` is `None`: the
/// team member, services, start and client are required).
pub fn draft(
    body: AppointmentBody,
    current: Option<&Appointment>,
    location: &Location,
) -> Result<Draft, ApiError> {
    let mut e = FieldErrors::new();
    if body.activity_id.is_some_and(|a| a.0 != 0) {
        return Err(ApiError::Unprocessable {
            code: "group_events_unavailable",
            message: "Group events are not available on this server yet.".into(),
        });
    }
    let cur = current.map(|a| &a.row);
    let team_member_id = match (body.staff_id, cur) {
        (Some(id), _) if id.0 > 0 => id.0,
        (None, Some(r)) => r.team_member_id.unwrap_or(0),
        _ => {
            e.add("staff_id", "The team member is required.");
            0
        }
    };
    let services = match (&body.services, current) {
        (Some(list), _) => service_requests(&mut e, list),
        (None, Some(a)) => a
            .services
            .iter()
            .map(|l| ServiceRequest {
                id: l.service_id,
                first_cost: Some(Money::from_minor(l.first_cost)),
                discount: Some(l.discount_percent),
                cost: Some(Money::from_minor(l.cost)),
                amount: l.amount,
            })
            .collect(),
        (None, None) => {
            e.add("services", "At least one service is required.");
            Vec::new()
        }
    };
    if body.services.as_ref().is_some_and(|s| s.is_empty()) {
        e.add("services", "At least one service is required.");
    }
    let client = match (body.client.as_ref(), body.client_id, cur) {
        (None, None, Some(r)) => r.client_id.map_or(ClientRef::None, ClientRef::Id),
        (c, id, _) => client_ref(&mut e, c, id.map(|i| i.0)),
    };
    let starts_at = match (body.datetime.as_deref(), cur) {
        (Some(t), _) => parse_instant(t, &location.tz).unwrap_or_else(|| {
            e.add(
                "datetime",
                "The datetime must be ISO 8601, e.g. 2026-09-21T10:00:00-05:00.",
            );
            0
        }),
        (None, Some(r)) => r.starts_at,
        (None, None) => {
            e.add("datetime", "The datetime is required.");
            0
        }
    };
    let seance_length = match body.seance_length {
        Some(l) if !(1..=MAX_SEANCE_LENGTH).contains(&l.0) => {
            e.add("seance_length", "The length is from 1 second to 24 hours.");
            None
        }
        Some(l) => Some(l.0),
        None if body.services.is_none() => cur.map(|r| r.length),
        None => None,
    };
    let technical_break_duration = match body.technical_break_duration {
        Some(t) if !(0..=3600).contains(&t.0) || t.0 % 300 != 0 => {
            e.add(
                "technical_break_duration",
                "A multiple of 300 seconds, at most 3600.",
            );
            0
        }
        Some(t) => t.0,
        None => cur.map_or(0, |r| r.technical_break_duration),
    };
    let attendance = attendance(&mut e, body.attendance.map(|a| a.0))
        .or(cur.map(|r| r.attendance))
        .unwrap_or(0);
    let confirmed = match body.confirmed {
        Some(c) if !(0..=1).contains(&c.0) => {
            e.add("confirmed", "0 or 1.");
            1
        }
        Some(c) => c.0,
        None => cur.map_or(1, |r| r.confirmed),
    };
    let hours = |e: &mut FieldErrors,
                 v: Option<crate::http::wire::Int>,
                 name: &str,
                 old: Option<i64>| match v {
        Some(h) if !(0..=720).contains(&h.0) => {
            e.add(name, "From 0 to 720 hours.");
            old
        }
        Some(h) => Some(h.0),
        None => old,
    };
    let sms_remain_hours = hours(
        &mut e,
        body.sms_remain_hours,
        "sms_remain_hours",
        cur.and_then(|r| r.sms_remain_hours),
    );
    let email_remain_hours = hours(
        &mut e,
        body.email_remain_hours,
        "email_remain_hours",
        cur.and_then(|r| r.email_remain_hours),
    );
    let keep = |v: Option<crate::http::wire::Text>, old: Option<&String>| {
        text(v).or(old.cloned()).unwrap_or_default()
    };
    let comment = keep(body.comment, cur.map(|r| &r.comment));
    let api_id = keep(body.api_id, cur.map(|r| &r.api_id));
    let custom_color = keep(body.custom_color, cur.map(|r| &r.custom_color));
    if comment.chars().count() > 5000 {
        e.add("comment", "At most 5000 characters.");
    }
    e.into_result()?;
    Ok(Draft {
        team_member_id,
        services,
        client,
        starts_at,
        seance_length,
        attendance,
        confirmed,
        comment,
        api_id,
        custom_color,
        sms_remain_hours,
        email_remain_hours,
        technical_break_duration,
        save_if_busy: body.save_if_busy.is_some_and(|f| f.0),
        origin: None,
    })
}

/// The locks a booking takes, in the store's fixed order: the team member, the resources its
/// services need, its client (or the location, when a client may be created by phone) — and, for
/// a change, the team member and client the appointment has now. The visits it leaves and joins
/// are locked after these, with their clients, by `visits::settle`.
pub fn locks(
    location_id: i64,
    d: &Draft,
    previous: Option<&Appointment>,
    resources: &[(i64, i64)],
) -> Vec<Lock> {
    let mut locks = vec![Lock::TeamMember(d.team_member_id)];
    if let Some(a) = previous {
        locks.extend(a.row.team_member_id.map(Lock::TeamMember));
        locks.extend(a.row.client_id.map(Lock::Client));
    }
    locks.extend(resources.iter().map(|(r, _)| Lock::Resource(*r)));
    match &d.client {
        ClientRef::Id(id) => locks.push(Lock::Client(*id)),
        ClientRef::Phone(_) => locks.push(Lock::Location(location_id)),
        ClientRef::None => {}
    }
    locks
}

fn conflict(c: Conflict) -> ApiError {
    ApiError::ConflictWith {
        code: c.code(),
        message: c.message(),
    }
}

/// Checks the draft against the store and writes it: a new appointment (`except` is `None`) or
/// the change of appointment `except`. Runs in the caller's write transaction, after [`locks`].
/// Returns the appointment id.
pub async fn book(
    tx: &mut Conn<'_>,
    location: &Location,
    d: Draft,
    resources: &[(i64, i64)],
    except: Option<&Appointment>,
    user_id: Option<i64>,
    now: i64,
) -> Result<i64, ApiError> {
    let location_id = location.id;
    // The team member: live, of this location.
    let member = bizd_store::team_members::get(tx, location_id, d.team_member_id).await?;
    if member.as_ref().is_none_or(|m| m.deleted_at.is_some()) {
        return Err(ApiError::field(
            "staff_id",
            "No such team member in this location.",
        ));
    }
    // Services: of the location, provided by the team member (unless kept anyway).
    let ids: Vec<i64> = d.services.iter().map(|s| s.id).collect();
    let catalog = store::checks::services_for(tx, location_id, d.team_member_id, &ids).await?;
    let mut lines = Vec::new();
    let mut services_length = 0;
    for (i, s) in d.services.iter().enumerate() {
        let Some(known) = catalog.iter().find(|c| c.id == s.id) else {
            return Err(ApiError::field(
                format!("services.{i}.id").as_str(),
                "No such service in this location.",
            ));
        };
        if known.seance_length.is_none() && !d.save_if_busy {
            return Err(ApiError::Unprocessable {
                code: "service_not_provided",
                message: format!(
                    "The team member does not provide service {} ({}).",
                    known.id, known.title
                ),
            });
        }
        services_length += known.seance_length.unwrap_or(3600) * s.amount;
        let first_cost = s.first_cost.unwrap_or(Money::from_minor(
            known.link_price_min.unwrap_or(known.price_min),
        ));
        let discount = s.discount.unwrap_or(0);
        let cost = match s.cost {
            Some(c) => c,
            // Rounded to the currency's minor unit (a yen price is whole yen).
            None => appointment::discounted_cost(first_cost, discount, s.amount)
                .map(|m| m.round_to(Currency::of(&location.fields.currency)))
                .ok_or_else(|| {
                    ApiError::field(format!("services.{i}.cost").as_str(), "Out of range.")
                })?,
        };
        lines.push(NewServiceLine {
            service_id: s.id,
            title: known.title.clone(),
            first_cost: first_cost.minor(),
            discount_percent: discount,
            cost: cost.minor(),
            amount: s.amount,
        });
    }
    let length = d
        .seance_length
        .unwrap_or(services_length + d.technical_break_duration)
        .clamp(1, MAX_SEANCE_LENGTH);
    let (start, end) = (d.starts_at, d.starts_at + length);
    let except_id = except.map(|a| a.row.id);

    // Time: free, inside working hours, resources available.
    let mut overbooked = false;
    if let Some(other) =
        store::checks::overlapping(tx, d.team_member_id, start, end, except_id).await?
    {
        if !d.save_if_busy {
            return Err(conflict(Conflict::Busy {
                appointment_id: other,
            }));
        }
        overbooked = true;
    }
    if !working(tx, location, d.team_member_id, start, end).await? {
        if !d.save_if_busy {
            return Err(conflict(Conflict::OutsideWorkingHours));
        }
        overbooked = true;
    }
    let mut held = Vec::new();
    for &(resource_id, _) in resources {
        let instances =
            store::checks::resource_instances_held(tx, resource_id, start, end, except_id).await?;
        match instances.iter().find(|(_, taken)| !taken) {
            Some((instance, _)) => held.push((resource_id, *instance)),
            None if d.save_if_busy => overbooked = true,
            None => return Err(conflict(Conflict::ResourceUnavailable { resource_id })),
        }
    }

    // The client: named, or matched by phone, or created.
    let client_id = match &d.client {
        ClientRef::None => None,
        ClientRef::Id(id) => {
            bizd_store::clients::get(tx, location_id, *id)
                .await?
                .ok_or_else(|| ApiError::field("client_id", "No such client in this location."))?;
            Some(*id)
        }
        ClientRef::Phone(fields) => {
            match bizd_store::clients::id_by_phone(tx, location_id, &fields.phone).await? {
                Some(id) => Some(id),
                None => Some(bizd_store::clients::insert(tx, location_id, fields, now).await?),
            }
        }
    };

    // The visit: the client's visit of that local day.
    let day = local_time_of(start, &location.tz)
        .and_then(|(date, _)| day_instants(date, &location.tz))
        .ok_or_else(|| ApiError::field("datetime", "Out of range."))?;
    let fields = AppointmentFields {
        team_member_id: d.team_member_id,
        client_id,
        starts_at: start,
        length,
        attendance: d.attendance,
        confirmed: d.confirmed,
        comment: d.comment,
        api_id: d.api_id,
        custom_color: d.custom_color,
        sms_remain_hours: d.sms_remain_hours,
        email_remain_hours: d.email_remain_hours,
        technical_break_duration: d.technical_break_duration,
        overbooked,
        origin: d.origin,
    };
    let same_visit = except.filter(|a| {
        a.row.client_id.is_some()
            && a.row.client_id == client_id
            && (day.0..day.1).contains(&a.row.starts_at)
    });
    let visit_id = match same_visit {
        Some(a) => a.row.visit_id,
        None => store::visits::visit_for(tx, location_id, client_id, day, start, now).await?,
    };
    let id = match except {
        None => store::write::insert(tx, location_id, visit_id, &fields, user_id, now).await?,
        Some(a) => {
            store::write::update(tx, a.row.id, visit_id, &fields, now).await?;
            a.row.id
        }
    };
    let fresh = except.is_none();
    store::write::set_services(tx, id, &lines, fresh).await?;
    store::write::set_resource_instances(tx, id, start, &held, fresh).await?;
    // The visit it joined and, when it moved, the one it left. Client counters count attended
    // visits only: a new waiting appointment leaves them, and the client row, alone.
    let mut visits = vec![visit_id];
    visits.extend(except.map(|a| a.row.visit_id).filter(|&v| v != visit_id));
    store::visits::settle(tx, &visits, now).await?;
    Ok(id)
}

/// Whether `[start, end)` lies inside one working interval of the team member (intervals of
/// the day before count too: a night shift may run past midnight).
async fn working(
    tx: &mut Conn<'_>,
    location: &Location,
    team_member_id: i64,
    start: i64,
    end: i64,
) -> Result<bool, ApiError> {
    let Some((date, _)) = local_time_of(start, &location.tz) else {
        return Ok(false);
    };
    let from = date.yesterday().map(|d| d.to_string()).unwrap_or_default();
    let to = date.to_string();
    let intervals =
        bizd_store::schedules::intervals(tx, location.id, team_member_id, &from, &to).await?;
    let instants: Vec<(i64, i64)> = intervals
        .iter()
        .filter_map(|i| interval_instants(&i.date, i.from, i.to, &location.tz))
        .collect();
    Ok(appointment::within_working_hours(start, end, &instants))
}

/// A live appointment of the location, or 404.
pub async fn existing(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> Result<Appointment, ApiError> {
    store::get(c, location_id, id)
        .await?
        .filter(|a| a.row.deleted_at.is_none())
        .ok_or_else(|| ApiError::NotFound("Appointment not found.".into()))
}

/// A live visit of the location, or 404.
pub async fn existing_visit(
    c: &mut Conn<'_>,
    location_id: i64,
    visit_id: i64,
) -> Result<store::visits::VisitRow, ApiError> {
    store::visits::get(c, visit_id)
        .await?
        .filter(|v| v.deleted_at.is_none() && v.location_id == location_id)
        .ok_or_else(|| ApiError::NotFound("Visit not found.".into()))
}
