use axum::extract::State;

use super::json::{CardDto, CardPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Path};

/// Get a bill of materials (extension).
#[utoipa::path(
    get, path = "/technological_cards/{location_id}/{card_id}", operation_id = "get_technological_card", tag = "Inventory",
    params(CardPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<CardDto>))
)]
pub async fn get_technological_card(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<CardPath>,
) -> ApiResult<Envelope<CardDto>> {
    let mut c = state.db.snapshot().await?;
    Ok(Envelope::one(
        rules::card_answer(&mut c, access.location.id, path.card_id.0).await?,
    ))
}
