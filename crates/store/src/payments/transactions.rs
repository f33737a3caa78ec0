//! Financial transactions: reads with every documented filter, and writes that leave an audit
//! row for each edit or deletion.

use sea_query::{Alias, Expr, Func, Order, Query, SelectStatement};

use super::{Accounts, FinanceTransactions};
use crate::clients::Clients;
use crate::team_members::TeamMembers;
use crate::{Conn, StoreError, StoreResult};

/// A transaction with what the answers show of its account, client and team member.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct TransactionRow {
    pub id: i64,
    pub location_id: i64,
    pub account_id: i64,
    pub document_id: Option<i64>,
    pub visit_id: Option<i64>,
    pub record_id: Option<i64>,
    pub expense_id: i64,
    pub amount: i64,
    pub client_id: Option<i64>,
    pub team_member_id: Option<i64>,
    pub supplier_id: i64,
    pub comment: String,
    pub date: i64,
    pub user_id: Option<i64>,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
    pub account_title: Option<String>,
    pub account_type: Option<i64>,
    pub account_comment: Option<String>,
    pub account_is_default: Option<bool>,
    pub client_name: Option<String>,
    pub client_surname: Option<String>,
    pub client_phone: Option<String>,
    pub client_email: Option<String>,
    pub staff_name: Option<String>,
}
crate::sqlite_row!(TransactionRow {
    id,
    location_id,
    account_id,
    document_id,
    visit_id,
    record_id,
    expense_id,
    amount,
    client_id,
    team_member_id,
    supplier_id,
    comment,
    date,
    user_id,
    updated_at,
    deleted_at,
    account_title,
    account_type,
    account_comment,
    account_is_default,
    client_name,
    client_surname,
    client_phone,
    client_email,
    staff_name
});

/// A transaction to write (`amount` signed, in minor units).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewTransaction {
    pub account_id: i64,
    pub document_id: Option<i64>,
    pub visit_id: Option<i64>,
    pub record_id: Option<i64>,
    pub expense_id: i64,
    pub amount: i64,
    pub client_id: Option<i64>,
    pub team_member_id: Option<i64>,
    pub supplier_id: i64,
    pub comment: String,
    pub date: i64,
}

impl NewTransaction {
    /// The stored fields of a row (what the audit trail records).
    pub fn of(t: &TransactionRow) -> Self {
        NewTransaction {
            account_id: t.account_id,
            document_id: t.document_id,
            visit_id: t.visit_id,
            record_id: t.record_id,
            expense_id: t.expense_id,
            amount: t.amount,
            client_id: t.client_id,
            team_member_id: t.team_member_id,
            supplier_id: t.supplier_id,
            comment: t.comment.clone(),
            date: t.date,
        }
    }
}

/// What `GET /transactions` filters on. Dates are `[from, before)` UTC seconds.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub location_id: i64,
    pub account_id: Option<i64>,
    pub supplier_id: Option<i64>,
    pub client_id: Option<i64>,
    pub user_id: Option<i64>,
    pub team_member_id: Option<i64>,
    pub expense_id: Option<i64>,
    pub document_id: Option<i64>,
    pub visit_id: Option<i64>,
    pub record_id: Option<i64>,
    /// Deleted transactions instead of live ones.
    pub deleted: bool,
    pub date_from: Option<i64>,
    pub date_before: Option<i64>,
    /// Only income (`Some(true)`) or only expenses (`Some(false)`).
    pub positive: Option<bool>,
    /// `(offset, limit)`; `None`: all.
    pub page: Option<(i64, i64)>,
}

fn t(c: FinanceTransactions) -> Expr {
    Expr::col((FinanceTransactions::Table, c))
}

fn select() -> SelectStatement {
    let mut stmt = Query::select();
    stmt.columns(
        [
            FinanceTransactions::Id,
            FinanceTransactions::LocationId,
            FinanceTransactions::AccountId,
            FinanceTransactions::DocumentId,
            FinanceTransactions::VisitId,
            FinanceTransactions::RecordId,
            FinanceTransactions::ExpenseId,
            FinanceTransactions::Amount,
            FinanceTransactions::ClientId,
            FinanceTransactions::TeamMemberId,
            FinanceTransactions::SupplierId,
            FinanceTransactions::Comment,
            FinanceTransactions::Date,
            FinanceTransactions::UserId,
            FinanceTransactions::UpdatedAt,
            FinanceTransactions::DeletedAt,
        ]
        .map(|c| (FinanceTransactions::Table, c)),
    );
    for (col, name) in [
        (Accounts::Title, "account_title"),
        (Accounts::Type, "account_type"),
        (Accounts::Comment, "account_comment"),
        (Accounts::IsDefault, "account_is_default"),
    ] {
        stmt.expr_as(Expr::col((Accounts::Table, col)), Alias::new(name));
    }
    for (col, name) in [
        (Clients::Name, "client_name"),
        (Clients::Surname, "client_surname"),
        (Clients::Phone, "client_phone"),
        (Clients::Email, "client_email"),
    ] {
        stmt.expr_as(Expr::col((Clients::Table, col)), Alias::new(name));
    }
    stmt.expr_as(
        Expr::col((TeamMembers::Table, TeamMembers::Name)),
        Alias::new("staff_name"),
    )
    .from(FinanceTransactions::Table)
    .left_join(
        Accounts::Table,
        Expr::col((Accounts::Table, Accounts::Id)).equals(t_col(FinanceTransactions::AccountId)),
    )
    .left_join(
        Clients::Table,
        Expr::col((Clients::Table, Clients::Id)).equals(t_col(FinanceTransactions::ClientId)),
    )
    .left_join(
        TeamMembers::Table,
        Expr::col((TeamMembers::Table, TeamMembers::Id))
            .equals(t_col(FinanceTransactions::TeamMemberId)),
    );
    stmt
}

fn t_col(c: FinanceTransactions) -> (FinanceTransactions, FinanceTransactions) {
    (FinanceTransactions::Table, c)
}

fn filtered(f: &Filter) -> SelectStatement {
    let mut stmt = Query::select();
    stmt.from(FinanceTransactions::Table)
        .and_where(t(FinanceTransactions::LocationId).eq(f.location_id));
    let eq = [
        (FinanceTransactions::AccountId, f.account_id),
        (FinanceTransactions::ClientId, f.client_id),
        (FinanceTransactions::UserId, f.user_id),
        (FinanceTransactions::TeamMemberId, f.team_member_id),
        (FinanceTransactions::ExpenseId, f.expense_id),
        (FinanceTransactions::DocumentId, f.document_id),
        (FinanceTransactions::VisitId, f.visit_id),
        (FinanceTransactions::RecordId, f.record_id),
        (FinanceTransactions::SupplierId, f.supplier_id),
    ];
    for (col, value) in eq {
        if let Some(v) = value {
            stmt.and_where(t(col).eq(v));
        }
    }
    stmt.and_where(if f.deleted {
        t(FinanceTransactions::DeletedAt).is_not_null()
    } else {
        t(FinanceTransactions::DeletedAt).is_null()
    });
    if let Some(from) = f.date_from {
        stmt.and_where(t(FinanceTransactions::Date).gte(from));
    }
    if let Some(before) = f.date_before {
        stmt.and_where(t(FinanceTransactions::Date).lt(before));
    }
    match f.positive {
        Some(true) => stmt.and_where(t(FinanceTransactions::Amount).gt(0i64)),
        Some(false) => stmt.and_where(t(FinanceTransactions::Amount).lt(0i64)),
        None => &mut stmt,
    };
    stmt
}

/// The matching transactions, newest first (by date, then id), and how many match in all.
pub async fn list(c: &mut Conn<'_>, f: &Filter) -> StoreResult<(Vec<TransactionRow>, i64)> {
    let mut ids = filtered(f);
    ids.column((FinanceTransactions::Table, FinanceTransactions::Id));
    let mut count = filtered(f);
    count.expr(Func::count(t(FinanceTransactions::Id)));
    let total: i64 = c.scalar(&count).await?.unwrap_or(0);
    let mut stmt = select();
    stmt.and_where(t(FinanceTransactions::Id).in_subquery(ids))
        .order_by(t_col(FinanceTransactions::Date), Order::Desc)
        .order_by(t_col(FinanceTransactions::Id), Order::Desc);
    if let Some((offset, limit)) = f.page {
        stmt.offset(offset as u64).limit(limit as u64);
    }
    Ok((c.all(&stmt).await?, total))
}

/// A transaction of the location, deleted ones included.
pub async fn get(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> StoreResult<Option<TransactionRow>> {
    let stmt = select()
        .and_where(t(FinanceTransactions::LocationId).eq(location_id))
        .and_where(t(FinanceTransactions::Id).eq(id))
        .to_owned();
    c.optional(&stmt).await
}

/// The live transactions of a sale document, oldest first.
pub async fn of_document(c: &mut Conn<'_>, document_id: i64) -> StoreResult<Vec<TransactionRow>> {
    let stmt = select()
        .and_where(t(FinanceTransactions::DocumentId).eq(document_id))
        .and_where(t(FinanceTransactions::DeletedAt).is_null())
        .order_by(t_col(FinanceTransactions::Id), Order::Asc)
        .to_owned();
    c.all(&stmt).await
}

/// The live transactions of several visits, oldest first (the appointments' `finance_transactions`).
pub async fn of_visits(c: &mut Conn<'_>, visit_ids: &[i64]) -> StoreResult<Vec<TransactionRow>> {
    if visit_ids.is_empty() {
        return Ok(Vec::new());
    }
    let stmt = select()
        .and_where(t(FinanceTransactions::VisitId).is_in(visit_ids.iter().copied()))
        .and_where(t(FinanceTransactions::DeletedAt).is_null())
        .order_by(t_col(FinanceTransactions::Id), Order::Asc)
        .to_owned();
    c.all(&stmt).await
}

/// Writes a transaction; returns its id.
pub async fn insert(
    c: &mut Conn<'_>,
    location_id: i64,
    n: &NewTransaction,
    user_id: Option<i64>,
    now: i64,
) -> StoreResult<i64> {
    let stmt = Query::insert()
        .into_table(FinanceTransactions::Table)
        .columns([
            FinanceTransactions::LocationId,
            FinanceTransactions::AccountId,
            FinanceTransactions::DocumentId,
            FinanceTransactions::VisitId,
            FinanceTransactions::RecordId,
            FinanceTransactions::ExpenseId,
            FinanceTransactions::Amount,
            FinanceTransactions::ClientId,
            FinanceTransactions::TeamMemberId,
            FinanceTransactions::SupplierId,
            FinanceTransactions::Comment,
            FinanceTransactions::Date,
            FinanceTransactions::UserId,
            FinanceTransactions::CreatedAt,
            FinanceTransactions::UpdatedAt,
        ])
        .values_panic([
            location_id.into(),
            n.account_id.into(),
            n.document_id.into(),
            n.visit_id.into(),
            n.record_id.into(),
            n.expense_id.into(),
            n.amount.into(),
            n.client_id.into(),
            n.team_member_id.into(),
            n.supplier_id.into(),
            n.comment.as_str().into(),
            n.date.into(),
            user_id.into(),
            now.into(),
            now.into(),
        ])
        .returning_col(FinanceTransactions::Id)
        .to_owned();
    c.scalar(&stmt).await?.ok_or(StoreError::NotFound)
}

pub use super::changes::{changes, delete, update, ChangeRow};
