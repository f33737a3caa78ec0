//! Wire types of the Sales section: a sale document's state, its payment body — paths, bodies
//! and answers, in the shapes of the reference's Sales-Operation examples.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::wire::{Amount, EmptyList, Int, Text};

// ---- paths ----

/// `/company/{location_id}/sale/{document_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct SalePath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Sale document ID
    #[param(value_type = i64)]
    pub document_id: Int,
}

/// `/company/{location_id}/sale/{document_id}/payment/…/{payment_transaction_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct SalePaymentPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Sale document ID
    #[param(value_type = i64)]
    pub document_id: Int,
    /// Payment transaction ID
    #[param(value_type = i64)]
    pub payment_transaction_id: Int,
}

// ---- bodies ----

/// `{"payment": {"method": {"slug": "account", "account_id": 1}, "amount": 123}}`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SalePaymentBody {
    pub payment: Option<SalePaymentDraft>,
}

/// The payment: its method and amount.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SalePaymentDraft {
    pub method: Option<SalePaymentMethodBody>,
    /// Positive: a payment; negative: a refund (at most what was paid). Exact to the currency's
    /// minor unit.
    pub amount: Option<Amount>,
}

/// `slug` `account` (with `account_id`) is the method available; `deposit`,
/// `loyalty_certificate`, `loyalty_abonement`, `loyalty_card`, `loyalty_program` and
/// `referral_loyalty_program` answer 422 `payment_method_unavailable`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SalePaymentMethodBody {
    #[schema(value_type = Option<String>)]
    pub slug: Option<Text>,
    #[schema(value_type = Option<i64>)]
    pub account_id: Option<Int>,
    /// Accepted with gift card and membership methods (not available yet)
    #[schema(value_type = Option<String>)]
    pub number: Option<Text>,
}

// ---- answers ----

/// A line of the sale document.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaleItemDto {
    pub id: i64,
    /// `service` or `good`
    #[serde(rename = "type")]
    pub kind: String,
    pub document_id: i64,
    pub title: String,
    /// Services: how many; goods: sale units
    pub amount: Amount,
    pub default_cost_per_unit: Amount,
    pub default_cost_total: Amount,
    pub client_discount_percent: Amount,
    pub cost_to_pay_total: Amount,
}

/// `{id, title, is_cash, is_default}` of an account.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaleAccountDto {
    pub id: i64,
    pub title: String,
    pub is_cash: bool,
    pub is_default: bool,
}

/// `{id, title}` of a payment item.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaleExpenseDto {
    pub id: i64,
    pub title: String,
}

/// A payment of the document into an account.
#[derive(Debug, Serialize, ToSchema)]
pub struct SalePaymentTransactionDto {
    pub id: i64,
    pub document_id: i64,
    /// 0: a payment is of the whole document, not of one line
    pub sale_item_id: i64,
    pub sale_item_type: String,
    pub expense_id: i64,
    pub account_id: i64,
    pub amount: Amount,
    pub account: SaleAccountDto,
    pub expense: SaleExpenseDto,
}

/// What the document holds and what was paid.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaleStateDto {
    pub items: Vec<SaleItemDto>,
    /// Loyalty comes with its sections: always `[]`
    pub loyalty_transactions: EmptyList,
    pub payment_transactions: Vec<SalePaymentTransactionDto>,
}

/// Cash-register (KKM) operations: none are made yet.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaleKkmStateDto {
    pub last_operation_type: i64,
    pub transactions: EmptyList,
}

/// `{id, title, is_cash}` of a method's account.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaleMethodAccountDto {
    pub id: i64,
    pub title: String,
    pub is_cash: bool,
}

/// A way to pay the document: one per live account.
#[derive(Debug, Serialize, ToSchema)]
pub struct SalePaymentMethodDto {
    pub slug: String,
    pub is_applicable: bool,
    pub applicable_amount: Amount,
    pub applicable_count: i64,
    pub applicable_value: i64,
    pub account_id: i64,
    pub account: SaleMethodAccountDto,
}

/// The sale operation: `state`, `kkm_state`, `payment_methods`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaleDocumentDto {
    pub state: SaleStateDto,
    pub kkm_state: SaleKkmStateDto,
    pub payment_methods: Vec<SalePaymentMethodDto>,
}
