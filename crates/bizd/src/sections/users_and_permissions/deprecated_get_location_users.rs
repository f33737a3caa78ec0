use axum::extract::State;

use super::json::{CompanyUserDto, UsersLocationPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Deprecated. Get company users (`GET /company_users/{location_id}`): accepted members with
/// their `access` flags (every node of the permission tree) and linked team member
/// (`master_id`, 0 for none); `meta` `[]`.
#[utoipa::path(
    get, path = "/company_users/{location_id}", operation_id = "deprecated_get_location_users", tag = "Users & Permissions",
    params(UsersLocationPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<CompanyUserDto>>))
)]
pub async fn deprecated_get_location_users(
    State(state): State<AppState>,
    access: LocationAccess<perm::Users>,
    Path(_path): Path<UsersLocationPath>,
) -> ApiResult<Envelope<Vec<CompanyUserDto>>> {
    let location_id = access.location.id;
    let mut c = state.db.read().await?;
    let members = bizd_store::users::members(&mut c, location_id, Some(true)).await?;
    let mut data = Vec::with_capacity(members.len());
    for m in &members {
        let linked = bizd_store::users::linked_team_member(&mut c, location_id, m.user_id).await?;
        data.push(CompanyUserDto::new(
            m,
            &rules::grants_of(m)?,
            linked.unwrap_or(0),
        ));
    }
    Ok(Envelope::one(data))
}
