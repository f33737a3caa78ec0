use axum::extract::State;
use axum::http::StatusCode;
use bizd_store::Lock;

use super::json::BookingFormPath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, LocationAccess, Path};

/// Delete Booking Widget (`online-booking-settings/delete_booking_widget.md`): answers 204. The
/// default form cannot be deleted (422 `default_booking_form`): make another the default first.
#[utoipa::path(
    delete, path = "/company/{location_id}/booking_forms/{form_id}", operation_id = "delete_booking_widget", tag = "Online Booking Settings",
    params(BookingFormPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 204, description = "Deleted"))
)]
pub async fn delete_booking_widget(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<BookingFormPath>,
) -> ApiResult<StatusCode> {
    let (location_id, id) = (access.location.id, path.form_id.0);
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Location(location_id)]).await?;
    let form = rules::existing_form(&mut tx, location_id, id).await?;
    if form.is_default {
        return Err(ApiError::Unprocessable {
            code: "default_booking_form",
            message: "The default booking form cannot be deleted; make another the default first."
                .into(),
        });
    }
    bizd_store::online_booking::forms::delete(&mut tx, location_id, id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
