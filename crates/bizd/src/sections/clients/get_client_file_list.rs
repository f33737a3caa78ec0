use axum::extract::State;
use bizd_domain::access::Permission;

use super::json::{ClientItemsPath, FileDto};
use super::rules;
use crate::app::AppState;
use crate::http::extract::BaseUrl;
use crate::http::{perm, ApiResult, Envelope, ListMeta, LocationAccess, Path};

/// List of client files (`clients/get_client_file_list`).
#[utoipa::path(
    get, path = "/company/{location_id}/clients/files/{client_id}", operation_id = "get_client_file_list", tag = "Clients",
    params(ClientItemsPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "Files; `meta.count`", body = Envelope<Vec<FileDto>>))
)]
pub async fn get_client_file_list(
    State(state): State<AppState>,
    access: LocationAccess<perm::Clients>,
    BaseUrl(base): BaseUrl,
    Path(path): Path<ClientItemsPath>,
) -> ApiResult<Envelope<Vec<FileDto>>> {
    let (location, client_id) = (&access.location, path.client_id.0);
    let can_edit = access.can(Permission::Clients);
    let mut c = state.db.snapshot().await?;
    rules::existing_client(&mut c, location.id, client_id).await?;
    let data: Vec<FileDto> = bizd_store::clients::files(&mut c, location.id, client_id)
        .await?
        .into_iter()
        .map(|f| FileDto::from_row(f, location.id, &location.tz, &base, can_edit))
        .collect();
    let meta = ListMeta::count(data.len());
    Ok(Envelope::list(data, meta))
}
