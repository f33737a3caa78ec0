//! Storages: every location gets a sales storage and a consumables storage when it is created;
//! and the location's "allow negative stock" setting.

use sea_query::{Expr, Order, Query, SelectStatement};

use super::Storages;
use crate::locations::Locations;
use crate::{Conn, StoreResult};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StorageRow {
    pub id: i64,
    pub location_id: i64,
    pub title: String,
    pub comment: String,
    pub for_services: bool,
    pub for_sale: bool,
}
crate::sqlite_row!(StorageRow {
    id,
    location_id,
    title,
    comment,
    for_services,
    for_sale
});

fn select() -> SelectStatement {
    Query::select()
        .columns([
            Storages::Id,
            Storages::LocationId,
            Storages::Title,
            Storages::Comment,
            Storages::ForServices,
            Storages::ForSale,
        ])
        .from(Storages::Table)
        .and_where(Expr::col(Storages::DeletedAt).is_null())
        .to_owned()
}

/// The location's live storages, by id.
pub async fn list(c: &mut Conn<'_>, location_id: i64) -> StoreResult<Vec<StorageRow>> {
    let stmt = select()
        .and_where(Expr::col(Storages::LocationId).eq(location_id))
        .order_by(Storages::Id, Order::Asc)
        .to_owned();
    c.all(&stmt).await
}

/// A live storage of the location.
pub async fn get(c: &mut Conn<'_>, location_id: i64, id: i64) -> StoreResult<Option<StorageRow>> {
    let stmt = select()
        .and_where(Expr::col(Storages::LocationId).eq(location_id))
        .and_where(Expr::col(Storages::Id).eq(id))
        .to_owned();
    c.optional(&stmt).await
}

/// The storage products are sold from by default (the first marked so).
pub async fn for_sale(c: &mut Conn<'_>, location_id: i64) -> StoreResult<Option<StorageRow>> {
    first_marked(c, location_id, Storages::ForSale).await
}

/// The storage consumables are written off from (the first marked so).
pub async fn for_services(c: &mut Conn<'_>, location_id: i64) -> StoreResult<Option<StorageRow>> {
    first_marked(c, location_id, Storages::ForServices).await
}

async fn first_marked(
    c: &mut Conn<'_>,
    location_id: i64,
    mark: Storages,
) -> StoreResult<Option<StorageRow>> {
    let stmt = select()
        .and_where(Expr::col(Storages::LocationId).eq(location_id))
        .and_where(Expr::col(mark).eq(true))
        .order_by(Storages::Id, Order::Asc)
        .limit(1)
        .to_owned();
    c.optional(&stmt).await
}

/// A new location's storages: one for sales, one for consumables (in its create transaction).
pub async fn insert_defaults(c: &mut Conn<'_>, location_id: i64, now: i64) -> StoreResult<()> {
    for (title, for_services, for_sale) in [("Products", false, true), ("Consumables", true, false)]
    {
        let stmt = Query::insert()
            .into_table(Storages::Table)
            .columns([
                Storages::LocationId,
                Storages::Title,
                Storages::ForServices,
                Storages::ForSale,
                Storages::CreatedAt,
                Storages::UpdatedAt,
            ])
            .values_panic([
                location_id.into(),
                title.into(),
                for_services.into(),
                for_sale.into(),
                now.into(),
                now.into(),
            ])
            .to_owned();
        c.execute(&stmt).await?;
    }
    Ok(())
}

/// Whether the location lets stock go negative.
pub async fn allow_negative(c: &mut Conn<'_>, location_id: i64) -> StoreResult<bool> {
    let stmt = Query::select()
        .column(Locations::AllowNegativeStock)
        .from(Locations::Table)
        .and_where(Expr::col(Locations::Id).eq(location_id))
        .to_owned();
    Ok(c.scalar::<bool>(&stmt).await?.unwrap_or(false))
}

pub async fn set_allow_negative(
    c: &mut Conn<'_>,
    location_id: i64,
    allow: bool,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Locations::Table)
        .value(Locations::AllowNegativeStock, allow)
        .and_where(Expr::col(Locations::Id).eq(location_id))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}
