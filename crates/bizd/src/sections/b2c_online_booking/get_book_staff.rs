use axum::extract::State;
use bizd_domain::availability::is_free_at;
use bizd_domain::schedule::local_time_of;
use bizd_store::team_members::TeamMember;

use super::json::{
    ids, BookLocationPath, BookPosition, BookPositionDto, BookStaffDto, BookStaffQuery,
};
use super::rules::{self, Flow};
use crate::app::AppState;
use crate::http::wire::{text, EmptyList};
use crate::http::{ApiResult, BookingLocation, Envelope, Path, Query};

/// Get Team Members Available for Booking (`b2c-online-booking/get_book_staff.md`): the team
/// members open to online booking (live, neither hidden nor fired) who provide every service of
/// `service_ids[]` online, heaviest first. `bookable` and `seance_date` say whether and when
/// they next have a free session for those services inside the booking window; with
/// `datetime`, whether that very session is free. A service not offered online is 422.
#[utoipa::path(
    get, path = "/book_staff/{location_id}", operation_id = "get_book_staff", tag = "Online Booking",
    params(BookLocationPath, BookStaffQuery),
    security(("BearerPartner" = [])),
    responses((status = 200, body = Envelope<Vec<BookStaffDto>>))
)]
pub async fn get_book_staff(
    State(state): State<AppState>,
    access: BookingLocation,
    Path(_path): Path<BookLocationPath>,
    Query(q): Query<BookStaffQuery>,
) -> ApiResult<Envelope<Vec<BookStaffDto>>> {
    let location = &access.location;
    let mut c = state.db.snapshot().await?;
    let flow = Flow::load(&mut c, location, state.clock.now()).await?;
    let chosen = ids(q.service_ids);
    rules::offered(&rules::services(&mut c, location.id).await?, &chosen)?;
    let at = match text(q.datetime) {
        Some(t) => Some(rules::instant("datetime", &t, location)?),
        None => None,
    };
    let team = rules::members(&mut c, location.id).await?;
    let ids: Vec<i64> = team.iter().map(|m| m.id).collect();
    let range = match at.and_then(|at| local_time_of(at, &location.tz)) {
        Some((date, _)) => (date, date),
        None => (flow.today, flow.last_day.max(flow.today)),
    };
    let board = rules::board(&mut c, location, &ids, range, &chosen, None).await?;
    let list = team
        .iter()
        .filter(|m| board.provides(m.id, &chosen))
        .map(|m| {
            let seance_date = match at {
                Some(at) => board
                    .length(m.id, &chosen, flow.limits.step)
                    .filter(|&length| {
                        is_free_at(
                            &board.day(m.id, range.0, &location.tz),
                            at,
                            length,
                            &flow.limits,
                            &location.tz,
                        )
                    })
                    .map(|_| range.0),
                None => rules::first_date(&flow, &board, location, m.id, &chosen, flow.today),
            };
            staff_dto(m, seance_date.map(|d| d.to_string()))
        })
        .collect();
    Ok(Envelope::one(list))
}

fn staff_dto(m: &TeamMember, seance_date: Option<String>) -> BookStaffDto {
    let f = &m.fields;
    BookStaffDto {
        id: m.id,
        api_id: (!f.api_id.is_empty()).then(|| f.api_id.clone()),
        name: f.name.clone(),
        bookable: seance_date.is_some(),
        specialization: f.specialization.clone(),
        position: match &m.position {
            Some(p) => BookPosition::Position(BookPositionDto {
                id: p.id,
                title: p.fields.title.clone(),
            }),
            None => BookPosition::None(EmptyList),
        },
        show_rating: i64::from(f.show_rating),
        rating: m.rating,
        votes_count: m.votes_count,
        avatar: m.avatar.clone(),
        avatar_big: m.avatar_big.clone(),
        comments_count: m.comments_count,
        weight: f.weight,
        information: f.information.clone(),
        seance_date,
        seances: Vec::new(),
        fired: 0,
        status: 0,
        hidden: 0,
        prepaid: "forbidden".into(),
    }
}
