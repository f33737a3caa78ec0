use axum::extract::State;
use bizd_domain::access::Role;

use super::json::{CompanyLinksBody, LocationUserPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Removing a user from companies (`users-and-permissions/remove_user_from_locations.md`): the
/// user leaves each named location the acting user manages users of (not being a member there
/// already is fine); a location where the user is the owner, or that the acting user may not
/// manage, is refused one by one (422 `locations_refused`, `meta.errors[].id`), the rest done.
#[utoipa::path(
    post, path = "/company/{location_id}/users/{user_id}/remove_from_companies", operation_id = "remove_user_from_locations", tag = "Users & Permissions",
    params(LocationUserPath),
    request_body = CompanyLinksBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Option<String>>))
)]
pub async fn remove_user_from_locations(
    State(state): State<AppState>,
    access: LocationAccess<perm::Users>,
    Path(path): Path<LocationUserPath>,
    Json(body): Json<CompanyLinksBody>,
) -> ApiResult<Envelope<Option<String>>> {
    let (mut tx, ids, member) = rules::begin_links(
        &state.db,
        access.location.id,
        path.user_id.0,
        body.user_company_links.as_ref(),
    )
    .await?;
    let user_id = member.user_id;
    let mut issues = Vec::new();
    for id in ids {
        if let Err(issue) = rules::manager_in(&mut tx, id, access.user.id).await? {
            issues.push(issue);
            continue;
        }
        let member = bizd_store::users::member(&mut tx, id, user_id).await?;
        if member
            .as_ref()
            .is_some_and(|m| m.role == Role::Owner.as_str())
        {
            issues.push(crate::http::BookingIssue {
                code: 422,
                message: "The owner of the location cannot be removed.".into(),
                id: Some(id),
            });
            continue;
        }
        bizd_store::users::remove_member(&mut tx, id, user_id).await?;
    }
    tx.commit().await?;
    rules::refused(issues)?;
    Ok(Envelope::with_meta(None, serde_json::json!({})))
}
