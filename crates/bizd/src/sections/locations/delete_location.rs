use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::time::now_unix;

use crate::app::AppState;
use crate::http::{ApiResult, Envelope, ErrorBody, LocationAccess};

/// Delete a location (`locations/delete_location.md`). Owners only; afterwards it answers 404.
#[utoipa::path(
    delete, path = "/company/{location_id}", operation_id = "delete_location", tag = "Locations",
    params(("location_id" = i64, Path, description = "Location ID")),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 202, description = "Deleted", body = Envelope<Option<String>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn delete_location(
    State(state): State<AppState>,
    access: LocationAccess,
) -> ApiResult<Envelope<Option<String>>> {
    access.require(|p| p.delete_location)?;
    state
        .db
        .delete_location(access.location.id, now_unix())
        .await?;
    Ok(Envelope::one(None).status(StatusCode::ACCEPTED))
}
