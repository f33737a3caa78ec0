//! Wire types of the public booking flow.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::wire::{Amount, EmptyList, Int, OneOrMany, Text};

/// `/…/{location_id}` of the public flow.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct BookLocationPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
}

/// `service_ids[]`: the chosen services.
pub fn ids(v: Option<OneOrMany<Int>>) -> Vec<i64> {
    v.map(|v| v.0.into_iter().map(|i| i.0).collect())
        .unwrap_or_default()
}

/// Query of `GET /book_services/{location_id}`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct BookServicesQuery {
    /// Only the services this team member provides online (0: any)
    #[serde(alias = "team_member_id", alias = "master_id")]
    #[param(value_type = Option<i64>)]
    pub staff_id: Option<Int>,
    /// With `staff_id`: only services that fit at this time (ISO 8601)
    #[param(value_type = Option<String>)]
    pub datetime: Option<Text>,
    /// Services already chosen for the same appointment
    #[param(value_type = Option<Vec<i64>>)]
    pub service_ids: Option<OneOrMany<Int>>,
}

/// A service offered online.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookServiceDto {
    pub id: i64,
    pub title: String,
    pub category_id: i64,
    pub price_min: Amount,
    pub price_max: Amount,
    pub discount: Amount,
    pub comment: String,
    pub weight: i64,
    /// 1: active
    pub active: i64,
    pub gender: i64,
    pub image: String,
    /// Online payment status (always `forbidden`: no online payments)
    pub prepaid: String,
    /// Seconds, with a team member chosen (their duration); otherwise `null`
    pub seance_length: Option<i64>,
    pub abonement_restriction: i64,
    pub is_composite: bool,
    pub is_chain: bool,
}

/// A category of the services offered.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookCategoryDto {
    pub id: i64,
    pub title: String,
    pub gender: i64,
    pub api_id: String,
    pub weight: i64,
}

/// Answer of `GET /book_services/{location_id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookServicesDto {
    /// Group events (always `[]`: they come with the group-events section)
    pub events: EmptyList,
    pub services: Vec<BookServiceDto>,
    pub category: Vec<BookCategoryDto>,
}

/// Query of `GET /book_staff/{location_id}`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct BookStaffQuery {
    /// Only team members who provide all these services online
    #[param(value_type = Option<Vec<i64>>)]
    pub service_ids: Option<OneOrMany<Int>>,
    /// Only team members free at this time (ISO 8601)
    #[param(value_type = Option<String>)]
    pub datetime: Option<Text>,
}

/// A team member's position, as the public flow shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookPositionDto {
    pub id: i64,
    pub title: String,
}

/// A position, or `[]` for none (as production sends it).
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum BookPosition {
    Position(BookPositionDto),
    None(EmptyList),
}

/// A session offered online.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookTimeDto {
    /// Local time, `HH:MM`
    pub time: String,
    /// Seconds the chosen services take
    pub seance_length: i64,
    /// The same, for all the chosen services together
    pub sum_length: i64,
    /// ISO 8601 with the location's offset: what `book_record` takes
    pub datetime: String,
}

/// A team member offered online.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookStaffDto {
    pub id: i64,
    pub api_id: Option<String>,
    pub name: String,
    /// Whether they have a free session (at `datetime`, when asked; else within the window)
    pub bookable: bool,
    pub specialization: String,
    pub position: BookPosition,
    pub show_rating: i64,
    pub rating: f64,
    pub votes_count: i64,
    pub avatar: String,
    pub avatar_big: String,
    pub comments_count: i64,
    pub weight: i64,
    pub information: String,
    /// The first date with a free session (only when bookable)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seance_date: Option<String>,
    /// The free sessions of `seance_date` (`[]` unless asked for a date)
    pub seances: Vec<BookTimeDto>,
    pub fired: i64,
    pub status: i64,
    pub hidden: i64,
    pub prepaid: String,
}

/// Query of `GET /book_dates/{location_id}`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct BookDatesQuery {
    #[param(value_type = Option<Vec<i64>>)]
    pub service_ids: Option<OneOrMany<Int>>,
    /// A team member (0: any)
    #[serde(alias = "team_member_id", alias = "master_id")]
    #[param(value_type = Option<i64>)]
    pub staff_id: Option<Int>,
    /// A date in the month wanted (`YYYY-MM-DD`)
    #[param(value_type = Option<String>)]
    pub date: Option<Text>,
    /// With `date_to`: the range wanted (overrides `date`)
    #[param(value_type = Option<String>)]
    pub date_from: Option<Text>,
    #[param(value_type = Option<String>)]
    pub date_to: Option<Text>,
}

/// Days grouped by month (`{"12": [6, 20]}`), or `[]` when there are none (as production).
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum DaysByMonth {
    Months(BTreeMap<String, Vec<i64>>),
    None(EmptyList),
}

/// Answer of `GET /book_dates/{location_id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookDatesDto {
    pub booking_days: DaysByMonth,
    /// Dates with a free session for the chosen services and team member
    pub booking_dates: Vec<String>,
    pub working_days: DaysByMonth,
    /// Dates the team member (or any team member) works
    pub working_dates: Vec<String>,
}

/// `/book_times/{location_id}/{team_member_id}/{date}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct BookTimesPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Team member ID (0: any team member)
    #[param(value_type = i64)]
    pub team_member_id: Int,
    /// Date, `YYYY-MM-DD`
    pub date: String,
}

/// `service_ids[]` of the session reads.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct BookTimesQuery {
    #[param(value_type = Option<Vec<i64>>)]
    pub service_ids: Option<OneOrMany<Int>>,
}

/// `/book_staff_seances/{location_id}/{team_member_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct BookStaffSeancesPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Team member ID
    #[param(value_type = i64)]
    pub team_member_id: Int,
}

/// Query of `GET /book_staff_seances/…`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct BookStaffSeancesQuery {
    #[param(value_type = Option<Vec<i64>>)]
    pub service_ids: Option<OneOrMany<Int>>,
    /// From this date on (default: today)
    #[param(value_type = Option<String>)]
    pub datetime: Option<Text>,
}

/// Answer of `GET /book_staff_seances/…`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookStaffSeancesDto {
    /// The first date with free sessions (`null`: none within the window)
    pub seance_date: Option<String>,
    pub seances: Vec<BookTimeDto>,
}

/// One appointment of a `book_check` or `book_record` request.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct BookAppointmentBody {
    /// The request's own id for this appointment (echoed in the answer and errors)
    #[schema(value_type = Option<i64>)]
    pub id: Option<Int>,
    #[schema(value_type = Option<Vec<i64>>)]
    pub services: Option<OneOrMany<Int>>,
    /// Team member (0: any team member)
    #[serde(alias = "team_member_id", alias = "master_id")]
    #[schema(value_type = Option<i64>)]
    pub staff_id: Option<Int>,
    /// The session's start, ISO 8601 (as `book_times` gives it)
    #[schema(value_type = Option<String>)]
    pub datetime: Option<Text>,
    /// Accepted; custom fields come with their section
    #[schema(value_type = Option<Object>)]
    pub custom_fields: Option<serde_json::Value>,
}

/// Body of `POST /book_check/{location_id}`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct BookCheckBody {
    pub appointments: Option<Vec<BookAppointmentBody>>,
}

/// Body of `POST /book_code/{location_id}`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct BookCodeBody {
    /// The phone the code goes to
    #[schema(value_type = Option<String>)]
    pub phone: Option<Text>,
    /// The client's name (also spelled `fulname`, as the reference's sample does)
    #[serde(alias = "fulname")]
    #[schema(value_type = Option<String>)]
    pub fullname: Option<Text>,
}

/// Body of `POST /book_record/{location_id}`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct BookRecordBody {
    #[schema(value_type = Option<String>)]
    pub phone: Option<Text>,
    #[serde(alias = "full_name", alias = "name")]
    #[schema(value_type = Option<String>)]
    pub fullname: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub email: Option<Text>,
    /// The code `book_code` sent (needed when the location confirms phones)
    #[schema(value_type = Option<String>)]
    pub code: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub comment: Option<Text>,
    /// Where the booking comes from (`record_from`), e.g. `mobile`
    #[serde(rename = "type")]
    #[schema(value_type = Option<String>)]
    pub kind: Option<Text>,
    /// Hours before the visit for an SMS reminder (0: none)
    #[schema(value_type = Option<i64>)]
    pub notify_by_sms: Option<Int>,
    #[schema(value_type = Option<i64>)]
    pub notify_by_email: Option<Int>,
    #[schema(value_type = Option<String>)]
    pub api_id: Option<Text>,
    /// The booking form used (an extension; default: the location's default form)
    #[schema(value_type = Option<i64>)]
    pub bookform_id: Option<Int>,
    pub appointments: Option<Vec<BookAppointmentBody>>,
}

/// One created appointment.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookedDto {
    /// The request's id for it
    pub id: i64,
    pub record_id: i64,
    /// The unguessable key that reads, moves and cancels it without an account
    pub record_hash: String,
}

/// `/book_record/{location_id}/{record_id}/{record_hash}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct BookRecordHashPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Appointment ID
    #[param(value_type = i64)]
    pub record_id: Int,
    /// The hash `book_record` answered
    pub record_hash: String,
}

/// `/book_record/{location_id}/{record_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct BookRecordPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Appointment ID
    #[param(value_type = i64)]
    pub record_id: Int,
}

/// Body of `PUT /book_record/{location_id}/{record_id}`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct MoveBookRecordBody {
    /// The new start, ISO 8601
    #[schema(value_type = Option<String>)]
    pub datetime: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub comment: Option<Text>,
    /// The appointment's hash, for a booker without an account (an extension)
    #[schema(value_type = Option<String>)]
    pub record_hash: Option<Text>,
}

/// A service of an online appointment.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookRecordServiceDto {
    pub id: i64,
    pub title: String,
    pub amount: i64,
    pub seance_length: i64,
    pub cost: Amount,
    pub price_min: Amount,
    pub price_max: Amount,
    pub discount: Amount,
}

/// The location of an online appointment.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookRecordCompanyDto {
    pub id: i64,
    pub title: String,
    pub country_id: i64,
    pub country: String,
    pub city_id: i64,
    pub city: String,
    pub phone: String,
    pub phones: Vec<String>,
    pub timezone: String,
    pub address: String,
    pub coordinate_lat: f64,
    pub coordinate_lon: f64,
    pub allow_delete_record: bool,
    pub allow_change_record: bool,
    pub site: String,
    pub currency_short_title: String,
    pub allow_change_record_delay_step: i64,
    pub allow_delete_record_delay_step: i64,
}

/// The team member of an online appointment.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookRecordStaffDto {
    pub id: i64,
    pub name: String,
    pub specialization: String,
    pub position: BookPosition,
    pub show_rating: i64,
    pub rating: f64,
    pub votes_count: i64,
    pub avatar: String,
    pub comments_count: i64,
}

/// An online appointment, as its booker sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookRecordDto {
    pub id: i64,
    pub services: Vec<BookRecordServiceDto>,
    pub company: BookRecordCompanyDto,
    pub staff: BookRecordStaffDto,
    pub clients_count: i64,
    /// Start, ISO 8601 with the location's offset
    pub date: String,
    pub datetime: String,
    pub create_date: String,
    pub comment: String,
    pub deleted: bool,
    pub attendance: i64,
    /// Seconds
    pub length: i64,
    pub notify_by_sms: i64,
    pub notify_by_email: i64,
    pub master_requested: bool,
    pub online: bool,
    pub api_id: String,
    pub last_change_date: String,
    pub prepaid: bool,
    pub prepaid_confirmed: bool,
    pub activity_id: i64,
}

/// `/bookform/{id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct BookformPath {
    /// Booking form ID
    #[param(value_type = i64)]
    pub id: Int,
}

/// A step of a booking form.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookformStepDto {
    /// `service`, `master` or `datetime`
    pub step: String,
    pub title: String,
    pub number: i64,
    /// The value chosen in advance (an id, or `null`)
    pub default: Option<i64>,
    pub hidden: bool,
}

/// The design of a booking form.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookformStyleDto {
    pub show_header: bool,
    pub logo: String,
    #[serde(rename = "primaryPalette")]
    pub primary_palette: String,
    #[serde(rename = "accentPalette")]
    pub accent_palette: String,
    #[serde(rename = "warnPalette")]
    pub warn_palette: String,
    #[serde(rename = "backgroundPalette")]
    pub background_palette: String,
}

/// A language of the booking form.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookformLangDto {
    pub id: i64,
    pub code: String,
    pub title: String,
}

/// Answer of `GET /bookform/{id}`: what a booking site needs to start the flow.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookformDto {
    pub steps: Vec<BookformStepDto>,
    pub style: BookformStyleDto,
    pub group_id: i64,
    pub company_id: i64,
    pub phone_confirmation: bool,
    pub language: String,
    pub langs: Vec<BookformLangDto>,
    pub comment_required: bool,
    pub google_analytics_id: String,
    pub facebook_pixel_id: String,
    pub sms_enabled: bool,
    pub is_show_privacy_policy: bool,
    pub specialization_display_mode: i64,
}

/// `/i18n/{langCode}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(non_snake_case)]
pub struct I18nPath {
    /// `en-US` or `ru-RU`
    pub langCode: String,
}
