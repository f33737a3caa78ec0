use axum::extract::State;
use bizd_domain::time::now_unix;

use super::json::{Extras, LocationBody, LocationDto};
use crate::app::AppState;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Change location (`locations/update_location.md`). Only the fields sent change.
#[utoipa::path(
    put, path = "/company/{location_id}", operation_id = "update_location", tag = "Locations",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = LocationBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<LocationDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn update_location(
    State(state): State<AppState>,
    access: LocationAccess,
    Json(body): Json<LocationBody>,
) -> ApiResult<Envelope<LocationDto>> {
    access.require(|p| p.settings)?;
    let fields = body
        .into_changes()
        .apply(access.location.fields.clone(), false)?;
    state
        .db
        .update_location(access.location.id, &fields, now_unix())
        .await?;
    let location = state
        .db
        .location_by_id(access.location.id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let extras = Extras {
        access: Some(access.permissions()),
        active_staff_count: state.db.bookable_team_member_count(location.id).await?,
        ..Extras::default()
    };
    Ok(Envelope::one(LocationDto::from_location(location, extras)))
}
