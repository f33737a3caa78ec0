//! The reads a booking check makes inside its write transaction: the team member's overlapping
//! appointments, the resource instances held at a time, the services the team member provides.
//! Each reads around one instant through an index, so its cost follows the day, not the table.

use bizd_domain::appointment::MAX_SEANCE_LENGTH;
use sea_query::{Expr, Order, Query, SelectStatement};

use crate::schedules::resources::ResourceInstances;
use crate::services::{ServiceStaff, Services};
use crate::visits::{RecordResourceInstances, Records};
use crate::{Conn, Prepared, StoreResult};

/// A live appointment of the team member overlapping `[start, end)`, other than `except`.
pub async fn overlapping(
    c: &mut Conn<'_>,
    team_member_id: i64,
    start: i64,
    end: i64,
    except: Option<i64>,
) -> StoreResult<Option<i64>> {
    // Every booking asks: rendered once for a new appointment and once for a change.
    static NEW: Prepared = Prepared::new();
    static CHANGE: Prepared = Prepared::new();
    let build = || overlapping_statement(team_member_id, start, end, except);
    let mut values: Vec<sea_query::Value> = vec![
        team_member_id.into(),
        (start - MAX_SEANCE_LENGTH).into(),
        end.into(),
        start.into(),
    ];
    values.extend(except.map(Into::into));
    values.push(1u64.into());
    let prepared = if except.is_some() { &CHANGE } else { &NEW };
    let stmt = prepared.bind(build, values, c.backend());
    c.scalar(&stmt).await
}

fn overlapping_statement(
    team_member_id: i64,
    start: i64,
    end: i64,
    except: Option<i64>,
) -> SelectStatement {
    let mut stmt = Query::select()
        .column(Records::Id)
        .from(Records::Table)
        .and_where(Expr::col(Records::TeamMemberId).eq(team_member_id))
        // The lower bound lets the (team_member_id, starts_at) index bound the scan.
        .and_where(Expr::col(Records::StartsAt).gt(start - MAX_SEANCE_LENGTH))
        .and_where(Expr::col(Records::StartsAt).lt(end))
        .and_where(
            Expr::expr(Expr::col(Records::StartsAt).add(Expr::col(Records::Length))).gt(start),
        )
        .and_where(Expr::col(Records::DeletedAt).is_null())
        .order_by(Records::StartsAt, Order::Asc)
        .limit(1)
        .to_owned();
    if let Some(id) = except {
        stmt.and_where(Expr::col(Records::Id).ne(id));
    }
    stmt
}

/// The instances of `resource_id` and, for each, whether a live appointment overlapping
/// `[start, end)` (other than `except`) holds it: `(instance_id, held)`, by instance id.
pub async fn resource_instances_held(
    c: &mut Conn<'_>,
    resource_id: i64,
    start: i64,
    end: i64,
    except: Option<i64>,
) -> StoreResult<Vec<(i64, bool)>> {
    let stmt = Query::select()
        .column(ResourceInstances::Id)
        .from(ResourceInstances::Table)
        .and_where(Expr::col(ResourceInstances::ResourceId).eq(resource_id))
        .order_by(ResourceInstances::Id, Order::Asc)
        .to_owned();
    let all: Vec<i64> = c.scalars(&stmt).await?;
    let r = |col| Expr::col((Records::Table, col));
    let mut stmt = Query::select()
        .column((
            RecordResourceInstances::Table,
            RecordResourceInstances::ResourceInstanceId,
        ))
        .from(RecordResourceInstances::Table)
        .inner_join(
            Records::Table,
            r(Records::Id).equals((
                RecordResourceInstances::Table,
                RecordResourceInstances::RecordId,
            )),
        )
        .and_where(
            Expr::col((
                RecordResourceInstances::Table,
                RecordResourceInstances::ResourceId,
            ))
            .eq(resource_id),
        )
        // Bounded by the holding's own start so that (resource_id, starts_at) bounds the scan
        // to a day of the resource's holdings.
        .and_where(
            Expr::col((
                RecordResourceInstances::Table,
                RecordResourceInstances::StartsAt,
            ))
            .gt(start - MAX_SEANCE_LENGTH),
        )
        .and_where(
            Expr::col((
                RecordResourceInstances::Table,
                RecordResourceInstances::StartsAt,
            ))
            .lt(end),
        )
        .and_where(r(Records::DeletedAt).is_null())
        .and_where(r(Records::StartsAt).lt(end))
        .and_where(Expr::expr(r(Records::StartsAt).add(r(Records::Length))).gt(start))
        .to_owned();
    if let Some(id) = except {
        stmt.and_where(r(Records::Id).ne(id));
    }
    let held: Vec<i64> = c.scalars(&stmt).await?;
    Ok(all.into_iter().map(|i| (i, held.contains(&i))).collect())
}

/// A live service of the location with the team member's link to it, if they provide it:
/// `(title, service price_min, link seance_length, link price_min)`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProvidedService {
    pub id: i64,
    pub title: String,
    pub price_min: i64,
    pub seance_length: Option<i64>,
    pub link_price_min: Option<i64>,
}
crate::sqlite_row!(ProvidedService {
    id,
    title,
    price_min,
    seance_length,
    link_price_min
});

/// The live services of the location among `ids`, each with the team member's link when they
/// provide it (`seance_length` is `None` otherwise).
pub async fn services_for(
    c: &mut Conn<'_>,
    location_id: i64,
    team_member_id: i64,
    ids: &[i64],
) -> StoreResult<Vec<ProvidedService>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // A booking of one service (the usual one): rendered once.
    static ONE: Prepared = Prepared::new();
    if let [id] = ids[..] {
        let values = [team_member_id.into(), location_id.into(), id.into()];
        let stmt = ONE.bind(
            || services_for_statement(location_id, team_member_id, ids),
            values,
            c.backend(),
        );
        return c.all(&stmt).await;
    }
    c.all(&services_for_statement(location_id, team_member_id, ids))
        .await
}

fn services_for_statement(location_id: i64, team_member_id: i64, ids: &[i64]) -> SelectStatement {
    Query::select()
        .columns([Services::Id, Services::Title, Services::PriceMin].map(|c| (Services::Table, c)))
        .column((ServiceStaff::Table, ServiceStaff::SeanceLength))
        .expr_as(
            Expr::col((ServiceStaff::Table, ServiceStaff::PriceMin)),
            sea_query::Alias::new("link_price_min"),
        )
        .from(Services::Table)
        .left_join(
            ServiceStaff::Table,
            Expr::col((ServiceStaff::Table, ServiceStaff::ServiceId))
                .equals((Services::Table, Services::Id))
                .and(
                    Expr::col((ServiceStaff::Table, ServiceStaff::TeamMemberId)).eq(team_member_id),
                ),
        )
        .and_where(Expr::col((Services::Table, Services::LocationId)).eq(location_id))
        .and_where(Expr::col((Services::Table, Services::Id)).is_in(ids.iter().copied()))
        .and_where(Expr::col((Services::Table, Services::DeletedAt)).is_null())
        .to_owned()
}
