use axum::extract::State;

use super::json::{DocumentDto, DocumentPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Get document (`inventory/get_document.md`): a live inventory document.
#[utoipa::path(
    get, path = "/storage_operations/documents/{location_id}/{document_id}", operation_id = "get_document", tag = "Inventory",
    params(DocumentPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<DocumentDto>))
)]
pub async fn get_document(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<DocumentPath>,
) -> ApiResult<Envelope<DocumentDto>> {
    let location = &access.location;
    let mut c = state.db.read().await?;
    let row = rules::existing_document(&mut c, location.id, path.document_id.0).await?;
    Ok(Envelope::one(DocumentDto::new(
        &row,
        &location.tz,
        &location.fields.title,
    )))
}
