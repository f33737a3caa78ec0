use axum::extract::State;

use super::json::{PermissionNodeDto, RoleDto, RolesQuery, UsersLocationPath};
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path, Query};
use bizd_domain::access::Role;
use bizd_domain::permissions::{tree, Grants};

/// The roles (weight descending) with, on `include=user_permissions`, each role's permission
/// tree: defaults of the role, `is_editable` from the acting user's own rights.
pub async fn roles(
    state: &AppState,
    location_id: i64,
    actor: &Grants,
    target_role: Option<Role>,
    with_permissions: bool,
) -> ApiResult<Vec<RoleDto>> {
    let team: Vec<(i64, String)> = if with_permissions {
        bizd_store::team_members::list(&mut state.db.read().await?, location_id)
            .await?
            .into_iter()
            .map(|t| (t.id, t.fields.name))
            .collect()
    } else {
        Vec::new()
    };
    Ok(Role::ALL
        .into_iter()
        .map(|role| {
            let (title, description, weight) = role.describe();
            RoleDto {
                slug: role.slug(),
                title,
                description,
                weight,
                // For a user's roles: the owner's membership is not editable at all.
                user_permissions: with_permissions.then(|| {
                    let editor = (target_role != Some(Role::Owner)).then_some(actor);
                    tree(role, editor)
                        .iter()
                        .map(|n| PermissionNodeDto::new(n, &team))
                        .collect()
                }),
            }
        })
        .collect())
}

/// Getting a list of user roles: the roles of the reference (`worker`, `administrator`,
/// `accountant`, `manager`, `owner`), with their permission trees on `include=user_permissions`.
#[utoipa::path(
    get, path = "/company/{location_id}/users/roles", operation_id = "list_roles", tag = "Users & Permissions",
    params(UsersLocationPath, RolesQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<RoleDto>>))
)]
pub async fn list_roles(
    State(state): State<AppState>,
    access: LocationAccess<perm::Users>,
    Path(_path): Path<UsersLocationPath>,
    Query(q): Query<RolesQuery>,
) -> ApiResult<Envelope<Vec<RoleDto>>> {
    let data = roles(
        &state,
        access.location.id,
        &access.grants,
        None,
        q.with_permissions(),
    )
    .await?;
    Ok(Envelope::one(data))
}
