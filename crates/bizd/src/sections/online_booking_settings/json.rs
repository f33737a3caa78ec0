//! Wire types of the online booking settings section.

use bizd_store::online_booking::forms::BookingForm;
use bizd_store::online_booking::OnlineSettings;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::wire::{Flag, Int, Text};

/// A location's online booking settings: the reference's four fields and bizd's extensions
/// (`booking_window_days`, `seance_step`, `client_online_records_max`; docs/compat.md).
#[derive(Debug, Serialize, ToSchema)]
pub struct OnlineBookingSettingsDto {
    /// A booking needs the code `book_code` sends to the phone
    pub confirm_number: bool,
    /// "Any team member" mode: the booker may leave the choice to the location
    pub any_master: bool,
    /// Minimum notice before a session, in minutes (0 to 1380, steps of 30)
    pub seance_delay_step: i64,
    /// Seats in one group event (1–255)
    pub activity_online_record_clients_count_max: i64,
    /// Days ahead that may be booked, today included; 0 = no limit (extension, default 60)
    pub booking_window_days: i64,
    /// Seconds between offered sessions; 0 = the calendar's `timetable_step` (extension)
    pub seance_step: i64,
    /// Future online appointments one client may hold at once; 0 = no limit (extension)
    pub client_online_records_max: i64,
}

impl From<OnlineSettings> for OnlineBookingSettingsDto {
    fn from(s: OnlineSettings) -> Self {
        OnlineBookingSettingsDto {
            confirm_number: s.confirm_number,
            any_master: s.any_master,
            seance_delay_step: s.seance_delay_step,
            activity_online_record_clients_count_max: s.activity_online_record_clients_count_max,
            booking_window_days: s.booking_window_days,
            seance_step: s.seance_step,
            client_online_records_max: s.client_online_records_max,
        }
    }
}

/// Body of `PATCH /company/{location_id}/settings/online`: only the fields sent change.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct OnlineBookingSettingsBody {
    #[schema(value_type = Option<bool>)]
    pub confirm_number: Option<Flag>,
    #[schema(value_type = Option<bool>)]
    pub any_master: Option<Flag>,
    /// Minutes, 0 to 1380 in steps of 30
    #[schema(value_type = Option<i64>)]
    pub seance_delay_step: Option<Int>,
    /// 1 to 255
    #[schema(value_type = Option<i64>)]
    pub activity_online_record_clients_count_max: Option<Int>,
    /// 0 (no limit) to 365
    #[schema(value_type = Option<i64>)]
    pub booking_window_days: Option<Int>,
    /// 0 (the calendar's step) or a multiple of 300 from 300 to 7200
    #[schema(value_type = Option<i64>)]
    pub seance_step: Option<Int>,
    /// 0 (no limit) to 100
    #[schema(value_type = Option<i64>)]
    pub client_online_records_max: Option<Int>,
}

/// How the slots of a day are generated.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimeslotGridDto {
    /// Earliest slot, seconds from midnight
    pub grid_first_timeslot: i64,
    /// Latest slot, seconds from midnight
    pub grid_last_timeslot: i64,
    /// Seconds between displayed slots
    pub grid_display_step: i64,
    /// Minimum delay before the nearest slot, seconds
    pub grid_nearest_timeslot_delay: i64,
    /// `predefined`, `schedule` or `timeslots`
    pub grid_base_type: String,
    pub is_grid_flexible: bool,
}

/// The slot settings of one weekday.
#[derive(Debug, Serialize, ToSchema)]
pub struct WeekdayTimeslotsDto {
    /// 1 = Monday … 7 = Sunday
    pub weekday: i64,
    /// Predefined slots (seconds from midnight); empty with the schedule grid
    pub timeslots: Vec<i64>,
    pub setting: TimeslotGridDto,
}

/// A per-date override.
#[derive(Debug, Serialize, ToSchema)]
pub struct DateTimeslotsDto {
    pub date: String,
    pub timeslots: Vec<i64>,
    pub setting: TimeslotGridDto,
}

/// The timeslot settings of online booking.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimeslotSettingsDto {
    /// Custom timeslots (always false here: slots follow the schedule grid)
    pub is_enabled: bool,
    pub weekdays_settings: Vec<WeekdayTimeslotsDto>,
    pub dates_settings: Vec<DateTimeslotsDto>,
}

/// `/company/{location_id}/booking_forms/{form_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct BookingFormPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Booking form ID
    #[param(value_type = i64)]
    pub form_id: Int,
}

/// The display options of a booking form, stored as one JSON object.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct FormOptions {
    pub ab_test_enabled: bool,
    pub without_menu: bool,
    pub service_step_default: i64,
    pub service_step_hide: bool,
    pub master_step_default: i64,
    pub master_step_hide: bool,
    pub service_step_num: i64,
    pub master_step_num: i64,
    pub datetime_step_num: i64,
    pub show_button: bool,
    pub button_position: String,
    pub form_position: String,
    pub button_color: String,
    pub button_animation: bool,
}

impl Default for FormOptions {
    fn default() -> Self {
        FormOptions {
            ab_test_enabled: false,
            without_menu: false,
            service_step_default: 0,
            service_step_hide: false,
            master_step_default: 0,
            master_step_hide: false,
            service_step_num: 1,
            master_step_num: 2,
            datetime_step_num: 3,
            show_button: true,
            button_position: "bottom right".into(),
            form_position: "right".into(),
            button_color: "#1c84c6".into(),
            button_animation: true,
        }
    }
}

/// A booking form ("booking widget").
#[derive(Debug, Serialize, ToSchema)]
pub struct BookingWidgetDto {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub is_default: bool,
    pub ab_test_enabled: bool,
    pub without_menu: bool,
    /// Service chosen in advance (0: none)
    pub service_step_default: i64,
    pub service_step_hide: bool,
    /// Team member chosen in advance (0: none)
    pub master_step_default: i64,
    pub master_step_hide: bool,
    pub service_step_num: i64,
    pub master_step_num: i64,
    pub datetime_step_num: i64,
    pub show_button: bool,
    pub button_position: String,
    pub form_position: String,
    pub button_color: String,
    pub button_animation: bool,
    /// Code that puts the booking button on a site
    pub html_code: String,
    pub is_chain: bool,
    pub sequence_type: String,
}

impl BookingWidgetDto {
    pub fn new(f: &BookingForm) -> Self {
        let o: FormOptions = serde_json::from_str(&f.options).unwrap_or_default();
        BookingWidgetDto {
            id: f.id,
            title: f.title.clone(),
            description: f.description.clone(),
            is_default: f.is_default,
            ab_test_enabled: o.ab_test_enabled,
            without_menu: o.without_menu,
            service_step_default: o.service_step_default,
            service_step_hide: o.service_step_hide,
            master_step_default: o.master_step_default,
            master_step_hide: o.master_step_hide,
            service_step_num: o.service_step_num,
            master_step_num: o.master_step_num,
            datetime_step_num: o.datetime_step_num,
            show_button: o.show_button,
            button_position: o.button_position,
            form_position: o.form_position,
            button_color: o.button_color,
            button_animation: o.button_animation,
            html_code: format!(
                "<script type=\"text/javascript\" src=\"/bookform/{}\" charset=\"UTF-8\"></script>",
                f.id
            ),
            is_chain: false,
            sequence_type: "steps".into(),
        }
    }
}

/// Body of `POST` and `PATCH` `/company/{location_id}/booking_forms`: a create needs `title`;
/// a change touches only the fields sent.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct BookingWidgetBody {
    #[schema(value_type = Option<String>)]
    pub title: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub description: Option<Text>,
    #[schema(value_type = Option<bool>)]
    pub is_default: Option<Flag>,
    #[schema(value_type = Option<bool>)]
    pub ab_test_enabled: Option<Flag>,
    #[schema(value_type = Option<bool>)]
    pub without_menu: Option<Flag>,
    #[schema(value_type = Option<i64>)]
    pub service_step_default: Option<Int>,
    #[schema(value_type = Option<bool>)]
    pub service_step_hide: Option<Flag>,
    #[schema(value_type = Option<i64>)]
    pub master_step_default: Option<Int>,
    #[schema(value_type = Option<bool>)]
    pub master_step_hide: Option<Flag>,
    #[schema(value_type = Option<i64>)]
    pub service_step_num: Option<Int>,
    #[schema(value_type = Option<i64>)]
    pub master_step_num: Option<Int>,
    #[schema(value_type = Option<i64>)]
    pub datetime_step_num: Option<Int>,
    #[schema(value_type = Option<bool>)]
    pub show_button: Option<Flag>,
    /// `bottom right`, `bottom left`, `top right` or `top left`
    #[schema(value_type = Option<String>)]
    pub button_position: Option<Text>,
    /// `right` or `left`
    #[schema(value_type = Option<String>)]
    pub form_position: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub button_color: Option<Text>,
    #[schema(value_type = Option<bool>)]
    pub button_animation: Option<Flag>,
}
