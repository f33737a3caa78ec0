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

#[derive(Iden, Clone, Copy)]
pub(crate) enum GoodsTransactions {
    Table,
    Id,
    LocationId,
    ClientId,
    VisitId,
    RecordId,
    TeamMemberId,
    SoldAt,
    Comment,
    CreatedAt,
    DeletedAt,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum GoodsTransactionItems {
    Table,
    Id,
    TransactionId,
    GoodId,
    Title,
    Amount,
    Unit,
    CostPerUnit,
    DiscountPercent,
    CostToPay,
    PaidSum,
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
pub struct NewGoodsItem {
    pub good_id: i64,
    pub title: String,
    /// Hundredths of a unit; negative for a sale.
    pub amount: i64,
    pub unit: String,
    pub cost_per_unit: Money,
    pub discount_percent: i64,
    pub cost_to_pay: Money,
    pub paid_sum: Money,
}

#[derive(Debug, Clone)]
pub struct NewGoodsTransaction {
    pub team_member_id: Option<i64>,
    pub sold_at: i64,
    pub comment: String,
    pub items: Vec<NewGoodsItem>,
}

#[derive(Debug, Clone)]
pub struct NewVisit {
    pub client_id: i64,
    pub attendance: i64,
    pub starts_at: i64,
    pub records: Vec<NewRecord>,
    pub goods: Vec<NewGoodsTransaction>,
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

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GoodsRow {
    pub id: i64,
    pub visit_id: Option<i64>,
    pub record_id: Option<i64>,
    pub team_member_id: Option<i64>,
    pub sold_at: i64,
    pub comment: String,
    /// Attendance of the visit the sale belongs to, if any.
    pub visit_attendance: Option<i64>,
}
crate::sqlite_row!(GoodsRow {
    id,
    visit_id,
    record_id,
    team_member_id,
    sold_at,
    comment,
    visit_attendance
});

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GoodsItemRow {
    pub transaction_id: i64,
    pub good_id: i64,
    pub title: String,
    pub amount: i64,
    pub unit: String,
    pub cost_per_unit: i64,
    pub discount_percent: i64,
    pub cost_to_pay: i64,
    pub paid_sum: i64,
}
crate::sqlite_row!(GoodsItemRow {
    transaction_id,
    good_id,
    title,
    amount,
    unit,
    cost_per_unit,
    discount_percent,
    cost_to_pay,
    paid_sum
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
