use axum::extract::State;

use super::json::{CardBody, CardDto, CardPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Change a bill of materials (extension): the whole card, items included.
#[utoipa::path(
    put, path = "/technological_cards/{location_id}/{card_id}", operation_id = "update_technological_card", tag = "Inventory",
    params(CardPath),
    request_body = CardBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<CardDto>))
)]
pub async fn update_technological_card(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<CardPath>,
    Json(body): Json<CardBody>,
) -> ApiResult<Envelope<CardDto>> {
    let location = &access.location;
    let id = path.card_id.0;
    let mut tx = state.db.write().await?;
    rules::card_answer(&mut tx, location.id, id).await?;
    let f = rules::card_fields(&mut tx, location, body).await?;
    bizd_store::inventory::cards::update(&mut tx, id, &f, state.clock.now()).await?;
    let out = rules::card_answer(&mut tx, location.id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(out))
}
