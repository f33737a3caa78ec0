use axum::extract::State;
use bizd_store::Lock;

use super::get_book_record::{hash_matches, record_dto};
use super::json::{BookRecordDto, BookRecordPath, MoveBookRecordBody};
use super::rules::{self, Flow, Wanted};
use crate::app::AppState;
use crate::http::wire::{text, Text};
use crate::http::{ApiError, ApiResult, BookingLocation, Envelope, Json, Path};
use crate::sections::appointments::json::AppointmentBody;
use crate::sections::appointments::rules as booking;
use crate::security::phone_digits;

/// Change Online Booking Date/Time (`b2c-online-booking/put_book_record.md`): moves an
/// appointment to another session (and sets its comment). Who may: the booking-site user whose
/// phone is the appointment's client's (their user token), or whoever holds its
/// `record_hash` (in the body, an extension); else 403. The new time must be offered as
/// `book_times` would offer it (the appointment's own time excluded): 422 code 433 otherwise.
/// One transaction under the appointment's and its team member's locks, through the same
/// conflict check as `PUT /record`.
#[utoipa::path(
    put, path = "/book_record/{location_id}/{record_id}", operation_id = "put_book_record", tag = "Online Booking",
    params(BookRecordPath),
    request_body = MoveBookRecordBody,
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<BookRecordDto>))
)]
pub async fn put_book_record(
    State(state): State<AppState>,
    access: BookingLocation,
    Path(path): Path<BookRecordPath>,
    Json(body): Json<MoveBookRecordBody>,
) -> ApiResult<Envelope<BookRecordDto>> {
    let location = &access.location;
    let id = path.record_id.0;
    let Some(datetime) = text(body.datetime) else {
        return Err(ApiError::field(
            "datetime",
            "The datetime field is required.",
        ));
    };
    let at = rules::instant("datetime", &datetime, location)?;
    let hash = text(body.record_hash).unwrap_or_default();
    let now = state.clock.now();
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Record(id)]).await?;
    let key = bizd_store::online_booking::records::record_key(&mut tx, id)
        .await?
        .filter(|k| k.location_id == location.id)
        .ok_or_else(|| ApiError::NotFound("Appointment not found.".into()))?;
    let own_by_phone = access
        .user
        .as_ref()
        .and_then(|u| phone_digits(&u.phone))
        .is_some_and(|p| !p.is_empty() && Some(p.as_str()) == key.client_phone.as_deref());
    if !own_by_phone && (hash.is_empty() || !hash_matches(&mut tx, location.id, id, &hash).await?) {
        return Err(ApiError::Forbidden);
    }
    let current = booking::existing(&mut tx, location.id, id).await?;
    let member = current.row.team_member_id.unwrap_or(0);
    let services: Vec<i64> = current.services.iter().map(|s| s.service_id).collect();
    let change = AppointmentBody {
        datetime: Some(datetime),
        comment: body.comment.map(|c| Text(c.0)),
        ..AppointmentBody::default()
    };
    let draft = booking::draft(change, Some(&current), location)?;
    let resources =
        bizd_store::schedules::resources_of_services(&mut tx, location.id, &services).await?;
    tx.lock(&booking::locks(
        location.id,
        &draft,
        Some(&current),
        &resources,
    ))
    .await?;
    let flow = Flow::load(&mut tx, location, now).await?;
    let wanted = Wanted {
        request_id: id,
        services,
        member,
        at,
    };
    rules::place(&mut tx, location, &flow, &[wanted], Some(id)).await?;
    booking::book(
        &mut tx,
        location,
        draft,
        &resources,
        Some(&current),
        None,
        now,
    )
    .await
    .map_err(|e| rules::taken(e, id, location, member, at))?;
    let moved = booking::existing(&mut tx, location.id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(record_dto(&moved, location)))
}
