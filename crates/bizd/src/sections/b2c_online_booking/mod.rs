//! Online Booking: the public booking flow a booking site drives with a partner token only
//! (`../shared/reference/altegio-b2b-v1/b2c-online-booking/`, with the full reference's
//! Online-Booking and Online-appointment groups).
//!
//! Quirks: each step narrows the next — services a chosen team member provides online
//! (`book_services`), team members who provide the chosen services (`book_staff`), dates with
//! a free session (`book_dates`), times that fit the whole chosen set (`book_times`) — and every
//! one of them, `book_check` and `book_record` ask `bizd_domain::availability`, as the calendar
//! does, so they never disagree. The location's online settings rule the offer: the booking
//! window, the minimum notice, the slot step, "any team member" (`staff_id` 0), phone codes,
//! the per-client cap. Open to online booking: live team members neither hidden nor fired, live
//! active services, and only the links marked `is_online`. Past times (the one clock) are never
//! offered. Refusals carry the reference's numbered errors in `meta.errors` (431–438).
//! `staff_id`, `team_member_id` and `master_id` are one another's aliases.
//!
//! Access: a partner token (`BookingLocation`: the location must exist; a user token, if sent,
//! may be a booking-site user's — moving an appointment needs it, or the appointment's hash).
//! Bookers are not users: what they may touch is what they hold the hash of, or what their
//! confirmed phone names.

mod get_book_dates;
pub mod get_book_record;
mod get_book_services;
mod get_book_staff;
mod get_book_staff_seances;
mod get_book_times;
mod get_bookform;
mod get_i18n;
pub mod json;
pub mod phone_codes;
mod post_book_check;
mod post_book_code;
mod post_book_record;
mod put_book_record;
pub mod rules;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_bookform::get_bookform))
        .routes(routes!(get_i18n::get_i18n))
        .routes(routes!(get_book_services::get_book_services))
        .routes(routes!(get_book_staff::get_book_staff))
        .routes(routes!(get_book_dates::get_book_dates))
        .routes(routes!(get_book_times::get_book_times))
        .routes(routes!(get_book_staff_seances::get_book_staff_seances))
        .routes(routes!(post_book_check::post_book_check))
        .routes(routes!(post_book_code::post_book_code))
        .routes(routes!(post_book_record::post_book_record))
        .routes(routes!(get_book_record::get_book_record))
        .routes(routes!(put_book_record::put_book_record))
}
