use axum::extract::State;
use axum::http::StatusCode;

use super::json::{CardBody, CardDto, InventoryLocationPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Create a bill of materials (extension): `title`, optionally the service (and team member)
/// it is the default of, and `technological_card_items` `{good_id, storage_id, amount}`.
/// Answers 201.
#[utoipa::path(
    post, path = "/technological_cards/{location_id}", operation_id = "create_technological_card", tag = "Inventory",
    params(InventoryLocationPath),
    request_body = CardBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<CardDto>))
)]
pub async fn create_technological_card(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(_path): Path<InventoryLocationPath>,
    Json(body): Json<CardBody>,
) -> ApiResult<Envelope<CardDto>> {
    let location = &access.location;
    let mut tx = state.db.write().await?;
    let f = rules::card_fields(&mut tx, location, body).await?;
    let id =
        bizd_store::inventory::cards::insert(&mut tx, location.id, &f, state.clock.now()).await?;
    let out = rules::card_answer(&mut tx, location.id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(out).status(StatusCode::CREATED))
}
