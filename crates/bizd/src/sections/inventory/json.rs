//! Wire types of the Inventory section: storages, documents, product transactions, bills of
//! materials and the consumables of appointments.

use bizd_domain::inventory::{qty_to_decimal, type_title, unit};
use bizd_domain::money::Money;
use bizd_domain::time::{iso8601, iso8601_compact_offset, TimeZone};
use bizd_store::inventory::cards::{CardRow, ItemRow};
use bizd_store::inventory::consumables::ServiceConsumables;
use bizd_store::inventory::documents::DocumentRow;
use bizd_store::inventory::storages::StorageRow;
use bizd_store::inventory::transactions::TransactionRow;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use utoipa::{IntoParams, ToSchema};

use crate::http::paging::PageRules;
use crate::http::wire::{Amount, Flag, Int, Text};

// ---- paths ----

/// `/storages/{location_id}`, `/storage_operations/…/{location_id}`, `/technological_cards/{location_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct InventoryLocationPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
}

/// `/storage_operations/documents/{location_id}/{document_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct DocumentPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Document ID
    #[param(value_type = i64)]
    pub document_id: Int,
}

/// `/storage_operations/documents/goods_transactions/{document_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct DocumentOnlyPath {
    /// Document ID
    #[param(value_type = i64)]
    pub document_id: Int,
}

/// `/storage_operations/goods_transactions/{location_id}/{transaction_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TransactionPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Product transaction ID
    #[param(value_type = i64)]
    pub transaction_id: Int,
}

/// `/technological_cards/{location_id}/{card_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CardPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Bill of materials ID
    #[param(value_type = i64)]
    pub card_id: Int,
}

/// `/technological_cards/default_for_staff_and_service/{location_id}/{team_member_id}/{service_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TeamMemberServicePath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Team member ID (`staff_id`)
    #[param(value_type = i64)]
    #[serde(alias = "staff_id")]
    pub team_member_id: Int,
    /// Service ID
    #[param(value_type = i64)]
    pub service_id: Int,
}

/// `/technological_cards/record_consumables/{location_id}/{record_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct RecordPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Appointment ID
    #[param(value_type = i64)]
    pub record_id: Int,
}

/// `/technological_cards/record_consumables/…/{location_id}/{record_id}/{service_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct RecordServicePath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Appointment ID
    #[param(value_type = i64)]
    pub record_id: Int,
    /// Service ID
    #[param(value_type = i64)]
    pub service_id: Int,
}

// ---- queries ----

/// `GET /storages/transactions/{location_id}`: 20 per page by default, at most 1000.
pub struct TransactionPages;
impl PageRules for TransactionPages {
    const DEFAULT: i64 = 20;
    const MAX: i64 = 1000;
}

/// `GET /technological_cards/{location_id}`: 20 per page by default, at most 1000.
pub struct CardPages;
impl PageRules for CardPages {
    const DEFAULT: i64 = 20;
    const MAX: i64 = 1000;
}

/// Filters of `GET /storages/transactions/{location_id}`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TransactionListQuery {
    /// First day (YYYY-MM-DD, inclusive, the location's zone)
    pub start_date: Option<String>,
    /// Last day (YYYY-MM-DD, inclusive)
    pub end_date: Option<String>,
    /// Document ID
    #[param(value_type = Option<i64>)]
    pub document_id: Option<Int>,
    /// Transactions changed or created since (ISO 8601)
    pub changed_after: Option<String>,
    /// Transactions changed or created before (ISO 8601)
    pub changed_before: Option<String>,
    /// Extension: one product (`good_id`)
    #[param(value_type = Option<i64>)]
    #[serde(alias = "product_id")]
    pub good_id: Option<Int>,
    /// Extension: one storage
    #[param(value_type = Option<i64>)]
    pub storage_id: Option<Int>,
    /// Extension: one transaction type
    #[param(value_type = Option<i64>)]
    pub type_id: Option<Int>,
}

/// `GET /technological_cards/{location_id}`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CardListQuery {
    /// Part of the title
    pub search: Option<String>,
}

// ---- bodies ----

/// An inventory document to create or change.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct DocumentBody {
    /// 1 sale, 3 arrival, 4 write-off (7 is read as 4), 5 transfer, 6 inventory correction
    #[schema(value_type = Option<i64>)]
    pub type_id: Option<Int>,
    #[schema(value_type = Option<String>)]
    pub comment: Option<Text>,
    /// Storage ID
    #[schema(value_type = Option<i64>)]
    pub storage_id: Option<Int>,
    /// The document's date (ISO 8601; without an offset, the location's time; default now)
    pub create_date: Option<String>,
}

/// A product transaction to create or change (`PUT` changes the fields sent).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct TransactionBody {
    /// Document ID (not in an operation's transactions)
    #[schema(value_type = Option<i64>)]
    pub document_id: Option<Int>,
    /// Product ID
    #[schema(value_type = Option<i64>)]
    #[serde(alias = "product_id")]
    pub good_id: Option<Int>,
    /// Quantity, positive (its sign follows the document type); signed in an inventory
    /// correction (the difference counted)
    pub amount: Option<Amount>,
    /// Price of one unit
    pub cost_per_unit: Option<Amount>,
    /// Discount, percent
    pub discount: Option<Amount>,
    /// Total (default: amount × cost_per_unit less the discount)
    pub cost: Option<Amount>,
    /// 1 sale unit (default), 2 write-off unit
    #[schema(value_type = Option<i64>)]
    pub operation_unit_type: Option<Int>,
    /// Team member who sold it
    #[schema(value_type = Option<i64>)]
    #[serde(alias = "staff_id", alias = "team_member_id")]
    pub master_id: Option<Int>,
    /// Client who bought it (0: none)
    #[schema(value_type = Option<i64>)]
    pub client_id: Option<Int>,
    /// Supplier ID (kept as given: suppliers are not built)
    #[schema(value_type = Option<i64>)]
    pub supplier_id: Option<Int>,
    #[schema(value_type = Option<String>)]
    pub comment: Option<Text>,
    /// Extension: the storage (default the document's; in a transfer, another storage is the
    /// receiving side)
    #[schema(value_type = Option<i64>)]
    pub storage_id: Option<Int>,
}

/// A document with its transactions, in one request.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct OperationBody {
    /// 1 sale, 3 arrival, 4 write-off, 5 transfer, 6 inventory correction
    #[schema(value_type = Option<i64>)]
    pub type_id: Option<Int>,
    #[schema(value_type = Option<String>)]
    pub comment: Option<Text>,
    pub create_date: Option<String>,
    /// Team member, for transactions that name none
    #[schema(value_type = Option<i64>)]
    #[serde(alias = "staff_id")]
    pub master_id: Option<Int>,
    /// Storage ID
    #[schema(value_type = Option<i64>)]
    pub storage_id: Option<Int>,
    /// Extension: the receiving storage of a transfer (each transaction is then a pair)
    #[schema(value_type = Option<i64>)]
    pub to_storage_id: Option<Int>,
    /// Extension ("if a payment type is specified"): the account a sale is paid into or an
    /// arrival paid from; one financial transaction of the document's total is written with it
    #[schema(value_type = Option<i64>)]
    pub account_id: Option<Int>,
    #[serde(default)]
    pub goods_transactions: Vec<TransactionBody>,
}

/// An item of a bill of materials.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CardItemBody {
    #[schema(value_type = Option<i64>)]
    #[serde(alias = "product_id")]
    pub good_id: Option<Int>,
    /// Storage (default: the consumables storage)
    #[schema(value_type = Option<i64>)]
    pub storage_id: Option<Int>,
    /// Write-off units
    pub amount: Option<Amount>,
}

/// A bill of materials to create or change (extension: v1 has no card writes).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CardBody {
    #[schema(value_type = Option<String>)]
    pub title: Option<Text>,
    /// The service it is the default card of (0: none)
    #[schema(value_type = Option<i64>)]
    pub service_id: Option<Int>,
    /// Only for this team member (0: anyone)
    #[schema(value_type = Option<i64>)]
    #[serde(alias = "master_id", alias = "team_member_id")]
    pub staff_id: Option<Int>,
    #[serde(default)]
    pub technological_card_items: Vec<CardItemBody>,
}

/// A consumable of an appointment service.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ConsumableBody {
    #[schema(value_type = Option<i64>)]
    #[serde(alias = "product_id")]
    pub good_id: Option<Int>,
    /// Storage (0 or absent: the consumables storage)
    #[schema(value_type = Option<i64>)]
    pub storage_id: Option<Int>,
    /// Write-off units
    pub amount: Option<Amount>,
    /// Price of the amount (default from the product's cost price)
    pub price: Option<Amount>,
}

/// `PUT /technological_cards/record_consumables/consumables/…`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ConsumablesBody {
    #[serde(default)]
    pub consumables: Vec<ConsumableBody>,
}

/// `DELETE /technological_cards/record_consumables/technological_cards/…` (optional body or query).
#[derive(Debug, Default, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnlinkQuery {
    /// 1: remove the consumables with the bill of materials
    #[schema(value_type = Option<i64>)]
    #[param(value_type = Option<i64>)]
    pub delete_consumables: Option<Flag>,
}

/// The inventory settings of a location (extension).
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
pub struct InventorySettingsBody {
    /// Whether stock may go below zero (default false)
    #[schema(value_type = Option<bool>)]
    pub allow_negative_stock: Option<Flag>,
}

/// The inventory settings of a location (extension).
#[derive(Debug, Serialize, ToSchema)]
pub struct InventorySettingsDto {
    pub allow_negative_stock: bool,
}

// ---- answers ----

/// A location storage (inventory).
#[derive(Debug, Serialize, ToSchema)]
pub struct StorageDto {
    pub id: i64,
    pub title: String,
    /// 1: consumables are written off from it
    pub for_services: i64,
    /// 1: the default storage of sales
    pub for_sale: i64,
    pub comment: String,
}

impl From<&StorageRow> for StorageDto {
    fn from(s: &StorageRow) -> Self {
        StorageDto {
            id: s.id,
            title: s.title.clone(),
            for_services: i64::from(s.for_services),
            for_sale: i64::from(s.for_sale),
            comment: s.comment.clone(),
        }
    }
}

/// `{id, title}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct InventoryRefDto {
    pub id: i64,
    pub title: String,
}

/// A unit `{id, title, short_title}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitDto {
    pub id: i64,
    pub title: String,
    pub short_title: String,
}

fn unit_dto(id: i64) -> UnitDto {
    let (title, short) = unit(id).unwrap_or(("", ""));
    UnitDto {
        id,
        title: title.into(),
        short_title: short.into(),
    }
}

/// A product transaction (the object of `POST`/`GET`/`PUT` and of the lists).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProductTransactionDto {
    pub id: i64,
    pub document_id: i64,
    pub type_id: i64,
    #[serde(rename = "type")]
    pub kind: InventoryRefDto,
    pub company_id: i64,
    pub good_id: i64,
    /// Signed: negative when stock leaves
    pub amount: Amount,
    pub cost_per_unit: Amount,
    /// Percent
    pub discount: Amount,
    pub cost: Amount,
    pub unit_id: i64,
    pub operation_unit_type: i64,
    pub storage_id: i64,
    pub supplier_id: i64,
    pub client_id: i64,
    pub master_id: i64,
    pub record_id: i64,
    pub service_id: i64,
    pub create_date: String,
    pub last_change_date: String,
    pub comment: String,
    pub deleted: bool,
    pub good: InventoryRefDto,
    pub storage: InventoryRefDto,
    /// Always `[]`: suppliers are not built
    #[schema(value_type = Object)]
    pub supplier: Value,
    /// `{id, name, phone}`, or `[]`
    #[schema(value_type = Object)]
    pub client: Value,
    /// `{id, name}`, or `[]`
    #[schema(value_type = Object)]
    pub master: Value,
    pub unit: UnitDto,
}

impl ProductTransactionDto {
    pub fn new(t: &TransactionRow, tz: &TimeZone) -> Self {
        let unit_id = if t.operation_unit_type == 2 {
            t.service_unit_id.unwrap_or(0)
        } else {
            t.sale_unit_id.unwrap_or(0)
        };
        ProductTransactionDto {
            id: t.id,
            document_id: t.document_id,
            type_id: t.type_id,
            kind: InventoryRefDto {
                id: t.type_id,
                title: type_title(t.type_id).into(),
            },
            company_id: t.location_id,
            good_id: t.product_id,
            amount: Amount(qty_to_decimal(t.amount)),
            cost_per_unit: Money::from_minor(t.cost_per_unit).into(),
            discount: Money::from_minor(t.discount).into(),
            cost: Money::from_minor(t.cost).into(),
            unit_id,
            operation_unit_type: t.operation_unit_type,
            storage_id: t.storage_id,
            supplier_id: t.supplier_id,
            client_id: t.client_id.unwrap_or(0),
            master_id: t.team_member_id.unwrap_or(0),
            record_id: t.record_id.unwrap_or(0),
            service_id: t.service_id.unwrap_or(0),
            create_date: iso8601(t.date, tz),
            last_change_date: iso8601_compact_offset(t.updated_at, tz),
            comment: t.comment.clone(),
            deleted: t.deleted_at.is_some(),
            good: InventoryRefDto {
                id: t.product_id,
                title: t.product_title.clone().unwrap_or_default(),
            },
            storage: InventoryRefDto {
                id: t.storage_id,
                title: t.storage_title.clone().unwrap_or_default(),
            },
            supplier: json!([]),
            client: match t.client_id {
                Some(id) => json!({"id": id, "name": t.client_name.clone().unwrap_or_default(),
                                   "phone": t.client_phone.clone().unwrap_or_default()}),
                None => json!([]),
            },
            master: match t.team_member_id {
                Some(id) => json!({"id": id, "name": t.staff_name.clone().unwrap_or_default()}),
                None => json!([]),
            },
            unit: unit_dto(unit_id),
        }
    }
}

/// An inventory document.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentDto {
    pub id: i64,
    pub type_id: i64,
    #[serde(rename = "type")]
    pub kind: InventoryRefDto,
    pub storage_id: i64,
    pub user_id: i64,
    pub company_id: i64,
    /// The document's number (its id)
    pub number: i64,
    pub comment: String,
    pub create_date: String,
    pub storage: InventoryRefDto,
    pub company: InventoryRefDto,
    /// `{id, name, phone}`, or `[]` for a document written by bizd
    #[schema(value_type = Object)]
    pub user: Value,
}

impl DocumentDto {
    pub fn new(d: &DocumentRow, tz: &TimeZone, location_title: &str) -> Self {
        DocumentDto {
            id: d.id,
            type_id: d.type_id,
            kind: InventoryRefDto {
                id: d.type_id,
                title: type_title(d.type_id).into(),
            },
            storage_id: d.storage_id.unwrap_or(0),
            user_id: d.user_id.unwrap_or(0),
            company_id: d.location_id,
            number: d.id,
            comment: d.comment.clone(),
            create_date: iso8601(d.date, tz),
            storage: InventoryRefDto {
                id: d.storage_id.unwrap_or(0),
                title: d.storage_title.clone().unwrap_or_default(),
            },
            company: InventoryRefDto {
                id: d.location_id,
                title: location_title.into(),
            },
            user: match d.user_id {
                Some(id) => json!({"id": id, "name": d.user_name.clone().unwrap_or_default(),
                                   "phone": d.user_phone.clone().unwrap_or_default()}),
                None => json!([]),
            },
        }
    }
}

/// `POST /storage_operations/operation`: the document and its transactions.
#[derive(Debug, Serialize, ToSchema)]
pub struct OperationDto {
    pub document: DocumentDto,
    pub transactions: Vec<ProductTransactionDto>,
}

/// `{id, title, unit}` of a product in a bill of materials or a consumable.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionGoodDto {
    pub id: i64,
    pub title: String,
    pub unit: String,
}

/// An item of a bill of materials: write-off units of a product.
#[derive(Debug, Serialize, ToSchema)]
pub struct CardItemDto {
    pub id: i64,
    pub technological_card_id: i64,
    pub storage_id: i64,
    pub good_id: i64,
    pub amount: Amount,
    /// The write-off unit's short title
    pub unit: String,
    /// Cost price of the amount
    pub price: Amount,
    pub title: String,
    pub good: TransactionGoodDto,
}

impl CardItemDto {
    pub fn new(i: &ItemRow) -> Self {
        let short = unit(i.service_unit_id.unwrap_or(0))
            .map_or("", |u| u.1)
            .to_owned();
        let ue = i.unit_equals.unwrap_or(1000);
        let price = if ue == 0 {
            0
        } else {
            let v = i128::from(i.amount) * i128::from(i.actual_cost.unwrap_or(0));
            i64::try_from((v + i128::from(ue) / 2) / i128::from(ue)).unwrap_or(0)
        };
        let title = i.product_title.clone().unwrap_or_default();
        CardItemDto {
            id: i.id,
            technological_card_id: i.card_id,
            storage_id: i.storage_id,
            good_id: i.product_id,
            amount: Amount(qty_to_decimal(i.amount)),
            unit: short.clone(),
            price: Money::from_minor(price).into(),
            title: title.clone(),
            good: TransactionGoodDto {
                id: i.product_id,
                title,
                unit: short,
            },
        }
    }
}

/// A bill of materials (technological card).
#[derive(Debug, Serialize, ToSchema)]
pub struct CardDto {
    pub id: i64,
    pub title: String,
    /// Extension: the service it is the default of (0: none)
    pub service_id: i64,
    /// Extension: the team member it is for (0: anyone)
    pub staff_id: i64,
    pub technological_card_items: Vec<CardItemDto>,
}

impl CardDto {
    pub fn new(c: &CardRow, items: &[ItemRow]) -> Self {
        CardDto {
            id: c.id,
            title: c.title.clone(),
            service_id: c.service_id.unwrap_or(0),
            staff_id: c.team_member_id.unwrap_or(0),
            technological_card_items: items
                .iter()
                .filter(|i| i.card_id == c.id)
                .map(CardItemDto::new)
                .collect(),
        }
    }
}

/// A consumable of an appointment service.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsumableDto {
    /// The write-off transaction once the visit is completed (0 before)
    pub goods_transaction_id: i64,
    pub record_id: i64,
    pub service_id: i64,
    pub storage_id: i64,
    pub good_id: i64,
    pub price: Amount,
    pub amount: Amount,
    pub good: TransactionGoodDto,
}

/// An appointment service's bill of materials and consumables.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordConsumablesDto {
    pub service_id: i64,
    pub record_id: i64,
    pub technological_cards: Vec<CardDto>,
    pub consumables: Vec<ConsumableDto>,
}

impl RecordConsumablesDto {
    /// `written`: the live write-off transactions of the appointment; `goods`: `(id, title,
    /// write-off unit)` of the products named.
    pub fn new(
        s: &ServiceConsumables,
        items: &[ItemRow],
        written: &[TransactionRow],
        goods: &[(i64, String, i64)],
    ) -> Self {
        let good = |id: i64| {
            let g = goods.iter().find(|g| g.0 == id);
            TransactionGoodDto {
                id,
                title: g.map(|g| g.1.clone()).unwrap_or_default(),
                unit: g.and_then(|g| unit(g.2)).map_or("", |u| u.1).to_owned(),
            }
        };
        RecordConsumablesDto {
            service_id: s.service_id,
            record_id: s.record_id,
            technological_cards: s.card.iter().map(|c| CardDto::new(c, items)).collect(),
            consumables: s
                .consumables
                .iter()
                .map(|x| ConsumableDto {
                    goods_transaction_id: written
                        .iter()
                        .find(|t| {
                            t.service_id == Some(s.service_id)
                                && t.product_id == x.product_id
                                && t.storage_id == x.storage_id
                        })
                        .map_or(0, |t| t.id),
                    record_id: s.record_id,
                    service_id: s.service_id,
                    storage_id: x.storage_id,
                    good_id: x.product_id,
                    price: Money::from_minor(x.price).into(),
                    amount: Amount(qty_to_decimal(x.amount)),
                    good: good(x.product_id),
                })
                .collect(),
        }
    }
}
