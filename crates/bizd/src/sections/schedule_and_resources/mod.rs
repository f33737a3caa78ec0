//! Schedule & Resources: work schedules, the appointment calendar (working dates, free
//! sessions, calendar settings) and resources
//! (`../shared/reference/altegio-b2b-v1/schedule-and-resources/`, with the full reference's
//! Work Schedule, Sessions, Dates and Appointment Calendar settings groups).
//!
//! Quirks: a working interval is stored as the local date and wall-clock seconds from local
//! midnight, one row per interval; instants are computed in the location's IANA zone with jiff
//! (`bizd_domain::schedule`), so DST days keep their real length and sessions step through real
//! time (on a spring-forward night 01:45 is followed by 03:00; on the autumn night 01:00 comes
//! twice). Overlapping or touching intervals of one date are merged on write; an interval that
//! does not end after it starts (by 24:00) is 422. Slots go out as `HH:MM`, busy intervals as
//! `HH:MM:SS`; `HH:MM:SS` is accepted on input. `team_member_id`, `staff_id` and `master_id`
//! are accepted for one another in bodies and queries (`staff_ids[]`/`team_member_ids[]`). The
//! schedule list shows working dates (and, with `include[]=busy_intervals`, dates holding an
//! appointment); the legacy `/schedule/…` range read shows every date with `is_working`. The
//! legacy change takes one day object or a list of them, answers 201, and also exists without
//! the range (`PUT /schedule/{location_id}/{team_member_id}`, as the full reference lists its
//! parameters). Calendar dates span the reference date and the 30 days after it. Sessions step
//! by the settings' `timetable_step` (an extension, default 900 s); `service_ids[]` sets the
//! appointment's length from the team member's own durations. Resources can be created, changed
//! and deleted here (an extension: the reference only lists them).
//!
//! Access: any member of the location reads. Schedule, calendar settings and resource writes
//! need the settings permission (owner, administrator, manager): they configure the location
//! and its whole team, like the service catalog and team member writes, whereas the timetable
//! permission is what an employee's own login holds — it should let them see and book the
//! calendar, not rewrite every colleague's working hours. Every schedule write is one
//! transaction that locks each team member it changes (`Lock::TeamMember`), the same lock the
//! booking check takes, so a schedule change and a booking of the same team member serialize.

mod create_resource;
mod delete_resource;
mod get_appointment_calendar_dates;
mod get_appointment_calendar_sessions;
mod get_appointment_calendar_settings;
mod get_resource_list;
mod get_team_member_schedule;
mod get_team_member_schedule_list;
pub mod json;
pub mod rules;
mod set_team_member_schedule;
mod update_appointment_calendar_settings;
mod update_resource;
mod update_team_member_schedule;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(
            get_team_member_schedule_list::get_team_member_schedule_list,
            set_team_member_schedule::set_team_member_schedule
        ))
        .routes(routes!(
            get_team_member_schedule::get_team_member_schedule,
            update_team_member_schedule::update_team_member_schedule
        ))
        .routes(routes!(
            update_team_member_schedule::update_team_member_schedule_without_range
        ))
        .routes(routes!(
            get_appointment_calendar_dates::get_appointment_calendar_dates
        ))
        .routes(routes!(
            get_appointment_calendar_sessions::get_appointment_calendar_sessions
        ))
        .routes(routes!(
            get_appointment_calendar_settings::get_appointment_calendar_settings,
            update_appointment_calendar_settings::update_appointment_calendar_settings
        ))
        .routes(routes!(
            get_resource_list::get_resource_list,
            create_resource::create_resource
        ))
        .routes(routes!(
            update_resource::update_resource,
            delete_resource::delete_resource
        ))
}
