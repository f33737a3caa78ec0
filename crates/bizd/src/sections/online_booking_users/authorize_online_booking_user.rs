use axum::extract::State;
use axum::http::StatusCode;

use crate::app::AppState;
use crate::http::{ApiResult, Envelope, Json, PartnerAuth};
use crate::sections::authentication_b2b::authorize_user::sign_in;
use crate::sections::authentication_b2b::json::{AuthorizeBody, AuthorizedUser};

/// Authorize Online Booking User (`POST /booking/auth`, the full reference): login (phone or
/// e-mail) and password → a user token, as `POST /auth` (one account table: a booking-site
/// user is a user without memberships). Answers 201.
#[utoipa::path(
    post, path = "/booking/auth", operation_id = "authorize_online_booking_user", tag = "Online Booking Users",
    request_body = AuthorizeBody,
    security(("BearerPartner" = [])),
    responses((status = 201, body = Envelope<AuthorizedUser>))
)]
pub async fn authorize_online_booking_user(
    State(state): State<AppState>,
    _partner: PartnerAuth,
    Json(body): Json<AuthorizeBody>,
) -> ApiResult<Envelope<AuthorizedUser>> {
    let user = sign_in(&state, body.login, body.password).await?;
    Ok(Envelope::one(user).status(StatusCode::CREATED))
}
