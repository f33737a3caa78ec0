use axum::extract::State;

use super::json::{CardDto, CardListQuery, CardPages, InventoryLocationPath};
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, ListMeta, LocationAccess, Paging, Path, Query};

/// Retrieve a list of bill of materials and consumables (`inventory/get_bill_of_materials_list.md`):
/// the live cards with their items, by id, `search` in the title, paged.
#[utoipa::path(
    get, path = "/technological_cards/{location_id}", operation_id = "get_bill_of_materials_list", tag = "Inventory",
    params(InventoryLocationPath, CardListQuery, Paging<CardPages>),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<CardDto>>))
)]
pub async fn get_bill_of_materials_list(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(_path): Path<InventoryLocationPath>,
    Query(q): Query<CardListQuery>,
    Paging(page, _): Paging<CardPages>,
) -> ApiResult<Envelope<Vec<CardDto>>> {
    let mut c = state.db.snapshot().await?;
    let search = q.search.map(|s| s.trim().trim_matches('\'').to_owned());
    let (cards, total) = bizd_store::inventory::cards::list(
        &mut c,
        access.location.id,
        search.as_deref(),
        page.offset(),
        page.size,
    )
    .await?;
    let ids: Vec<i64> = cards.iter().map(|c| c.id).collect();
    let items = bizd_store::inventory::cards::items(&mut c, &ids).await?;
    Ok(Envelope::list(
        cards
            .iter()
            .map(|card| CardDto::new(card, &items))
            .collect(),
        ListMeta::page_count_total(page, total),
    ))
}
