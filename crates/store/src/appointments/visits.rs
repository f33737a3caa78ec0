//! Visits: a client's appointments of one local day at a location share one visit, as in
//! production. A visit's attendance follows its appointments; a client's visit counters follow
//! their visits.

use bizd_domain::appointment::visit_attendance;
use sea_query::{Expr, Func, Order, Query};

use crate::clients::Clients;
use crate::visits::{Records, Visits};
use crate::{Conn, Lock, Prepared, StoreError, StoreResult};

/// The live visit of the client at the location starting within `[day_start, day_end)`, or a new
/// one starting at `starts_at`. Without a client every appointment gets a visit of its own.
pub async fn visit_for(
    c: &mut Conn<'_>,
    location_id: i64,
    client_id: Option<i64>,
    (day_start, day_end): (i64, i64),
    starts_at: i64,
    now: i64,
) -> StoreResult<i64> {
    // Every booking runs one or both: rendered once.
    static OF_DAY: Prepared = Prepared::new();
    static INSERT: Prepared = Prepared::new();
    let backend = c.backend();
    if let Some(client_id) = client_id {
        let stmt = OF_DAY.bind(
            || {
                Query::select()
                    .column(Visits::Id)
                    .from(Visits::Table)
                    .and_where(Expr::col(Visits::LocationId).eq(location_id))
                    .and_where(Expr::col(Visits::ClientId).eq(client_id))
                    .and_where(Expr::col(Visits::StartsAt).gte(day_start))
                    .and_where(Expr::col(Visits::StartsAt).lt(day_end))
                    .and_where(Expr::col(Visits::DeletedAt).is_null())
                    .order_by(Visits::Id, Order::Asc)
                    .limit(1)
                    .to_owned()
            },
            [
                location_id.into(),
                client_id.into(),
                day_start.into(),
                day_end.into(),
                1u64.into(),
            ],
            backend,
        );
        if let Some(id) = c.scalar::<i64>(&stmt).await? {
            return Ok(id);
        }
    }
    let values = [
        location_id.into(),
        client_id.into(),
        0i64.into(),
        starts_at.into(),
        now.into(),
        now.into(),
    ];
    let stmt = INSERT.bind(
        || {
            Query::insert()
                .into_table(Visits::Table)
                .columns([
                    Visits::LocationId,
                    Visits::ClientId,
                    Visits::Attendance,
                    Visits::StartsAt,
                    Visits::CreatedAt,
                    Visits::UpdatedAt,
                ])
                .values_panic(values.clone().map(sea_query::SimpleExpr::from))
                .returning_col(Visits::Id)
                .to_owned()
        },
        values.clone(),
        backend,
    );
    let id = c.scalar(&stmt).await?.ok_or(StoreError::NotFound)?;
    // Every visit has its sale document from the start: payments need no lazy creation.
    crate::sales::create_for_visit(c, location_id, id, None, now).await?;
    Ok(id)
}

/// What a visit's refresh starts from: its client, attendance, payments received and location.
type VisitState = (Option<i64>, i64, i64, i64);

async fn state(c: &mut Conn<'_>, visit_id: i64) -> StoreResult<Option<VisitState>> {
    static STATEMENT: Prepared = Prepared::new();
    let stmt = STATEMENT.bind(
        || {
            Query::select()
                .columns([
                    Visits::ClientId,
                    Visits::Attendance,
                    Visits::Paid,
                    Visits::LocationId,
                ])
                .from(Visits::Table)
                .and_where(Expr::col(Visits::Id).eq(visit_id))
                .to_owned()
        },
        [visit_id.into()],
        c.backend(),
    );
    c.optional(&stmt).await
}

/// Brings the visit (`state`, read under the transaction's locks) in line with its live
/// appointments: their attendance, the earliest start; a visit left without appointments is
/// deleted. Returns the visit's client when the client's visit counters may have changed (the
/// visit was or is attended: only attended visits count).
async fn refresh(
    c: &mut Conn<'_>,
    visit_id: i64,
    state: Option<VisitState>,
    now: i64,
) -> StoreResult<Option<i64>> {
    // Every booking runs these: rendered once.
    static LIVE: Prepared = Prepared::new();
    static UPDATE: Prepared = Prepared::new();
    static DELETE: Prepared = Prepared::new();
    let Some((client_id, before, paid, location_id)) = state else {
        return Ok(None);
    };
    let backend = c.backend();
    let stmt = LIVE.bind(
        || {
            Query::select()
                .columns([Records::Attendance, Records::StartsAt])
                .from(Records::Table)
                .and_where(Expr::col(Records::VisitId).eq(visit_id))
                .and_where(Expr::col(Records::DeletedAt).is_null())
                .to_owned()
        },
        [visit_id.into()],
        backend,
    );
    let live: Vec<(i64, i64)> = c.all(&stmt).await?;
    let attendance: Vec<i64> = live.iter().map(|r| r.0).collect();
    let after = visit_attendance(&attendance);
    let start = live.iter().map(|r| r.1).min();
    let deleted = start.is_none();
    let build = || {
        let mut update = Query::update();
        update
            .table(Visits::Table)
            .value(Visits::Attendance, after)
            .value(Visits::Cost, crate::sales::visit_cost_expr(visit_id))
            .value(Visits::UpdatedAt, now)
            .and_where(Expr::col(Visits::Id).eq(visit_id));
        match start {
            Some(start) => update.value(Visits::StartsAt, start),
            None => update.value(Visits::DeletedAt, now),
        };
        update
    };
    if deleted {
        // The products sold in a visit go with it (back to stock), before its cost is taken.
        crate::sales::delete_product_lines(c, visit_id, now).await?;
    }
    // The cost's subqueries: `COALESCE(SUM(cost), 0)` of the visit's live service lines, then
    // of the sale lines (type 1) of its document.
    let values = [
        after.into(),
        0i64.into(),
        visit_id.into(),
        0i64.into(),
        visit_id.into(),
        bizd_domain::inventory::doc_type::SALE.into(),
        now.into(),
        start.unwrap_or(now).into(),
        visit_id.into(),
    ];
    let prepared = if deleted { &DELETE } else { &UPDATE };
    c.execute(&prepared.bind(build, values, backend)).await?;
    // Consumables leave stock while the visit stands completed, following its appointments.
    if before == 1 {
        crate::inventory::consumables::reverse(c, visit_id, now).await?;
    }
    if after == 1 && !deleted {
        crate::inventory::consumables::write_off(c, location_id, visit_id, now).await?;
    }
    if paid != 0 {
        // Lines rewritten by the change start unpaid: spread the visit's payments again.
        crate::sales::spread(c, visit_id, bizd_domain::money::Money::from_minor(paid)).await?;
        if deleted {
            if let Some(client) = client_id {
                crate::sales::refresh_spent(c, client, now).await?;
            }
        }
    }
    Ok(client_id.filter(|_| before == 1 || after == 1))
}

/// After appointments changed: locks the visits they left and joined, with their clients (a
/// visit's attendance and start are recomputed from its appointments, which concurrent writes of
/// the same visit must not interleave), refreshes them, then the counters of each client an
/// attended visit changed. Call it after every other lock of the transaction but appointment
/// locks (`Lock::Record`, taken first by changes of existing appointments).
pub async fn settle(c: &mut Conn<'_>, visit_ids: &[i64], now: i64) -> StoreResult<()> {
    // Each visit's client first (the lock order; refreshing its counters writes its row): a
    // visit's client never changes, so it can be read before the lock.
    let mut locks = Vec::new();
    let mut states = Vec::new();
    for &visit_id in visit_ids {
        let state = state(c, visit_id).await?;
        if let Some((client_id, ..)) = state {
            locks.extend(client_id.map(Lock::Client));
        }
        locks.push(Lock::Visit(visit_id));
        states.push(state);
    }
    c.lock(&locks).await?;
    let mut clients = Vec::new();
    for (&visit_id, read) in visit_ids.iter().zip(states) {
        // Row locks (PostgreSQL) are taken after that read: the rest of the state is read again
        // under them. SQLite's transaction held the write lock from its start: already current.
        let current = if c.takes_row_locks() {
            state(c, visit_id).await?
        } else {
            read
        };
        clients.extend(refresh(c, visit_id, current, now).await?);
    }
    clients.sort_unstable();
    clients.dedup();
    for client in clients {
        refresh_client(c, client, now).await?;
    }
    Ok(())
}

/// The client's `visits` (arrived), first and last visit from their live visits.
async fn refresh_client(c: &mut Conn<'_>, client_id: i64, now: i64) -> StoreResult<()> {
    let arrived = |select: sea_query::SimpleExpr| {
        Query::select()
            .expr(select)
            .from(Visits::Table)
            // Visits are at the client's location: naming it lets the (location_id, client_id,
            // starts_at) index find them instead of scanning every visit.
            .and_where(
                Expr::col((Visits::Table, Visits::LocationId))
                    .equals((Clients::Table, Clients::LocationId)),
            )
            .and_where(Expr::col((Visits::Table, Visits::ClientId)).eq(client_id))
            .and_where(Expr::col((Visits::Table, Visits::Attendance)).eq(1))
            .and_where(Expr::col((Visits::Table, Visits::DeletedAt)).is_null())
            .to_owned()
    };
    let sub = |s: sea_query::SelectStatement| {
        sea_query::SimpleExpr::SubQuery(None, Box::new(s.into_sub_query_statement()))
    };
    let stmt = Query::update()
        .table(Clients::Table)
        .value(
            Clients::Visits,
            sub(arrived(
                Func::count(Expr::col((Visits::Table, Visits::Id))).into(),
            )),
        )
        .value(
            Clients::FirstVisitAt,
            sub(arrived(
                Func::min(Expr::col((Visits::Table, Visits::StartsAt))).into(),
            )),
        )
        .value(
            Clients::LastVisitAt,
            sub(arrived(
                Func::max(Expr::col((Visits::Table, Visits::StartsAt))).into(),
            )),
        )
        .value(Clients::UpdatedAt, crate::clients::touched(now))
        .and_where(Expr::col((Clients::Table, Clients::Id)).eq(client_id))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// A visit as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VisitRow {
    pub id: i64,
    pub location_id: i64,
    pub client_id: Option<i64>,
    pub attendance: i64,
    pub starts_at: i64,
    pub deleted_at: Option<i64>,
}
crate::sqlite_row!(VisitRow {
    id,
    location_id,
    client_id,
    attendance,
    starts_at,
    deleted_at
});

/// A visit, deleted ones included.
pub async fn get(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<VisitRow>> {
    let stmt = Query::select()
        .columns([
            Visits::Id,
            Visits::LocationId,
            Visits::ClientId,
            Visits::Attendance,
            Visits::StartsAt,
            Visits::DeletedAt,
        ])
        .from(Visits::Table)
        .and_where(Expr::col(Visits::Id).eq(id))
        .to_owned();
    c.optional(&stmt).await
}

/// The location of a visit: what access to `/visits/{visit_id}` is decided by.
pub async fn location_of(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<i64>> {
    let stmt = Query::select()
        .column(Visits::LocationId)
        .from(Visits::Table)
        .and_where(Expr::col(Visits::Id).eq(id))
        .to_owned();
    c.scalar(&stmt).await
}
