//! Services: service categories, services and the links saying which team member provides which
//! service for how long (`../shared/reference/altegio-b2b-v1/services/`, with the full
//! reference's Service-category and Services groups for the endpoints without a page).
//!
//! Quirks: a service's `staff` and a team member's services come from the same link rows.
//! A category's `staff` is its assigned team members plus those linked to one of its services.
//! Deleting a service removes its links; a category that still has services cannot be deleted
//! (422). Writes declare the settings permission in their signature; any member may read, and
//! the reads the full reference documents for a partner token alone (one category, the
//! deprecated category lists, the deprecated single service) take the partner token with the
//! location (a user token, when sent, must still be a member's). Deletes answer 204, except the
//! link removal (200, `data: null`, `meta: {}`). Each write runs in one transaction that first
//! locks the service or category it changes, the category a service moves into and the team
//! members it links, then re-reads and checks them. The single service reads accept the list
//! filters (`staff_id`, `category_id`): a service outside them is 404. The optional-id reads
//! answer their list for id `0` (`GET /service_categories/{location_id}/0` is how the official
//! MCP server lists categories); the singular `/service_category/{location_id}/0` is a 404.

mod assign_service_to_team_member;
mod create_service;
mod create_service_category;
mod delete_service;
mod delete_service_category;
mod deprecated_get_service_category_list;
mod deprecated_get_service_list_by_id;
mod deprecated_update_service_by_id;
mod get_chain_service_category_list;
mod get_service;
mod get_service_category;
mod get_service_category_list;
mod get_service_list;
pub mod json;
mod patch_service;
mod remove_service_from_team_member;
pub mod rules;
mod update_service_category;
mod update_service_links;
mod update_service_team_member_assignment;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_service_category::create_service_category))
        .routes(routes!(
            deprecated_get_service_category_list::deprecated_get_service_category_list_without_id
        ))
        .routes(routes!(
            deprecated_get_service_category_list::deprecated_get_service_category_list
        ))
        .routes(routes!(
            get_service_category::get_service_category,
            update_service_category::update_service_category,
            delete_service_category::delete_service_category
        ))
        .routes(routes!(
            get_service_category_list::get_service_category_list_without_id
        ))
        .routes(routes!(
            get_service_category_list::get_service_category_list
        ))
        .routes(routes!(
            get_chain_service_category_list::get_chain_service_category_list
        ))
        .routes(routes!(
            get_service_list::get_service_list,
            create_service::create_service
        ))
        .routes(routes!(
            deprecated_get_service_list_by_id::deprecated_get_service_list_by_id,
            deprecated_update_service_by_id::deprecated_update_service_by_id,
            patch_service::patch_service,
            delete_service::delete_service
        ))
        .routes(routes!(get_service::get_service_without_id))
        .routes(routes!(
            get_service::get_service,
            patch_service::patch_service_via_company
        ))
        .routes(routes!(
            assign_service_to_team_member::assign_service_to_team_member
        ))
        .routes(routes!(
            update_service_team_member_assignment::update_service_team_member_assignment,
            remove_service_from_team_member::remove_service_from_team_member
        ))
        .routes(routes!(update_service_links::update_service_links))
}
