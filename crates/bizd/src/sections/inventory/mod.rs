//! Inventory (`../shared/reference/altegio-b2b-v1/INDEX.md` "Inventory"; the full reference's
//! Inventories, Product-Transactions, Inventory-Operations, Inventory-Operations-Documents and
//! Bill-of-Materials-and-Consumables groups).
//!
//! Quirks: every location has a sales storage and a consumables storage from its creation.
//! Documents share the id space of sale documents (a visit's document is type 7 and holds the
//! consumables written off for it); types written here are 1 sale, 3 arrival, 4 write-off
//! (7 in the documents group is read as 4), 5 transfer and 6 inventory correction (extension).
//! A transaction's amount is sent positive and signed by its document's type; an inventory
//! correction keeps the sign given. Stock is derived from live transactions, never stored, and
//! never goes below zero unless the location allows it (`/storages/settings`, extension): 422
//! `insufficient_stock`, checked under product locks. Deleting a document or transaction
//! reverses it. Bills of materials have no v1 writes: `POST/PUT/DELETE /technological_cards`
//! are extensions. Permission: `storages` (owner, administrator, manager).

mod create_document;
mod create_inventory_operation;
mod create_technological_card;
mod create_transaction;
mod delete_document;
mod delete_technological_card;
mod delete_transaction;
mod get_appointment_consumables;
mod get_bill_of_materials_list;
mod get_document;
mod get_document_product_transactions;
mod get_inventory_settings;
mod get_location_inventories;
mod get_team_member_service_bill_of_materials;
mod get_technological_card;
mod get_transaction;
pub mod json;
pub mod rules;
mod search_for_product_transactions;
mod unlink_appointment_service_association;
mod update_appointment_service_consumables;
mod update_document;
mod update_inventory_settings;
mod update_technological_card;
mod update_transaction;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_location_inventories::get_location_inventories))
        .routes(routes!(
            get_inventory_settings::get_inventory_settings,
            update_inventory_settings::update_inventory_settings
        ))
        .routes(routes!(
            search_for_product_transactions::search_for_product_transactions
        ))
        .routes(routes!(
            create_inventory_operation::create_inventory_operation
        ))
        .routes(routes!(create_document::create_document))
        .routes(routes!(
            get_document::get_document,
            update_document::update_document,
            delete_document::delete_document
        ))
        .routes(routes!(
            get_document_product_transactions::get_document_product_transactions
        ))
        .routes(routes!(create_transaction::create_transaction))
        .routes(routes!(
            get_transaction::get_transaction,
            update_transaction::update_transaction,
            delete_transaction::delete_transaction
        ))
        .routes(routes!(
            get_bill_of_materials_list::get_bill_of_materials_list,
            create_technological_card::create_technological_card
        ))
        .routes(routes!(
            get_technological_card::get_technological_card,
            update_technological_card::update_technological_card,
            delete_technological_card::delete_technological_card
        ))
        .routes(routes!(
            get_team_member_service_bill_of_materials::get_team_member_service_bill_of_materials
        ))
        .routes(routes!(
            get_appointment_consumables::get_appointment_consumables
        ))
        .routes(routes!(
            update_appointment_service_consumables::update_appointment_service_consumables
        ))
        .routes(routes!(
            unlink_appointment_service_association::unlink_appointment_service_association
        ))
}
