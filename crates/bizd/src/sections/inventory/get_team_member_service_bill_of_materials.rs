use axum::extract::State;

use super::json::{CardDto, TeamMemberServicePath};
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, LocationAccess, Path};

/// Get the Bill of Materials for a Team Member's Service
/// (`inventory/get_team_member_service_bill_of_materials.md`): the card the team member's link
/// to the service names, else the service's card for this team member, else the service's card;
/// 404 when there is none.
#[utoipa::path(
    get, path = "/technological_cards/default_for_staff_and_service/{location_id}/{team_member_id}/{service_id}", operation_id = "get_team_member_service_bill_of_materials", tag = "Inventory",
    params(TeamMemberServicePath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<CardDto>))
)]
pub async fn get_team_member_service_bill_of_materials(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<TeamMemberServicePath>,
) -> ApiResult<Envelope<CardDto>> {
    let location_id = access.location.id;
    let mut c = state.db.snapshot().await?;
    let card = bizd_store::inventory::cards::default_for(
        &mut c,
        location_id,
        Some(path.team_member_id.0),
        path.service_id.0,
    )
    .await?
    .ok_or_else(|| ApiError::NotFound("No bill of materials for this service.".into()))?;
    let items = bizd_store::inventory::cards::items(&mut c, &[card.id]).await?;
    Ok(Envelope::one(CardDto::new(&card, &items)))
}
