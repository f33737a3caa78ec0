use axum::extract::State;
use bizd_store::Lock;

use super::json::{Extras, LocationBody, LocationDto};
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess};

/// Change location (`locations/update_location.md`). Only the fields sent change: the location
/// is locked and read again inside the write, so concurrent partial updates all take effect.
#[utoipa::path(
    put, path = "/company/{location_id}", operation_id = "update_location", tag = "Locations",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = LocationBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<LocationDto>))
)]
pub async fn update_location(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Json(body): Json<LocationBody>,
) -> ApiResult<Envelope<LocationDto>> {
    let id = access.location.id;
    let changes = body.into_changes();
    let now = state.clock.now();
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Location(id)]).await?;
    let current = bizd_store::locations::get(&mut tx, id)
        .await?
        .filter(|l| l.deleted_at.is_none())
        .ok_or_else(ApiError::not_found)?;
    let fields = changes.apply(current.fields, false)?;
    bizd_store::locations::update(&mut tx, id, &fields, now).await?;
    let location = bizd_store::locations::get(&mut tx, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let staff = bizd_store::team_members::bookable_counts(&mut tx, &[id]).await?;
    tx.commit().await?;
    let extras = Extras {
        access: Some(access.permissions()),
        active_staff_count: staff.get(&id).copied().unwrap_or(0),
        ..Extras::default()
    };
    Ok(Envelope::one(LocationDto::from_location(
        location, extras, now,
    )))
}
