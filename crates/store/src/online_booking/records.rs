//! The appointments the public flow and booking-site users reach: by id with the digest of the
//! booker's hash, by the phone of their client, and the count a client holds online.

use sea_query::{Expr, Query};

use crate::clients::Clients;
use crate::visits::Records;
use crate::{Conn, StoreResult};

/// The location and stored hash digest of a live appointment.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RecordKey {
    pub location_id: i64,
    pub record_hash: Option<String>,
    pub client_phone: Option<String>,
}
crate::sqlite_row!(RecordKey {
    location_id,
    record_hash,
    client_phone
});

/// The key of a live appointment, `None` when there is none with this id.
pub async fn record_key(c: &mut Conn<'_>, record_id: i64) -> StoreResult<Option<RecordKey>> {
    let stmt = Query::select()
        .column((Records::Table, Records::LocationId))
        .column((Records::Table, Records::RecordHash))
        .expr_as(
            Expr::col((Clients::Table, Clients::Phone)),
            sea_query::Alias::new("client_phone"),
        )
        .from(Records::Table)
        .left_join(
            Clients::Table,
            Expr::col((Clients::Table, Clients::Id)).equals((Records::Table, Records::ClientId)),
        )
        .and_where(Expr::col((Records::Table, Records::Id)).eq(record_id))
        .and_where(Expr::col((Records::Table, Records::DeletedAt)).is_null())
        .to_owned();
    c.optional(&stmt).await
}

/// Live online appointments of the client starting at or after `from`.
pub async fn online_count(c: &mut Conn<'_>, client_id: i64, from: i64) -> StoreResult<i64> {
    let stmt = Query::select()
        .expr(Expr::col(Records::Id).count())
        .from(Records::Table)
        .and_where(Expr::col(Records::ClientId).eq(client_id))
        .and_where(Expr::col(Records::Online).eq(true))
        .and_where(Expr::col(Records::DeletedAt).is_null())
        .and_where(Expr::col(Records::StartsAt).gte(from))
        .to_owned();
    Ok(c.scalar(&stmt).await?.unwrap_or(0))
}

/// `(location_id, record_id)` of the live appointments of every client with this phone
/// (digits), in any location, soonest first.
pub async fn of_phone(c: &mut Conn<'_>, phone: &str) -> StoreResult<Vec<(i64, i64)>> {
    if phone.is_empty() {
        return Ok(Vec::new());
    }
    let stmt = Query::select()
        .column((Records::Table, Records::LocationId))
        .column((Records::Table, Records::Id))
        .from(Records::Table)
        .inner_join(
            Clients::Table,
            Expr::col((Clients::Table, Clients::Id)).equals((Records::Table, Records::ClientId)),
        )
        .and_where(Expr::col((Clients::Table, Clients::Phone)).eq(phone))
        .and_where(Expr::col((Clients::Table, Clients::DeletedAt)).is_null())
        .and_where(Expr::col((Records::Table, Records::DeletedAt)).is_null())
        .order_by((Records::Table, Records::StartsAt), sea_query::Order::Asc)
        .to_owned();
    c.all(&stmt).await
}
