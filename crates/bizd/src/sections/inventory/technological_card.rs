//! Writes of bills of materials (extension: v1 has none) and the read of one card.

use axum::extract::State;
use bizd_domain::validation::FieldErrors;
use bizd_store::inventory::cards::CardFields;

use super::json::{CardBody, CardDto, CardPath, InventoryLocationPath};
use super::rules;
use crate::app::AppState;
use crate::http::wire::text;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};
use crate::sections::products::rules::qty;
use axum::http::StatusCode;
use bizd_domain::location::Location;
use bizd_store::Conn;

/// A card body, checked: title required; the service and team member are the location's; each
/// item a live product, a storage of the location (default: the consumables storage) and a
/// positive amount in write-off units.
async fn card_fields(
    c: &mut Conn<'_>,
    location: &Location,
    body: CardBody,
) -> Result<CardFields, ApiError> {
    let mut e = FieldErrors::new();
    let title = text(body.title)
        .map(|t| t.trim().to_owned())
        .unwrap_or_default();
    if title.is_empty() || title.chars().count() > 255 {
        e.add("title", "The title must have 1 to 255 characters.");
    }
    let service_id = body.service_id.map(|i| i.0).filter(|i| *i != 0);
    if let Some(s) = service_id {
        if bizd_store::services::get(c, location.id, s)
            .await?
            .is_none()
        {
            e.add("service_id", "No such service at this location.");
        }
    }
    let team_member_id = body.staff_id.map(|i| i.0).filter(|i| *i != 0);
    if let Some(m) = team_member_id {
        let member = bizd_store::team_members::get(c, location.id, m).await?;
        if member.is_none_or(|m| m.deleted_at.is_some()) {
            e.add("staff_id", "No such team member at this location.");
        }
    }
    let default_storage = bizd_store::inventory::storages::for_services(c, location.id)
        .await?
        .map_or(0, |s| s.id);
    let mut items = Vec::new();
    for (i, item) in body.technological_card_items.into_iter().enumerate() {
        let f = |n: &str| format!("technological_card_items.{i}.{n}");
        let product = item.good_id.map_or(0, |g| g.0);
        if bizd_store::products::get(c, location.id, product, false)
            .await?
            .is_none()
        {
            e.add(f("good_id"), "No such product at this location.");
        }
        let storage = item
            .storage_id
            .map(|s| s.0)
            .filter(|s| *s != 0)
            .unwrap_or(default_storage);
        rules::storage(c, &mut e, location.id, &f("storage_id"), storage).await?;
        let amount = match item.amount {
            Some(a) => qty(&mut e, &f("amount"), a, 1).unwrap_or(0),
            None => {
                e.add(f("amount"), "The amount is required.");
                0
            }
        };
        items.push((product, storage, amount));
    }
    e.into_result()?;
    Ok(CardFields {
        title,
        service_id,
        team_member_id,
        items,
    })
}

async fn answer(c: &mut Conn<'_>, location_id: i64, id: i64) -> Result<CardDto, ApiError> {
    let card = bizd_store::inventory::cards::get(c, location_id, id)
        .await?
        .ok_or_else(|| ApiError::NotFound("Bill of materials not found.".into()))?;
    let items = bizd_store::inventory::cards::items(c, &[id]).await?;
    Ok(CardDto::new(&card, &items))
}

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
        answer(&mut c, access.location.id, path.card_id.0).await?,
    ))
}

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
    let f = card_fields(&mut tx, location, body).await?;
    let id =
        bizd_store::inventory::cards::insert(&mut tx, location.id, &f, state.clock.now()).await?;
    let out = answer(&mut tx, location.id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(out).status(StatusCode::CREATED))
}

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
    answer(&mut tx, location.id, id).await?;
    let f = card_fields(&mut tx, location, body).await?;
    bizd_store::inventory::cards::update(&mut tx, id, &f, state.clock.now()).await?;
    let out = answer(&mut tx, location.id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(out))
}

/// Delete a bill of materials (extension): service links naming it no longer do; consumables
/// already edited on appointments stay. Answers 204.
#[utoipa::path(
    delete, path = "/technological_cards/{location_id}/{card_id}", operation_id = "delete_technological_card", tag = "Inventory",
    params(CardPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 204))
)]
pub async fn delete_technological_card(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<CardPath>,
) -> ApiResult<StatusCode> {
    let id = path.card_id.0;
    let mut tx = state.db.write().await?;
    answer(&mut tx, access.location.id, id).await?;
    bizd_store::inventory::cards::delete(&mut tx, id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
