use axum::extract::State;
use axum::http::HeaderMap;

use super::json::BookingUserDto;
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, UserAuth};

/// Retrieving Online Booking User Data (`GET /booking/user/data`, the full reference): the
/// signed-in user's profile, with the token the request carried.
#[utoipa::path(
    get, path = "/booking/user/data", operation_id = "get_online_booking_user_data", tag = "Online Booking Users",
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<BookingUserDto>))
)]
pub async fn get_online_booking_user_data(
    State(_state): State<AppState>,
    UserAuth(user): UserAuth,
    headers: HeaderMap,
) -> ApiResult<Envelope<BookingUserDto>> {
    let user_token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').find_map(|p| p.trim().strip_prefix("User ")))
        .unwrap_or_default()
        .trim()
        .to_owned();
    Ok(Envelope::one(BookingUserDto {
        id: user.id,
        user_token,
        name: user.name,
        phone: user.phone,
        login: user.login,
        email: user.email,
        avatar: user.avatar,
    }))
}
