use axum::extract::State;

use super::json::CommentPath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Delete a comment for a client (`clients/delete_client_comment`). Files an upload comment
/// announced are not deleted.
#[utoipa::path(
    delete, path = "/clients/{location_id}/clients/{client_id}/comments/{comment_id}", operation_id = "delete_client_comment", tag = "Clients",
    params(CommentPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Option<String>>))
)]
pub async fn delete_client_comment(
    State(state): State<AppState>,
    access: LocationAccess<perm::Clients>,
    Path(path): Path<CommentPath>,
) -> ApiResult<Envelope<Option<String>>> {
    let location = &access.location;
    let mut tx = state.db.write().await?;
    rules::existing_client(&mut tx, location.id, path.client_id.0).await?;
    bizd_store::clients::delete_comment(
        &mut tx,
        location.id,
        path.client_id.0,
        path.comment_id.0,
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(Envelope::deleted())
}
