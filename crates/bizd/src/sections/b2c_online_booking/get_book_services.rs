use axum::extract::State;
use bizd_domain::availability::is_free_at;

use super::json::{
    ids, BookCategoryDto, BookLocationPath, BookServiceDto, BookServicesDto, BookServicesQuery,
};
use super::rules::{self, Flow};
use crate::app::AppState;
use crate::http::wire::{text, Amount, EmptyList};
use crate::http::{ApiError, ApiResult, BookingLocation, Envelope, Path, Query};

/// Get Services Available for Booking (`b2c-online-booking/get_book_services.md`): the live,
/// active services, heaviest first, with their categories. With `staff_id`: only those the
/// team member provides online, with their duration (`seance_length`); with `datetime` too:
/// only those that, added to `service_ids[]`, still fit at that time. An unknown or hidden
/// team member is 422.
#[utoipa::path(
    get, path = "/book_services/{location_id}", operation_id = "get_book_services", tag = "Online Booking",
    params(BookLocationPath, BookServicesQuery),
    security(("BearerPartner" = [])),
    responses((status = 200, body = Envelope<BookServicesDto>))
)]
pub async fn get_book_services(
    State(state): State<AppState>,
    access: BookingLocation,
    Path(_path): Path<BookLocationPath>,
    Query(q): Query<BookServicesQuery>,
) -> ApiResult<Envelope<BookServicesDto>> {
    let location = &access.location;
    let mut c = state.db.snapshot().await?;
    let flow = Flow::load(&mut c, location, state.clock.now()).await?;
    let mut services = rules::services(&mut c, location.id).await?;
    let chosen = ids(q.service_ids);
    let member = q.staff_id.map_or(0, |v| v.0);
    let mut lengths = std::collections::HashMap::new();
    if member != 0 {
        if !rules::members(&mut c, location.id)
            .await?
            .iter()
            .any(|m| m.id == member)
        {
            return Err(ApiError::field(
                "staff_id",
                "No such team member open to online booking.",
            ));
        }
        let at = match text(q.datetime) {
            Some(t) => Some(rules::instant("datetime", &t, location)?),
            None => None,
        };
        let date = at
            .and_then(|at| bizd_domain::schedule::local_time_of(at, &location.tz))
            .map_or(flow.today, |(d, _)| d);
        let board = rules::board(&mut c, location, &[member], (date, date), &chosen, None).await?;
        services.retain(|s| {
            let Some(own) = board.length(member, &[s.id], 0) else {
                return false;
            };
            lengths.insert(s.id, own);
            let Some(at) = at else { return true };
            let mut all = chosen.clone();
            if !all.contains(&s.id) {
                all.push(s.id);
            }
            board.length(member, &all, 0).is_some_and(|length| {
                is_free_at(
                    &board.day(member, date, &location.tz),
                    at,
                    length,
                    &flow.limits,
                    &location.tz,
                )
            })
        });
    }
    services.sort_by(|a, b| b.fields.weight.cmp(&a.fields.weight).then(a.id.cmp(&b.id)));
    let categories = bizd_store::services::categories(&mut c, location.id, None, None).await?;
    let category = categories
        .into_iter()
        .filter(|k| services.iter().any(|s| s.fields.category_id == k.id))
        .map(|k| BookCategoryDto {
            id: k.id,
            title: k.fields.title,
            gender: 0,
            api_id: k.fields.api_id,
            weight: k.fields.weight,
        })
        .collect();
    let services = services
        .into_iter()
        .map(|s| BookServiceDto {
            id: s.id,
            title: if s.fields.booking_title.is_empty() {
                s.fields.title.clone()
            } else {
                s.fields.booking_title.clone()
            },
            category_id: s.fields.category_id,
            price_min: Amount::from(s.fields.price_min),
            price_max: Amount::from(s.fields.price_max),
            discount: Amount::from(s.fields.discount),
            comment: s.fields.comment.clone(),
            weight: s.fields.weight,
            active: 1,
            gender: 0,
            image: String::new(),
            prepaid: "forbidden".into(),
            seance_length: lengths.get(&s.id).copied(),
            abonement_restriction: 0,
            is_composite: false,
            is_chain: false,
        })
        .collect();
    Ok(Envelope::one(BookServicesDto {
        events: EmptyList,
        services,
        category,
    }))
}
