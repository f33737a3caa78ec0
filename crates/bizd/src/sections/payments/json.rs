//! Wire types of the Payments section: accounts, financial transactions — paths, queries,
//! bodies and answers. Two transaction shapes, as the reference shows them: the numeric object
//! of `POST /finance_transactions` and of a document's transactions ([`FinanceTransactionDto`]),
//! and the older all-strings item of the lists and `GET`/`PUT` ([`TransactionItemDto`]).

use bizd_domain::checkout::expense_title;
use bizd_domain::money::{Currency, Money};
use bizd_domain::time::{iso8601_compact_offset, iso8601_millis, TimeZone};
use bizd_store::payments::accounts::AccountRow;
use bizd_store::payments::transactions::TransactionRow;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use utoipa::{IntoParams, ToSchema};

use crate::http::paging::PageRules;
use crate::http::wire::{Amount, Int, Text};

// ---- paths ----

/// `/accounts/{location_id}`, `/transactions/{location_id}`, `/finance_transactions/{location_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct PaymentsLocationPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
}

/// `/accounts/{location_id}/{account_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct AccountPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Account (cash desk) ID
    #[param(value_type = i64)]
    pub account_id: Int,
}

/// `/finance_transactions/{location_id}/{transaction_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct FinanceTransactionPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Transaction ID
    #[param(value_type = i64)]
    pub transaction_id: Int,
}

/// `/storage_operations/documents/finance_transactions/{document_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct DocumentPath {
    /// Document ID
    #[param(value_type = i64)]
    pub document_id: Int,
}

// ---- queries ----

/// `GET /transactions/{location_id}`: 50 per page by default, at most 1000.
pub struct TransactionPages;
impl PageRules for TransactionPages {
    const DEFAULT: i64 = 50;
    const MAX: i64 = 1000;
}

/// Filters of `GET /transactions/{location_id}`; an id of 0 means "any", as in the examples.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TransactionListQuery {
    /// Page number (one-based)
    #[param(value_type = Option<i64>)]
    pub page: Option<Int>,
    /// Transactions per page (default 50, at most 1000)
    #[param(value_type = Option<i64>)]
    pub count: Option<Int>,
    /// Account (cash desk) ID
    #[param(value_type = Option<i64>)]
    pub account_id: Option<Int>,
    /// Supplier ID
    #[param(value_type = Option<i64>)]
    pub supplier_id: Option<Int>,
    /// Client ID
    #[param(value_type = Option<i64>)]
    pub client_id: Option<Int>,
    /// ID of the user who entered the transaction
    #[param(value_type = Option<i64>)]
    pub user_id: Option<Int>,
    /// Team member ID
    #[param(value_type = Option<i64>)]
    #[serde(alias = "staff_id", alias = "team_member_id")]
    pub master_id: Option<Int>,
    /// Transaction type: the payment item (`expense_id`)
    #[param(value_type = Option<i64>)]
    #[serde(rename = "type")]
    pub kind: Option<Int>,
    /// 1: real-money transactions only (every account transaction is)
    #[param(value_type = Option<i64>)]
    pub real_money: Option<Int>,
    /// 1: the deleted transactions instead of the live ones
    #[param(value_type = Option<i64>)]
    pub deleted: Option<Int>,
    /// First day (YYYY-MM-DD, inclusive, the location's zone)
    pub start_date: Option<String>,
    /// Last day (YYYY-MM-DD, inclusive)
    pub end_date: Option<String>,
    /// 0 any amount, 1 income (positive), 2 expense (negative)
    #[param(value_type = Option<i64>)]
    pub balance_is: Option<Int>,
    /// Document ID
    #[param(value_type = Option<i64>)]
    pub document_id: Option<Int>,
}

/// `GET /timetable/transactions/{location_id}`: one of the two is required.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TimetableTransactionsQuery {
    /// Appointment ID
    #[param(value_type = Option<i64>)]
    pub record_id: Option<Int>,
    /// Visit ID
    #[param(value_type = Option<i64>)]
    pub visit_id: Option<Int>,
}

// ---- bodies ----

/// A financial transaction to create or change (`PUT` changes the fields sent).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct FinanceTransactionBody {
    /// Payment item
    #[schema(value_type = Option<i64>)]
    pub expense_id: Option<Int>,
    /// Amount: positive income, negative expense; exact to the currency's minor unit
    pub amount: Option<Amount>,
    /// Account (cash desk) ID
    #[schema(value_type = Option<i64>)]
    pub account_id: Option<Int>,
    /// Client ID (0: none)
    #[schema(value_type = Option<i64>)]
    pub client_id: Option<Int>,
    /// Supplier ID (0: none)
    #[schema(value_type = Option<i64>)]
    pub supplier_id: Option<Int>,
    /// Team member ID (0: none)
    #[schema(value_type = Option<i64>)]
    #[serde(alias = "staff_id", alias = "team_member_id")]
    pub master_id: Option<Int>,
    /// A comment
    #[schema(value_type = Option<String>)]
    pub comment: Option<Text>,
    /// The transaction's date (ISO 8601; without an offset, the location's time)
    pub date: Option<String>,
}

/// An account to create or change (extension; `PUT` changes the fields sent).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct PaymentAccountBody {
    /// Title (required on create)
    #[schema(value_type = Option<String>)]
    pub title: Option<Text>,
    /// 0 cash, 1 non-cash
    #[serde(rename = "type")]
    #[schema(value_type = Option<i64>)]
    pub kind: Option<Int>,
    /// Description
    #[schema(value_type = Option<String>)]
    pub comment: Option<Text>,
}

// ---- answers ----

/// A location account (cash desk).
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentAccountDto {
    pub id: i64,
    pub title: String,
    /// 1 non-cash, 0 cash
    #[serde(rename = "type")]
    pub kind: i64,
    pub comment: String,
    /// Extension: the sum of the account's live transactions
    pub balance: Amount,
}

impl From<&AccountRow> for PaymentAccountDto {
    fn from(a: &AccountRow) -> Self {
        PaymentAccountDto {
            id: a.id,
            title: a.title.clone(),
            kind: a.kind,
            comment: a.comment.clone(),
            balance: Money::from_minor(a.balance).into(),
        }
    }
}

/// `{id, title}` of a payment item.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionExpenseDto {
    pub id: i64,
    pub title: String,
}

/// The account of a transaction (the union of the reference's two account objects).
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionAccountDto {
    pub id: i64,
    pub title: String,
    pub is_cash: bool,
    pub is_default: bool,
    pub type_id: i64,
    #[serde(rename = "type")]
    pub kind: i64,
    pub comment: String,
    pub company_id: i64,
}

/// A financial transaction: the numeric object of `POST /finance_transactions`, a document's
/// transactions and an appointment's `finance_transactions`.
#[derive(Debug, Serialize, ToSchema)]
pub struct FinanceTransactionDto {
    pub id: i64,
    pub document_id: i64,
    pub date: String,
    /// The payment item, as in the reference's examples
    pub type_id: i64,
    pub expense_id: i64,
    pub account_id: i64,
    pub amount: Amount,
    pub client_id: i64,
    pub master_id: i64,
    pub supplier_id: i64,
    pub comment: String,
    pub item_id: i64,
    pub target_type_id: i64,
    pub record_id: i64,
    pub goods_transaction_id: i64,
    pub expense: TransactionExpenseDto,
    pub account: TransactionAccountDto,
    /// `{id, name, phone, email}`, or `[]` without a client
    #[schema(value_type = Object)]
    pub client: Value,
    /// `{id, name}`, or `[]` without a team member
    #[schema(value_type = Object)]
    pub master: Value,
    /// Always `[]`: suppliers are not built
    #[schema(value_type = Object)]
    pub supplier: Value,
}

fn client_name(t: &TransactionRow) -> String {
    let name = t.client_name.clone().unwrap_or_default();
    match t.client_surname.as_deref().filter(|s| !s.is_empty()) {
        Some(s) if !name.is_empty() => format!("{name} {s}"),
        Some(s) => s.to_owned(),
        None => name,
    }
}

impl FinanceTransactionDto {
    pub fn new(t: &TransactionRow, tz: &TimeZone) -> Self {
        let kind = t.account_type.unwrap_or(0);
        FinanceTransactionDto {
            id: t.id,
            document_id: t.document_id.unwrap_or(0),
            date: iso8601_millis(t.date, tz),
            type_id: t.expense_id,
            expense_id: t.expense_id,
            account_id: t.account_id,
            amount: Money::from_minor(t.amount).into(),
            client_id: t.client_id.unwrap_or(0),
            master_id: t.team_member_id.unwrap_or(0),
            supplier_id: t.supplier_id,
            comment: t.comment.clone(),
            item_id: 0,
            target_type_id: i64::from(t.document_id.is_some()),
            record_id: t.record_id.unwrap_or(0),
            goods_transaction_id: 0,
            expense: TransactionExpenseDto {
                id: t.expense_id,
                title: expense_title(t.expense_id).to_owned(),
            },
            account: TransactionAccountDto {
                id: t.account_id,
                title: t.account_title.clone().unwrap_or_default(),
                is_cash: kind == 0,
                is_default: t.account_is_default.unwrap_or(false),
                type_id: kind,
                kind,
                comment: t.account_comment.clone().unwrap_or_default(),
                company_id: t.location_id,
            },
            client: match t.client_id {
                Some(id) => json!({
                    "id": id,
                    "name": client_name(t),
                    "phone": t.client_phone.clone().unwrap_or_default(),
                    "email": t.client_email.clone().unwrap_or_default(),
                }),
                None => json!([]),
            },
            master: match t.team_member_id {
                Some(id) => json!({"id": id, "name": t.staff_name.clone().unwrap_or_default()}),
                None => json!([]),
            },
            supplier: json!([]),
        }
    }
}

/// `{id, title}` with a string id, as the older transaction item shows its references.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRefDto {
    pub id: String,
    pub title: String,
}

/// A transaction as `GET /transactions`, `GET /timetable/transactions` and `GET`/`PUT
/// /finance_transactions/{id}` show it (the reference's older item: string ids and amount).
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionItemDto {
    pub id: String,
    pub document_id: i64,
    pub expense: TransactionRefDto,
    pub date: String,
    /// Decimal text with the currency's minor digits (`"1000.00"`, yen `"1000"`)
    pub amount: String,
    pub comment: String,
    /// `{id, title}`, or `[]` without a team member
    #[schema(value_type = Object)]
    pub master: Value,
    /// Always `[]`: suppliers are not built
    #[schema(value_type = Object)]
    pub supplier: Value,
    pub account: TransactionRefDto,
    /// `{id, name, phone}` (phone a number), or `[]` without a client
    #[schema(value_type = Object)]
    pub client: Value,
    pub last_change_date: String,
    pub record_id: i64,
    pub visit_id: i64,
    pub sold_item_id: i64,
    pub sold_item_type: String,
    /// Extension: whether the transaction was deleted (seen with `deleted=1`)
    pub deleted: bool,
}

/// An amount as decimal text with the currency's minor digits (at most two: amounts are
/// stored in hundredths).
pub fn amount_text(m: Money, currency: Currency) -> String {
    let digits = currency.minor_digits().min(bizd_domain::money::SCALE);
    let mut d = m.to_decimal();
    d.rescale(digits);
    d.to_string()
}

impl TransactionItemDto {
    pub fn new(t: &TransactionRow, tz: &TimeZone, currency: Currency) -> Self {
        let phone: Value = t
            .client_phone
            .as_deref()
            .and_then(|p| p.parse::<i64>().ok())
            .map_or(json!(t.client_phone.clone().unwrap_or_default()), |n| {
                json!(n)
            });
        TransactionItemDto {
            id: t.id.to_string(),
            document_id: t.document_id.unwrap_or(0),
            expense: TransactionRefDto {
                id: t.expense_id.to_string(),
                title: expense_title(t.expense_id).to_owned(),
            },
            date: iso8601_compact_offset(t.date, tz),
            amount: amount_text(Money::from_minor(t.amount), currency),
            comment: t.comment.clone(),
            master: match t.team_member_id {
                Some(id) => {
                    json!({"id": id.to_string(), "title": t.staff_name.clone().unwrap_or_default()})
                }
                None => json!([]),
            },
            supplier: json!([]),
            account: TransactionRefDto {
                id: t.account_id.to_string(),
                title: t.account_title.clone().unwrap_or_default(),
            },
            client: match t.client_id {
                Some(id) => json!({"id": id.to_string(), "name": client_name(t), "phone": phone}),
                None => json!([]),
            },
            last_change_date: iso8601_compact_offset(t.updated_at, tz),
            record_id: t.record_id.unwrap_or(0),
            visit_id: t.visit_id.unwrap_or(0),
            sold_item_id: 0,
            sold_item_type: String::new(),
            deleted: t.deleted_at.is_some(),
        }
    }
}
