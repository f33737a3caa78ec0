use axum::extract::multipart::Multipart;
use axum::extract::State;
use axum::http::StatusCode;
use bizd_store::clients::NewFile;

use super::json::{ClientItemsPath, FileDto};
use super::rules::{self, MAX_FILES_PER_CLIENT, MAX_FILE_BYTES};
use crate::app::AppState;
use crate::http::extract::BaseUrl;
use crate::http::{perm, ApiError, ApiResult, Envelope, LocationAccess, Path};

/// Upload a client file: `multipart/form-data` with a `file` part (at most 10 MiB) and an
/// optional `description`. Not in the public reference (which has no upload operation for client
/// files); it creates a `type = "file"` comment as the comments doc describes.
#[utoipa::path(
    post, path = "/company/{location_id}/clients/files/{client_id}", operation_id = "upload_client_file", tag = "Clients",
    params(ClientItemsPath),
    request_body(content_type = "multipart/form-data", description = "`file` (required) and `description`"),
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<FileDto>))
)]
pub async fn upload_client_file(
    State(state): State<AppState>,
    access: LocationAccess<perm::Clients>,
    BaseUrl(base): BaseUrl,
    Path(path): Path<ClientItemsPath>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> ApiResult<Envelope<FileDto>> {
    let (location, client_id) = (&access.location, path.client_id.0);
    // Checked before the upload is read, and again (under the write lock) before it is recorded.
    rules::existing_client(&mut state.db.read().await?, location.id, client_id).await?;
    let mut multipart = multipart.map_err(|_| {
        ApiError::field(
            "file",
            "Send the file as multipart/form-data with a `file` part.",
        )
    })?;

    let mut upload: Option<(String, Option<String>, Vec<u8>)> = None;
    let mut description = String::new();
    let too_large = || ApiError::PayloadTooLarge;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(&e))?
    {
        match field.name() {
            Some("file") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let declared = field.content_type().map(str::to_owned);
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|e| multipart_error(&e))? {
                    if bytes.len() + chunk.len() > MAX_FILE_BYTES {
                        return Err(too_large());
                    }
                    bytes.extend_from_slice(&chunk);
                }
                upload = Some((name, declared, bytes));
            }
            Some("description") => {
                let text = field.text().await.map_err(|e| multipart_error(&e))?;
                description = text.trim().chars().take(1000).collect();
            }
            _ => {}
        }
    }
    let (raw_name, declared, bytes) =
        upload.ok_or_else(|| ApiError::field("file", "The file field is required."))?;
    if bytes.is_empty() {
        return Err(ApiError::field("file", "The file is empty."));
    }
    let name = rules::sanitize_name(&raw_name);
    let extension = rules::extension(&name);
    let storage_path = rules::new_storage_path(location.id);
    let target = rules::file_path(&state.settings.data_dir, &storage_path)
        .ok_or_else(|| ApiError::Internal("bad storage path".into()))?;
    if let Some(dir) = target.parent() {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| ApiError::Internal(format!("create {}: {e}", dir.display())))?;
    }
    tokio::fs::write(&target, &bytes)
        .await
        .map_err(|e| ApiError::Internal(format!("write {}: {e}", target.display())))?;
    let file = NewFile {
        mime: rules::mime(declared.as_deref(), &extension),
        name,
        description,
        extension,
        size: bytes.len() as i64,
        storage_path,
    };
    // The bytes are on disk before the record exists; if the record cannot be written, they go.
    let recorded = record(&state, location.id, client_id, access.user.id, &file).await;
    let row = match recorded {
        Ok(row) => row,
        Err(e) => {
            let _ = tokio::fs::remove_file(&target).await;
            return Err(e);
        }
    };
    let dto = FileDto::from_row(row, location.id, &location.tz, &base, true);
    Ok(Envelope::one(dto).status(StatusCode::CREATED))
}

/// Records the file in one transaction that also checks the client and the per-client limit.
async fn record(
    state: &AppState,
    location_id: i64,
    client_id: i64,
    user_id: i64,
    file: &NewFile,
) -> Result<bizd_store::clients::FileRow, ApiError> {
    let mut tx = state.db.write().await?;
    rules::existing_client(&mut tx, location_id, client_id).await?;
    if bizd_store::clients::files(&mut tx, location_id, client_id)
        .await?
        .len()
        >= MAX_FILES_PER_CLIENT
    {
        return Err(ApiError::field(
            "file",
            format!("A client may have at most {MAX_FILES_PER_CLIENT} files."),
        ));
    }
    let now = state.clock.now();
    let id = bizd_store::clients::insert_file(&mut tx, location_id, client_id, user_id, file, now)
        .await?;
    let row = bizd_store::clients::file(&mut tx, location_id, client_id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    tx.commit().await?;
    Ok(row)
}

fn multipart_error(e: &axum::extract::multipart::MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge
    } else {
        ApiError::field("file", format!("Malformed multipart body: {e}."))
    }
}
