use std::collections::HashMap;

use axum::extract::State;

use crate::app::AppState;
use crate::http::{ApiResult, Envelope, UserAuth};
use crate::sections::appointments::rules as booking;
use crate::sections::b2c_online_booking::get_book_record::record_dto;
use crate::sections::b2c_online_booking::json::BookRecordDto;
use crate::security::phone_digits;

/// The signed-in booking-site user's appointments (`GET /user/records`, an extension: the
/// reference lets a booker cancel their appointments but lists them nowhere): the live
/// appointments, in every location, of the clients with the user's phone, soonest first.
#[utoipa::path(
    get, path = "/user/records", operation_id = "get_user_appointment_list", tag = "Online Booking Users",
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<BookRecordDto>>))
)]
pub async fn get_user_appointment_list(
    State(state): State<AppState>,
    UserAuth(user): UserAuth,
) -> ApiResult<Envelope<Vec<BookRecordDto>>> {
    let Some(phone) = phone_digits(&user.phone) else {
        return Ok(Envelope::one(Vec::new()));
    };
    let mut c = state.db.snapshot().await?;
    let mut locations = HashMap::new();
    let mut list = Vec::new();
    for (location_id, id) in bizd_store::online_booking::records::of_phone(&mut c, &phone).await? {
        if let std::collections::hash_map::Entry::Vacant(slot) = locations.entry(location_id) {
            let location = bizd_store::locations::get(&mut c, location_id).await?;
            slot.insert(location.filter(|l| l.deleted_at.is_none()));
        }
        let Some(Some(location)) = locations.get(&location_id) else {
            continue;
        };
        let appointment = booking::existing(&mut c, location_id, id).await?;
        list.push(record_dto(&appointment, location));
    }
    Ok(Envelope::one(list))
}
