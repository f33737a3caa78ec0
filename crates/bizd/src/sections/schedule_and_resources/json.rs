//! Wire types of the Schedule & Resources section: work schedules, the appointment calendar
//! (dates, sessions, settings) and resources — bodies, answers, paths and queries.

use bizd_store::schedules::{Resource, ResourceInstance, TimetableSettings};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::wire::{Flag, Int, OneOrMany, Text};

// ---- paths ----

/// `/…/{location_id}` of the section's location-wide operations.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct LocationPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
}

/// `/schedule/{location_id}/{team_member_id}/{start_date}/{end_date}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ScheduleRangePath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Team member ID
    #[param(value_type = i64)]
    pub team_member_id: Int,
    /// First date, `YYYY-MM-DD` or `YYYYMMDD`
    pub start_date: String,
    /// Last date (inclusive), `YYYY-MM-DD` or `YYYYMMDD`
    pub end_date: String,
}

/// `/schedule/{location_id}/{team_member_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TeamMemberPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Team member ID
    #[param(value_type = i64)]
    pub team_member_id: Int,
}

/// `/timetable/dates/{location_id}/{date}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CalendarDatePath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Reference date, `YYYY-MM-DD`
    pub date: String,
}

/// `/timetable/seances/{location_id}/{team_member_id}/{date}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct SessionsPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Team member ID
    #[param(value_type = i64)]
    pub team_member_id: Int,
    /// Date, `YYYY-MM-DD`
    pub date: String,
}

/// `/resources/{location_id}/{resource_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ResourcePath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Resource ID
    #[param(value_type = i64)]
    pub resource_id: Int,
}

// ---- work schedules ----

/// A working interval on the wire.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SlotDto {
    /// Start, `HH:MM` (`HH:MM:SS` accepted)
    #[schema(value_type = String)]
    pub from: String,
    /// End, `HH:MM` (`24:00` is the end of the day)
    #[schema(value_type = String)]
    pub to: String,
}

/// A span of a working day taken by an appointment.
#[derive(Debug, Serialize, ToSchema)]
pub struct BusyIntervalDto {
    /// `record` (an appointment)
    pub entity_type: &'static str,
    /// The appointment ID
    pub entity_id: i64,
    /// `HH:MM:SS`, local time (clipped to the day)
    pub from: String,
    /// `HH:MM:SS`, local time (clipped to the day; `24:00:00` at midnight)
    pub to: String,
}

/// A team member's schedule on one date.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduleDayDto {
    /// Team member ID
    pub staff_id: i64,
    /// Team member ID (the same; the set operation's spelling)
    pub team_member_id: i64,
    /// `YYYY-MM-DD`
    pub date: String,
    /// Working intervals, by start; `[]` on a day off
    pub slots: Vec<SlotDto>,
    /// Appointments of the day (only with `include[]=busy_intervals`)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub busy_intervals: Option<Vec<BusyIntervalDto>>,
    /// Off-day type (only with `include[]=off_day_type`; always `null`: bizd has no off-day types)
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<i64>)]
    pub off_day_type: Option<Option<i64>>,
}

/// Query of `GET /company/{location_id}/staff/schedule`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ScheduleListQuery {
    /// First date, `YYYY-MM-DD` (default: today in the location)
    #[param(value_type = Option<String>)]
    pub start_date: Option<Text>,
    /// Last date, inclusive (default: `start_date`; at most 366 days after it)
    #[param(value_type = Option<String>)]
    pub end_date: Option<Text>,
    /// Only these team members (`staff_ids[]=1&staff_ids[]=2`; alias `team_member_ids`)
    #[serde(alias = "team_member_ids")]
    #[param(value_type = Option<Vec<i64>>)]
    pub staff_ids: Option<OneOrMany<Int>>,
    /// `busy_intervals`, `off_day_type`
    #[param(value_type = Option<Vec<String>>)]
    pub include: Option<OneOrMany<String>>,
}

/// One entry of `schedules_to_set`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ScheduleSetBody {
    /// Team member ID (aliases `staff_id`, `master_id`)
    #[serde(alias = "staff_id", alias = "master_id")]
    #[schema(value_type = i64)]
    pub team_member_id: Int,
    /// Dates, `YYYY-MM-DD`
    #[schema(value_type = Vec<String>)]
    pub dates: Vec<Text>,
    /// Working intervals of each date (replacing what it had); `[]` makes the dates days off.
    /// Overlapping intervals are merged.
    #[serde(default)]
    pub slots: Vec<SlotDto>,
}

/// One entry of `schedules_to_delete`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ScheduleDeleteBody {
    /// Team member ID (aliases `staff_id`, `master_id`)
    #[serde(alias = "staff_id", alias = "master_id")]
    #[schema(value_type = i64)]
    pub team_member_id: Int,
    /// Dates to make days off, `YYYY-MM-DD`
    #[schema(value_type = Vec<String>)]
    pub dates: Vec<Text>,
}

/// Body of `PUT /company/{location_id}/staff/schedule` (deletions apply first).
#[derive(Debug, Deserialize, ToSchema)]
pub struct ScheduleSetRequest {
    #[serde(default)]
    pub schedules_to_set: Vec<ScheduleSetBody>,
    #[serde(default)]
    pub schedules_to_delete: Vec<ScheduleDeleteBody>,
}

/// A date of the legacy schedule operations.
#[derive(Debug, Serialize, ToSchema)]
pub struct LegacyDayDto {
    /// `YYYY-MM-DD`
    pub date: String,
    pub is_working: bool,
    /// Working intervals `{from, to}` (`HH:MM`); `[]` on a day off
    pub slots: Vec<SlotDto>,
}

/// A date of the legacy schedule change: one object, or a list of them.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LegacyDayBody {
    /// `YYYY-MM-DD`
    #[schema(value_type = String)]
    pub date: Text,
    /// Whether the team member works that day (default: when `slots` has any)
    #[serde(default)]
    #[schema(value_type = Option<bool>)]
    pub is_working: Option<Flag>,
    /// Working intervals `{from, to}`
    #[serde(default)]
    pub slots: Vec<SlotDto>,
}

// ---- appointment calendar ----

/// Query of the calendar dates.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct CalendarDatesQuery {
    /// Only this team member's working dates (aliases `team_member_id`, `master_id`)
    #[serde(alias = "team_member_id", alias = "master_id")]
    #[param(value_type = Option<i64>)]
    pub staff_id: Option<Int>,
}

/// Query of the calendar sessions.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct SessionsQuery {
    /// The services of the appointment (`service_ids[]=1`): a session is free when their total
    /// duration for this team member fits. Without services a session is one step long.
    #[param(value_type = Option<Vec<i64>>)]
    pub service_ids: Option<OneOrMany<Int>>,
}

/// A session of the appointment calendar.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionDto {
    /// Local time, `HH:MM`
    pub time: String,
    /// Whether the appointment fits from this time
    pub is_free: bool,
    /// The same instant, ISO 8601 with the location's offset (an extension)
    pub datetime: String,
}

/// The appointment calendar settings of a location.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimetableSettingsDto {
    /// Default appointment type: 0 mixed, 1 individual appointment, 2 group event
    pub record_type: i64,
    /// Seats in one group event (1–255)
    pub activity_record_clients_count_max: i64,
    /// Show the newsletter agreement checkbox in the booking form
    pub is_show_newsletter_agreement: bool,
    /// Show the personal data processing agreement checkbox in the booking form
    pub is_show_personal_data_processing_agreement: bool,
    /// Seconds between the calendar's sessions (an extension; default 900)
    pub timetable_step: i64,
}

impl From<TimetableSettings> for TimetableSettingsDto {
    fn from(s: TimetableSettings) -> Self {
        TimetableSettingsDto {
            record_type: s.record_type,
            activity_record_clients_count_max: s.activity_record_clients_count_max,
            is_show_newsletter_agreement: s.is_show_newsletter_agreement,
            is_show_personal_data_processing_agreement: s
                .is_show_personal_data_processing_agreement,
            timetable_step: s.timetable_step,
        }
    }
}

/// Body of `PATCH /company/{location_id}/settings/timetable`: only the fields sent change.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct TimetableSettingsBody {
    /// 0 mixed, 1 individual appointment, 2 group event
    #[schema(value_type = Option<i64>)]
    pub record_type: Option<Int>,
    /// 1 to 255
    #[schema(value_type = Option<i64>)]
    pub activity_record_clients_count_max: Option<Int>,
    #[schema(value_type = Option<bool>)]
    pub is_show_newsletter_agreement: Option<Flag>,
    #[schema(value_type = Option<bool>)]
    pub is_show_personal_data_processing_agreement: Option<Flag>,
    /// Seconds between sessions: a multiple of 300 from 300 to 3600
    #[schema(value_type = Option<i64>)]
    pub timetable_step: Option<Int>,
}

// ---- resources ----

/// An instance of a resource.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResourceInstanceDto {
    pub id: i64,
    pub title: String,
    pub resource_id: i64,
}

impl From<ResourceInstance> for ResourceInstanceDto {
    fn from(i: ResourceInstance) -> Self {
        ResourceInstanceDto {
            id: i.id,
            title: i.title,
            resource_id: i.resource_id,
        }
    }
}

/// A resource with its instances.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResourceDto {
    pub id: i64,
    pub title: String,
    /// Clients one instance serves at a time (an extension; default 1)
    pub capacity: i64,
    pub instances: Vec<ResourceInstanceDto>,
}

impl From<Resource> for ResourceDto {
    fn from(r: Resource) -> Self {
        ResourceDto {
            id: r.id,
            title: r.title,
            capacity: r.capacity,
            instances: r.instances.into_iter().map(Into::into).collect(),
        }
    }
}

/// `instances` of a resource body: a count (`2`: "Title #1", "Title #2") or a list of titles
/// (strings or `{"title"}` objects).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum InstancesBody {
    #[schema(value_type = i64)]
    Count(Int),
    List(Vec<InstanceTitle>),
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum InstanceTitle {
    #[schema(value_type = String)]
    Title(Text),
    Object {
        #[schema(value_type = String)]
        title: Text,
    },
}

/// Body of creating or changing a resource (an extension: the reference only lists them).
#[derive(Debug, Deserialize, ToSchema)]
pub struct ResourceBody {
    /// Required on create
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub title: Option<Text>,
    /// A count or a list of titles (1 to 100; default on create: one instance)
    #[serde(default)]
    pub instances: Option<InstancesBody>,
    /// Clients one instance serves at a time, 1 to 1000 (default 1)
    #[serde(default)]
    #[schema(value_type = Option<i64>)]
    pub capacity: Option<Int>,
}
