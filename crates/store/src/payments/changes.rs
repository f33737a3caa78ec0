//! Edits and deletions of financial transactions, each with its audit row (who, when, the
//! transaction before and after, as JSON).

use sea_query::{Expr, Order, Query};

use super::transactions::{NewTransaction, TransactionRow};
use super::{FinanceTransactionChanges, FinanceTransactions};
use crate::{Conn, StoreResult};

async fn audit(
    c: &mut Conn<'_>,
    before: &TransactionRow,
    after: Option<&NewTransaction>,
    user_id: Option<i64>,
    now: i64,
) -> StoreResult<()> {
    let json = |v: &NewTransaction| serde_json::to_string(v).unwrap_or_default();
    let stmt = Query::insert()
        .into_table(FinanceTransactionChanges::Table)
        .columns([
            FinanceTransactionChanges::TransactionId,
            FinanceTransactionChanges::LocationId,
            FinanceTransactionChanges::UserId,
            FinanceTransactionChanges::Action,
            FinanceTransactionChanges::Before,
            FinanceTransactionChanges::After,
            FinanceTransactionChanges::ChangedAt,
        ])
        .values_panic([
            before.id.into(),
            before.location_id.into(),
            user_id.into(),
            if after.is_some() { "update" } else { "delete" }.into(),
            json(&NewTransaction::of(before)).into(),
            after.map(json).into(),
            now.into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Rewrites a transaction as `after`, recording the change.
pub async fn update(
    c: &mut Conn<'_>,
    before: &TransactionRow,
    after: &NewTransaction,
    user_id: Option<i64>,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(FinanceTransactions::Table)
        .values([
            (FinanceTransactions::AccountId, after.account_id.into()),
            (FinanceTransactions::ExpenseId, after.expense_id.into()),
            (FinanceTransactions::Amount, after.amount.into()),
            (FinanceTransactions::ClientId, after.client_id.into()),
            (
                FinanceTransactions::TeamMemberId,
                after.team_member_id.into(),
            ),
            (FinanceTransactions::SupplierId, after.supplier_id.into()),
            (FinanceTransactions::Comment, after.comment.as_str().into()),
            (FinanceTransactions::Date, after.date.into()),
            (FinanceTransactions::UpdatedAt, now.into()),
        ])
        .and_where(Expr::col(FinanceTransactions::Id).eq(before.id))
        .to_owned();
    c.execute(&stmt).await?;
    audit(c, before, Some(after), user_id, now).await
}

/// Soft-deletes a transaction, recording it.
pub async fn delete(
    c: &mut Conn<'_>,
    before: &TransactionRow,
    user_id: Option<i64>,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(FinanceTransactions::Table)
        .value(FinanceTransactions::DeletedAt, now)
        .value(FinanceTransactions::UpdatedAt, now)
        .and_where(Expr::col(FinanceTransactions::Id).eq(before.id))
        .to_owned();
    c.execute(&stmt).await?;
    audit(c, before, None, user_id, now).await
}

/// One recorded change of a transaction.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChangeRow {
    pub id: i64,
    pub transaction_id: i64,
    pub user_id: Option<i64>,
    pub action: String,
    pub before: String,
    pub after: Option<String>,
    pub changed_at: i64,
}
crate::sqlite_row!(ChangeRow {
    id,
    transaction_id,
    user_id,
    action,
    before,
    after,
    changed_at
});

/// The audit trail of a transaction, oldest first.
pub async fn changes(c: &mut Conn<'_>, transaction_id: i64) -> StoreResult<Vec<ChangeRow>> {
    let stmt = Query::select()
        .columns([
            FinanceTransactionChanges::Id,
            FinanceTransactionChanges::TransactionId,
            FinanceTransactionChanges::UserId,
            FinanceTransactionChanges::Action,
            FinanceTransactionChanges::Before,
            FinanceTransactionChanges::After,
            FinanceTransactionChanges::ChangedAt,
        ])
        .from(FinanceTransactionChanges::Table)
        .and_where(Expr::col(FinanceTransactionChanges::TransactionId).eq(transaction_id))
        .order_by(FinanceTransactionChanges::Id, Order::Asc)
        .to_owned();
    c.all(&stmt).await
}
