use axum::extract::State;

use super::json::{LocationUserDto, UsersLocationPath, UsersQuery};
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, ListMeta, LocationAccess, Path, Query};

/// Get location users (`users-and-permissions/get_location_users.md`): accepted members first,
/// then invited ones (`is_approved` false); `filter[is_approved]` narrows; `meta.count`.
#[utoipa::path(
    get, path = "/company/{location_id}/users", operation_id = "get_location_users", tag = "Users & Permissions",
    params(UsersLocationPath, UsersQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<LocationUserDto>>))
)]
pub async fn get_location_users(
    State(state): State<AppState>,
    access: LocationAccess<perm::Users>,
    Path(_path): Path<UsersLocationPath>,
    Query(q): Query<UsersQuery>,
) -> ApiResult<Envelope<Vec<LocationUserDto>>> {
    let approved = q.is_approved.map(|f| f.0 != 0);
    let members =
        bizd_store::users::members(&mut state.db.read().await?, access.location.id, approved)
            .await?;
    let data: Vec<LocationUserDto> = members.iter().map(LocationUserDto::from).collect();
    Ok(Envelope::list(data, ListMeta::count(members.len())))
}
