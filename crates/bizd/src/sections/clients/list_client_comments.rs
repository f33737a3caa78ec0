use axum::extract::State;

use super::json::{ClientItemsPath, CommentDto};
use super::rules;
use crate::app::AppState;
use crate::http::extract::BaseUrl;
use crate::http::{perm, ApiResult, Envelope, ListMeta, LocationAccess, Path};

/// List of comments for a client (`clients/list_client_comments.md`), including the `file`
/// comments that uploads created.
#[utoipa::path(
    get, path = "/clients/{location_id}/clients/{client_id}/comments", operation_id = "list_client_comments", tag = "Clients",
    params(ClientItemsPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "Comments; `meta.count`", body = Envelope<Vec<CommentDto>>))
)]
pub async fn list_client_comments(
    State(state): State<AppState>,
    access: LocationAccess<perm::Clients>,
    BaseUrl(base): BaseUrl,
    Path(path): Path<ClientItemsPath>,
) -> ApiResult<Envelope<Vec<CommentDto>>> {
    let (location, client_id) = (&access.location, path.client_id.0);
    let mut c = state.db.snapshot().await?;
    rules::existing_client(&mut c, location.id, client_id).await?;
    let comments = bizd_store::clients::comments(&mut c, location.id, client_id).await?;
    let files = bizd_store::clients::files(&mut c, location.id, client_id).await?;
    let data: Vec<CommentDto> = comments
        .into_iter()
        .map(|m| CommentDto::from_row(m, &files, location.id, &location.tz, &base))
        .collect();
    let meta = ListMeta::count(data.len());
    Ok(Envelope::list(data, meta))
}
