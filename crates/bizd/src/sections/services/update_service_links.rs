use axum::extract::State;
use bizd_domain::catalog::check_seance_length;
use bizd_domain::money::Money;
use bizd_domain::FieldErrors;
use bizd_store::services::{Link, Service};
use bizd_store::Lock;

use super::json::{LinkDto, LinksBody, MasterSettingBody};
use super::rules::{self, card};
use crate::app::AppState;
use crate::http::wire::Amount;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, ListMeta, LocationAccess};

/// Update service links (`POST /company/{location_id}/services/links`): `master_settings` is the
/// service's complete set of team members — each with its duration (`seance_length`, or `hours`
/// and `minutes`), bill of materials, own price and online flags; team members left out are
/// unlinked; `resource_ids`, when sent, the exact resources it needs (an unknown one is 422).
/// Answers the service's links (`meta.total_count`).
#[utoipa::path(
    post, path = "/company/{location_id}/services/links", operation_id = "update_service_links", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = LinksBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "The service's links; `meta.total_count`", body = Envelope<Vec<LinkDto>>))
)]
pub async fn update_service_links(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Json(body): Json<LinksBody>,
) -> ApiResult<Envelope<Vec<LinkDto>>> {
    let (location_id, service_id) = (access.location.id, body.service_id.0);
    let mut locks = vec![Lock::Service(service_id)];
    locks.extend(
        body.master_settings
            .iter()
            .map(|s| Lock::TeamMember(s.master_id.0)),
    );
    let mut tx = state.db.write().await?;
    tx.lock(&locks).await?;
    let service = bizd_store::services::get(&mut tx, location_id, service_id)
        .await?
        .ok_or_else(|| {
            ApiError::field("service_id", "The service was not found in this location.")
        })?;
    let (links, members) = wanted_links(&service, body.master_settings)?;
    rules::check_team_members(&mut tx, location_id, &members).await?;
    let cards: Vec<(String, Option<i64>)> = links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                format!("master_settings.{i}.technological_card_id"),
                l.technological_card_id,
            )
        })
        .collect();
    rules::check_cards(&mut tx, location_id, &cards).await?;
    let resources = body
        .resource_ids
        .map(|ids| ids.into_iter().map(|i| i.0).collect::<Vec<i64>>());
    if let Some(ids) = &resources {
        rules::check_resources(&mut tx, location_id, ids).await?;
    }
    let now = state.clock.now();
    bizd_store::services::replace_links(&mut tx, location_id, service.id, &links, now).await?;
    if let Some(ids) = &resources {
        bizd_store::schedules::set_service_resources(&mut tx, location_id, service.id, ids).await?;
    }
    let stored = bizd_store::services::links_of_service(&mut tx, service.id).await?;
    tx.commit().await?;
    let data: Vec<LinkDto> = stored.into_iter().map(LinkDto::from).collect();
    let meta = ListMeta::total(data.len());
    Ok(Envelope::list(data, meta))
}

/// Each team member of the body with the field naming it, for the location check.
type NamedMembers = Vec<(String, i64)>;

/// The links the body asks for, starting from the service's current ones (a team member's
/// settings not sent stay), and the team members they name. Every problem of the list is named
/// in one answer.
fn wanted_links(
    service: &Service,
    settings: Vec<MasterSettingBody>,
) -> Result<(Vec<Link>, NamedMembers), FieldErrors> {
    let mut e = FieldErrors::new();
    let mut links: Vec<Link> = Vec::new();
    let mut members: NamedMembers = Vec::new();
    for (i, s) in settings.into_iter().enumerate() {
        let field = |name: &str| format!("master_settings.{i}.{name}");
        let member = s.master_id.0;
        if links.iter().any(|l| l.team_member_id == member) {
            e.add(field("master_id"), "The team member is listed twice.");
            continue;
        }
        members.push((field("master_id"), member));
        let current = service
            .staff
            .iter()
            .map(|s| &s.link)
            .find(|l| l.team_member_id == member);
        let length = match (s.seance_length, s.hours, s.minutes) {
            (Some(v), _, _) => v.0,
            (None, None, None) => current.map_or(service.fields.duration, |l| l.seance_length),
            (None, h, m) => {
                h.map_or(0, |v| v.0).saturating_mul(3600) + m.map_or(0, |v| v.0).saturating_mul(60)
            }
        };
        check_seance_length(&mut e, &field("seance_length"), length);
        let mut link = current
            .cloned()
            .unwrap_or_else(|| Link::new(service.id, member, length));
        link.seance_length = length;
        if s.technological_card_id.is_some() {
            link.technological_card_id = card(s.technological_card_id);
        }
        if let Some(price) = s.price {
            let min = link_price(&mut e, &field("price.min"), price.min);
            let max = link_price(&mut e, &field("price.max"), price.max);
            match (min.or(max), max.or(min)) {
                (Some(min), Some(max)) if max < min => e.add(
                    field("price.max"),
                    "The price max must not be less than min.",
                ),
                (min, max) => {
                    link.price_min = min;
                    link.price_max = max;
                }
            }
        }
        if let Some(v) = s.is_online {
            link.is_online = v.0;
        }
        if let Some(v) = s.is_offline_records_allowed {
            link.is_offline_records_allowed = v.0;
        }
        links.push(link);
    }
    e.into_result()?;
    Ok((links, members))
}

/// One end of a team member's own price: exact money, not negative (an error is added otherwise).
fn link_price(e: &mut FieldErrors, field: &str, v: Option<Amount>) -> Option<Money> {
    match Money::from_decimal(v?.0) {
        Ok(m) if m >= Money::ZERO => Some(m),
        Ok(_) => {
            e.add(field, "The price must be a non-negative amount.");
            None
        }
        Err(err) => {
            e.add(field, err.message(field));
            None
        }
    }
}
