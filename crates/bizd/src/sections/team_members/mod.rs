//! Team Members: the location's staff and the chain's positions
//! (`../shared/reference/altegio-b2b-v1/team-members/`, with the full reference's Employees and
//! Positions groups for the endpoints without a page).
//!
//! Quirks: deletion is soft — a deleted team member leaves every list and its service links,
//! but stays readable by id with `status: 1`. `bookable` is computed: not fired, not hidden, not
//! deleted, and linked to at least one service. Positions belong to the chain and are linked to
//! the locations that created or use them; `/positions/{location_id}` CRUD is not in the public
//! reference (real clients call it). Writes need the settings permission; deletes answer 204.

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
mod update_position;
mod update_team_member;

use bizd_domain::staff::{TeamMemberChanges, TeamMemberFields};
use bizd_domain::time::now_unix;
use bizd_store::staff::{Position, TeamMember};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::http::{ApiError, ApiResult, LocationAccess};
use json::TeamMemberDto;

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

/// A team member of the location; deleted ones only when `with_deleted`.
pub(crate) async fn load_team_member(
    state: &AppState,
    location_id: i64,
    id: i64,
    with_deleted: bool,
) -> ApiResult<TeamMember> {
    state
        .db
        .team_member(location_id, id)
        .await?
        .filter(|m| with_deleted || m.deleted_at.is_none())
        .ok_or_else(|| {
            ApiError::NotFound(format!(
                "Team Member with ID {id} was not found in location {location_id}."
            ))
        })
}

/// The answer for a team member, with the services it provides.
pub(crate) async fn render(state: &AppState, member: TeamMember) -> ApiResult<TeamMemberDto> {
    let links = state.db.links_of_team_member(member.id).await?;
    Ok(TeamMemberDto::new(member, links))
}

/// Creates (`existing = None`) or changes a team member, checking the position (a live one of
/// the location's chain) and the linked user (must exist).
pub(crate) async fn save_team_member(
    state: &AppState,
    access: &LocationAccess,
    existing: Option<&TeamMember>,
    changes: TeamMemberChanges,
) -> ApiResult<TeamMember> {
    access.require(|p| p.settings)?;
    let location_id = access.location.id;
    let base = existing.map_or_else(TeamMemberFields::default, |m| m.fields.clone());
    let fields = changes.apply(base, existing.is_none())?;
    if let Some(position) = fields.position_id {
        if existing.and_then(|m| m.fields.position_id) != Some(position) {
            position_of_chain(state, access, position, "position_id").await?;
        }
    }
    if let Some(user) = fields.user_id {
        if !state.db.user_exists(user).await? {
            return Err(ApiError::field("user_id", "The user does not exist."));
        }
    }
    let now = now_unix();
    let id = match existing {
        None => {
            state
                .db
                .insert_team_member(location_id, &fields, now)
                .await?
        }
        Some(m) => {
            state
                .db
                .update_team_member(location_id, m.id, &fields, now)
                .await?;
            m.id
        }
    };
    load_team_member(state, location_id, id, false).await
}

async fn position_of_chain(
    state: &AppState,
    access: &LocationAccess,
    id: i64,
    field: &str,
) -> ApiResult<Position> {
    state
        .db
        .position_in_chain(access.location.chain_id, id)
        .await?
        .ok_or_else(|| ApiError::field(field, "The position does not exist in this chain."))
}

/// A live position linked to the location (404 otherwise).
pub(crate) async fn location_position(
    state: &AppState,
    location_id: i64,
    id: i64,
) -> ApiResult<Position> {
    state
        .db
        .positions_of_location(location_id)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| ApiError::NotFound("Position not found.".into()))
}
