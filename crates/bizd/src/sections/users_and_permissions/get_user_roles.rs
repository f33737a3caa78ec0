use axum::extract::State;

use super::json::{LocationUserPath, RoleDto, RolesQuery};
use super::list_roles::roles;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path, Query};

/// Getting a list of user roles in the context of a location user
/// (`users-and-permissions/get_user_roles.md`): as the roles list, with `is_editable` false
/// everywhere for the owner's membership.
#[utoipa::path(
    get, path = "/company/{location_id}/users/{user_id}/roles", operation_id = "get_user_roles", tag = "Users & Permissions",
    params(LocationUserPath, RolesQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<RoleDto>>))
)]
pub async fn get_user_roles(
    State(state): State<AppState>,
    access: LocationAccess<perm::Users>,
    Path(path): Path<LocationUserPath>,
    Query(q): Query<RolesQuery>,
) -> ApiResult<Envelope<Vec<RoleDto>>> {
    let location_id = access.location.id;
    let target = rules::member(&mut state.db.read().await?, location_id, path.user_id.0).await?;
    let target = rules::grants_of(&target)?;
    let data = roles(
        &state,
        location_id,
        &access.grants,
        Some(target.role),
        q.with_permissions(),
    )
    .await?;
    Ok(Envelope::one(data))
}
