use axum::extract::State;

use super::json::{DocumentBody, DocumentDto, InventoryLocationPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};

/// Create document (`inventory/create_document.md`): an empty inventory document (`type_id`
/// and `storage_id` required; `create_date` defaults to now). Its transactions are added with
/// `POST /storage_operations/goods_transactions`.
#[utoipa::path(
    post, path = "/storage_operations/documents/{location_id}", operation_id = "create_document", tag = "Inventory",
    params(InventoryLocationPath),
    request_body = DocumentBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<DocumentDto>))
)]
pub async fn create_document(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(_path): Path<InventoryLocationPath>,
    Json(body): Json<DocumentBody>,
) -> ApiResult<Envelope<DocumentDto>> {
    let location = &access.location;
    let now = state.clock.now();
    let mut tx = state.db.write().await?;
    let f = rules::document_fields(&mut tx, location, body, None, now).await?;
    let id = bizd_store::inventory::documents::insert(
        &mut tx,
        location.id,
        &f,
        Some(access.user.id),
        now,
    )
    .await?;
    let row = bizd_store::inventory::documents::get(&mut tx, location.id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    tx.commit().await?;
    Ok(Envelope::one(DocumentDto::new(
        &row,
        &location.tz,
        &location.fields.title,
    )))
}
