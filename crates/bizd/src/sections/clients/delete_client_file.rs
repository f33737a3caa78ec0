use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;

use super::json::FilePath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, LocationAccess, Path};

/// Delete a client file (`clients/delete_client_file.md`): the record, then the bytes.
#[utoipa::path(
    delete, path = "/company/{location_id}/clients/files/{client_id}/{file_id}", operation_id = "delete_client_file", tag = "Clients",
    params(FilePath),
    security(("BearerPartnerUser" = [])),
    responses((status = 202, body = Envelope<Option<String>>))
)]
pub async fn delete_client_file(
    State(state): State<AppState>,
    access: LocationAccess<perm::Clients>,
    Path(path): Path<FilePath>,
) -> ApiResult<Envelope<Option<String>>> {
    let location = &access.location;
    let (client_id, file_id) = (path.client_id.0, path.file_id.0);
    let mut tx = state.db.write().await?;
    let file = bizd_store::clients::file(&mut tx, location.id, client_id, file_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    bizd_store::clients::delete_file(&mut tx, location.id, client_id, file_id, state.clock.now())
        .await?;
    tx.commit().await?;
    // The record is gone first: a crash in between leaves unreferenced bytes, never a record
    // pointing at nothing.
    if let Some(on_disk) = rules::file_path(&state.settings.data_dir, &file.storage_path) {
        if let Err(e) = tokio::fs::remove_file(&on_disk).await {
            tracing::warn!(path = %on_disk.display(), error = %e, "could not remove a deleted client file");
        }
    }
    Ok(Envelope::with_meta(None, json!({"message": "Accepted"})).status(StatusCode::ACCEPTED))
}
