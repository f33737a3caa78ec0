use axum::extract::State;
use bizd_domain::FieldErrors;
use bizd_store::Lock;

use super::json::{OnlineBookingSettingsBody, OnlineBookingSettingsDto};
use crate::app::AppState;
use crate::http::wire::Int;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess};

/// Update Online Booking Settings (`online-booking-settings/update_online_booking_settings.md`):
/// only the fields sent change (the reference marks all four required; a partial update keeps
/// what was not sent). Ranges as the full reference gives them: `seance_delay_step` 0–1380 in
/// steps of 30, `activity_online_record_clients_count_max` 1–255; the extensions as documented
/// on their fields. The public flow uses the new values at once.
#[utoipa::path(
    patch, path = "/company/{location_id}/settings/online", operation_id = "update_online_booking_settings", tag = "Online Booking Settings",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = OnlineBookingSettingsBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<OnlineBookingSettingsDto>))
)]
pub async fn update_online_booking_settings(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Json(body): Json<OnlineBookingSettingsBody>,
) -> ApiResult<Envelope<OnlineBookingSettingsDto>> {
    let location_id = access.location.id;
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Location(location_id)]).await?;
    let mut s = bizd_store::online_booking::settings(&mut tx, location_id).await?;
    let mut e = FieldErrors::new();
    let mut int = |field: &str, v: Option<Int>, ok: fn(i64) -> bool, rule: &str, out: &mut i64| {
        if let Some(Int(v)) = v {
            if ok(v) {
                *out = v;
            } else {
                e.add(field, format!("The {field} must be {rule}."));
            }
        }
    };
    int(
        "seance_delay_step",
        body.seance_delay_step,
        |v| (0..=1380).contains(&v) && v % 30 == 0,
        "from 0 to 1380 in steps of 30",
        &mut s.seance_delay_step,
    );
    int(
        "activity_online_record_clients_count_max",
        body.activity_online_record_clients_count_max,
        |v| (1..=255).contains(&v),
        "from 1 to 255",
        &mut s.activity_online_record_clients_count_max,
    );
    int(
        "booking_window_days",
        body.booking_window_days,
        |v| (0..=365).contains(&v),
        "from 0 to 365",
        &mut s.booking_window_days,
    );
    int(
        "seance_step",
        body.seance_step,
        |v| v == 0 || ((300..=7200).contains(&v) && v % 300 == 0),
        "0 or a multiple of 300 from 300 to 7200",
        &mut s.seance_step,
    );
    int(
        "client_online_records_max",
        body.client_online_records_max,
        |v| (0..=100).contains(&v),
        "from 0 to 100",
        &mut s.client_online_records_max,
    );
    e.into_result()?;
    if let Some(v) = body.confirm_number {
        s.confirm_number = v.0;
    }
    if let Some(v) = body.any_master {
        s.any_master = v.0;
    }
    bizd_store::online_booking::update_settings(&mut tx, location_id, &s, state.clock.now())
        .await?;
    tx.commit().await?;
    Ok(Envelope::one(s.into()))
}
