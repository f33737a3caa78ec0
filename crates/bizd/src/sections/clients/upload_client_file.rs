use axum::extract::multipart::Multipart;
use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::time::now_unix;
use bizd_store::clients::NewFile;

use super::files::{self, MAX_FILES_PER_CLIENT, MAX_FILE_BYTES};
use super::json::FileDto;
use crate::app::AppState;
use crate::http::extract::{BaseUrl, Path};
use crate::http::wire::Int;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, LocationAccess};

/// Upload a client file: `multipart/form-data` with a `file` part (at most 10 MiB) and an
/// optional `description`. Not in the public reference (which has no upload operation for client
/// files); it creates a `type = "file"` comment as the comments doc describes.
#[utoipa::path(
    post, path = "/company/{location_id}/clients/files/{client_id}", operation_id = "upload_client_file", tag = "Clients",
    params(("location_id" = i64, Path, description = "Location ID"), ("client_id" = i64, Path, description = "Client ID")),
    request_body(content_type = "multipart/form-data", description = "`file` (required) and `description`"),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 201, body = Envelope<FileDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub async fn upload_client_file(
    State(state): State<AppState>,
    access: LocationAccess,
    BaseUrl(base): BaseUrl,
    Path((_location, client_id)): Path<(Int, Int)>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> ApiResult<Envelope<FileDto>> {
    access.require(|p| p.clients)?;
    let location = &access.location;
    state
        .db
        .client(location.id, client_id.0)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let mut multipart = multipart.map_err(|_| {
        ApiError::field(
            "file",
            "Send the file as multipart/form-data with a `file` part.",
        )
    })?;
    if state.db.client_files(location.id, client_id.0).await?.len() >= MAX_FILES_PER_CLIENT {
        return Err(ApiError::field(
            "file",
            format!("A client may have at most {MAX_FILES_PER_CLIENT} files."),
        ));
    }

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
    let name = files::sanitize_name(&raw_name);
    let extension = files::extension(&name);
    let storage_path = files::new_storage_path(location.id);
    let target = files::resolve(&state.settings.data_dir, &storage_path)
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
        mime: files::mime(declared.as_deref(), &extension),
        name,
        description,
        extension,
        size: bytes.len() as i64,
        storage_path,
    };
    let id = match state
        .db
        .insert_client_file(location.id, client_id.0, access.user.id, &file, now_unix())
        .await
    {
        Ok(id) => id,
        Err(e) => {
            // Nothing may point at the bytes: remove them so no orphan is left behind.
            let _ = tokio::fs::remove_file(&target).await;
            return Err(e.into());
        }
    };
    let row = state
        .db
        .client_file(location.id, client_id.0, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let dto = FileDto::from_row(
        row,
        location.id,
        &location.fields.timezone_name,
        &base,
        true,
    );
    Ok(Envelope::one(dto).status(StatusCode::CREATED))
}

fn multipart_error(e: &axum::extract::multipart::MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge
    } else {
        ApiError::field("file", format!("Malformed multipart body: {e}."))
    }
}
