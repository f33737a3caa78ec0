//! Products (`../shared/reference/altegio-b2b-v1/INDEX.md` "Products"; the full reference's
//! Products and Product-Categories groups): the catalog of goods and its category tree.
//!
//! Quirks: a product answer (`GET`, `POST`, `PUT`) is a one-item list, as the examples show;
//! `good_id` is an alias of `product_id`. Units come from a fixed list (v1 has no unit
//! endpoints); `unit_equals` write-off units make one sale unit. Prices are exact in the
//! location's currency, amounts to a thousandth. Stock (`actual_amounts`) is derived from the
//! product transactions of the Inventory section, in sale units. A deleted product leaves
//! lists and search but stays named in old documents. Permission: `storages` (owner,
//! administrator, manager).

mod create_product;
mod create_product_category;
mod delete_product;
mod delete_product_category;
mod deprecated_get_product_category_list;
mod get_product;
mod get_product_category_composition;
mod get_product_category_list;
mod get_product_category_list_by_ids;
mod get_products_list;
pub mod json;
pub mod rules;
mod search_product;
mod update_product;
mod update_product_category;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(
            get_products_list::get_products_list,
            create_product::create_product
        ))
        .routes(routes!(
            get_product::get_product,
            update_product::update_product,
            delete_product::delete_product
        ))
        .routes(routes!(search_product::search_product))
        .routes(routes!(
            get_product_category_list::get_product_category_list
        ))
        .routes(routes!(
            get_product_category_composition::get_product_category_composition
        ))
        .routes(routes!(
            get_product_category_list_by_ids::get_product_category_list_by_ids
        ))
        .routes(routes!(create_product_category::create_product_category))
        .routes(routes!(
            deprecated_get_product_category_list::deprecated_get_product_category_list,
            update_product_category::update_product_category,
            delete_product_category::delete_product_category
        ))
}
