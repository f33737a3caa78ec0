use axum::extract::State;
use bizd_domain::catalog::check_seance_length;
use bizd_domain::money::Money;
use bizd_domain::time::now_unix;
use bizd_domain::FieldErrors;
use bizd_store::catalog::Link;
use serde_json::json;

use super::check_team_members;
use super::json::{card, LinkDto, LinksBody};
use crate::app::AppState;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Update service links (`POST /company/{location_id}/services/links`): `master_settings` is the
/// service's complete set of team members — each with its duration (`seance_length`, or `hours`
/// and `minutes`), bill of materials, own price and online flags; team members left out are
/// unlinked. Answers the service's links.
#[utoipa::path(
    post, path = "/company/{location_id}/services/links", operation_id = "update_service_links", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = LinksBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<Vec<LinkDto>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn update_service_links(
    State(state): State<AppState>,
    access: LocationAccess,
    Json(body): Json<LinksBody>,
) -> ApiResult<Envelope<Vec<LinkDto>>> {
    access.require(|p| p.settings)?;
    let location_id = access.location.id;
    let service = state
        .db
        .service(location_id, body.service_id.0)
        .await?
        .ok_or_else(|| {
            ApiError::field("service_id", "The service was not found in this location.")
        })?;
    let mut e = FieldErrors::new();
    let mut links: Vec<Link> = Vec::new();
    let mut members: Vec<(String, i64)> = Vec::new();
    for (i, s) in body.master_settings.into_iter().enumerate() {
        let field = |name: &str| format!("master_settings.{i}.{name}");
        let member = s.master_id.0;
        if links.iter().any(|l| l.team_member_id == member) {
            e.add(field("master_id"), "The team member is listed twice.");
            continue;
        }
        members.push((field("master_id"), member));
        let current = service.staff.iter().find(|l| l.team_member_id == member);
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
            let mut amount = |name: &str, v: Option<f64>| -> Option<Money> {
                let d = Money::from_f64(v?);
                match d.and_then(Money::from_decimal) {
                    Some(m) if m >= Money::ZERO => Some(m),
                    _ => {
                        e.add(field(name), "The price must be a non-negative amount.");
                        None
                    }
                }
            };
            let min = amount("price.min", price.min.map(|v| v.0));
            let max = amount("price.max", price.max.map(|v| v.0));
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
    check_team_members(&state, location_id, &members).await?;
    state
        .db
        .replace_service_links(location_id, service.id, &links, now_unix())
        .await?;
    let stored = state
        .db
        .links_of_location(location_id)
        .await?
        .remove(&service.id)
        .unwrap_or_default();
    let data: Vec<LinkDto> = stored.into_iter().map(LinkDto::from).collect();
    let count = data.len();
    Ok(Envelope::with_meta(data, json!({"total_count": count})))
}
