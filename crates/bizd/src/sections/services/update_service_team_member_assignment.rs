use axum::extract::State;
use bizd_domain::catalog::check_seance_length;
use bizd_domain::time::now_unix;
use bizd_domain::FieldErrors;

use super::json::{card, required, LinkDto, LinkPath, LinkUpdateBody};
use super::load_service;
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Updating Team Member Service Link Settings
/// (`PUT /company/{location_id}/services/{service_id}/staff/{team_member_id}`).
#[utoipa::path(
    put, path = "/company/{location_id}/services/{service_id}/staff/{team_member_id}",
    operation_id = "update_service_team_member_assignment", tag = "Services",
    params(
        ("location_id" = i64, Path, description = "Location ID"), ("service_id" = i64, Path, description = "Service ID"),
        ("team_member_id" = i64, Path, description = "Team member ID"),
    ),
    request_body = LinkUpdateBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<LinkDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn update_service_team_member_assignment(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<LinkPath>,
    Json(body): Json<LinkUpdateBody>,
) -> ApiResult<Envelope<LinkDto>> {
    access.require(|p| p.settings)?;
    let service = load_service(&state, access.location.id, path.service_id.0).await?;
    let not_linked = || ApiError::NotFound("The team member does not provide this service.".into());
    let mut link = service
        .staff
        .into_iter()
        .find(|l| l.team_member_id == path.team_member_id.0)
        .ok_or_else(not_linked)?;
    let mut e = FieldErrors::new();
    let length = required(&mut e, "seance_length", body.seance_length);
    if body.seance_length.is_some() {
        check_seance_length(&mut e, "seance_length", length);
    }
    e.into_result()?;
    link.seance_length = length;
    link.technological_card_id = card(body.technological_card_id);
    state.db.update_link(&link, now_unix()).await?;
    let stored = state
        .db
        .link(link.service_id, link.team_member_id)
        .await?
        .ok_or_else(not_linked)?;
    Ok(Envelope::one(LinkDto::from(stored)))
}
