//! Accounts (cash desks): every location gets a cash and a card account when it is created.

use sea_query::{Alias, Expr, Func, Order, Query, SelectStatement, SimpleExpr};

use super::{Accounts, FinanceTransactions};
use crate::{Conn, StoreError, StoreResult};

/// An account with its balance (the sum of its live transactions, in minor units).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub location_id: i64,
    pub title: String,
    /// 0 cash, 1 non-cash.
    pub kind: i64,
    pub comment: String,
    pub is_default: bool,
    pub balance: i64,
}
crate::sqlite_row!(AccountRow {
    id,
    location_id,
    title,
    kind,
    comment,
    is_default,
    balance
});

/// What an account is made of on create and update (`None`: unchanged).
#[derive(Debug, Clone, Default)]
pub struct AccountFields {
    pub title: Option<String>,
    pub kind: Option<i64>,
    pub comment: Option<String>,
}

/// The sum of the live transactions of the account named by `accounts.id`, as BIGINT on both
/// backends (`SUM(bigint)` is NUMERIC on PostgreSQL).
fn balance_expr() -> SimpleExpr {
    let sum = Query::select()
        .expr(Func::coalesce([
            Func::sum(Expr::col((
                FinanceTransactions::Table,
                FinanceTransactions::Amount,
            )))
            .into(),
            Expr::val(0i64).into(),
        ]))
        .from(FinanceTransactions::Table)
        .and_where(
            Expr::col((FinanceTransactions::Table, FinanceTransactions::AccountId))
                .equals((Accounts::Table, Accounts::Id)),
        )
        .and_where(
            Expr::col((FinanceTransactions::Table, FinanceTransactions::DeletedAt)).is_null(),
        )
        .to_owned();
    Func::cast_as(
        SimpleExpr::SubQuery(None, Box::new(sum.into_sub_query_statement())),
        Alias::new("BIGINT"),
    )
    .into()
}

fn select() -> SelectStatement {
    let a = |c| Expr::col((Accounts::Table, c));
    Query::select()
        .columns(
            [Accounts::Id, Accounts::LocationId, Accounts::Title].map(|c| (Accounts::Table, c)),
        )
        .expr_as(a(Accounts::Type), Alias::new("kind"))
        .columns([Accounts::Comment, Accounts::IsDefault].map(|c| (Accounts::Table, c)))
        .expr_as(balance_expr(), Alias::new("balance"))
        .from(Accounts::Table)
        .and_where(a(Accounts::DeletedAt).is_null())
        .to_owned()
}

/// The location's live accounts, by id.
pub async fn list(c: &mut Conn<'_>, location_id: i64) -> StoreResult<Vec<AccountRow>> {
    let stmt = select()
        .and_where(Expr::col((Accounts::Table, Accounts::LocationId)).eq(location_id))
        .order_by((Accounts::Table, Accounts::Id), Order::Asc)
        .to_owned();
    c.all(&stmt).await
}

/// A live account of the location.
pub async fn get(c: &mut Conn<'_>, location_id: i64, id: i64) -> StoreResult<Option<AccountRow>> {
    let stmt = select()
        .and_where(Expr::col((Accounts::Table, Accounts::LocationId)).eq(location_id))
        .and_where(Expr::col((Accounts::Table, Accounts::Id)).eq(id))
        .to_owned();
    c.optional(&stmt).await
}

/// Creates an account; returns its id.
pub async fn insert(
    c: &mut Conn<'_>,
    location_id: i64,
    f: &AccountFields,
    is_default: bool,
    now: i64,
) -> StoreResult<i64> {
    let stmt = Query::insert()
        .into_table(Accounts::Table)
        .columns([
            Accounts::LocationId,
            Accounts::Title,
            Accounts::Type,
            Accounts::Comment,
            Accounts::IsDefault,
            Accounts::CreatedAt,
            Accounts::UpdatedAt,
        ])
        .values_panic([
            location_id.into(),
            f.title.clone().unwrap_or_default().into(),
            f.kind.unwrap_or(0).into(),
            f.comment.clone().unwrap_or_default().into(),
            is_default.into(),
            now.into(),
            now.into(),
        ])
        .returning_col(Accounts::Id)
        .to_owned();
    c.scalar(&stmt).await?.ok_or(StoreError::NotFound)
}

/// A new location's accounts: one for cash, one for cards (run in its create transaction).
pub async fn insert_defaults(c: &mut Conn<'_>, location_id: i64, now: i64) -> StoreResult<()> {
    for (title, kind) in [("Cash desk", 0), ("Card payments", 1)] {
        let f = AccountFields {
            title: Some(title.into()),
            kind: Some(kind),
            comment: None,
        };
        insert(c, location_id, &f, true, now).await?;
    }
    Ok(())
}

/// Changes the fields sent.
pub async fn update(c: &mut Conn<'_>, id: i64, f: &AccountFields, now: i64) -> StoreResult<()> {
    let mut stmt = Query::update();
    stmt.table(Accounts::Table)
        .value(Accounts::UpdatedAt, now)
        .and_where(Expr::col(Accounts::Id).eq(id));
    if let Some(t) = &f.title {
        stmt.value(Accounts::Title, t.as_str());
    }
    if let Some(k) = f.kind {
        stmt.value(Accounts::Type, k);
    }
    if let Some(t) = &f.comment {
        stmt.value(Accounts::Comment, t.as_str());
    }
    c.execute(&stmt).await?;
    Ok(())
}

/// Whether the account holds a live transaction.
pub async fn has_transactions(c: &mut Conn<'_>, id: i64) -> StoreResult<bool> {
    let stmt = Query::select()
        .column(FinanceTransactions::Id)
        .from(FinanceTransactions::Table)
        .and_where(Expr::col(FinanceTransactions::AccountId).eq(id))
        .and_where(Expr::col(FinanceTransactions::DeletedAt).is_null())
        .limit(1)
        .to_owned();
    Ok(c.scalar::<i64>(&stmt).await?.is_some())
}

/// Soft-deletes the account.
pub async fn delete(c: &mut Conn<'_>, id: i64, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Accounts::Table)
        .value(Accounts::DeletedAt, now)
        .value(Accounts::UpdatedAt, now)
        .and_where(Expr::col(Accounts::Id).eq(id))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}
