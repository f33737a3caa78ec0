//! Busy time: the live appointments (`records`) of team members, read for the schedule's
//! `busy_intervals` and the calendar's sessions.

use sea_query::{Expr, Order, Query};

use crate::visits::Records;
use crate::{Conn, StoreResult};

/// A live appointment of a team member: `[starts_at, starts_at + length)` in UTC seconds.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Busy {
    pub id: i64,
    pub team_member_id: i64,
    pub starts_at: i64,
    pub length: i64,
}
crate::sqlite_row!(Busy {
    id,
    team_member_id,
    starts_at,
    length
});

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
