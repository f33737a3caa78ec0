//! Checkout's books: a location's accounts (cash desks) and the financial transactions that
//! move money in and out of them. An account's balance is never stored: it is the sum of its
//! live transactions, computed where it is read. A payment of a sale document is a financial
//! transaction with `document_id` set ([`crate::sales`] writes those); every edit or deletion
//! of a transaction leaves a row in `finance_transaction_changes` (who, when, before, after).

pub mod accounts;
mod changes;
pub mod transactions;

use sea_query::Iden;

#[derive(Iden, Clone, Copy)]
pub(crate) enum Accounts {
    Table,
    Id,
    LocationId,
    Title,
    Type,
    Comment,
    IsDefault,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum FinanceTransactions {
    Table,
    Id,
    LocationId,
    AccountId,
    DocumentId,
    VisitId,
    RecordId,
    ExpenseId,
    Amount,
    ClientId,
    TeamMemberId,
    SupplierId,
    Comment,
    Date,
    UserId,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum FinanceTransactionChanges {
    Table,
    Id,
    TransactionId,
    LocationId,
    UserId,
    Action,
    Before,
    After,
    ChangedAt,
}
