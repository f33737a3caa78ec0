use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::json::FilePath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, LocationAccess, Path};

/// Download a client file: the `link` of a file. The same authorization as every other call;
/// always sent as an attachment so a browser never renders it.
#[utoipa::path(
    get, path = "/company/{location_id}/clients/files/{client_id}/{file_id}", operation_id = "download_client_file", tag = "Clients",
    params(FilePath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "The file's bytes", content_type = "application/octet-stream"))
)]
pub async fn download_client_file(
    State(state): State<AppState>,
    access: LocationAccess<perm::Clients>,
    Path(path): Path<FilePath>,
) -> ApiResult<Response> {
    let location = &access.location;
    let file = bizd_store::clients::file(
        &mut state.db.read().await?,
        location.id,
        path.client_id.0,
        path.file_id.0,
    )
    .await?
    .ok_or_else(ApiError::not_found)?;
    let on_disk = rules::file_path(&state.settings.data_dir, &file.storage_path)
        .ok_or_else(ApiError::not_found)?;
    let bytes = tokio::fs::read(&on_disk).await.map_err(|e| {
        tracing::warn!(path = %on_disk.display(), error = %e, "client file missing on disk");
        ApiError::not_found()
    })?;
    let disposition = format!("attachment; filename=\"{}\"", file.name.replace('"', "_"));
    Ok((
        [
            (header::CONTENT_TYPE, file.mime),
            (header::CONTENT_DISPOSITION, disposition),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
