use axum::extract::State;
use bizd_domain::access::Role;

use super::json::{CompanyLinksBody, LocationUserPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Copy a user to companies: the path location's accepted member, with their role and values
/// (or the values sent for a location, over the role's defaults), becomes an accepted member of
/// each named location the acting user manages users of; an invited one keeps waiting for
/// acceptance (only the permissions change); an existing member's permissions are replaced. The
/// owner role is never copied (the copy is an administrator). Locations the acting user may not
/// manage are refused one by one (422 `locations_refused`, `meta.errors[].id`), the rest done.
#[utoipa::path(
    post, path = "/company/{location_id}/users/{user_id}/copy_to_companies", operation_id = "copy_user_to_locations", tag = "Users & Permissions",
    params(LocationUserPath),
    request_body = CompanyLinksBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Option<String>>))
)]
pub async fn copy_user_to_locations(
    State(state): State<AppState>,
    access: LocationAccess<perm::Users>,
    Path(path): Path<LocationUserPath>,
    Json(body): Json<CompanyLinksBody>,
) -> ApiResult<Envelope<Option<String>>> {
    let (mut tx, ids, source) = rules::begin_links(
        &state.db,
        access.location.id,
        path.user_id.0,
        body.user_company_links.as_ref(),
    )
    .await?;
    let links = body.user_company_links.unwrap_or_default();
    let now = state.clock.now();
    let source_grants = rules::grants_of(&source)?;
    let mut issues = Vec::new();
    for (id, link) in ids.iter().zip(&links) {
        let actor = match rules::manager_in(&mut tx, *id, access.user.id).await? {
            Ok(g) => g,
            Err(issue) => {
                issues.push(issue);
                continue;
            }
        };
        let role = match source_grants.role {
            Role::Owner => Role::Administrator,
            r => r,
        };
        if !rules::may_give_role(&actor, role) {
            issues.push(crate::http::BookingIssue {
                code: 403,
                message: "The role grants more than you hold there.".into(),
                id: Some(*id),
            });
            continue;
        }
        let mut grants = bizd_domain::permissions::Grants::of_role(role);
        match &link.user_permissions {
            Some(values) => rules::apply_values(&mut grants, &actor, values, "user_permissions")?,
            None => grants.values = source_grants.values.clone(),
        }
        let existing = bizd_store::users::member(&mut tx, *id, source.user_id).await?;
        if existing
            .as_ref()
            .is_some_and(|m| m.role == Role::Owner.as_str())
        {
            continue;
        }
        let approved = existing.as_ref().is_none_or(|m| m.is_approved);
        let information = existing.map_or(source.information.clone(), |m| m.information);
        bizd_store::users::put_member(
            &mut tx,
            *id,
            source.user_id,
            role.as_str(),
            &rules::encode(&grants.values),
            &information,
            approved,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    rules::refused(issues)?;
    Ok(Envelope::with_meta(None, serde_json::json!({})))
}
