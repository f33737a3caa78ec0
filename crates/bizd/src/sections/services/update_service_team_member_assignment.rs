use axum::extract::State;
use bizd_domain::catalog::check_seance_length;
use bizd_domain::FieldErrors;
use bizd_store::Lock;

use super::json::{LinkDto, LinkPath, LinkUpdateBody};
use super::rules::{self, card, required};
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Updating Team Member Service Link Settings
/// (`PUT /company/{location_id}/services/{service_id}/staff/{team_member_id}`). An unknown
/// service or link is 404 whatever the body.
#[utoipa::path(
    put, path = "/company/{location_id}/services/{service_id}/staff/{team_member_id}",
    operation_id = "update_service_team_member_assignment", tag = "Services",
    params(LinkPath),
    request_body = LinkUpdateBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<LinkDto>))
)]
pub async fn update_service_team_member_assignment(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<LinkPath>,
    Json(body): Json<LinkUpdateBody>,
) -> ApiResult<Envelope<LinkDto>> {
    let (location_id, service_id) = (access.location.id, path.service_id.0);
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Service(service_id)]).await?;
    let service = rules::existing_service(&mut tx, location_id, service_id).await?;
    let mut link = service
        .staff
        .into_iter()
        .map(|s| s.link)
        .find(|l| l.team_member_id == path.team_member_id.0)
        .ok_or_else(rules::not_linked)?;
    let mut e = FieldErrors::new();
    let length = required(&mut e, "seance_length", body.seance_length);
    if body.seance_length.is_some() {
        check_seance_length(&mut e, "seance_length", length);
    }
    e.into_result()?;
    link.seance_length = length;
    link.technological_card_id = card(body.technological_card_id);
    rules::check_cards(
        &mut tx,
        location_id,
        &[("technological_card_id".into(), link.technological_card_id)],
    )
    .await?;
    bizd_store::services::update_link(&mut tx, &link, state.clock.now()).await?;
    let stored = bizd_store::services::link(&mut tx, link.service_id, link.team_member_id)
        .await?
        .ok_or_else(rules::not_linked)?;
    tx.commit().await?;
    Ok(Envelope::one(LinkDto::from(stored)))
}
