//! Writing appointments. Run inside a write transaction after the booking checks.

use sea_query::{Expr, Query, SimpleExpr, Value};

use crate::visits::{RecordResourceInstances, RecordServices, Records};
use crate::{Conn, Prepared, StoreError, StoreResult};

/// A service line to store. Money in minor units; the discount in hundredths of a percent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewServiceLine {
    pub service_id: i64,
    pub title: String,
    pub first_cost: i64,
    pub discount_percent: i64,
    pub cost: i64,
    pub amount: i64,
}

/// Every stored field of an appointment but its ids and times of writing.
#[derive(Debug, Clone)]
pub struct AppointmentFields {
    pub team_member_id: i64,
    pub client_id: Option<i64>,
    pub starts_at: i64,
    pub length: i64,
    pub attendance: i64,
    pub confirmed: i64,
    pub comment: String,
    pub api_id: String,
    pub custom_color: String,
    pub sms_remain_hours: Option<i64>,
    pub email_remain_hours: Option<i64>,
    pub technical_break_duration: i64,
    pub overbooked: bool,
    /// An appointment made online (stored by [`insert`] only: a change keeps its origin).
    pub origin: Option<Origin>,
}

/// Where an online appointment came from.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// `record_from`: the booking channel (`widget`, `mobile`, …).
    pub record_from: String,
    pub bookform_id: i64,
    /// The digest of the hash its booker holds.
    pub record_hash_digest: String,
}

/// The appointments' `updated_at` for a change at `now` (see [`crate::db::touched`]).
fn touched(now: i64) -> SimpleExpr {
    crate::db::touched(Records::UpdatedAt, now)
}

/// Stores a new appointment in `visit_id`; returns its id.
pub async fn insert(
    c: &mut Conn<'_>,
    location_id: i64,
    visit_id: i64,
    f: &AppointmentFields,
    created_user_id: Option<i64>,
    now: i64,
) -> StoreResult<i64> {
    // Every booking: rendered once.
    static STATEMENT: Prepared = Prepared::new();
    let values: [Value; 22] = [
        location_id.into(),
        visit_id.into(),
        f.client_id.into(),
        f.team_member_id.into(),
        f.starts_at.into(),
        f.length.into(),
        f.attendance.into(),
        f.confirmed.into(),
        f.comment.as_str().into(),
        f.api_id.as_str().into(),
        f.custom_color.as_str().into(),
        f.sms_remain_hours.into(),
        f.email_remain_hours.into(),
        f.technical_break_duration.into(),
        f.origin.is_some().into(),
        f.overbooked.into(),
        f.origin
            .as_ref()
            .map_or("", |o| o.record_from.as_str())
            .into(),
        f.origin.as_ref().map_or(0, |o| o.bookform_id).into(),
        f.origin
            .as_ref()
            .map(|o| o.record_hash_digest.clone())
            .into(),
        created_user_id.into(),
        now.into(),
        now.into(),
    ];
    let stmt = STATEMENT.bind(
        || {
            Query::insert()
                .into_table(Records::Table)
                .columns([
                    Records::LocationId,
                    Records::VisitId,
                    Records::ClientId,
                    Records::TeamMemberId,
                    Records::StartsAt,
                    Records::Length,
                    Records::Attendance,
                    Records::Confirmed,
                    Records::Comment,
                    Records::ApiId,
                    Records::CustomColor,
                    Records::SmsRemainHours,
                    Records::EmailRemainHours,
                    Records::TechnicalBreakDuration,
                    Records::Online,
                    Records::Overbooked,
                    Records::RecordFrom,
                    Records::BookformId,
                    Records::RecordHash,
                    Records::CreatedUserId,
                    Records::CreatedAt,
                    Records::UpdatedAt,
                ])
                .values_panic(values.clone().map(SimpleExpr::from))
                .returning_col(Records::Id)
                .to_owned()
        },
        values.clone(),
        c.backend(),
    );
    c.scalar(&stmt).await?.ok_or(StoreError::NotFound)
}

/// Replaces the stored fields of a live appointment and moves it to `visit_id`.
pub async fn update(
    c: &mut Conn<'_>,
    id: i64,
    visit_id: i64,
    f: &AppointmentFields,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Records::Table)
        .values([
            (Records::VisitId, visit_id.into()),
            (Records::ClientId, f.client_id.into()),
            (Records::TeamMemberId, f.team_member_id.into()),
            (Records::StartsAt, f.starts_at.into()),
            (Records::Length, f.length.into()),
            (Records::Attendance, f.attendance.into()),
            (Records::Confirmed, f.confirmed.into()),
            (Records::Comment, f.comment.as_str().into()),
            (Records::ApiId, f.api_id.as_str().into()),
            (Records::CustomColor, f.custom_color.as_str().into()),
            (Records::SmsRemainHours, f.sms_remain_hours.into()),
            (Records::EmailRemainHours, f.email_remain_hours.into()),
            (
                Records::TechnicalBreakDuration,
                f.technical_break_duration.into(),
            ),
            (Records::Overbooked, f.overbooked.into()),
            (Records::UpdatedAt, touched(now)),
        ])
        .and_where(Expr::col(Records::Id).eq(id))
        .and_where(Expr::col(Records::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Sets the attendance of every live appointment of a visit.
pub async fn set_visit_attendance(
    c: &mut Conn<'_>,
    visit_id: i64,
    attendance: i64,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Records::Table)
        .value(Records::Attendance, attendance)
        .value(Records::UpdatedAt, touched(now))
        .and_where(Expr::col(Records::VisitId).eq(visit_id))
        .and_where(Expr::col(Records::DeletedAt).is_null())
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Sets the comment of a live appointment, and nothing else (a concurrent change of its other
/// fields is not overwritten).
pub async fn set_comment(c: &mut Conn<'_>, id: i64, comment: &str, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Records::Table)
        .value(Records::Comment, comment)
        .value(Records::UpdatedAt, touched(now))
        .and_where(Expr::col(Records::Id).eq(id))
        .and_where(Expr::col(Records::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Soft-deletes a live appointment (its slot and resources are free at once: every check reads
/// live appointments only). `NotFound` when there is none.
pub async fn delete(c: &mut Conn<'_>, location_id: i64, id: i64, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Records::Table)
        .value(Records::DeletedAt, now)
        .value(Records::UpdatedAt, touched(now))
        .and_where(Expr::col(Records::Id).eq(id))
        .and_where(Expr::col(Records::LocationId).eq(location_id))
        .and_where(Expr::col(Records::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Replaces the appointment's service lines (`fresh`: it has none yet, nothing to delete).
pub async fn set_services(
    c: &mut Conn<'_>,
    record_id: i64,
    lines: &[NewServiceLine],
    fresh: bool,
) -> StoreResult<()> {
    if !fresh {
        let stmt = Query::delete()
            .from_table(RecordServices::Table)
            .and_where(Expr::col(RecordServices::RecordId).eq(record_id))
            .to_owned();
        c.execute(&stmt).await?;
    }
    if lines.is_empty() {
        return Ok(());
    }
    // One line (a booking of one service, the usual one): rendered once.
    static ONE: Prepared = Prepared::new();
    if let [l] = lines {
        let values = line_values(record_id, l);
        let stmt = ONE.bind(
            || {
                let mut stmt = lines_insert();
                stmt.values_panic(line_values(record_id, l).map(SimpleExpr::from));
                stmt
            },
            values,
            c.backend(),
        );
        c.execute(&stmt).await?;
        return Ok(());
    }
    let mut stmt = lines_insert();
    for l in lines {
        stmt.values_panic(line_values(record_id, l).map(SimpleExpr::from));
    }
    c.execute(&stmt).await?;
    Ok(())
}

/// `INSERT INTO record_services (…)`, without its rows.
fn lines_insert() -> sea_query::InsertStatement {
    Query::insert()
        .into_table(RecordServices::Table)
        .columns([
            RecordServices::RecordId,
            RecordServices::ServiceId,
            RecordServices::Title,
            RecordServices::FirstCost,
            RecordServices::DiscountPercent,
            RecordServices::Cost,
            RecordServices::CostToPay,
            RecordServices::PaidSum,
            RecordServices::Amount,
        ])
        .to_owned()
}

/// A service line's row, in [`lines_insert`]'s columns.
fn line_values(record_id: i64, l: &NewServiceLine) -> [Value; 9] {
    [
        record_id.into(),
        l.service_id.into(),
        l.title.as_str().into(),
        l.first_cost.into(),
        l.discount_percent.into(),
        l.cost.into(),
        l.cost.into(),
        0i64.into(),
        l.amount.into(),
    ]
}

/// Replaces the resource instances the appointment starting at `starts_at` holds:
/// `(resource_id, instance_id)` (`fresh`: it holds none yet).
pub async fn set_resource_instances(
    c: &mut Conn<'_>,
    record_id: i64,
    starts_at: i64,
    held: &[(i64, i64)],
    fresh: bool,
) -> StoreResult<()> {
    if !fresh {
        let stmt = Query::delete()
            .from_table(RecordResourceInstances::Table)
            .and_where(Expr::col(RecordResourceInstances::RecordId).eq(record_id))
            .to_owned();
        c.execute(&stmt).await?;
    }
    if held.is_empty() {
        return Ok(());
    }
    let mut stmt = Query::insert()
        .into_table(RecordResourceInstances::Table)
        .columns([
            RecordResourceInstances::RecordId,
            RecordResourceInstances::ResourceId,
            RecordResourceInstances::ResourceInstanceId,
            RecordResourceInstances::StartsAt,
        ])
        .to_owned();
    for &(resource, instance) in held {
        stmt.values_panic([
            record_id.into(),
            resource.into(),
            instance.into(),
            starts_at.into(),
        ]);
    }
    c.execute(&stmt).await?;
    Ok(())
}
