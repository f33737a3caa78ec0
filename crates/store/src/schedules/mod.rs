//! Working schedules: one row per working interval of a team member on a local date, in
//! wall-clock seconds from local midnight (instants are computed by
//! [`bizd_domain::schedule`] in the location's zone). The appointment calendar settings and the
//! resources live beside them. Writes that change a team member's schedule lock the team
//! member ([`crate::Lock::TeamMember`]), as the booking check does, so the two serialize.

mod board;
mod busy;
pub(crate) mod resources;
mod settings;

pub use board::{board, BoardQuery};
pub use busy::{busy, holdings, resource_instances, Busy, Holding};
pub use resources::{
    delete_resource, insert_resource, resource, resource_ids_of_location, resources,
    resources_of_services, service_resource_map, set_service_resources, update_resource, Resource,
    ResourceFields, ResourceInstance,
};
pub use settings::{
    insert_default_settings, timetable_settings, update_settings, TimetableSettings,
};

use sea_query::{Expr, Iden, Order, Query, SelectStatement};

use crate::{Conn, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum ScheduleIntervals {
    Table,
    LocationId,
    TeamMemberId,
    Date,
    FromSeconds,
    ToSeconds,
}

/// A working interval: `from`/`to` are seconds from local midnight of `date` (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScheduleInterval {
    pub team_member_id: i64,
    pub date: String,
    #[sqlx(rename = "from_seconds")]
    pub from: i64,
    #[sqlx(rename = "to_seconds")]
    pub to: i64,
}

// By position, as [`intervals_of`] (the one query of this type) selects them: a board reads
// thousands of intervals, and a lookup by name compares every column name per row.
impl crate::FromSqliteRow for ScheduleInterval {
    fn from_sqlite_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(ScheduleInterval {
            team_member_id: row.get(0)?,
            date: row.get(1)?,
            from: row.get(2)?,
            to: row.get(3)?,
        })
    }
}

/// The working intervals of a team member of the location from `from_date` to `to_date`
/// (inclusive, `YYYY-MM-DD`), by date and start.
pub async fn intervals(
    c: &mut Conn<'_>,
    location_id: i64,
    team_member_id: i64,
    from_date: &str,
    to_date: &str,
) -> StoreResult<Vec<ScheduleInterval>> {
    // Every booking checks the working hours: rendered once.
    static STATEMENT: crate::Prepared = crate::Prepared::new();
    let ids = [team_member_id];
    let build = || intervals_statement(location_id, Some(&ids), from_date, to_date);
    let values = [
        location_id.into(),
        from_date.into(),
        to_date.into(),
        team_member_id.into(),
    ];
    c.all(&STATEMENT.bind(build, values, c.backend())).await
}

/// The working intervals of the location's team members (all of them, or those listed) from
/// `from_date` to `to_date` inclusive, by team member, date and start.
pub async fn intervals_of(
    c: &mut Conn<'_>,
    location_id: i64,
    team_member_ids: Option<&[i64]>,
    from_date: &str,
    to_date: &str,
) -> StoreResult<Vec<ScheduleInterval>> {
    // With team members named, the (team_member_id, date) index drives the query: `+` keeps
    // SQLite off the location's index (every team member's intervals of the dates). PostgreSQL
    // reads `+x` as `x`.
    if team_member_ids.is_some_and(|ids| ids.is_empty()) {
        return Ok(Vec::new());
    }
    let stmt = intervals_statement(location_id, team_member_ids, from_date, to_date);
    c.all(&stmt).await
}

fn intervals_statement(
    location_id: i64,
    team_member_ids: Option<&[i64]>,
    from_date: &str,
    to_date: &str,
) -> SelectStatement {
    let location = if team_member_ids.is_some() {
        Expr::expr(Expr::cust(r#"+"schedule_intervals"."location_id""#))
    } else {
        Expr::col(ScheduleIntervals::LocationId)
    };
    let mut stmt = Query::select()
        .columns([
            ScheduleIntervals::TeamMemberId,
            ScheduleIntervals::Date,
            ScheduleIntervals::FromSeconds,
            ScheduleIntervals::ToSeconds,
        ])
        .from(ScheduleIntervals::Table)
        .and_where(location.eq(location_id))
        .and_where(Expr::col(ScheduleIntervals::Date).gte(from_date))
        .and_where(Expr::col(ScheduleIntervals::Date).lte(to_date))
        .order_by(ScheduleIntervals::TeamMemberId, Order::Asc)
        .order_by(ScheduleIntervals::Date, Order::Asc)
        .order_by(ScheduleIntervals::FromSeconds, Order::Asc)
        .to_owned();
    if let Some(ids) = team_member_ids {
        stmt.and_where(Expr::col(ScheduleIntervals::TeamMemberId).is_in(ids.iter().copied()));
    }
    stmt
}

/// The dates from `from_date` to `to_date` on which the team member (or, without one, any team
/// member of the location) works, ascending and distinct.
pub async fn working_dates(
    c: &mut Conn<'_>,
    location_id: i64,
    team_member_id: Option<i64>,
    from_date: &str,
    to_date: &str,
) -> StoreResult<Vec<String>> {
    let mut stmt = Query::select()
        .distinct()
        .column(ScheduleIntervals::Date)
        .from(ScheduleIntervals::Table)
        .and_where(Expr::col(ScheduleIntervals::LocationId).eq(location_id))
        .and_where(Expr::col(ScheduleIntervals::Date).gte(from_date))
        .and_where(Expr::col(ScheduleIntervals::Date).lte(to_date))
        .to_owned();
    if let Some(id) = team_member_id {
        stmt.and_where(Expr::col(ScheduleIntervals::TeamMemberId).eq(id));
    }
    let mut dates: Vec<String> = c.scalars(&stmt).await?;
    // Sorted here, not in SQL: text order would depend on PostgreSQL's collation.
    dates.sort();
    Ok(dates)
}

/// Makes `date` a day off for the team member (removes its intervals).
pub async fn clear_day(
    c: &mut Conn<'_>,
    location_id: i64,
    team_member_id: i64,
    date: &str,
) -> StoreResult<()> {
    let stmt = Query::delete()
        .from_table(ScheduleIntervals::Table)
        .and_where(Expr::col(ScheduleIntervals::LocationId).eq(location_id))
        .and_where(Expr::col(ScheduleIntervals::TeamMemberId).eq(team_member_id))
        .and_where(Expr::col(ScheduleIntervals::Date).eq(date))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Replaces the team member's intervals of `date` with `intervals` (`(from, to)` seconds, already
/// normalized: sorted, merged, each ending after it starts); none makes it a day off. Run it in
/// a write transaction that locks the team member.
pub async fn set_day(
    c: &mut Conn<'_>,
    location_id: i64,
    team_member_id: i64,
    date: &str,
    intervals: &[(i64, i64)],
) -> StoreResult<()> {
    clear_day(c, location_id, team_member_id, date).await?;
    if intervals.is_empty() {
        return Ok(());
    }
    let mut stmt = Query::insert()
        .into_table(ScheduleIntervals::Table)
        .columns([
            ScheduleIntervals::LocationId,
            ScheduleIntervals::TeamMemberId,
            ScheduleIntervals::Date,
            ScheduleIntervals::FromSeconds,
            ScheduleIntervals::ToSeconds,
        ])
        .to_owned();
    for &(from, to) in intervals {
        stmt.values_panic([
            location_id.into(),
            team_member_id.into(),
            date.into(),
            from.into(),
            to.into(),
        ]);
    }
    c.execute(&stmt).await?;
    Ok(())
}
