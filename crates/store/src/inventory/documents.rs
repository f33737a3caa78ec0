//! Inventory documents: rows of `sale_documents` of the inventory types (1 sale, 3 arrival,
//! 4 write-off, 5 transfer, 6 inventory correction); a visit's document (7) is read here too,
//! as the consumables of its services are written into it. Deleting a document deletes its
//! transactions, which reverses their effect on stock.

use sea_query::{Alias, Expr, Query, SelectStatement};

use super::{Documents, ProductTransactions, Storages};
use crate::auth::Users;
use crate::{Conn, StoreError, StoreResult};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DocumentRow {
    pub id: i64,
    pub location_id: i64,
    pub type_id: i64,
    pub storage_id: Option<i64>,
    pub user_id: Option<i64>,
    pub comment: String,
    pub date: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub visit_id: Option<i64>,
    pub storage_title: Option<String>,
    pub user_name: Option<String>,
    pub user_phone: Option<String>,
}
crate::sqlite_row!(DocumentRow {
    id,
    location_id,
    type_id,
    storage_id,
    user_id,
    comment,
    date,
    created_at,
    updated_at,
    visit_id,
    storage_title,
    user_name,
    user_phone
});

/// A document to write.
#[derive(Debug, Clone)]
pub struct DocumentFields {
    pub type_id: i64,
    pub storage_id: i64,
    pub comment: String,
    pub date: i64,
}

fn select() -> SelectStatement {
    let d = |c| (Documents::Table, c);
    Query::select()
        .columns([
            d(Documents::Id),
            d(Documents::LocationId),
            d(Documents::TypeId),
            d(Documents::StorageId),
            d(Documents::UserId),
            d(Documents::Comment),
            d(Documents::Date),
            d(Documents::CreatedAt),
            d(Documents::UpdatedAt),
            d(Documents::VisitId),
        ])
        .expr_as(
            Expr::col((Storages::Table, Storages::Title)),
            Alias::new("storage_title"),
        )
        .expr_as(
            Expr::col((Users::Table, Users::Name)),
            Alias::new("user_name"),
        )
        .expr_as(
            Expr::col((Users::Table, Users::Phone)),
            Alias::new("user_phone"),
        )
        .from(Documents::Table)
        .left_join(
            Storages::Table,
            Expr::col((Storages::Table, Storages::Id)).equals(d(Documents::StorageId)),
        )
        .left_join(
            Users::Table,
            Expr::col((Users::Table, Users::Id)).equals(d(Documents::UserId)),
        )
        .and_where(Expr::col(d(Documents::DeletedAt)).is_null())
        .to_owned()
}

/// A live document of the location (any type).
pub async fn get(c: &mut Conn<'_>, location_id: i64, id: i64) -> StoreResult<Option<DocumentRow>> {
    let stmt = select()
        .and_where(Expr::col((Documents::Table, Documents::LocationId)).eq(location_id))
        .and_where(Expr::col((Documents::Table, Documents::Id)).eq(id))
        .to_owned();
    c.optional(&stmt).await
}

/// The sale document of a visit.
pub async fn of_visit(c: &mut Conn<'_>, visit_id: i64) -> StoreResult<Option<i64>> {
    let stmt = Query::select()
        .column(Documents::Id)
        .from(Documents::Table)
        .and_where(Expr::col(Documents::VisitId).eq(visit_id))
        .to_owned();
    c.scalar(&stmt).await
}

pub async fn insert(
    c: &mut Conn<'_>,
    location_id: i64,
    f: &DocumentFields,
    user_id: Option<i64>,
    now: i64,
) -> StoreResult<i64> {
    let stmt = Query::insert()
        .into_table(Documents::Table)
        .columns([
            Documents::LocationId,
            Documents::TypeId,
            Documents::StorageId,
            Documents::UserId,
            Documents::Comment,
            Documents::Date,
            Documents::CreatedAt,
            Documents::UpdatedAt,
        ])
        .values_panic([
            location_id.into(),
            f.type_id.into(),
            f.storage_id.into(),
            user_id.into(),
            f.comment.clone().into(),
            f.date.into(),
            now.into(),
            now.into(),
        ])
        .returning_col(Documents::Id)
        .to_owned();
    c.scalar(&stmt).await?.ok_or(StoreError::NotFound)
}

/// Rewrites the document's fields; its transactions follow its type, storage and date.
pub async fn update(c: &mut Conn<'_>, id: i64, f: &DocumentFields, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Documents::Table)
        .values([
            (Documents::TypeId, f.type_id.into()),
            (Documents::StorageId, f.storage_id.into()),
            (Documents::Comment, f.comment.clone().into()),
            (Documents::Date, f.date.into()),
            (
                Documents::UpdatedAt,
                crate::db::touched(Documents::UpdatedAt, now),
            ),
        ])
        .and_where(Expr::col(Documents::Id).eq(id))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Soft-deletes the document and its live transactions.
pub async fn delete(c: &mut Conn<'_>, id: i64, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(ProductTransactions::Table)
        .values([
            (ProductTransactions::DeletedAt, now.into()),
            (ProductTransactions::UpdatedAt, now.into()),
        ])
        .and_where(Expr::col(ProductTransactions::DocumentId).eq(id))
        .and_where(Expr::col(ProductTransactions::DeletedAt).is_null())
        .to_owned();
    c.execute(&stmt).await?;
    let stmt = Query::update()
        .table(Documents::Table)
        .values([
            (Documents::DeletedAt, now.into()),
            (Documents::UpdatedAt, now.into()),
        ])
        .and_where(Expr::col(Documents::Id).eq(id))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}
