use axum::extract::State;
use serde_json::json;

use super::json::LinkPath;
use super::load_service;
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, LocationAccess};

/// Deleting a Team Member Service Link
/// (`DELETE /company/{location_id}/services/{service_id}/staff/{team_member_id}`).
#[utoipa::path(
    delete, path = "/company/{location_id}/services/{service_id}/staff/{team_member_id}",
    operation_id = "remove_service_from_team_member", tag = "Services",
    params(
        ("location_id" = i64, Path, description = "Location ID"), ("service_id" = i64, Path, description = "Service ID"),
        ("team_member_id" = i64, Path, description = "Team member ID"),
    ),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, description = "Unlinked", body = Envelope<Option<String>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn remove_service_from_team_member(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<LinkPath>,
) -> ApiResult<Envelope<Option<String>>> {
    access.require(|p| p.settings)?;
    let service = load_service(&state, access.location.id, path.service_id.0).await?;
    if !service
        .staff
        .iter()
        .any(|l| l.team_member_id == path.team_member_id.0)
    {
        return Err(ApiError::NotFound(
            "The team member does not provide this service.".into(),
        ));
    }
    state
        .db
        .delete_link(service.id, path.team_member_id.0)
        .await?;
    // The seed document shows this answer: `{"success": true, "data": null, "meta": {}}`.
    Ok(Envelope::with_meta(None, json!({})))
}
