use axum::extract::State;
use bizd_domain::time::now_unix;
use serde_json::json;

use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::wire::Int;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, LocationAccess};

/// Delete a comment for a client (`clients/delete_client_comment`). Files an upload comment
/// announced are not deleted.
#[utoipa::path(
    delete, path = "/clients/{location_id}/clients/{client_id}/comments/{comment_id}", operation_id = "delete_client_comment", tag = "Clients",
    params(
        ("location_id" = i64, Path, description = "Location ID"), ("client_id" = i64, Path, description = "Client ID"),
        ("comment_id" = i64, Path, description = "Comment ID"),
    ),
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<Option<String>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub async fn delete_client_comment(
    State(state): State<AppState>,
    access: LocationAccess,
    Path((_location, client_id, comment_id)): Path<(Int, Int, Int)>,
) -> ApiResult<Envelope<Option<String>>> {
    access.require(|p| p.clients)?;
    let location = &access.location;
    state
        .db
        .client(location.id, client_id.0)
        .await?
        .ok_or_else(ApiError::not_found)?;
    state
        .db
        .delete_client_comment(location.id, client_id.0, comment_id.0, now_unix())
        .await?;
    Ok(Envelope::with_meta(None, json!({})))
}
