use axum::extract::State;
use serde_json::json;

use super::json::FileDto;
use crate::app::AppState;
use crate::http::extract::{BaseUrl, Path};
use crate::http::wire::Int;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, LocationAccess};

/// List of client files (`clients/get_client_file_list`).
#[utoipa::path(
    get, path = "/company/{location_id}/clients/files/{client_id}", operation_id = "get_client_file_list", tag = "Clients",
    params(("location_id" = i64, Path, description = "Location ID"), ("client_id" = i64, Path, description = "Client ID")),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<Vec<FileDto>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn get_client_file_list(
    State(state): State<AppState>,
    access: LocationAccess,
    BaseUrl(base): BaseUrl,
    Path((_location, client_id)): Path<(Int, Int)>,
) -> ApiResult<Envelope<Vec<FileDto>>> {
    access.require(|p| p.clients)?;
    let location = &access.location;
    state
        .db
        .client(location.id, client_id.0)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let can_edit = access.permissions().clients;
    let tz = &location.fields.timezone_name;
    let data: Vec<FileDto> = state
        .db
        .client_files(location.id, client_id.0)
        .await?
        .into_iter()
        .map(|f| FileDto::from_row(f, location.id, tz, &base, can_edit))
        .collect();
    let count = data.len();
    Ok(Envelope::with_meta(data, json!({"count": count})))
}
