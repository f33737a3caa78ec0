use axum::extract::State;
use bizd_domain::validation::FieldErrors;

use super::json::{LocationUserPath, PermissionsBody, UserPermissionsDto};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};
use bizd_domain::permissions::Grants;
use bizd_store::Lock;

/// Updating permission values and user role: the fields sent only. A new role starts from its
/// defaults (values sent with it apply on top); the acting user gives only what they hold
/// (403 `permission_denied`); the owner's membership is not changed (422 `owner_not_editable`);
/// `staff_id` links the user to a team member of the location (0 unlinks). Takes effect at
/// once: cached access decisions are dropped.
#[utoipa::path(
    put, path = "/company/{location_id}/users/{user_id}/permissions", operation_id = "update_user_permissions", tag = "Users & Permissions",
    params(LocationUserPath),
    request_body = PermissionsBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<UserPermissionsDto>))
)]
pub async fn update_user_permissions(
    State(state): State<AppState>,
    access: LocationAccess<perm::Users>,
    Path(path): Path<LocationUserPath>,
    Json(body): Json<PermissionsBody>,
) -> ApiResult<Envelope<UserPermissionsDto>> {
    let location_id = access.location.id;
    let mut errors = FieldErrors::new();
    let role = rules::parse_role(&mut errors, "user_role", body.user_role.as_ref());
    errors.into_result()?;

    let mut tx = state.db.write().await?;
    // Membership changes of one location are serialized: no lost update between two editors.
    tx.lock(&[Lock::Location(location_id)]).await?;
    let target = rules::member(&mut tx, location_id, path.user_id.0).await?;
    rules::refuse_owner(&target)?;
    let mut grants = rules::grants_of(&target)?;
    if let Some(role) = role.filter(|r| *r != grants.role) {
        if !rules::may_give_role(&access.grants, role) {
            return Err(ApiError::PermissionDenied(
                bizd_domain::access::Permission::Users,
            ));
        }
        grants = Grants::of_role(role);
    }
    if let Some(values) = &body.user_permissions {
        rules::apply_values(&mut grants, &access.grants, values, "user_permissions")?;
    }
    if let Some(staff) = body.staff_id {
        let linked = rules::team_member(&mut tx, location_id, Some(staff.0), "staff_id").await?;
        bizd_store::users::link_team_member(&mut tx, location_id, target.user_id, linked).await?;
    }
    bizd_store::users::set_permissions(
        &mut tx,
        location_id,
        target.user_id,
        grants.role.as_str(),
        &rules::encode(&grants.values),
    )
    .await?;
    let linked =
        bizd_store::users::linked_team_member(&mut tx, location_id, target.user_id).await?;
    tx.commit().await?;
    Ok(Envelope::one(UserPermissionsDto::new(
        &grants, linked, true,
    )))
}
