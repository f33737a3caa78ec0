use axum::extract::State;
use bizd_store::Lock;

use super::json::UserRecordPath;
use crate::app::AppState;
use crate::http::{ApiError, ApiResult, Envelope, PartnerAuth, Path};
use crate::security::{digests_equal, phone_digits, token_hash};

/// Delete User Appointment (`DELETE /user/records/{record_id}/{record_hash}`, the full
/// reference): cancels an appointment for its booker — the signed-in user whose phone is the
/// appointment's client's, or whoever holds its hash. Anyone else: 404 (nothing says the
/// appointment exists). The slot is offered again at once. Answers 200, `meta` `{}`.
#[utoipa::path(
    delete, path = "/user/records/{record_id}/{record_hash}", operation_id = "delete_user_appointment", tag = "Online Booking Users",
    params(UserRecordPath),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Option<String>>))
)]
pub async fn delete_user_appointment(
    State(state): State<AppState>,
    PartnerAuth(caller): PartnerAuth,
    Path(path): Path<UserRecordPath>,
) -> ApiResult<Envelope<Option<String>>> {
    let id = path.record_id.0;
    let not_found = || ApiError::NotFound("Appointment not found.".into());
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Record(id)]).await?;
    let key = bizd_store::online_booking::records::record_key(&mut tx, id)
        .await?
        .ok_or_else(not_found)?;
    let by_hash = key
        .record_hash
        .as_deref()
        .is_some_and(|stored| digests_equal(&token_hash(path.record_hash.trim()), stored));
    let by_phone = caller
        .user
        .as_ref()
        .and_then(|u| phone_digits(&u.phone))
        .is_some_and(|p| !p.is_empty() && Some(p.as_str()) == key.client_phone.as_deref());
    if !by_hash && !by_phone {
        return Err(not_found());
    }
    let current =
        crate::sections::appointments::rules::existing(&mut tx, key.location_id, id).await?;
    let now = state.clock.now();
    bizd_store::appointments::write::delete(&mut tx, key.location_id, id, now).await?;
    bizd_store::appointments::visits::settle(&mut tx, &[current.row.visit_id], now).await?;
    tx.commit().await?;
    Ok(Envelope::deleted())
}
