//! Online Booking Settings: the location's settings for the public booking flow, its timeslot
//! grid, and its booking forms
//! (`../shared/reference/altegio-b2b-v1/online-booking-settings/`, with the full reference's
//! Online-Booking-Settings and Booking-Widget-Settings groups).
//!
//! Quirks: every location has a settings row and a default booking form from its creation
//! (backfilled by migration 0009). The settings carry the reference's four fields and three
//! extensions that the public flow obeys (`booking_window_days`, `seance_step`,
//! `client_online_records_max`; docs/compat.md); PATCH changes only the fields sent. The
//! timeslot settings are read-only and derived from those settings (v1 has no write for them).
//! A form's display options are one JSON object in the store; `is_default` moves between forms
//! (one default per location, never none).
//!
//! Access: any member of the location reads; writes need the settings permission, like the
//! calendar settings. Each write locks the location row, which serializes the default flag.

mod create_booking_widget;
mod delete_booking_widget;
mod get_booking_widget;
mod get_booking_widget_list;
mod get_online_booking_settings;
mod get_timeslot_settings;
pub mod json;
mod rules;
mod update_booking_widget;
mod update_online_booking_settings;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(
            get_online_booking_settings::get_online_booking_settings,
            update_online_booking_settings::update_online_booking_settings
        ))
        .routes(routes!(get_timeslot_settings::get_timeslot_settings))
        .routes(routes!(
            get_booking_widget_list::get_booking_widget_list,
            create_booking_widget::create_booking_widget
        ))
        .routes(routes!(
            get_booking_widget::get_booking_widget,
            update_booking_widget::update_booking_widget,
            delete_booking_widget::delete_booking_widget
        ))
}
