use axum::extract::State;

use super::json::{ids, BookTimeDto, BookTimesPath, BookTimesQuery};
use super::rules::{self, Flow};
use crate::app::AppState;
use crate::http::{ApiError, ApiResult, BookingLocation, Envelope, Path, Query};

/// Get a List of Time Slots Available for Booking (`b2c-online-booking/get_book_times.md`): the
/// free sessions of the date for all of `service_ids[]` together (the team member's own
/// durations), never past the clock plus the minimum notice, never outside the booking window,
/// every `seance_step`. Team member 0: the sessions where any team member is free (each time
/// once). A team member not open to online booking is 404; a service not offered online 422.
#[utoipa::path(
    get, path = "/book_times/{location_id}/{team_member_id}/{date}", operation_id = "get_book_times", tag = "Online Booking",
    params(BookTimesPath, BookTimesQuery),
    security(("BearerPartner" = [])),
    responses((status = 200, body = Envelope<Vec<BookTimeDto>>))
)]
pub async fn get_book_times(
    State(state): State<AppState>,
    access: BookingLocation,
    Path(path): Path<BookTimesPath>,
    Query(q): Query<BookTimesQuery>,
) -> ApiResult<Envelope<Vec<BookTimeDto>>> {
    let location = &access.location;
    let mut c = state.db.snapshot().await?;
    let flow = Flow::load(&mut c, location, state.clock.now()).await?;
    let date = rules::date("date", &path.date)?;
    let chosen = ids(q.service_ids);
    rules::offered(&rules::services(&mut c, location.id).await?, &chosen)?;
    let team: Vec<i64> = rules::members(&mut c, location.id)
        .await?
        .iter()
        .map(|m| m.id)
        .collect();
    let members = match path.team_member_id.0 {
        0 => team,
        m if team.contains(&m) => vec![m],
        _ => return Err(ApiError::NotFound("Team member not found.".into())),
    };
    let Some(range) = flow.clamp(date, date) else {
        return Ok(Envelope::one(Vec::new()));
    };
    let board = rules::board(&mut c, location, &members, range, &chosen, None).await?;
    let mut free: Vec<_> = members
        .iter()
        .flat_map(|&m| rules::times(&flow, &board, location, m, date, &chosen))
        .collect();
    // Any team member: each time once (the first team member's length, by weight).
    free.sort_by_key(|(s, _)| s.at);
    free.dedup_by_key(|(s, _)| s.at);
    let list = free
        .iter()
        .map(|(s, length)| rules::time_dto(s, *length, location))
        .collect();
    Ok(Envelope::one(list))
}
