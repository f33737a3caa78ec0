use axum::extract::State;
use bizd_domain::location::Location;
use bizd_domain::money::Money;
use bizd_domain::time::iso8601;
use bizd_store::appointments::Appointment;
use bizd_store::Conn;

use super::json::{
    BookPosition, BookPositionDto, BookRecordCompanyDto, BookRecordDto, BookRecordHashPath,
    BookRecordServiceDto, BookRecordStaffDto,
};
use crate::app::AppState;
use crate::http::wire::{Amount, EmptyList};
use crate::http::{ApiError, ApiResult, BookingLocation, Envelope, Path};
use crate::sections::appointments::rules as booking;
use crate::security::{digests_equal, token_hash};

/// Get an appointment for a session (`b2c-online-booking/get_book_record.md`): the appointment
/// its booker holds the hash of. A wrong hash, another location's appointment or a deleted one
/// are all 404 (nothing tells them apart); the hash is compared as a digest in constant time.
#[utoipa::path(
    get, path = "/book_record/{location_id}/{record_id}/{record_hash}", operation_id = "get_book_record", tag = "Online Booking",
    params(BookRecordHashPath),
    security(("BearerPartner" = [])),
    responses((status = 200, body = Envelope<BookRecordDto>))
)]
pub async fn get_book_record(
    State(state): State<AppState>,
    access: BookingLocation,
    Path(path): Path<BookRecordHashPath>,
) -> ApiResult<Envelope<BookRecordDto>> {
    let location = &access.location;
    let mut c = state.db.snapshot().await?;
    let id = path.record_id.0;
    if !hash_matches(&mut c, location.id, id, &path.record_hash).await? {
        return Err(ApiError::NotFound("Appointment not found.".into()));
    }
    let appointment = booking::existing(&mut c, location.id, id).await?;
    Ok(Envelope::one(record_dto(&appointment, location)))
}

/// Whether `hash` is the one of live appointment `id` of the location.
pub async fn hash_matches(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
    hash: &str,
) -> Result<bool, ApiError> {
    let key = bizd_store::online_booking::records::record_key(c, id).await?;
    Ok(match key {
        Some(k) if k.location_id == location_id => k
            .record_hash
            .is_some_and(|stored| digests_equal(&token_hash(hash.trim()), &stored)),
        _ => false,
    })
}

/// An appointment as its booker sees it.
pub fn record_dto(a: &Appointment, location: &Location) -> BookRecordDto {
    let r = &a.row;
    let tz = &location.tz;
    let f = &location.fields;
    let money = |m: i64| Amount::from(Money::from_minor(m));
    BookRecordDto {
        id: r.id,
        services: a
            .services
            .iter()
            .map(|s| BookRecordServiceDto {
                id: s.service_id,
                title: s.title.clone(),
                amount: s.amount,
                seance_length: s.link_length.unwrap_or(0),
                cost: money(s.cost),
                price_min: money(s.price_min.unwrap_or(s.first_cost)),
                price_max: money(s.price_max.unwrap_or(s.first_cost)),
                discount: money(s.discount_percent),
            })
            .collect(),
        company: BookRecordCompanyDto {
            id: location.id,
            title: f.title.clone(),
            country_id: f.country_id,
            country: f.country.clone(),
            city_id: f.city_id,
            city: f.city.clone(),
            phone: f.phone.clone(),
            phones: if f.phone.is_empty() {
                Vec::new()
            } else {
                vec![f.phone.clone()]
            },
            timezone: f.timezone_name.clone(),
            address: f.address.clone(),
            coordinate_lat: f.coordinate_lat,
            coordinate_lon: f.coordinate_lon,
            allow_delete_record: true,
            allow_change_record: true,
            site: f.site.clone(),
            currency_short_title: f.currency.clone(),
            allow_change_record_delay_step: 0,
            allow_delete_record_delay_step: 0,
        },
        staff: BookRecordStaffDto {
            id: r.team_member_id.unwrap_or(0),
            name: r.staff_name.clone().unwrap_or_default(),
            specialization: r.staff_specialization.clone().unwrap_or_default(),
            position: match (r.staff_position_id, &r.staff_position_title) {
                (Some(id), Some(title)) => BookPosition::Position(BookPositionDto {
                    id,
                    title: title.clone(),
                }),
                _ => BookPosition::None(EmptyList),
            },
            show_rating: 1,
            rating: r.staff_rating.unwrap_or(0.0),
            votes_count: r.staff_votes_count.unwrap_or(0),
            avatar: r.staff_avatar.clone().unwrap_or_default(),
            comments_count: 0,
        },
        clients_count: 1,
        date: iso8601(r.starts_at, tz),
        datetime: iso8601(r.starts_at, tz),
        create_date: iso8601(r.created_at, tz),
        comment: r.comment.clone(),
        deleted: r.deleted_at.is_some(),
        attendance: r.attendance,
        length: r.length,
        notify_by_sms: r.sms_remain_hours.unwrap_or(0),
        notify_by_email: r.email_remain_hours.unwrap_or(0),
        master_requested: true,
        online: r.online,
        api_id: r.api_id.clone(),
        last_change_date: iso8601(r.updated_at, tz),
        prepaid: false,
        prepaid_confirmed: false,
        activity_id: 0,
    }
}
