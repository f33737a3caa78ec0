//! Locations (the reference's "companies"): `../shared/reference/altegio-b2b-v1/locations/`.
//!
//! Quirks: the list and the single read need only a partner token (a public directory, as in
//! production); with a user token both are limited to the user's own locations. `my=1` asks for
//! the user's locations explicitly. A new location joins the chain named by `chain_id` (aliases
//! `group_id`, `main_group_id`, `company_group_id`, `salon_group_id`), else the creator's first
//! chain, else a new chain. Deletion is soft: the location answers 404 afterwards.

mod create_location;
mod delete_location;
mod get_location;
mod get_location_list;
pub mod json;
mod update_location;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(
            get_location_list::get_location_list,
            create_location::create_location
        ))
        .routes(routes!(
            get_location::get_location,
            update_location::update_location,
            delete_location::delete_location
        ))
}
