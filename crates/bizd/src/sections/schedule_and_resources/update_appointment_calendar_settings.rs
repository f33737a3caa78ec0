use axum::extract::State;
use bizd_domain::FieldErrors;
use bizd_store::Lock;

use super::json::{TimetableSettingsBody, TimetableSettingsDto};
use crate::app::AppState;
use crate::http::wire::Int;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess};

/// Update Appointment Calendar settings (`PATCH /company/{location_id}/settings/timetable`, the
/// full reference): only the fields sent change (the reference marks both of its fields
/// required; this is a partial update). `record_type` 0–2, `activity_record_clients_count_max`
/// 1–255, `timetable_step` a multiple of 300 from 300 to 3600 seconds, else 422.
#[utoipa::path(
    patch, path = "/company/{location_id}/settings/timetable", operation_id = "update_appointment_calendar_settings", tag = "Schedule & Resources",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = TimetableSettingsBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<TimetableSettingsDto>))
)]
pub async fn update_appointment_calendar_settings(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Json(body): Json<TimetableSettingsBody>,
) -> ApiResult<Envelope<TimetableSettingsDto>> {
    let location_id = access.location.id;
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Location(location_id)]).await?;
    let mut s = bizd_store::schedules::timetable_settings(&mut tx, location_id).await?;
    let mut e = FieldErrors::new();
    let mut int =
        |field: &str, v: Option<Int>, ok: &dyn Fn(i64) -> bool, rule: &str, out: &mut i64| {
            if let Some(Int(v)) = v {
                if ok(v) {
                    *out = v;
                } else {
                    e.add(field, format!("The {field} must be {rule}."));
                }
            }
        };
    int(
        "record_type",
        body.record_type,
        &|v| (0..=2).contains(&v),
        "0, 1 or 2",
        &mut s.record_type,
    );
    int(
        "activity_record_clients_count_max",
        body.activity_record_clients_count_max,
        &|v| (1..=255).contains(&v),
        "from 1 to 255",
        &mut s.activity_record_clients_count_max,
    );
    int(
        "timetable_step",
        body.timetable_step,
        &|v| (300..=3600).contains(&v) && v % 300 == 0,
        "a multiple of 300 from 300 to 3600",
        &mut s.timetable_step,
    );
    e.into_result()?;
    if let Some(v) = body.is_show_newsletter_agreement {
        s.is_show_newsletter_agreement = v.0;
    }
    if let Some(v) = body.is_show_personal_data_processing_agreement {
        s.is_show_personal_data_processing_agreement = v.0;
    }
    bizd_store::schedules::update_settings(&mut tx, location_id, &s, state.clock.now()).await?;
    tx.commit().await?;
    Ok(Envelope::one(s.into()))
}
