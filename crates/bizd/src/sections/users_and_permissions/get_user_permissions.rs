use axum::extract::State;

use super::json::{LocationUserPath, UserPermissionsDto};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};
use bizd_domain::access::Role;

/// Getting permission values and user role: the member's role (`worker` …), linked team member,
/// and the value of every node of the tree (role defaults with the values set for the user);
/// `is_editable` is false for the owner's membership and for a role granting more than the
/// acting user holds.
#[utoipa::path(
    get, path = "/company/{location_id}/users/{user_id}/permissions", operation_id = "get_user_permissions", tag = "Users & Permissions",
    params(LocationUserPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<UserPermissionsDto>))
)]
pub async fn get_user_permissions(
    State(state): State<AppState>,
    access: LocationAccess<perm::Users>,
    Path(path): Path<LocationUserPath>,
) -> ApiResult<Envelope<UserPermissionsDto>> {
    let location_id = access.location.id;
    let mut c = state.db.read().await?;
    let target = rules::member(&mut c, location_id, path.user_id.0).await?;
    let linked = bizd_store::users::linked_team_member(&mut c, location_id, target.user_id).await?;
    let grants = rules::grants_of(&target)?;
    // Editable by someone who could give the member's role: never the owner's membership.
    let editable = grants.role != Role::Owner && rules::may_give_role(&access.grants, grants.role);
    Ok(Envelope::one(UserPermissionsDto::new(
        &grants, linked, editable,
    )))
}
