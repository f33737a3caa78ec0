//! Visits, their appointments (records) with services, and product sales: written here for the
//! appointments and sales operations, read by a client's visit history.

mod history;
mod insert;

pub use history::client_history;
pub use insert::insert;

use std::collections::HashMap;

use bizd_domain::money::Money;
use sea_query::Iden;

#[derive(Iden, Clone, Copy)]
pub(crate) enum Visits {
    Table,
    Id,
    LocationId,
    ClientId,
    Attendance,
    StartsAt,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
    /// The live lines' cost after discounts, minor units (kept by `settle`).
    Cost,
    /// The sum of the sale document's live payments (kept by `sales::settle_payments`).
    Paid,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum Records {
    Table,
    Id,
    LocationId,
    VisitId,
    ClientId,
    TeamMemberId,
    StartsAt,
    Length,
    Attendance,
    Comment,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
    Confirmed,
    ApiId,
    CustomColor,
    SmsRemainHours,
    EmailRemainHours,
    CreatedUserId,
    Online,
    TechnicalBreakDuration,
    Overbooked,
    RecordFrom,
    BookformId,
    RecordHash,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum RecordServices {
    Table,
    Id,
    RecordId,
    ServiceId,
    Title,
    FirstCost,
    DiscountPercent,
    CostToPay,
    PaidSum,
    Amount,
    Cost,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum RecordResourceInstances {
    Table,
    RecordId,
    ResourceInstanceId,
    ResourceId,
    StartsAt,
}

#[derive(Debug, Clone)]
pub struct NewRecordService {
    pub service_id: i64,
    pub title: String,
    pub first_cost: Money,
    /// Hundredths of a percent.
    pub discount_percent: i64,
    pub cost_to_pay: Money,
    pub paid_sum: Money,
}

#[derive(Debug, Clone)]
pub struct NewRecord {
    pub team_member_id: Option<i64>,
    pub starts_at: i64,
    pub length: i64,
    pub attendance: i64,
    pub comment: String,
    pub services: Vec<NewRecordService>,
}

#[derive(Debug, Clone)]
pub struct NewVisit {
    pub client_id: i64,
    pub attendance: i64,
    pub starts_at: i64,
    pub records: Vec<NewRecord>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RecordRow {
    pub id: i64,
    pub visit_id: i64,
    pub team_member_id: Option<i64>,
    pub starts_at: i64,
    pub attendance: i64,
    pub comment: String,
}
crate::sqlite_row!(RecordRow {
    id,
    visit_id,
    team_member_id,
    starts_at,
    attendance,
    comment
});

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RecordServiceRow {
    pub record_id: i64,
    pub service_id: i64,
    pub title: String,
    pub first_cost: i64,
    pub discount_percent: i64,
    pub cost_to_pay: i64,
    pub paid_sum: i64,
}
crate::sqlite_row!(RecordServiceRow {
    record_id,
    service_id,
    title,
    first_cost,
    discount_percent,
    cost_to_pay,
    paid_sum
});

/// A sale of products to the client: the live sale lines (type 1) of one document — a visit's
/// sale document or a sale document of its own.
#[derive(Debug, Clone)]
pub struct GoodsRow {
    /// The document's id.
    pub id: i64,
    pub visit_id: Option<i64>,
    pub record_id: Option<i64>,
    pub team_member_id: Option<i64>,
    /// The visit's start for a visit's sale, else the document's date.
    pub sold_at: i64,
    pub comment: String,
    /// Attendance of the visit the sale belongs to, if any.
    pub visit_attendance: Option<i64>,
}

/// A sale line of the history, with what its document says.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GoodsItemRow {
    pub id: i64,
    /// The document (the [`GoodsRow`] it belongs to).
    pub transaction_id: i64,
    pub good_id: i64,
    pub title: String,
    /// Signed, thousandths of the operation unit (negative: sold).
    pub amount: i64,
    pub operation_unit_type: i64,
    pub sale_unit_id: i64,
    pub service_unit_id: i64,
    pub cost_per_unit: i64,
    /// Hundredths of a percent.
    pub discount_percent: i64,
    pub cost_to_pay: i64,
    pub paid_sum: i64,
    pub client_id: Option<i64>,
    pub record_id: Option<i64>,
    pub team_member_id: Option<i64>,
    pub comment: String,
    pub date: i64,
    pub document_comment: String,
    pub visit_id: Option<i64>,
    pub visit_starts_at: Option<i64>,
    pub visit_attendance: Option<i64>,
}
crate::sqlite_row!(GoodsItemRow {
    id,
    transaction_id,
    good_id,
    title,
    amount,
    operation_unit_type,
    sale_unit_id,
    service_unit_id,
    cost_per_unit,
    discount_percent,
    cost_to_pay,
    paid_sum,
    client_id,
    record_id,
    team_member_id,
    comment,
    date,
    document_comment,
    visit_id,
    visit_starts_at,
    visit_attendance
});

/// Everything a client's visit history shows.
#[derive(Debug, Clone, Default)]
pub struct ClientHistory {
    pub records: Vec<RecordRow>,
    pub services: Vec<RecordServiceRow>,
    pub goods: Vec<GoodsRow>,
    pub items: Vec<GoodsItemRow>,
    /// visit id → (cost to pay, paid) over all its services and goods.
    pub visit_totals: HashMap<i64, (Money, Money)>,
}
