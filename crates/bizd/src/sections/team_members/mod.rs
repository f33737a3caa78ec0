//! Team Members: the location's staff and the chain's positions
//! (`../shared/reference/altegio-b2b-v1/team-members/`, with the full reference's Employees and
//! Positions groups for the endpoints without a page).
//!
//! Quirks: every answer is the live team member object of one builder
//! (`json::TeamMemberDto::build`); `GET /staff/{location_id}/{id}` writes its flags as strings.
//! Deletion is soft — a deleted team member leaves every list and its service links, but stays
//! readable by id with `status: 1` and `is_deleted: true`. The reads by id answer the list for
//! id `0`. `bookable` is computed: not fired, not hidden, not deleted, and linked to at least
//! one service. Positions belong to the chain and are linked to the locations that created or
//! use them; `/positions/{location_id}` CRUD is not in the public reference (real clients call
//! it). Writes need the settings permission; deletes answer 204.

mod create_position;
mod create_position_quick;
mod create_team_member_quick;
mod delete_position;
mod delete_team_member;
mod deprecated_create_team_member;
mod get_position_list;
mod get_team_member;
mod get_team_member_by_id;
mod get_team_member_list;
pub mod json;
mod list_positions;
pub mod rules;
mod update_position;
mod update_team_member;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(
            get_team_member_list::get_team_member_list,
            deprecated_create_team_member::deprecated_create_team_member
        ))
        .routes(routes!(
            get_team_member_by_id::get_team_member_by_id,
            update_team_member::update_team_member,
            delete_team_member::delete_team_member
        ))
        .routes(routes!(create_team_member_quick::create_team_member_quick))
        .routes(routes!(get_team_member::get_team_member_without_id))
        .routes(routes!(get_team_member::get_team_member))
        .routes(routes!(get_position_list::get_position_list))
        .routes(routes!(create_position_quick::create_position_quick))
        .routes(routes!(
            list_positions::list_positions,
            create_position::create_position
        ))
        .routes(routes!(
            update_position::update_position,
            delete_position::delete_position
        ))
}
