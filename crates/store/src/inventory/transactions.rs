//! Product transactions: one product moving in or out of one storage, inside a document. The
//! stock of a product in a storage is the sum of its live transactions' `service_amount`.

use std::collections::BTreeMap;

use sea_query::{Alias, Expr, Func, Order, Query, SelectStatement};

use super::{Documents, ProductTransactions, Storages};
use crate::clients::Clients;
use crate::products::Products;
use crate::team_members::TeamMembers;
use crate::{Conn, Lock, StoreError, StoreResult};

type T = ProductTransactions;

/// A transaction with the names it shows.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TransactionRow {
    pub id: i64,
    pub location_id: i64,
    pub document_id: i64,
    pub product_id: i64,
    pub storage_id: i64,
    pub type_id: i64,
    pub operation_unit_type: i64,
    pub amount: i64,
    pub service_amount: i64,
    pub cost_per_unit: i64,
    pub discount: i64,
    pub cost: i64,
    pub client_id: Option<i64>,
    pub team_member_id: Option<i64>,
    pub supplier_id: i64,
    pub record_id: Option<i64>,
    pub service_id: Option<i64>,
    pub comment: String,
    pub date: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
    pub product_title: Option<String>,
    pub sale_unit_id: Option<i64>,
    pub service_unit_id: Option<i64>,
    pub storage_title: Option<String>,
    pub staff_name: Option<String>,
    pub client_name: Option<String>,
    pub client_phone: Option<String>,
}
crate::sqlite_row!(TransactionRow {
    id,
    location_id,
    document_id,
    product_id,
    storage_id,
    type_id,
    operation_unit_type,
    amount,
    service_amount,
    cost_per_unit,
    discount,
    cost,
    client_id,
    team_member_id,
    supplier_id,
    record_id,
    service_id,
    comment,
    date,
    created_at,
    updated_at,
    deleted_at,
    product_title,
    sale_unit_id,
    service_unit_id,
    storage_title,
    staff_name,
    client_name,
    client_phone
});

/// A transaction to write (amounts signed, thousandths; money in minor units).
#[derive(Debug, Clone, Default)]
pub struct NewTransaction {
    pub document_id: i64,
    pub product_id: i64,
    pub storage_id: i64,
    pub type_id: i64,
    pub operation_unit_type: i64,
    pub amount: i64,
    pub service_amount: i64,
    pub cost_per_unit: i64,
    pub discount: i64,
    pub cost: i64,
    pub client_id: Option<i64>,
    pub team_member_id: Option<i64>,
    pub supplier_id: i64,
    pub record_id: Option<i64>,
    pub service_id: Option<i64>,
    pub comment: String,
    pub date: i64,
}

impl NewTransaction {
    pub fn of(r: &TransactionRow) -> Self {
        NewTransaction {
            document_id: r.document_id,
            product_id: r.product_id,
            storage_id: r.storage_id,
            type_id: r.type_id,
            operation_unit_type: r.operation_unit_type,
            amount: r.amount,
            service_amount: r.service_amount,
            cost_per_unit: r.cost_per_unit,
            discount: r.discount,
            cost: r.cost,
            client_id: r.client_id,
            team_member_id: r.team_member_id,
            supplier_id: r.supplier_id,
            record_id: r.record_id,
            service_id: r.service_id,
            comment: r.comment.clone(),
            date: r.date,
        }
    }

    fn values(&self) -> Vec<(T, sea_query::SimpleExpr)> {
        vec![
            (T::DocumentId, self.document_id.into()),
            (T::ProductId, self.product_id.into()),
            (T::StorageId, self.storage_id.into()),
            (T::TypeId, self.type_id.into()),
            (T::OperationUnitType, self.operation_unit_type.into()),
            (T::Amount, self.amount.into()),
            (T::ServiceAmount, self.service_amount.into()),
            (T::CostPerUnit, self.cost_per_unit.into()),
            (T::Discount, self.discount.into()),
            (T::Cost, self.cost.into()),
            (T::ClientId, self.client_id.into()),
            (T::TeamMemberId, self.team_member_id.into()),
            (T::SupplierId, self.supplier_id.into()),
            (T::RecordId, self.record_id.into()),
            (T::ServiceId, self.service_id.into()),
            (T::Comment, self.comment.clone().into()),
            (T::Date, self.date.into()),
        ]
    }
}

fn t(c: T) -> Expr {
    Expr::col((T::Table, c))
}

fn select() -> SelectStatement {
    Query::select()
        .columns(
            [
                T::Id,
                T::LocationId,
                T::DocumentId,
                T::ProductId,
                T::StorageId,
                T::TypeId,
                T::OperationUnitType,
                T::Amount,
                T::ServiceAmount,
                T::CostPerUnit,
                T::Discount,
                T::Cost,
                T::ClientId,
                T::TeamMemberId,
                T::SupplierId,
                T::RecordId,
                T::ServiceId,
                T::Comment,
                T::Date,
                T::CreatedAt,
                T::UpdatedAt,
                T::DeletedAt,
            ]
            .map(|c| (T::Table, c)),
        )
        .expr_as(
            Expr::col((Products::Table, Products::Title)),
            Alias::new("product_title"),
        )
        .expr_as(
            Expr::col((Products::Table, Products::SaleUnitId)),
            Alias::new("sale_unit_id"),
        )
        .expr_as(
            Expr::col((Products::Table, Products::ServiceUnitId)),
            Alias::new("service_unit_id"),
        )
        .expr_as(
            Expr::col((Storages::Table, Storages::Title)),
            Alias::new("storage_title"),
        )
        .expr_as(
            Expr::col((TeamMembers::Table, TeamMembers::Name)),
            Alias::new("staff_name"),
        )
        .expr_as(
            Expr::col((Clients::Table, Clients::Name)),
            Alias::new("client_name"),
        )
        .expr_as(
            Expr::col((Clients::Table, Clients::Phone)),
            Alias::new("client_phone"),
        )
        .from(T::Table)
        .left_join(
            Products::Table,
            Expr::col((Products::Table, Products::Id)).equals((T::Table, T::ProductId)),
        )
        .left_join(
            Storages::Table,
            Expr::col((Storages::Table, Storages::Id)).equals((T::Table, T::StorageId)),
        )
        .left_join(
            TeamMembers::Table,
            Expr::col((TeamMembers::Table, TeamMembers::Id)).equals((T::Table, T::TeamMemberId)),
        )
        .left_join(
            Clients::Table,
            Expr::col((Clients::Table, Clients::Id)).equals((T::Table, T::ClientId)),
        )
        .to_owned()
}

/// A live transaction of the location.
pub async fn get(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> StoreResult<Option<TransactionRow>> {
    let stmt = select()
        .and_where(t(T::LocationId).eq(location_id))
        .and_where(t(T::Id).eq(id))
        .and_where(t(T::DeletedAt).is_null())
        .to_owned();
    c.optional(&stmt).await
}

/// The live transactions of a document, by id.
pub async fn of_document(c: &mut Conn<'_>, document_id: i64) -> StoreResult<Vec<TransactionRow>> {
    let stmt = select()
        .and_where(t(T::DocumentId).eq(document_id))
        .and_where(t(T::DeletedAt).is_null())
        .order_by((T::Table, T::Id), Order::Asc)
        .to_owned();
    c.all(&stmt).await
}

/// The live sale lines (type 1) of a document, by id: the products sold in a visit, for its
/// sale document, details and receipt.
pub async fn sales_of(c: &mut Conn<'_>, document_id: i64) -> StoreResult<Vec<TransactionRow>> {
    let stmt = select()
        .and_where(t(T::DocumentId).eq(document_id))
        .and_where(t(T::TypeId).eq(bizd_domain::inventory::doc_type::SALE))
        .and_where(t(T::DeletedAt).is_null())
        .order_by((T::Table, T::Id), Order::Asc)
        .to_owned();
    c.all(&stmt).await
}

/// The live transactions of appointments, by id.
pub async fn of_records(c: &mut Conn<'_>, record_ids: &[i64]) -> StoreResult<Vec<TransactionRow>> {
    if record_ids.is_empty() {
        return Ok(Vec::new());
    }
    let stmt = select()
        .and_where(t(T::RecordId).is_in(record_ids.to_vec()))
        .and_where(t(T::DeletedAt).is_null())
        .order_by((T::Table, T::Id), Order::Asc)
        .to_owned();
    c.all(&stmt).await
}

/// Filters of the transaction search (`None`: any).
#[derive(Debug, Clone, Default)]
pub struct TransactionFilter {
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub document_id: Option<i64>,
    pub changed_after: Option<i64>,
    pub changed_before: Option<i64>,
    pub product_id: Option<i64>,
    pub storage_id: Option<i64>,
    pub type_id: Option<i64>,
}

/// A page of the location's live transactions, newest first, and how many match.
pub async fn list(
    c: &mut Conn<'_>,
    location_id: i64,
    f: &TransactionFilter,
    offset: i64,
    limit: i64,
) -> StoreResult<(Vec<TransactionRow>, i64)> {
    let mut stmt = select()
        .and_where(t(T::LocationId).eq(location_id))
        .and_where(t(T::DeletedAt).is_null())
        .to_owned();
    let eq = [
        (T::DocumentId, f.document_id),
        (T::ProductId, f.product_id),
        (T::StorageId, f.storage_id),
        (T::TypeId, f.type_id),
    ];
    for (col, v) in eq {
        if let Some(v) = v {
            stmt.and_where(t(col).eq(v));
        }
    }
    if let Some(v) = f.from {
        stmt.and_where(t(T::Date).gte(v));
    }
    if let Some(v) = f.to {
        stmt.and_where(t(T::Date).lt(v));
    }
    if let Some(v) = f.changed_after {
        stmt.and_where(t(T::UpdatedAt).gte(v));
    }
    if let Some(v) = f.changed_before {
        stmt.and_where(t(T::UpdatedAt).lte(v));
    }
    let mut count = stmt.clone();
    count.clear_selects();
    count.expr(Func::count(t(T::Id)));
    let total: i64 = c.scalar(&count).await?.unwrap_or(0);
    stmt.order_by((T::Table, T::Date), Order::Desc)
        .order_by((T::Table, T::Id), Order::Desc)
        .offset(u64::try_from(offset).unwrap_or(0))
        .limit(u64::try_from(limit).unwrap_or(0));
    Ok((c.all(&stmt).await?, total))
}

pub async fn insert(
    c: &mut Conn<'_>,
    location_id: i64,
    n: &NewTransaction,
    user_id: Option<i64>,
    now: i64,
) -> StoreResult<i64> {
    let mut cols = vec![T::LocationId, T::UserId, T::CreatedAt, T::UpdatedAt];
    let mut vals: Vec<sea_query::SimpleExpr> =
        vec![location_id.into(), user_id.into(), now.into(), now.into()];
    for (col, v) in n.values() {
        cols.push(col);
        vals.push(v);
    }
    let stmt = Query::insert()
        .into_table(T::Table)
        .columns(cols)
        .values_panic(vals)
        .returning_col(T::Id)
        .to_owned();
    c.scalar(&stmt).await?.ok_or(StoreError::NotFound)
}

pub async fn update(c: &mut Conn<'_>, id: i64, n: &NewTransaction, now: i64) -> StoreResult<()> {
    let mut values = n.values();
    values.push((T::UpdatedAt, crate::db::touched(T::UpdatedAt, now)));
    let stmt = Query::update()
        .table(T::Table)
        .values(values)
        .and_where(Expr::col(T::Id).eq(id))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Soft-deletes transactions.
pub async fn delete(c: &mut Conn<'_>, ids: &[i64], now: i64) -> StoreResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let stmt = Query::update()
        .table(T::Table)
        .values([(T::DeletedAt, now.into()), (T::UpdatedAt, now.into())])
        .and_where(Expr::col(T::Id).is_in(ids.to_vec()))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Moves a document's live transactions with it (its type, storage and date).
pub async fn follow_document(
    c: &mut Conn<'_>,
    document_id: i64,
    storage_id: i64,
    date: i64,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(T::Table)
        .values([
            (T::StorageId, storage_id.into()),
            (T::Date, date.into()),
            (T::UpdatedAt, crate::db::touched(T::UpdatedAt, now)),
        ])
        .and_where(Expr::col(T::DocumentId).eq(document_id))
        .and_where(Expr::col(T::DeletedAt).is_null())
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Stock of `(product, storage)` pairs, write-off units in thousandths.
pub async fn stock_of(
    c: &mut Conn<'_>,
    pairs: &[(i64, i64)],
) -> StoreResult<BTreeMap<(i64, i64), i64>> {
    let products: Vec<i64> = pairs.iter().map(|p| p.0).collect();
    let mut out: BTreeMap<(i64, i64), i64> = pairs.iter().map(|p| (*p, 0)).collect();
    for (product, storage, amount) in crate::products::stock(c, &products).await? {
        if let Some(v) = out.get_mut(&(product, storage)) {
            *v = amount;
        }
    }
    Ok(out)
}

/// Guards a write that can lower stock: [`StockGuard::lock`] locks the products (after every
/// other lock of the transaction: `Lock::Product` comes last in the lock order) and reads the
/// stock of the pairs; [`StockGuard::check`], after the write, refuses any pair whose stock went
/// down below zero unless the location allows negative stock.
pub struct StockGuard {
    before: BTreeMap<(i64, i64), i64>,
    allow_negative: bool,
}

impl StockGuard {
    pub async fn lock(
        c: &mut Conn<'_>,
        location_id: i64,
        pairs: &[(i64, i64)],
    ) -> StoreResult<StockGuard> {
        let locks: Vec<Lock> = pairs.iter().map(|p| Lock::Product(p.0)).collect();
        c.lock(&locks).await?;
        Ok(StockGuard {
            before: stock_of(c, pairs).await?,
            allow_negative: super::storages::allow_negative(c, location_id).await?,
        })
    }

    pub async fn check(self, c: &mut Conn<'_>) -> StoreResult<()> {
        let pairs: Vec<(i64, i64)> = self.before.keys().copied().collect();
        let after = stock_of(c, &pairs).await?;
        for (pair, before) in &self.before {
            let now = after.get(pair).copied().unwrap_or(0);
            if !bizd_domain::inventory::stock_allowed(*before, now, self.allow_negative) {
                return Err(StoreError::InsufficientStock {
                    product_id: pair.0,
                    storage_id: pair.1,
                });
            }
        }
        Ok(())
    }
}

/// The location of a document, to check a transaction names a document of its own location.
pub async fn document_location(c: &mut Conn<'_>, document_id: i64) -> StoreResult<Option<i64>> {
    let stmt = Query::select()
        .column(Documents::LocationId)
        .from(Documents::Table)
        .and_where(Expr::col(Documents::Id).eq(document_id))
        .and_where(Expr::col(Documents::DeletedAt).is_null())
        .to_owned();
    c.scalar(&stmt).await
}
