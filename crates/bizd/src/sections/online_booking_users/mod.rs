//! Online Booking Users: booking-site accounts (the full reference's Online-Booking-Users and
//! User-Appointments groups).
//!
//! Quirks: a booking-site user is a user account without memberships (one account table, one
//! token kind): `POST /booking/auth` signs in with a password like `POST /auth`;
//! `POST /user/auth` signs in with a phone and the code sent to it, creating the account on
//! first use. What a booking-site user may see and cancel is what their phone names: the
//! appointments of the clients with that phone, in any location — so a phone is changed only
//! with a code sent to the new one. `GET /user/records` (an extension) lists them.
//!
//! Access: sign-in needs a partner token; the rest a partner and a user token (any user: these
//! act on the user's own account and appointments only).

mod authorize_online_booking_user;
mod delete_user_appointment;
mod get_online_booking_user_data;
mod get_user_appointment_list;
pub mod json;
mod log_in_with_phone_and_code;
mod send_phone_confirmation_code;
mod update_online_booking_user;
mod update_online_booking_user_password;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(
            authorize_online_booking_user::authorize_online_booking_user
        ))
        .routes(routes!(
            log_in_with_phone_and_code::log_in_with_phone_and_code
        ))
        .routes(routes!(
            get_online_booking_user_data::get_online_booking_user_data
        ))
        .routes(routes!(
            update_online_booking_user::update_online_booking_user
        ))
        .routes(routes!(
            update_online_booking_user_password::update_online_booking_user_password
        ))
        .routes(routes!(
            send_phone_confirmation_code::send_phone_confirmation_code
        ))
        .routes(routes!(delete_user_appointment::delete_user_appointment))
        .routes(routes!(
            get_user_appointment_list::get_user_appointment_list
        ))
}
