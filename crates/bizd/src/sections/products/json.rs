//! Wire types of the Products section: products, their categories and the product tree.

use bizd_domain::inventory::{qty_to_decimal, to_sale_units, unit};
use bizd_domain::money::Money;
use bizd_domain::time::{iso8601_compact_offset, TimeZone};
use bizd_store::products::{CategoryRow, ProductRow};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::paging::PageRules;
use crate::http::wire::{Amount, Int, Text};

// ---- paths ----

/// `/goods/{location_id}`, `/goods/search/{location_id}`, `/goods_categories/{location_id}`, …
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ProductsLocationPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
}

/// `/goods/{location_id}/{product_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ProductPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Product ID (`good_id`)
    #[param(value_type = i64)]
    #[serde(alias = "good_id")]
    pub product_id: Int,
}

/// `/goods_categories/{location_id}/{category_id}`, `/goods/category_node/…`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CategoryPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Product category ID
    #[param(value_type = i64)]
    pub category_id: Int,
}

/// `/company/{location_id}/goods_categories/{parent_category_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ParentCategoryPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Parent category ID (0: the root categories)
    #[param(value_type = i64)]
    pub parent_category_id: Int,
}

// ---- queries ----

/// `GET /goods/{location_id}`: 25 per page by default, at most 1000.
pub struct ProductPages;
impl PageRules for ProductPages {
    const DEFAULT: i64 = 25;
    const MAX: i64 = 1000;
}

/// `GET /goods/category_node`: 25 children per page by default, at most 1000.
pub struct NodePages;
impl PageRules for NodePages {
    const DEFAULT: i64 = 25;
    const MAX: i64 = 1000;
}

/// Filters of `GET /goods/{location_id}`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProductListQuery {
    /// Name, article or barcode (contained, case-insensitive)
    pub term: Option<String>,
    /// Product category ID
    #[param(value_type = Option<i64>)]
    pub category_id: Option<Int>,
    /// Products changed or created since (ISO 8601)
    pub changed_after: Option<String>,
    /// Products changed or created before (ISO 8601)
    pub changed_before: Option<String>,
}

/// `GET /goods/search/{location_id}`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Categories by name or article, products by name, article or barcode
    #[serde(alias = "search_term")]
    pub term: Option<String>,
    /// At most this many elements (default 20, at most 100)
    #[param(value_type = Option<i64>)]
    #[serde(alias = "max_count")]
    pub count: Option<Int>,
}

/// `GET /goods_categories/multiple/{location_id}?id=1&ids[]=2`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CategoryIdsQuery {
    /// A category ID
    #[param(value_type = Option<i64>)]
    pub id: Option<Int>,
    /// More category IDs
    #[param(value_type = Option<Vec<i64>>)]
    #[serde(default, rename = "ids[]", alias = "ids")]
    pub ids: Vec<Int>,
}

// ---- bodies ----

/// A product to create or change (`PUT` rewrites the fields sent, keeping the others).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ProductBody {
    /// Product name (required on create)
    #[schema(value_type = Option<String>)]
    pub title: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub print_title: Option<Text>,
    /// Vendor code
    #[schema(value_type = Option<String>)]
    pub article: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub barcode: Option<Text>,
    /// Product category ID (required on create)
    #[schema(value_type = Option<i64>)]
    pub category_id: Option<Int>,
    /// Selling price
    pub cost: Option<Amount>,
    /// Cost price
    pub actual_cost: Option<Amount>,
    /// Sale unit (required on create): 1 pcs, 2 g, 3 kg, 4 ml, 5 l, 6 cm, 7 m, 8 pack
    #[schema(value_type = Option<i64>)]
    pub sale_unit_id: Option<Int>,
    /// Write-off unit (required on create), of the same list
    #[schema(value_type = Option<i64>)]
    pub service_unit_id: Option<Int>,
    /// Write-off units in one sale unit (default 1)
    pub unit_equals: Option<Amount>,
    /// Critical stock, sale units
    pub critical_amount: Option<Amount>,
    /// Desired stock, sale units
    pub desired_amount: Option<Amount>,
    pub netto: Option<Amount>,
    pub brutto: Option<Amount>,
    #[schema(value_type = Option<String>)]
    pub comment: Option<Text>,
    #[schema(value_type = Option<i64>)]
    pub tax_variant: Option<Int>,
    #[schema(value_type = Option<i64>)]
    pub vat_id: Option<Int>,
    /// Rules for recalculating units (not supported: a product with transactions keeps its
    /// units, 409)
    #[schema(value_type = Option<Vec<Object>>)]
    pub correction_rules: Option<serde_json::Value>,
}

/// A product category to create or change.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ProductCategoryBody {
    /// Category name (required)
    #[schema(value_type = Option<String>)]
    pub title: Option<Text>,
    /// Parent category ID (0 or null: a root category)
    #[schema(value_type = Option<i64>)]
    pub parent_category_id: Option<Int>,
    #[schema(value_type = Option<String>)]
    pub article: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub comment: Option<Text>,
}

// ---- answers ----

/// Stock of a product in one storage (sale units).
#[derive(Debug, Serialize, ToSchema)]
pub struct ActualAmountDto {
    pub storage_id: i64,
    pub amount: Amount,
}

/// A product, as the reference shows it, with the fields it accepts (extension).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProductDto {
    pub id: i64,
    pub good_id: i64,
    pub title: String,
    pub value: String,
    pub label: String,
    pub print_title: String,
    pub article: String,
    pub barcode: String,
    pub category_id: i64,
    pub category: String,
    pub cost: Amount,
    pub unit_id: i64,
    pub unit_short_title: String,
    pub service_unit_id: i64,
    pub service_unit_short_title: String,
    pub actual_cost: Amount,
    /// Cost price of one write-off unit
    pub unit_actual_cost: Amount,
    pub unit_actual_cost_format: String,
    pub unit_equals: Amount,
    pub critical_amount: Amount,
    pub desired_amount: Amount,
    pub netto: Amount,
    pub brutto: Amount,
    pub comment: String,
    pub tax_variant: i64,
    pub vat_id: i64,
    pub loyalty_abonement_type_id: i64,
    pub loyalty_certificate_type_id: i64,
    pub loyalty_allow_empty_code: i64,
    /// Stock per storage, sale units (storages without transactions are left out)
    pub actual_amounts: Vec<ActualAmountDto>,
    pub last_change_date: String,
    pub is_deleted: bool,
}

impl ProductDto {
    /// `stock`: `(storage_id, write-off units)` of this product.
    pub fn new(p: &ProductRow, stock: &[(i64, i64)], tz: &TimeZone, currency: &str) -> Self {
        let short = |id| unit(id).map_or("", |u| u.1).to_owned();
        let unit_cost = if p.unit_equals == 0 {
            Decimal::ZERO
        } else {
            (Money::from_minor(p.actual_cost).to_decimal() / qty_to_decimal(p.unit_equals))
                .round_dp(2)
                .normalize()
        };
        let label = if p.article.is_empty() {
            p.title.clone()
        } else {
            format!("{} ({})", p.title, p.article)
        };
        ProductDto {
            id: p.id,
            good_id: p.id,
            title: p.title.clone(),
            value: p.title.clone(),
            label,
            print_title: p.print_title.clone(),
            article: p.article.clone(),
            barcode: p.barcode.clone(),
            category_id: p.category_id,
            category: p.category_title.clone().unwrap_or_default(),
            cost: Money::from_minor(p.cost).into(),
            unit_id: p.sale_unit_id,
            unit_short_title: short(p.sale_unit_id),
            service_unit_id: p.service_unit_id,
            service_unit_short_title: short(p.service_unit_id),
            actual_cost: Money::from_minor(p.actual_cost).into(),
            unit_actual_cost: Amount(unit_cost),
            unit_actual_cost_format: format!("{unit_cost} {currency}"),
            unit_equals: Amount(qty_to_decimal(p.unit_equals)),
            critical_amount: Amount(qty_to_decimal(p.critical_amount)),
            desired_amount: Amount(qty_to_decimal(p.desired_amount)),
            netto: Amount(qty_to_decimal(p.netto)),
            brutto: Amount(qty_to_decimal(p.brutto)),
            comment: p.comment.clone(),
            tax_variant: p.tax_variant,
            vat_id: p.vat_id,
            loyalty_abonement_type_id: 0,
            loyalty_certificate_type_id: 0,
            loyalty_allow_empty_code: 1,
            actual_amounts: stock
                .iter()
                .map(|(storage_id, amount)| ActualAmountDto {
                    storage_id: *storage_id,
                    amount: Amount(to_sale_units(*amount, p.unit_equals)),
                })
                .collect(),
            last_change_date: iso8601_compact_offset(p.updated_at, tz),
            is_deleted: p.deleted_at.is_some(),
        }
    }
}

/// A product category.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProductCategoryDto {
    pub id: i64,
    pub title: String,
    /// 0 for a root category
    pub parent_category_id: i64,
    pub article: String,
    pub comment: String,
}

impl From<&CategoryRow> for ProductCategoryDto {
    fn from(c: &CategoryRow) -> Self {
        ProductCategoryDto {
            id: c.id,
            title: c.title.clone(),
            parent_category_id: c.parent_id.unwrap_or(0),
            article: c.article.clone(),
            comment: c.comment.clone(),
        }
    }
}

/// An element of the product tree: a category or a product.
#[derive(Debug, Serialize, ToSchema)]
pub struct TreeNodeDto {
    /// Parent element ID (0 for root elements)
    pub parent_id: i64,
    /// Product ID (0 for a category)
    pub item_id: i64,
    /// Category ID (0 for a product)
    pub category_id: i64,
    pub title: String,
    pub is_chain: bool,
    pub is_category: bool,
    pub is_item: bool,
}

impl TreeNodeDto {
    pub fn category(c: &CategoryRow) -> Self {
        TreeNodeDto {
            parent_id: c.parent_id.unwrap_or(0),
            item_id: 0,
            category_id: c.id,
            title: c.title.clone(),
            is_chain: false,
            is_category: true,
            is_item: false,
        }
    }

    pub fn product(p: &ProductRow) -> Self {
        TreeNodeDto {
            parent_id: p.category_id,
            item_id: p.id,
            category_id: 0,
            title: p.title.clone(),
            is_chain: false,
            is_category: false,
            is_item: true,
        }
    }
}

/// A category with its children (`GET /goods/category_node`).
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryNodeDto {
    #[serde(flatten)]
    pub node: TreeNodeDto,
    pub children: Vec<TreeNodeDto>,
    /// Child categories and products (not recursive)
    pub children_count: i64,
}
