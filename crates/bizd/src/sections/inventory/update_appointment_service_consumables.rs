use axum::extract::State;
use bizd_domain::validation::FieldErrors;
use bizd_store::inventory::consumables::{self, Consumable};
use bizd_store::Lock;

use super::json::{ConsumablesBody, RecordConsumablesDto, RecordServicePath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};
use crate::sections::payments::rules::amount_in;
use crate::sections::products::rules::qty;

/// Update Consumables for the Appointment-Service Association
/// (`inventory/update_appointment_service_consumables.md`): the service's consumables become
/// the list sent (products of the location, storage default the consumables storage, amounts
/// in write-off units). A completed visit's write-off follows at once.
#[utoipa::path(
    put, path = "/technological_cards/record_consumables/consumables/{location_id}/{record_id}/{service_id}", operation_id = "update_appointment_service_consumables", tag = "Inventory",
    params(RecordServicePath),
    request_body = ConsumablesBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<RecordConsumablesDto>>))
)]
pub async fn update_appointment_service_consumables(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<RecordServicePath>,
    Json(body): Json<ConsumablesBody>,
) -> ApiResult<Envelope<Vec<RecordConsumablesDto>>> {
    let location = &access.location;
    let (record_id, service_id) = (path.record_id.0, path.service_id.0);
    let now = state.clock.now();
    let mut tx = state.db.write().await?;
    let (visit_id, _) = rules::appointment(&mut tx, location.id, record_id).await?;
    // The appointment, then its visit: the order appointment changes take them in.
    tx.lock(&[Lock::Record(record_id)]).await?;
    tx.lock(&[Lock::Visit(visit_id)]).await?;
    let (_, attended) = rules::appointment(&mut tx, location.id, record_id).await?;
    let (_, services) = consumables::record_services(&mut tx, record_id).await?;
    if !services.contains(&service_id) {
        return Err(ApiError::NotFound(
            "The appointment has no such service.".into(),
        ));
    }
    let current = consumables::of_record(&mut tx, location.id, record_id).await?;
    let card_id = current
        .iter()
        .find(|s| s.service_id == service_id)
        .and_then(|s| s.card.as_ref().map(|c| c.id));
    let default_storage = bizd_store::inventory::storages::for_services(&mut tx, location.id)
        .await?
        .map_or(0, |s| s.id);
    let mut e = FieldErrors::new();
    let mut list = Vec::new();
    for (i, x) in body.consumables.into_iter().enumerate() {
        let f = |n: &str| format!("consumables.{i}.{n}");
        let product_id = x.good_id.map_or(0, |g| g.0);
        let product = bizd_store::products::get(&mut tx, location.id, product_id, false).await?;
        if product.is_none() {
            e.add(f("good_id"), "No such product at this location.");
        }
        let storage_id = x
            .storage_id
            .map(|s| s.0)
            .filter(|s| *s != 0)
            .unwrap_or(default_storage);
        rules::storage(&mut tx, &mut e, location.id, &f("storage_id"), storage_id).await?;
        let amount = match x.amount {
            Some(a) => qty(&mut e, &f("amount"), a, 1).unwrap_or(0),
            None => {
                e.add(f("amount"), "The amount is required.");
                0
            }
        };
        let price = match x.price {
            Some(p) => amount_in(&mut e, &f("price"), p, location).map_or(0, |m| m.minor()),
            None => product.as_ref().map_or(0, |p| {
                let v = i128::from(amount) * i128::from(p.actual_cost);
                let d = i128::from(p.unit_equals.max(1));
                i64::try_from((v + d / 2) / d).unwrap_or(0)
            }),
        };
        list.push(Consumable {
            product_id,
            storage_id,
            amount,
            price,
        });
    }
    e.into_result()?;
    consumables::set(
        &mut tx,
        location.id,
        record_id,
        service_id,
        card_id,
        &list,
        now,
    )
    .await?;
    consumables::rewrite_if_completed(&mut tx, location.id, visit_id, attended, now).await?;
    let data = rules::record_consumables(&mut tx, location.id, record_id, Some(service_id)).await?;
    tx.commit().await?;
    Ok(Envelope::one(data))
}
