//! Inventory: a location's storages, inventory documents (rows of `sale_documents` of the
//! inventory types), the product transactions they hold, bills of materials (technological
//! cards) and the consumables of appointments. Stock is never stored: it is the sum of a
//! product's live transactions in a storage, in its write-off unit. Every write that can lower
//! stock goes through a [`transactions::StockGuard`]: it locks the products (in id order, after
//! every other lock of the transaction), reads their stock, and after the write refuses a
//! storage left negative unless the location allows it.

pub mod cards;
pub mod consumables;
pub mod documents;
pub mod storages;
pub mod transactions;

use sea_query::Iden;

#[derive(Iden, Clone, Copy)]
pub(crate) enum Storages {
    Table,
    Id,
    LocationId,
    Title,
    Comment,
    ForServices,
    ForSale,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

/// `sale_documents` with the columns inventory documents use.
#[derive(Iden, Clone, Copy)]
pub(crate) enum Documents {
    #[iden = "sale_documents"]
    Table,
    Id,
    LocationId,
    TypeId,
    VisitId,
    UserId,
    StorageId,
    Comment,
    Date,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum ProductTransactions {
    Table,
    Id,
    LocationId,
    DocumentId,
    ProductId,
    StorageId,
    TypeId,
    OperationUnitType,
    Amount,
    ServiceAmount,
    CostPerUnit,
    Discount,
    Cost,
    /// A sale line's share of its visit's payments (kept by `sales::spread`).
    PaidSum,
    ClientId,
    TeamMemberId,
    SupplierId,
    RecordId,
    ServiceId,
    Comment,
    Date,
    UserId,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum TechnologicalCards {
    Table,
    Id,
    LocationId,
    Title,
    ServiceId,
    TeamMemberId,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum TechnologicalCardItems {
    Table,
    Id,
    CardId,
    ProductId,
    StorageId,
    Amount,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum RecordConsumableSets {
    Table,
    RecordId,
    ServiceId,
    LocationId,
    TechnologicalCardId,
    UpdatedAt,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum RecordConsumables {
    Table,
    Id,
    RecordId,
    ServiceId,
    LocationId,
    ProductId,
    StorageId,
    Amount,
    Price,
}
