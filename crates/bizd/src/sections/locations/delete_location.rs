use axum::extract::State;
use axum::http::StatusCode;

use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess};

/// Delete a location (`locations/delete_location.md`). Owners only; afterwards it answers 404.
#[utoipa::path(
    delete, path = "/company/{location_id}", operation_id = "delete_location", tag = "Locations",
    params(("location_id" = i64, Path, description = "Location ID")),
    security(("BearerPartnerUser" = [])),
    responses((status = 202, description = "Deleted", body = Envelope<Option<String>>))
)]
pub async fn delete_location(
    State(state): State<AppState>,
    access: LocationAccess<perm::DeleteLocation>,
) -> ApiResult<Envelope<Option<String>>> {
    let mut tx = state.db.write().await?;
    bizd_store::locations::delete(&mut tx, access.location.id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(Envelope::one(None).status(StatusCode::ACCEPTED))
}
