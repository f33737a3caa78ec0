//! Sales (`../shared/reference/altegio-b2b-v1/INDEX.md` "Sales"; the full reference's
//! Sales-Operation and Sale-operation groups): a visit's sale document and its payments.
//!
//! Quirks: every visit has a sale document (type 7, "Visit") from its creation, holding its
//! service lines (product lines come with products); the appointment's `documents` names it.
//! Paying (`method.slug` `account`) writes one financial transaction in the account — the
//! reference's payment transaction and financial transaction are the same row here (same id),
//! so the two can never disagree. A negative amount is a refund, at most what was paid (422
//! `refund_above_paid`). Deposits, certificates, memberships, loyalty cards and programs answer
//! 422 `payment_method_unavailable`. A payment is of the whole document: `sale_item_id` is 0;
//! it names the visit's first appointment as its `record_id`. The visit's `paid` is the sum of
//! its live payments, recomputed under the visit's lock in the paying transaction, so
//! concurrent payments are each counted once and a visit is never `paid_full` on money that was
//! not recorded. Permission: `records_finances` (owner, administrator, manager) — an employee
//! books and marks arrivals but does not take money.

mod create_payment_with_loyalty_methods;
mod delete_location_account_payment;
mod delete_loyalty_payment_transaction;
mod get_sale_transaction;
pub mod json;
pub mod rules;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_sale_transaction::get_sale_transaction))
        .routes(routes!(
            create_payment_with_loyalty_methods::create_payment_with_loyalty_methods
        ))
        .routes(routes!(
            delete_location_account_payment::delete_location_account_payment
        ))
        .routes(routes!(
            delete_loyalty_payment_transaction::delete_loyalty_payment_transaction
        ))
}
