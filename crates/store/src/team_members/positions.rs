//! Positions: chain-wide job titles of team members, linked to the locations that use them.

use bizd_domain::staff::PositionFields;
use sea_query::{Asterisk, Expr, Iden, OnConflict, Order, Query, SelectStatement, SimpleExpr};

use super::TeamMembers;
use crate::{Conn, StoreError, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum Positions {
    Table,
    Id,
    ChainId,
    Title,
    ApiId,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

/// Which locations use a position.
#[derive(Iden, Clone, Copy)]
pub(crate) enum PositionLocations {
    Table,
    PositionId,
    LocationId,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub id: i64,
    pub chain_id: i64,
    pub fields: PositionFields,
}

#[derive(sqlx::FromRow)]
struct PositionRow {
    id: i64,
    chain_id: i64,
    title: String,
    api_id: String,
}
crate::sqlite_row!(PositionRow {
    id,
    chain_id,
    title,
    api_id
});

impl From<PositionRow> for Position {
    fn from(r: PositionRow) -> Self {
        Position {
            id: r.id,
            chain_id: r.chain_id,
            fields: PositionFields {
                title: r.title,
                api_id: r.api_id,
            },
        }
    }
}

/// `SELECT <position columns> FROM positions`.
fn select_positions() -> SelectStatement {
    Query::select()
        .columns(
            [
                Positions::Id,
                Positions::ChainId,
                Positions::Title,
                Positions::ApiId,
            ]
            .map(|c| (Positions::Table, c)),
        )
        .from(Positions::Table)
        .to_owned()
}

/// The values of a position's editable columns, for insert and update alike.
fn field_values(f: &PositionFields) -> Vec<(Positions, SimpleExpr)> {
    vec![
        (Positions::Title, f.title.as_str().into()),
        (Positions::ApiId, f.api_id.as_str().into()),
    ]
}

/// Links a position to a location unless it already is.
pub(super) async fn link_position(
    c: &mut Conn<'_>,
    position_id: i64,
    location_id: i64,
) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(PositionLocations::Table)
        .columns([PositionLocations::PositionId, PositionLocations::LocationId])
        .values_panic([position_id.into(), location_id.into()])
        .on_conflict(
            OnConflict::columns([PositionLocations::PositionId, PositionLocations::LocationId])
                .do_nothing()
                .to_owned(),
        )
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Creates a position in the chain, linked to the location that created it; returns its id
/// (run it in a write transaction: both or neither).
pub async fn insert_position(
    c: &mut Conn<'_>,
    chain_id: i64,
    location_id: i64,
    f: &PositionFields,
    now: i64,
) -> StoreResult<i64> {
    let mut values = field_values(f);
    values.extend([
        (Positions::ChainId, chain_id.into()),
        (Positions::CreatedAt, now.into()),
        (Positions::UpdatedAt, now.into()),
    ]);
    let (columns, values): (Vec<Positions>, Vec<SimpleExpr>) = values.into_iter().unzip();
    let stmt = Query::insert()
        .into_table(Positions::Table)
        .columns(columns)
        .values_panic(values)
        .returning_col(Positions::Id)
        .to_owned();
    let id: i64 = c.scalar(&stmt).await?.ok_or(StoreError::NotFound)?;
    link_position(c, id, location_id).await?;
    Ok(id)
}

/// Live positions linked to a location, oldest first.
pub async fn positions_of_location(
    c: &mut Conn<'_>,
    location_id: i64,
) -> StoreResult<Vec<Position>> {
    let stmt = select_positions()
        .inner_join(
            PositionLocations::Table,
            Expr::col((PositionLocations::Table, PositionLocations::PositionId))
                .equals((Positions::Table, Positions::Id)),
        )
        .and_where(
            Expr::col((PositionLocations::Table, PositionLocations::LocationId)).eq(location_id),
        )
        .and_where(Expr::col((Positions::Table, Positions::DeletedAt)).is_null())
        .order_by((Positions::Table, Positions::Id), Order::Asc)
        .to_owned();
    let rows: Vec<PositionRow> = c.all(&stmt).await?;
    Ok(rows.into_iter().map(Position::from).collect())
}

/// A live position of the chain, if any.
pub async fn position_in_chain(
    c: &mut Conn<'_>,
    chain_id: i64,
    id: i64,
) -> StoreResult<Option<Position>> {
    let stmt = select_positions()
        .and_where(Expr::col(Positions::Id).eq(id))
        .and_where(Expr::col(Positions::ChainId).eq(chain_id))
        .and_where(Expr::col(Positions::DeletedAt).is_null())
        .to_owned();
    Ok(c.optional::<PositionRow>(&stmt).await?.map(Position::from))
}

/// Changes a live position; `NotFound` when there is none.
pub async fn update_position(
    c: &mut Conn<'_>,
    id: i64,
    f: &PositionFields,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Positions::Table)
        .values(field_values(f))
        .value(Positions::UpdatedAt, now)
        .and_where(Expr::col(Positions::Id).eq(id))
        .and_where(Expr::col(Positions::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// How many live team members (in any location) hold the position.
pub async fn position_holders(c: &mut Conn<'_>, id: i64) -> StoreResult<i64> {
    let stmt = Query::select()
        .expr(Expr::col(Asterisk).count())
        .from(TeamMembers::Table)
        .and_where(Expr::col(TeamMembers::PositionId).eq(id))
        .and_where(Expr::col(TeamMembers::DeletedAt).is_null())
        .to_owned();
    Ok(c.scalar(&stmt).await?.unwrap_or(0))
}

/// Marks a live position deleted; `NotFound` when there is none.
pub async fn delete_position(c: &mut Conn<'_>, id: i64, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Positions::Table)
        .values([
            (Positions::DeletedAt, now.into()),
            (Positions::UpdatedAt, now.into()),
        ])
        .and_where(Expr::col(Positions::Id).eq(id))
        .and_where(Expr::col(Positions::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
