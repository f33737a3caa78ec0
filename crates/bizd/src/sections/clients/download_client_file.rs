use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::files;
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::wire::Int;
use crate::http::{ApiError, ApiResult, ErrorBody, LocationAccess};

/// Download a client file: the `link` of a file. The same authorization as every other call;
/// always sent as an attachment so a browser never renders it.
#[utoipa::path(
    get, path = "/company/{location_id}/clients/files/{client_id}/{file_id}", operation_id = "download_client_file", tag = "Clients",
    params(
        ("location_id" = i64, Path, description = "Location ID"), ("client_id" = i64, Path, description = "Client ID"),
        ("file_id" = i64, Path, description = "File ID"),
    ),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, description = "The file's bytes", content_type = "application/octet-stream"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn download_client_file(
    State(state): State<AppState>,
    access: LocationAccess,
    Path((_location, client_id, file_id)): Path<(Int, Int, Int)>,
) -> ApiResult<Response> {
    access.require(|p| p.clients)?;
    let location = &access.location;
    let file = state
        .db
        .client_file(location.id, client_id.0, file_id.0)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let path = files::resolve(&state.settings.data_dir, &file.storage_path)
        .ok_or_else(ApiError::not_found)?;
    let bytes = tokio::fs::read(&path).await.map_err(|e| {
        tracing::warn!(path = %path.display(), error = %e, "client file missing on disk");
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
