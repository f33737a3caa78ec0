use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::catalog::check_seance_length;
use bizd_domain::FieldErrors;
use bizd_store::services::Link;
use bizd_store::Lock;

use super::json::{LinkCreateBody, LinkDto, ServicePath};
use super::rules::{self, card, required};
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};

/// Linking a Team Member to a Provided Service (`services/assign_service_to_team_member.md`).
/// An unknown service is 404 whatever the body; then the body's fields are checked.
#[utoipa::path(
    post, path = "/company/{location_id}/services/{service_id}/staff", operation_id = "assign_service_to_team_member",
    tag = "Services",
    params(ServicePath),
    request_body = LinkCreateBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<LinkDto>))
)]
pub async fn assign_service_to_team_member(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<ServicePath>,
    Json(body): Json<LinkCreateBody>,
) -> ApiResult<Envelope<LinkDto>> {
    let (location_id, service_id) = (access.location.id, path.service_id.0);
    let mut locks = vec![Lock::Service(service_id)];
    locks.extend(body.master_id.map(|m| Lock::TeamMember(m.0)));
    let mut tx = state.db.write().await?;
    tx.lock(&locks).await?;
    let service = rules::existing_service(&mut tx, location_id, service_id).await?;
    let mut e = FieldErrors::new();
    let member = required(&mut e, "master_id", body.master_id);
    let length = required(&mut e, "seance_length", body.seance_length);
    if body.seance_length.is_some() {
        check_seance_length(&mut e, "seance_length", length);
    }
    e.into_result()?;
    rules::check_team_members(&mut tx, location_id, &[("master_id".into(), member)]).await?;
    if service
        .staff
        .iter()
        .any(|s| s.link.team_member_id == member)
    {
        return Err(ApiError::field(
            "master_id",
            "The team member already provides this service; change the link with PUT.",
        ));
    }
    let mut link = Link::new(service.id, member, length);
    link.technological_card_id = card(body.technological_card_id);
    rules::check_cards(
        &mut tx,
        location_id,
        &[("technological_card_id".into(), link.technological_card_id)],
    )
    .await?;
    bizd_store::services::insert_link(&mut tx, location_id, &link, state.clock.now()).await?;
    let stored = bizd_store::services::link(&mut tx, service.id, member)
        .await?
        .ok_or_else(ApiError::not_found)?;
    tx.commit().await?;
    Ok(Envelope::one(LinkDto::from(stored)).status(StatusCode::CREATED))
}
