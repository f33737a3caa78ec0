use axum::extract::State;

use super::json::LocationUserPath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};
use bizd_store::Lock;

/// Remove the user from the location: the membership (or the pending invitation) goes, with the
/// link of the location's team member to the user; the owner stays (422 `owner_not_editable`).
/// The user's other locations are untouched. Answers `data: null, meta: {}`.
#[utoipa::path(
    delete, path = "/company/{location_id}/users/{user_id}", operation_id = "remove_user_from_location", tag = "Users & Permissions",
    params(super::json::LocationUserPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Option<String>>))
)]
pub async fn remove_user_from_location(
    State(state): State<AppState>,
    access: LocationAccess<perm::Users>,
    Path(path): Path<LocationUserPath>,
) -> ApiResult<Envelope<Option<String>>> {
    let location_id = access.location.id;
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Location(location_id)]).await?;
    let target = rules::member(&mut tx, location_id, path.user_id.0).await?;
    rules::refuse_owner(&target)?;
    bizd_store::users::remove_member(&mut tx, location_id, target.user_id).await?;
    tx.commit().await?;
    Ok(Envelope::deleted())
}
