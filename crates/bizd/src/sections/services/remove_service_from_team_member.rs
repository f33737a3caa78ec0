use axum::extract::State;
use bizd_store::Lock;

use super::json::LinkPath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Deleting a Team Member Service Link
/// (`DELETE /company/{location_id}/services/{service_id}/staff/{team_member_id}`). The seed
/// document shows this answer: `{"success": true, "data": null, "meta": {}}`.
#[utoipa::path(
    delete, path = "/company/{location_id}/services/{service_id}/staff/{team_member_id}",
    operation_id = "remove_service_from_team_member", tag = "Services",
    params(LinkPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "Unlinked", body = Envelope<Option<String>>))
)]
pub async fn remove_service_from_team_member(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<LinkPath>,
) -> ApiResult<Envelope<Option<String>>> {
    let (service_id, member) = (path.service_id.0, path.team_member_id.0);
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Service(service_id)]).await?;
    let service = rules::existing_service(&mut tx, access.location.id, service_id).await?;
    if !service
        .staff
        .iter()
        .any(|s| s.link.team_member_id == member)
    {
        return Err(rules::not_linked());
    }
    bizd_store::services::delete_link(&mut tx, service.id, member).await?;
    tx.commit().await?;
    Ok(Envelope::deleted())
}
