use axum::extract::State;
use bizd_store::inventory::consumables;
use bizd_store::Lock;

use super::json::{RecordConsumablesDto, RecordServicePath, UnlinkQuery};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, ListMeta, LocationAccess, Path, Query};

/// Unlink Appointment-Service Association
/// (`inventory/unlink_appointment_service_association.md`): the service of the appointment no
/// longer follows a bill of materials; its consumables stay unless `delete_consumables=1`. A
/// completed visit's write-off follows at once. `meta` `{count}`.
#[utoipa::path(
    delete, path = "/technological_cards/record_consumables/technological_cards/{location_id}/{record_id}/{service_id}", operation_id = "unlink_appointment_service_association", tag = "Inventory",
    params(RecordServicePath, UnlinkQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<RecordConsumablesDto>>))
)]
pub async fn unlink_appointment_service_association(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<RecordServicePath>,
    Query(q): Query<UnlinkQuery>,
) -> ApiResult<Envelope<Vec<RecordConsumablesDto>>> {
    let location_id = access.location.id;
    let (record_id, service_id) = (path.record_id.0, path.service_id.0);
    let now = state.clock.now();
    let mut tx = state.db.write().await?;
    let (visit_id, _) = rules::appointment(&mut tx, location_id, record_id).await?;
    // The appointment, then its visit: the order appointment changes take them in.
    tx.lock(&[Lock::Record(record_id)]).await?;
    tx.lock(&[Lock::Visit(visit_id)]).await?;
    let (_, attended) = rules::appointment(&mut tx, location_id, record_id).await?;
    let (member, services) = consumables::record_services(&mut tx, record_id).await?;
    if !services.contains(&service_id) {
        return Err(ApiError::NotFound(
            "The appointment has no such service.".into(),
        ));
    }
    let current =
        consumables::of_service(&mut tx, location_id, record_id, member, service_id).await?;
    let keep = if q.delete_consumables.is_some_and(|f| f.0) {
        Vec::new()
    } else {
        current.consumables
    };
    consumables::set(
        &mut tx,
        location_id,
        record_id,
        service_id,
        None,
        &keep,
        now,
    )
    .await?;
    consumables::rewrite_if_completed(&mut tx, location_id, visit_id, attended, now).await?;
    let data = rules::record_consumables(&mut tx, location_id, record_id, Some(service_id)).await?;
    tx.commit().await?;
    let meta = ListMeta::count(data.len());
    Ok(Envelope::list(data, meta))
}
