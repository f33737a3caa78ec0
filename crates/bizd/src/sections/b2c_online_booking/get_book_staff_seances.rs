use axum::extract::State;
use bizd_domain::schedule::local_time_of;

use super::json::{ids, BookStaffSeancesDto, BookStaffSeancesPath, BookStaffSeancesQuery};
use super::rules::{self, Flow};
use crate::app::AppState;
use crate::http::wire::text;
use crate::http::{ApiError, ApiResult, BookingLocation, Envelope, Path, Query};

/// Get Nearest Available Time Slots for Team Member
/// (`b2c-online-booking/get_book_staff_seances.md`): the first date from `datetime` (default:
/// today) inside the booking window with a free session for `service_ids[]`, and its free
/// sessions; `seance_date` `null` and no sessions when there is none. A team member not open to
/// online booking is 404.
#[utoipa::path(
    get, path = "/book_staff_seances/{location_id}/{team_member_id}", operation_id = "get_book_staff_seances", tag = "Online Booking",
    params(BookStaffSeancesPath, BookStaffSeancesQuery),
    security(("BearerPartner" = [])),
    responses((status = 200, body = Envelope<BookStaffSeancesDto>))
)]
pub async fn get_book_staff_seances(
    State(state): State<AppState>,
    access: BookingLocation,
    Path(path): Path<BookStaffSeancesPath>,
    Query(q): Query<BookStaffSeancesQuery>,
) -> ApiResult<Envelope<BookStaffSeancesDto>> {
    let location = &access.location;
    let member = path.team_member_id.0;
    let mut c = state.db.snapshot().await?;
    let flow = Flow::load(&mut c, location, state.clock.now()).await?;
    let chosen = ids(q.service_ids);
    rules::offered(&rules::services(&mut c, location.id).await?, &chosen)?;
    if !rules::members(&mut c, location.id)
        .await?
        .iter()
        .any(|m| m.id == member)
    {
        return Err(ApiError::NotFound("Team member not found.".into()));
    }
    let from = match text(q.datetime) {
        Some(t) => {
            let at = rules::instant("datetime", &t, location)?;
            local_time_of(at, &location.tz).map_or(flow.today, |(d, _)| d)
        }
        None => flow.today,
    };
    let mut answer = BookStaffSeancesDto {
        seance_date: None,
        seances: Vec::new(),
    };
    if let Some(range) = flow.clamp(from, flow.last_day) {
        let board = rules::board(&mut c, location, &[member], range, &chosen, None).await?;
        if let Some(date) = rules::first_date(&flow, &board, location, member, &chosen, range.0) {
            answer.seance_date = Some(date.to_string());
            answer.seances = rules::times(&flow, &board, location, member, date, &chosen)
                .iter()
                .map(|(s, length)| rules::time_dto(s, *length, location))
                .collect();
        }
    }
    Ok(Envelope::one(answer))
}
