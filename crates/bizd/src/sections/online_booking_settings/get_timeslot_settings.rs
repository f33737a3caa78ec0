use axum::extract::State;

use super::json::{TimeslotGridDto, TimeslotSettingsDto, WeekdayTimeslotsDto};
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess};

/// Get timeslot settings (`online-booking-settings/get_timeslot_settings.md`): what the public
/// flow really uses, in the reference's shape — slots on the schedule grid (`grid_base_type`
/// `schedule`) every `seance_step` (or the calendar's step), no slot sooner than the minimum
/// notice. There are no custom timeslots (`is_enabled` false, no per-date overrides): v1 has no
/// write for them; the grid changes through `PATCH /settings/online`.
#[utoipa::path(
    get, path = "/company/{location_id}/settings/timeslots", operation_id = "get_timeslot_settings", tag = "Online Booking Settings",
    params(("location_id" = i64, Path, description = "Location ID")),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<TimeslotSettingsDto>))
)]
pub async fn get_timeslot_settings(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
) -> ApiResult<Envelope<TimeslotSettingsDto>> {
    let mut c = state.db.snapshot().await?;
    let online = bizd_store::online_booking::settings(&mut c, access.location.id).await?;
    let calendar = bizd_store::schedules::timetable_settings(&mut c, access.location.id).await?;
    let step = match online.seance_step {
        0 => calendar.timetable_step,
        s => s,
    };
    let weekdays_settings = (1..=7)
        .map(|weekday| WeekdayTimeslotsDto {
            weekday,
            timeslots: Vec::new(),
            setting: TimeslotGridDto {
                grid_first_timeslot: 0,
                grid_last_timeslot: 86_400 - step,
                grid_display_step: step,
                grid_nearest_timeslot_delay: online.seance_delay_step * 60,
                grid_base_type: "schedule".into(),
                is_grid_flexible: false,
            },
        })
        .collect();
    Ok(Envelope::one(TimeslotSettingsDto {
        is_enabled: false,
        weekdays_settings,
        dates_settings: Vec::new(),
    }))
}
