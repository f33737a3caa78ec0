use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::time::now_unix;
use serde_json::json;

use super::files;
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::wire::Int;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, LocationAccess};

/// Delete a client file (`clients/delete_client_file.md`): the record and the bytes.
#[utoipa::path(
    delete, path = "/company/{location_id}/clients/files/{client_id}/{file_id}", operation_id = "delete_client_file", tag = "Clients",
    params(
        ("location_id" = i64, Path, description = "Location ID"), ("client_id" = i64, Path, description = "Client ID"),
        ("file_id" = i64, Path, description = "File ID"),
    ),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 202, body = Envelope<Option<String>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn delete_client_file(
    State(state): State<AppState>,
    access: LocationAccess,
    Path((_location, client_id, file_id)): Path<(Int, Int, Int)>,
) -> ApiResult<Envelope<Option<String>>> {
    access.require(|p| p.clients)?;
    let location = &access.location;
    let file = state
        .db
        .client_file(location.id, client_id.0, file_id.0)
        .await?
        .ok_or_else(ApiError::not_found)?;
    state
        .db
        .delete_client_file(location.id, client_id.0, file_id.0, now_unix())
        .await?;
    if let Some(path) = files::resolve(&state.settings.data_dir, &file.storage_path) {
        if let Err(e) = tokio::fs::remove_file(&path).await {
            tracing::warn!(path = %path.display(), error = %e, "could not remove a deleted client file");
        }
    }
    Ok(Envelope::with_meta(None, json!({"message": "Accepted"})).status(StatusCode::ACCEPTED))
}
