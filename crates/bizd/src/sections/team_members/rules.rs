//! Rules shared by the team member and position operations: which team members and positions a
//! location sees, what a write must lock, and the checks of a team member's position (a live one
//! of the location's chain) and user (must exist).

use std::collections::HashMap;

use bizd_domain::location::Location;
use bizd_domain::staff::{PositionFields, TeamMemberChanges, TeamMemberFields};
use bizd_store::services::Link;
use bizd_store::team_members::{Position, TeamMember};
use bizd_store::{Conn, Lock};

use crate::http::ApiError;

fn team_member_not_found(location_id: i64, id: i64) -> ApiError {
    ApiError::NotFound(format!(
        "Team Member with ID {id} was not found in location {location_id}."
    ))
}

/// A team member of the location, a deleted one included (reads show it with `status: 1`), or 404.
pub async fn team_member(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> Result<TeamMember, ApiError> {
    bizd_store::team_members::get(c, location_id, id)
        .await?
        .ok_or_else(|| team_member_not_found(location_id, id))
}

/// A live team member of the location, or 404.
pub async fn live_team_member(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> Result<TeamMember, ApiError> {
    bizd_store::team_members::get(c, location_id, id)
        .await?
        .filter(|m| m.deleted_at.is_none())
        .ok_or_else(|| team_member_not_found(location_id, id))
}

/// The live team members of the location, heaviest first, each with the services it provides
/// (by service id), from one read of the location's links (use a snapshot: two queries).
pub async fn team_members_with_links(
    c: &mut Conn<'_>,
    location_id: i64,
) -> Result<Vec<(TeamMember, Vec<Link>)>, ApiError> {
    let mut links: HashMap<i64, Vec<Link>> = HashMap::new();
    // By service, so each team member's list comes out in service order.
    for link in bizd_store::services::links_of_location(c, location_id)
        .await?
        .into_values()
        .flatten()
    {
        links.entry(link.team_member_id).or_default().push(link);
    }
    let members = bizd_store::team_members::list(c, location_id).await?;
    Ok(members
        .into_iter()
        .map(|m| {
            let own = links.remove(&m.id).unwrap_or_default();
            (m, own)
        })
        .collect())
}

/// The rows a team member write locks: the team member (when it exists) and the position the
/// changes assign, so that the position cannot be deleted between the check and the write.
pub fn team_member_locks(id: Option<i64>, changes: &TeamMemberChanges) -> Vec<Lock> {
    let position = changes.position_id.flatten().filter(|p| *p != 0);
    id.map(Lock::TeamMember)
        .into_iter()
        .chain(position.map(Lock::Position))
        .collect()
}

/// Applies the changes to `current` (a new team member's defaults when `None`), then checks the
/// position — when it changes — against the chain and the linked user (inside the operation's
/// transaction).
pub async fn resolve(
    c: &mut Conn<'_>,
    chain_id: i64,
    changes: TeamMemberChanges,
    current: Option<TeamMemberFields>,
) -> Result<TeamMemberFields, ApiError> {
    let current_position = current.as_ref().and_then(|f| f.position_id);
    let creating = current.is_none();
    let fields = changes.apply(current.unwrap_or_default(), creating)?;
    if let Some(position) = fields.position_id.filter(|p| current_position != Some(*p)) {
        bizd_store::team_members::position_in_chain(c, chain_id, position)
            .await?
            .ok_or_else(|| {
                ApiError::field("position_id", "The position does not exist in this chain.")
            })?;
    }
    if let Some(user) = fields.user_id {
        if !bizd_store::team_members::user_exists(c, user).await? {
            return Err(ApiError::field("user_id", "The user does not exist."));
        }
    }
    Ok(fields)
}

/// A live position linked to the location, or 404.
pub async fn location_position(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> Result<Position, ApiError> {
    bizd_store::team_members::positions_of_location(c, location_id)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| ApiError::NotFound("Position not found.".into()))
}

/// Creates a chain position linked to the location (inside the operation's write transaction).
pub async fn insert_position(
    c: &mut Conn<'_>,
    location: &Location,
    fields: &PositionFields,
    now: i64,
) -> Result<Position, ApiError> {
    let id =
        bizd_store::team_members::insert_position(c, location.chain_id, location.id, fields, now)
            .await?;
    location_position(c, location.id, id).await
}
