//! Appointments (records) with their services, team member, client and visit: the booking
//! engine's store. Reads here; writes in [`write`], the booking checks' reads in [`checks`],
//! visits in [`visits`].

pub mod checks;
pub mod visits;
pub mod write;

use std::collections::HashMap;

use sea_query::{Alias, Expr, Func, Order, Query, SelectStatement, SimpleExpr};

use crate::clients::Clients;
use crate::services::{ServiceStaff, Services};
use crate::team_members::positions::Positions;
use crate::team_members::TeamMembers;
use crate::visits::{RecordResourceInstances, RecordServices, Records, Visits};
use crate::{Conn, Prepared, StoreResult};

/// An appointment row with what the answer shows of its team member, client and visit.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AppointmentRow {
    pub id: i64,
    pub location_id: i64,
    pub visit_id: i64,
    pub client_id: Option<i64>,
    pub team_member_id: Option<i64>,
    pub starts_at: i64,
    pub length: i64,
    pub attendance: i64,
    pub comment: String,
    pub confirmed: i64,
    pub api_id: String,
    pub custom_color: String,
    pub sms_remain_hours: Option<i64>,
    pub email_remain_hours: Option<i64>,
    pub created_user_id: Option<i64>,
    pub online: bool,
    pub technical_break_duration: i64,
    pub overbooked: bool,
    /// Where an online appointment came from (`''` for the calendar's).
    pub record_from: String,
    pub bookform_id: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
    pub visit_attendance: Option<i64>,
    pub staff_name: Option<String>,
    pub staff_specialization: Option<String>,
    pub staff_api_id: Option<String>,
    pub staff_avatar: Option<String>,
    pub staff_avatar_big: Option<String>,
    pub staff_rating: Option<f64>,
    pub staff_votes_count: Option<i64>,
    pub staff_position_id: Option<i64>,
    pub staff_position_title: Option<String>,
    pub client_name: Option<String>,
    pub client_surname: Option<String>,
    pub client_middle_name: Option<String>,
    pub client_phone: Option<String>,
    pub client_email: Option<String>,
    pub client_card: Option<String>,
    pub client_comment: Option<String>,
    pub client_discount: Option<i64>,
    pub client_gender_id: Option<i64>,
    pub client_birth_date: Option<String>,
    pub client_success_visits: Option<i64>,
    pub client_fail_visits: Option<i64>,
    /// The visit's cost and what was paid for it (minor units).
    pub visit_cost: Option<i64>,
    pub visit_paid: Option<i64>,
    /// The visit's sale document.
    pub document_id: Option<i64>,
    pub document_created_at: Option<i64>,
}
crate::sqlite_row!(AppointmentRow {
    id,
    location_id,
    visit_id,
    client_id,
    team_member_id,
    starts_at,
    length,
    attendance,
    comment,
    confirmed,
    api_id,
    custom_color,
    sms_remain_hours,
    email_remain_hours,
    created_user_id,
    online,
    technical_break_duration,
    overbooked,
    record_from,
    bookform_id,
    created_at,
    updated_at,
    deleted_at,
    visit_attendance,
    staff_name,
    staff_specialization,
    staff_api_id,
    staff_avatar,
    staff_avatar_big,
    staff_rating,
    staff_votes_count,
    staff_position_id,
    staff_position_title,
    client_name,
    client_surname,
    client_middle_name,
    client_phone,
    client_email,
    client_card,
    client_comment,
    client_discount,
    client_gender_id,
    client_birth_date,
    client_success_visits,
    client_fail_visits,
    visit_cost,
    visit_paid,
    document_id,
    document_created_at
});

/// One service of an appointment. Money in minor units; the discount in hundredths of a percent.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ServiceLine {
    pub record_id: i64,
    pub service_id: i64,
    pub title: String,
    pub first_cost: i64,
    pub discount_percent: i64,
    pub cost: i64,
    pub cost_to_pay: i64,
    pub amount: i64,
    /// The team member's duration for the service (their link), if it still exists.
    pub link_length: Option<i64>,
    /// The service's price range, if it still exists.
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
}
crate::sqlite_row!(ServiceLine {
    record_id,
    service_id,
    title,
    first_cost,
    discount_percent,
    cost,
    cost_to_pay,
    amount,
    link_length,
    price_min,
    price_max
});

/// An appointment as the answers show it.
#[derive(Debug, Clone)]
pub struct Appointment {
    pub row: AppointmentRow,
    pub services: Vec<ServiceLine>,
    pub resource_instance_ids: Vec<i64>,
    /// The live payments that name this appointment.
    pub transactions: Vec<crate::payments::transactions::TransactionRow>,
}

/// What `GET /records` filters on. Instants in UTC seconds; `[from, to)` bounds.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub location_id: Option<i64>,
    /// Several locations (the partner-wide list); ignored when empty.
    pub location_ids: Vec<i64>,
    /// `(location, team member)`: of that location, only that team member's appointments (a
    /// user narrowed to one calendar there).
    pub only_team_member_in: Vec<(i64, i64)>,
    pub team_member_id: Option<i64>,
    pub client_id: Option<i64>,
    pub created_user_id: Option<i64>,
    pub visit_id: Option<i64>,
    pub starts_from: Option<i64>,
    pub starts_before: Option<i64>,
    pub created_from: Option<i64>,
    pub created_before: Option<i64>,
    pub changed_from: Option<i64>,
    pub changed_until: Option<i64>,
    pub with_deleted: bool,
}

fn col(c: Records) -> Expr {
    Expr::col((Records::Table, c))
}

fn filtered(f: &Filter) -> SelectStatement {
    let mut stmt = Query::select();
    stmt.from(Records::Table);
    if let Some(id) = f.location_id {
        // With a team member the (team_member_id, starts_at) index must drive the query: `+`
        // keeps SQLite from walking the location's index over every team member's appointments
        // of the period (a day of 100 team members: ~1,000 rows instead of ~10). PostgreSQL
        // reads `+x` as `x`.
        let location = if f.team_member_id.is_some() {
            Expr::expr(Expr::cust(r#"+"records"."location_id""#))
        } else {
            col(Records::LocationId)
        };
        stmt.and_where(location.eq(id));
    }
    if !f.location_ids.is_empty() {
        stmt.and_where(col(Records::LocationId).is_in(f.location_ids.iter().copied()));
    }
    for &(location, member) in &f.only_team_member_in {
        stmt.cond_where(
            sea_query::Cond::any()
                .add(col(Records::LocationId).ne(location))
                .add(col(Records::TeamMemberId).eq(member)),
        );
    }
    let eq = [
        (Records::TeamMemberId, f.team_member_id),
        (Records::ClientId, f.client_id),
        (Records::CreatedUserId, f.created_user_id),
        (Records::VisitId, f.visit_id),
    ];
    for (column, value) in eq {
        if let Some(v) = value {
            stmt.and_where(col(column).eq(v));
        }
    }
    if let Some(v) = f.starts_from {
        stmt.and_where(col(Records::StartsAt).gte(v));
    }
    if let Some(v) = f.starts_before {
        stmt.and_where(col(Records::StartsAt).lt(v));
    }
    if let Some(v) = f.created_from {
        stmt.and_where(col(Records::CreatedAt).gte(v));
    }
    if let Some(v) = f.created_before {
        stmt.and_where(col(Records::CreatedAt).lt(v));
    }
    if let Some(v) = f.changed_from {
        stmt.and_where(col(Records::UpdatedAt).gte(v));
    }
    if let Some(v) = f.changed_until {
        stmt.and_where(col(Records::UpdatedAt).lte(v));
    }
    if !f.with_deleted {
        stmt.and_where(col(Records::DeletedAt).is_null());
    }
    stmt
}

/// Visits of the client with this attendance, for the embedded client's counters.
fn client_visit_count(attendance: i64) -> SelectStatement {
    Query::select()
        .expr(Func::count(Expr::col((Alias::new("cv"), Visits::Id))))
        .from_as(Visits::Table, Alias::new("cv"))
        .and_where(
            Expr::col((Alias::new("cv"), Visits::ClientId))
                .equals((Records::Table, Records::ClientId)),
        )
        // The client's visits are at the client's location, the appointment's: naming it lets
        // the (location_id, client_id, starts_at) index find them instead of scanning every
        // visit for each appointment listed.
        .and_where(
            Expr::col((Alias::new("cv"), Visits::LocationId))
                .equals((Records::Table, Records::LocationId)),
        )
        .and_where(Expr::col((Alias::new("cv"), Visits::Attendance)).eq(attendance))
        .and_where(Expr::col((Alias::new("cv"), Visits::DeletedAt)).is_null())
        .to_owned()
}

fn with_columns(mut stmt: SelectStatement) -> SelectStatement {
    stmt.columns(
        [
            Records::Id,
            Records::LocationId,
            Records::VisitId,
            Records::ClientId,
            Records::TeamMemberId,
            Records::StartsAt,
            Records::Length,
            Records::Attendance,
            Records::Comment,
            Records::Confirmed,
            Records::ApiId,
            Records::CustomColor,
            Records::SmsRemainHours,
            Records::EmailRemainHours,
            Records::CreatedUserId,
            Records::Online,
            Records::TechnicalBreakDuration,
            Records::Overbooked,
            Records::RecordFrom,
            Records::BookformId,
            Records::CreatedAt,
            Records::UpdatedAt,
            Records::DeletedAt,
        ]
        .map(|c| (Records::Table, c)),
    );
    let named = |stmt: &mut SelectStatement, e: SimpleExpr, name: &str| {
        stmt.expr_as(e, Alias::new(name));
    };
    named(
        &mut stmt,
        Expr::col((Visits::Table, Visits::Attendance)).into(),
        "visit_attendance",
    );
    let tm = |c| Expr::col((TeamMembers::Table, c));
    named(&mut stmt, tm(TeamMembers::Name).into(), "staff_name");
    named(
        &mut stmt,
        tm(TeamMembers::Specialization).into(),
        "staff_specialization",
    );
    named(&mut stmt, tm(TeamMembers::ApiId).into(), "staff_api_id");
    named(&mut stmt, tm(TeamMembers::Avatar).into(), "staff_avatar");
    named(
        &mut stmt,
        tm(TeamMembers::AvatarBig).into(),
        "staff_avatar_big",
    );
    named(&mut stmt, tm(TeamMembers::Rating).into(), "staff_rating");
    named(
        &mut stmt,
        tm(TeamMembers::VotesCount).into(),
        "staff_votes_count",
    );
    named(
        &mut stmt,
        Expr::col((Positions::Table, Positions::Id)).into(),
        "staff_position_id",
    );
    named(
        &mut stmt,
        Expr::col((Positions::Table, Positions::Title)).into(),
        "staff_position_title",
    );
    let cl = |c| Expr::col((Clients::Table, c));
    named(&mut stmt, cl(Clients::Name).into(), "client_name");
    named(&mut stmt, cl(Clients::Surname).into(), "client_surname");
    named(
        &mut stmt,
        cl(Clients::MiddleName).into(),
        "client_middle_name",
    );
    named(&mut stmt, cl(Clients::Phone).into(), "client_phone");
    named(&mut stmt, cl(Clients::Email).into(), "client_email");
    named(&mut stmt, cl(Clients::Card).into(), "client_card");
    named(&mut stmt, cl(Clients::Comment).into(), "client_comment");
    named(&mut stmt, cl(Clients::Discount).into(), "client_discount");
    named(&mut stmt, cl(Clients::GenderId).into(), "client_gender_id");
    named(
        &mut stmt,
        cl(Clients::BirthDate).into(),
        "client_birth_date",
    );
    named(
        &mut stmt,
        SimpleExpr::SubQuery(
            None,
            Box::new(client_visit_count(1).into_sub_query_statement()),
        ),
        "client_success_visits",
    );
    named(
        &mut stmt,
        SimpleExpr::SubQuery(
            None,
            Box::new(client_visit_count(-1).into_sub_query_statement()),
        ),
        "client_fail_visits",
    );
    named(
        &mut stmt,
        Expr::col((Visits::Table, Visits::Cost)).into(),
        "visit_cost",
    );
    named(
        &mut stmt,
        Expr::col((Visits::Table, Visits::Paid)).into(),
        "visit_paid",
    );
    let doc = |c| Expr::col((crate::sales::SaleDocuments::Table, c));
    named(
        &mut stmt,
        doc(crate::sales::SaleDocuments::Id).into(),
        "document_id",
    );
    named(
        &mut stmt,
        doc(crate::sales::SaleDocuments::CreatedAt).into(),
        "document_created_at",
    );
    stmt.left_join(
        Visits::Table,
        Expr::col((Visits::Table, Visits::Id)).equals((Records::Table, Records::VisitId)),
    )
    .left_join(
        crate::sales::SaleDocuments::Table,
        doc(crate::sales::SaleDocuments::VisitId).equals((Records::Table, Records::VisitId)),
    )
    .left_join(
        TeamMembers::Table,
        Expr::col((TeamMembers::Table, TeamMembers::Id))
            .equals((Records::Table, Records::TeamMemberId)),
    )
    .left_join(
        Positions::Table,
        Expr::col((Positions::Table, Positions::Id))
            .equals((TeamMembers::Table, TeamMembers::PositionId)),
    )
    .left_join(
        Clients::Table,
        Expr::col((Clients::Table, Clients::Id)).equals((Records::Table, Records::ClientId)),
    );
    stmt
}

/// The appointments matching `f`, by start then id, one page (`offset`, `limit`), and how many
/// match in all.
pub async fn list(
    c: &mut Conn<'_>,
    f: &Filter,
    offset: i64,
    limit: i64,
) -> StoreResult<(Vec<Appointment>, i64)> {
    let count = filtered(f).expr(Func::count(col(Records::Id))).to_owned();
    let total: i64 = c.scalar(&count).await?.unwrap_or(0);
    if total == 0 {
        return Ok((Vec::new(), 0));
    }
    let stmt = with_columns(filtered(f))
        .order_by((Records::Table, Records::StartsAt), Order::Asc)
        .order_by((Records::Table, Records::Id), Order::Asc)
        .limit(limit as u64)
        .offset(offset as u64)
        .to_owned();
    let rows: Vec<AppointmentRow> = c.all(&stmt).await?;
    Ok((complete(c, rows).await?, total))
}

/// One appointment of the location, deleted ones included (callers decide what that means).
pub async fn get(c: &mut Conn<'_>, location_id: i64, id: i64) -> StoreResult<Option<Appointment>> {
    // Every write of an appointment answers with it (a booking reads it back): rendered once.
    static STATEMENT: Prepared = Prepared::new();
    let stmt = STATEMENT.bind(
        || get_statement(location_id, id),
        // The embedded client's visit counters (attended, failed) come first, in the columns.
        [1i64.into(), (-1i64).into(), location_id.into(), id.into()],
        c.backend(),
    );
    let rows: Vec<AppointmentRow> = c.all(&stmt).await?;
    Ok(complete(c, rows).await?.pop())
}

fn get_statement(location_id: i64, id: i64) -> SelectStatement {
    let f = Filter {
        location_id: Some(location_id),
        with_deleted: true,
        ..Filter::default()
    };
    with_columns(filtered(&f))
        .and_where(col(Records::Id).eq(id))
        .to_owned()
}

/// The live appointments of a visit, by start.
pub async fn of_visit(c: &mut Conn<'_>, visit_id: i64) -> StoreResult<Vec<Appointment>> {
    let f = Filter {
        visit_id: Some(visit_id),
        ..Filter::default()
    };
    let stmt = with_columns(filtered(&f))
        .order_by((Records::Table, Records::StartsAt), Order::Asc)
        .order_by((Records::Table, Records::Id), Order::Asc)
        .to_owned();
    let rows: Vec<AppointmentRow> = c.all(&stmt).await?;
    complete(c, rows).await
}

/// Adds each row's services and resource instances (two queries for the whole page).
async fn complete(c: &mut Conn<'_>, rows: Vec<AppointmentRow>) -> StoreResult<Vec<Appointment>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    // One appointment (every read-back of a write, `GET /record`): both statements rendered once.
    static ONE_LINES: Prepared = Prepared::new();
    static ONE_HELD: Prepared = Prepared::new();
    let (lines, held): (Vec<ServiceLine>, Vec<(i64, i64)>) = if let [id] = ids[..] {
        let backend = c.backend();
        let lines = ONE_LINES.bind(|| lines_statement(&ids), [id.into()], backend);
        let held = ONE_HELD.bind(|| held_statement(&ids), [id.into()], backend);
        (c.all(&lines).await?, c.all(&held).await?)
    } else {
        (
            c.all(&lines_statement(&ids)).await?,
            c.all(&held_statement(&ids)).await?,
        )
    };
    let mut services: HashMap<i64, Vec<ServiceLine>> = HashMap::new();
    for line in lines {
        services.entry(line.record_id).or_default().push(line);
    }
    let mut instances: HashMap<i64, Vec<i64>> = HashMap::new();
    for (record, instance) in held {
        instances.entry(record).or_default().push(instance);
    }
    // Payments only where a visit received some: unpaid pages cost no query.
    let paid_visits: Vec<i64> = rows
        .iter()
        .filter(|r| r.visit_paid.unwrap_or(0) != 0)
        .map(|r| r.visit_id)
        .collect();
    let mut payments: HashMap<i64, Vec<crate::payments::transactions::TransactionRow>> =
        HashMap::new();
    for t in crate::payments::transactions::of_visits(c, &paid_visits).await? {
        if let Some(record) = t.record_id {
            payments.entry(record).or_default().push(t);
        }
    }
    Ok(rows
        .into_iter()
        .map(|row| Appointment {
            services: services.remove(&row.id).unwrap_or_default(),
            resource_instance_ids: instances.remove(&row.id).unwrap_or_default(),
            transactions: payments.remove(&row.id).unwrap_or_default(),
            row,
        })
        .collect())
}

/// The service lines of the appointments `ids`, with their services' current link and prices.
fn lines_statement(ids: &[i64]) -> SelectStatement {
    let rs = |c| Expr::col((RecordServices::Table, c));
    Query::select()
        .columns(
            [
                RecordServices::RecordId,
                RecordServices::ServiceId,
                RecordServices::Title,
                RecordServices::FirstCost,
                RecordServices::DiscountPercent,
                RecordServices::Cost,
                RecordServices::CostToPay,
                RecordServices::Amount,
            ]
            .map(|c| (RecordServices::Table, c)),
        )
        .expr_as(
            Expr::col((ServiceStaff::Table, ServiceStaff::SeanceLength)),
            Alias::new("link_length"),
        )
        .columns([
            (Services::Table, Services::PriceMin),
            (Services::Table, Services::PriceMax),
        ])
        .from(RecordServices::Table)
        .inner_join(
            Records::Table,
            Expr::col((Records::Table, Records::Id))
                .equals((RecordServices::Table, RecordServices::RecordId)),
        )
        .left_join(
            Services::Table,
            Expr::col((Services::Table, Services::Id))
                .equals((RecordServices::Table, RecordServices::ServiceId)),
        )
        .left_join(
            ServiceStaff::Table,
            Expr::col((ServiceStaff::Table, ServiceStaff::ServiceId))
                .equals((RecordServices::Table, RecordServices::ServiceId))
                .and(
                    Expr::col((ServiceStaff::Table, ServiceStaff::TeamMemberId))
                        .equals((Records::Table, Records::TeamMemberId)),
                ),
        )
        .and_where(rs(RecordServices::RecordId).is_in(ids.iter().copied()))
        .order_by((RecordServices::Table, RecordServices::Id), Order::Asc)
        .to_owned()
}

/// The resource instances the appointments `ids` hold: `(record_id, instance_id)`.
fn held_statement(ids: &[i64]) -> SelectStatement {
    Query::select()
        .columns([
            RecordResourceInstances::RecordId,
            RecordResourceInstances::ResourceInstanceId,
        ])
        .from(RecordResourceInstances::Table)
        .and_where(Expr::col(RecordResourceInstances::RecordId).is_in(ids.iter().copied()))
        .order_by(RecordResourceInstances::ResourceInstanceId, Order::Asc)
        .to_owned()
}
