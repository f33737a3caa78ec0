use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::catalog::check_seance_length;
use bizd_domain::time::now_unix;
use bizd_domain::FieldErrors;
use bizd_store::catalog::Link;

use super::json::{card, required, LinkCreateBody, LinkDto, ServicePath};
use super::{check_team_members, load_service};
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Linking a Team Member to a Provided Service (`services/assign_service_to_team_member.md`).
#[utoipa::path(
    post, path = "/company/{location_id}/services/{service_id}/staff", operation_id = "assign_service_to_team_member",
    tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID"), ("service_id" = i64, Path, description = "Service ID")),
    request_body = LinkCreateBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 201, body = Envelope<LinkDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn assign_service_to_team_member(
    State(state): State<AppState>,
    access: LocationAccess,
    Path(path): Path<ServicePath>,
    Json(body): Json<LinkCreateBody>,
) -> ApiResult<Envelope<LinkDto>> {
    access.require(|p| p.settings)?;
    let location_id = access.location.id;
    let service = load_service(&state, location_id, path.service_id.0).await?;
    let mut e = FieldErrors::new();
    let member = required(&mut e, "master_id", body.master_id);
    let length = required(&mut e, "seance_length", body.seance_length);
    if body.seance_length.is_some() {
        check_seance_length(&mut e, "seance_length", length);
    }
    e.into_result()?;
    check_team_members(&state, location_id, &[("master_id".into(), member)]).await?;
    if service.staff.iter().any(|l| l.team_member_id == member) {
        return Err(ApiError::field(
            "master_id",
            "The team member already provides this service; change the link with PUT.",
        ));
    }
    let mut link = Link::new(service.id, member, length);
    link.technological_card_id = card(body.technological_card_id);
    state.db.insert_link(location_id, &link, now_unix()).await?;
    let stored = state
        .db
        .link(service.id, member)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Envelope::one(LinkDto::from(stored)).status(StatusCode::CREATED))
}
