//! Payments (`../shared/reference/altegio-b2b-v1/INDEX.md` "Payments"; the full reference's
//! Checkout and Financial-Transactions groups): a location's accounts (cash desks) and the
//! financial transactions in them.
//!
//! Quirks: every location has a cash and a card account from its creation; v1 has no account
//! writes, so `POST /accounts/{location_id}` and `PUT`/`DELETE /accounts/{location_id}/{id}` are
//! extensions (settings permission, as other location settings). An account's balance is the
//! sum of its live transactions, never a stored number; `GET /accounts` adds it as `balance`.
//! Transactions are never erased: a deletion (202) or an edit leaves an audit row (who, when,
//! before, after). Two transaction shapes, each endpoint keeping the reference's: the lists and
//! `GET`/`PUT` of one transaction answer the older item (string ids and amount, a one-item list
//! for a single transaction), `POST` and a document's transactions the numeric object. Money is
//! exact to the location currency's minor unit (a yen amount with a fraction is a 422).
//! Permissions: the books (accounts, transactions) need `finances` — owner, administrator,
//! manager: an employee's login takes bookings, not the till; a visit's transactions
//! (`/timetable/transactions`, a document's) need `records_finances`, the same roles.
//! `/storage_operations/documents/…/{document_id}` is decided by the document's location.

mod create_account;
mod create_financial_transaction;
mod delete_account;
mod delete_financial_transaction;
mod get_account_list;
mod get_document_financial_transactions;
mod get_financial_transaction;
mod get_transactions;
mod get_transactions_by_visit_or_appointment_id;
pub mod json;
pub mod rules;
mod update_account;
mod update_financial_transaction;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(
            get_account_list::get_account_list,
            create_account::create_account
        ))
        .routes(routes!(
            update_account::update_account,
            delete_account::delete_account
        ))
        .routes(routes!(get_transactions::get_transactions))
        .routes(routes!(
            get_transactions_by_visit_or_appointment_id::get_transactions_by_visit_or_appointment_id
        ))
        .routes(routes!(
            create_financial_transaction::create_financial_transaction
        ))
        .routes(routes!(
            get_financial_transaction::get_financial_transaction,
            update_financial_transaction::update_financial_transaction,
            delete_financial_transaction::delete_financial_transaction
        ))
        .routes(routes!(
            get_document_financial_transactions::get_document_financial_transactions
        ))
}
