use axum::extract::State;
use bizd_domain::time::now_unix;
use serde_json::json;

use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::wire::Int;
use crate::http::{ApiResult, Envelope, ErrorBody, LocationAccess};

/// Delete client (`clients/delete_client`). The client disappears from every list and search;
/// comments, files and visit history stay for the record.
#[utoipa::path(
    delete, path = "/client/{location_id}/{id}", operation_id = "delete_client", tag = "Clients",
    params(("location_id" = i64, Path, description = "Location ID"), ("id" = i64, Path, description = "Client ID")),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<Option<String>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn delete_client(
    State(state): State<AppState>,
    access: LocationAccess,
    Path((_location, id)): Path<(Int, Int)>,
) -> ApiResult<Envelope<Option<String>>> {
    access.require(|p| p.clients)?;
    state
        .db
        .delete_client(access.location.id, id.0, now_unix())
        .await?;
    Ok(Envelope::with_meta(None, json!({})))
}
