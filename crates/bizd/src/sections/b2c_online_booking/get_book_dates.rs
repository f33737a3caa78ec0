use std::collections::BTreeMap;

use axum::extract::State;
use bizd_domain::availability::any_free;
use jiff::civil::Date;
use jiff::ToSpan;

use super::json::{ids, BookDatesDto, BookDatesQuery, BookLocationPath, DaysByMonth};
use super::rules::{self, Flow, MAX_DAYS};
use crate::app::AppState;
use crate::http::wire::{text, EmptyList};
use crate::http::{ApiError, ApiResult, BookingLocation, Envelope, Path, Query};

/// Get Dates Available for Booking (`b2c-online-booking/get_book_dates.md`): over
/// `date_from`–`date_to`, else the month of `date`, else the whole booking window — always cut
/// to the window (from today to `booking_window_days`) — the dates on which the team member
/// (`staff_id`; 0 or none: any team member providing the services) works, and those with at
/// least one free session for `service_ids[]`. Both lists also come grouped by month, `[]`
/// when empty (as production). One read of schedules and appointments for the whole range;
/// the cost grows with team members × days, not with the appointment table.
#[utoipa::path(
    get, path = "/book_dates/{location_id}", operation_id = "get_book_dates", tag = "Online Booking",
    params(BookLocationPath, BookDatesQuery),
    security(("BearerPartner" = [])),
    responses((status = 200, body = Envelope<BookDatesDto>))
)]
pub async fn get_book_dates(
    State(state): State<AppState>,
    access: BookingLocation,
    Path(_path): Path<BookLocationPath>,
    Query(q): Query<BookDatesQuery>,
) -> ApiResult<Envelope<BookDatesDto>> {
    let location = &access.location;
    let mut c = state.db.snapshot().await?;
    let flow = Flow::load(&mut c, location, state.clock.now()).await?;
    let chosen = ids(q.service_ids);
    rules::offered(&rules::services(&mut c, location.id).await?, &chosen)?;
    let (from, to) = match (text(q.date_from), text(q.date_to), text(q.date)) {
        (Some(a), Some(b), _) => (rules::date("date_from", &a)?, rules::date("date_to", &b)?),
        (_, _, Some(d)) => {
            let d = rules::date("date", &d)?;
            (d.first_of_month(), d.last_of_month())
        }
        _ => (flow.today, flow.last_day),
    };
    if to < from {
        return Err(ApiError::field(
            "date_to",
            "The range ends before it starts.",
        ));
    }
    let team: Vec<i64> = rules::members(&mut c, location.id)
        .await?
        .iter()
        .map(|m| m.id)
        .collect();
    let members = match q.staff_id.map_or(0, |v| v.0) {
        0 => team,
        m if team.contains(&m) => vec![m],
        _ => {
            return Err(ApiError::field(
                "staff_id",
                "No such team member open to online booking.",
            ))
        }
    };
    let (mut working, mut booking) = (Vec::new(), Vec::new());
    if let Some((from, to)) = flow.clamp(from, to) {
        let to = to.min(from.checked_add((MAX_DAYS - 1).days()).unwrap_or(to));
        let board = rules::board(&mut c, location, &members, (from, to), &chosen, None).await?;
        let lengths: Vec<(i64, i64)> = members
            .iter()
            .filter_map(|&m| board.length(m, &chosen, flow.limits.step).map(|l| (m, l)))
            .collect();
        let mut day = from;
        while day <= to {
            if members.iter().any(|&m| board.works(m, day)) {
                working.push(day);
            }
            let free = lengths.iter().any(|&(m, length)| {
                board.works(m, day)
                    && any_free(
                        &board.day(m, day, &location.tz),
                        length,
                        &flow.limits,
                        &location.tz,
                    )
            });
            if free {
                booking.push(day);
            }
            match day.checked_add(1.day()) {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
    }
    Ok(Envelope::one(BookDatesDto {
        booking_days: by_month(&booking),
        booking_dates: booking.iter().map(Date::to_string).collect(),
        working_days: by_month(&working),
        working_dates: working.iter().map(Date::to_string).collect(),
    }))
}

fn by_month(dates: &[Date]) -> DaysByMonth {
    if dates.is_empty() {
        return DaysByMonth::None(EmptyList);
    }
    let mut map: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for d in dates {
        map.entry(d.month().to_string())
            .or_default()
            .push(i64::from(d.day()));
    }
    DaysByMonth::Months(map)
}
