//! Busy time: the live appointments (`records`) of team members, read for the schedule's
//! `busy_intervals` and the calendar's sessions.

use sea_query::{Expr, Order, Query};

use bizd_domain::appointment::MAX_SEANCE_LENGTH;

use crate::schedules::resources::ResourceInstances;
use crate::visits::{RecordResourceInstances, Records};
use crate::{Conn, StoreResult};

/// A live appointment of a team member: `[starts_at, starts_at + length)` in UTC seconds.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Busy {
    pub id: i64,
    pub team_member_id: i64,
    pub starts_at: i64,
    pub length: i64,
}
// By position, as [`busy`] selects them: a 60-day window of 50 team members is ~35,000 rows,
// and matching column names per row was a third of `book_dates`.
impl crate::FromSqliteRow for Busy {
    fn from_sqlite_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(Busy {
            id: row.get(0)?,
            team_member_id: row.get(1)?,
            starts_at: row.get(2)?,
            length: row.get(3)?,
        })
    }
}

impl Busy {
    pub fn ends_at(&self) -> i64 {
        self.starts_at + self.length
    }
}

/// The live appointments of these team members of the location that overlap `[from, to)` (UTC
/// seconds), by team member and start.
pub async fn busy(
    c: &mut Conn<'_>,
    location_id: i64,
    team_member_ids: &[i64],
    from: i64,
    to: i64,
) -> StoreResult<Vec<Busy>> {
    if team_member_ids.is_empty() {
        return Ok(Vec::new());
    }
    let stmt = Query::select()
        .columns([
            Records::Id,
            Records::TeamMemberId,
            Records::StartsAt,
            Records::Length,
        ])
        .from(Records::Table)
        // `+`: the (team_member_id, starts_at) index drives the query, not the location's
        // (which would walk every team member's appointments of the period). PostgreSQL reads
        // `+x` as `x`.
        .and_where(Expr::expr(Expr::cust(r#"+"records"."location_id""#)).eq(location_id))
        .and_where(Expr::col(Records::TeamMemberId).is_in(team_member_ids.iter().copied()))
        .and_where(Expr::col(Records::DeletedAt).is_null())
        // Bounded below so that the (team_member_id, starts_at) index bounds the scan.
        .and_where(
            Expr::col(Records::StartsAt).gt(from - bizd_domain::appointment::MAX_SEANCE_LENGTH),
        )
        .and_where(Expr::col(Records::StartsAt).lt(to))
        .and_where(
            Expr::expr(Expr::col(Records::StartsAt).add(Expr::col(Records::Length))).gt(from),
        )
        .order_by(Records::TeamMemberId, Order::Asc)
        .order_by(Records::StartsAt, Order::Asc)
        .to_owned();
    c.all(&stmt).await
}

/// A holding of a resource instance by a live appointment: `[starts_at, starts_at + length)`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Holding {
    pub record_id: i64,
    pub resource_id: i64,
    pub resource_instance_id: i64,
    pub starts_at: i64,
    pub length: i64,
}
crate::sqlite_row!(Holding {
    record_id,
    resource_id,
    resource_instance_id,
    starts_at,
    length
});

/// The instances of these resources, `(resource_id, instance_id)` by resource and instance.
pub async fn resource_instances(
    c: &mut Conn<'_>,
    resource_ids: &[i64],
) -> StoreResult<Vec<(i64, i64)>> {
    if resource_ids.is_empty() {
        return Ok(Vec::new());
    }
    let stmt = Query::select()
        .columns([ResourceInstances::ResourceId, ResourceInstances::Id])
        .from(ResourceInstances::Table)
        .and_where(Expr::col(ResourceInstances::ResourceId).is_in(resource_ids.iter().copied()))
        .order_by(ResourceInstances::ResourceId, Order::Asc)
        .order_by(ResourceInstances::Id, Order::Asc)
        .to_owned();
    let rows: Vec<InstanceRow> = c.all(&stmt).await?;
    Ok(rows.into_iter().map(|r| (r.resource_id, r.id)).collect())
}

#[derive(Debug, sqlx::FromRow)]
struct InstanceRow {
    resource_id: i64,
    id: i64,
}
crate::sqlite_row!(InstanceRow { resource_id, id });

/// The holdings of these resources by live appointments overlapping `[from, to)`.
pub async fn holdings(
    c: &mut Conn<'_>,
    resource_ids: &[i64],
    from: i64,
    to: i64,
) -> StoreResult<Vec<Holding>> {
    if resource_ids.is_empty() {
        return Ok(Vec::new());
    }
    let h = |col| Expr::col((RecordResourceInstances::Table, col));
    let r = |col| Expr::col((Records::Table, col));
    let stmt = Query::select()
        .column((
            RecordResourceInstances::Table,
            RecordResourceInstances::RecordId,
        ))
        .column((
            RecordResourceInstances::Table,
            RecordResourceInstances::ResourceId,
        ))
        .column((
            RecordResourceInstances::Table,
            RecordResourceInstances::ResourceInstanceId,
        ))
        .column((Records::Table, Records::StartsAt))
        .column((Records::Table, Records::Length))
        .from(RecordResourceInstances::Table)
        .inner_join(
            Records::Table,
            r(Records::Id).equals((
                RecordResourceInstances::Table,
                RecordResourceInstances::RecordId,
            )),
        )
        .and_where(h(RecordResourceInstances::ResourceId).is_in(resource_ids.iter().copied()))
        // The holding's own start bounds the (resource_id, starts_at) index scan.
        .and_where(h(RecordResourceInstances::StartsAt).gt(from - MAX_SEANCE_LENGTH))
        .and_where(h(RecordResourceInstances::StartsAt).lt(to))
        .and_where(r(Records::DeletedAt).is_null())
        .and_where(Expr::expr(r(Records::StartsAt).add(r(Records::Length))).gt(from))
        .to_owned();
    c.all(&stmt).await
}
