use axum::extract::State;
use serde_json::json;

use super::comments::render;
use super::json::CommentDto;
use crate::app::AppState;
use crate::http::extract::{BaseUrl, Path};
use crate::http::wire::Int;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, LocationAccess};

/// List of comments for a client (`clients/list_client_comments.md`), including the `file`
/// comments that uploads created.
#[utoipa::path(
    get, path = "/clients/{location_id}/clients/{client_id}/comments", operation_id = "list_client_comments", tag = "Clients",
    params(("location_id" = i64, Path, description = "Location ID"), ("client_id" = i64, Path, description = "Client ID")),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<Vec<CommentDto>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn list_client_comments(
    State(state): State<AppState>,
    access: LocationAccess,
    BaseUrl(base): BaseUrl,
    Path((_location, client_id)): Path<(Int, Int)>,
) -> ApiResult<Envelope<Vec<CommentDto>>> {
    access.require(|p| p.clients)?;
    let location = &access.location;
    state
        .db
        .client(location.id, client_id.0)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let comments = state.db.client_comments(location.id, client_id.0).await?;
    let files = state.db.client_files(location.id, client_id.0).await?;
    let tz = &location.fields.timezone_name;
    let data: Vec<CommentDto> = comments
        .into_iter()
        .map(|c| render(c, &files, location.id, tz, &base))
        .collect();
    let count = data.len();
    Ok(Envelope::with_meta(data, json!({"count": count})))
}
