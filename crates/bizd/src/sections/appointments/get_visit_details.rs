use axum::extract::State;
use bizd_domain::inventory::{line_cost, qty_to_decimal};
use bizd_domain::money::Money;

use super::json::{KkmContainerDto, VisitDetailsDto, VisitDetailsPath, VisitItemDto};
use crate::app::AppState;
use crate::http::wire::{Amount, EmptyList};
use crate::http::{perm, ApiError, ApiResult, Envelope, LocationAccess, Path};
use crate::sections::payments::json::FinanceTransactionDto;

/// Get Visit Details (`appointments/get_visit_details.md`): the service lines of the visit's
/// appointments, the products sold in it (`item_type_id` 2) and its payments. Loyalty and cash-register (KKM) operations come with their
/// sections: both lists are empty. The appointment must belong to the visit (404 otherwise).
#[utoipa::path(
    get, path = "/visit/details/{location_id}/{record_id}/{visit_id}", operation_id = "get_visit_details", tag = "Appointments",
    params(VisitDetailsPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<VisitDetailsDto>))
)]
pub async fn get_visit_details(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
    Path(path): Path<VisitDetailsPath>,
) -> ApiResult<Envelope<VisitDetailsDto>> {
    let mut c = state.db.snapshot().await?;
    let records = bizd_store::appointments::of_visit(&mut c, path.visit_id.0).await?;
    if !records
        .iter()
        .any(|a| a.row.id == path.record_id.0 && a.row.location_id == access.location.id)
    {
        return Err(ApiError::NotFound("Visit not found.".into()));
    }
    // A user narrowed to one team member's calendar: only through that team member's appointment.
    if let Some(record) = records.iter().find(|a| a.row.id == path.record_id.0) {
        access.check_team_member(record.row.team_member_id.unwrap_or(0))?;
    }
    let money = |m: i64| Money::from_minor(m).into();
    // The products sold in the visit: the sale lines of its document.
    let goods = match bizd_store::inventory::documents::of_visit(&mut c, path.visit_id.0).await? {
        Some(doc) => bizd_store::inventory::transactions::sales_of(&mut c, doc).await?,
        None => Vec::new(),
    };
    let items = records
        .iter()
        .flat_map(|a| {
            a.services.iter().map(move |l| VisitItemDto {
                id: 0,
                item_id: l.service_id,
                item_type_id: 1,
                record_id: a.row.id,
                item_title: l.title.clone(),
                amount: Amount(l.amount.into()),
                first_cost: money(l.first_cost),
                manual_cost: money(l.cost),
                discount: money(l.discount_percent),
                cost: money(l.cost),
                master_id: a.row.team_member_id.unwrap_or(0),
                good_id: 0,
                service_id: l.service_id,
                event_id: 0,
                is_service: true,
                is_event: false,
                is_good: false,
            })
        })
        .chain(goods.iter().map(|t| VisitItemDto {
            id: t.id,
            item_id: t.product_id,
            item_type_id: 2,
            record_id: t.record_id.unwrap_or(0),
            item_title: t.product_title.clone().unwrap_or_default(),
            amount: Amount(qty_to_decimal(t.amount.abs())),
            first_cost: money(line_cost(t.amount, t.cost_per_unit, 0)),
            manual_cost: money(t.cost),
            discount: money(t.discount),
            cost: money(t.cost),
            master_id: t.team_member_id.unwrap_or(0),
            good_id: t.product_id,
            service_id: 0,
            event_id: 0,
            is_service: false,
            is_event: false,
            is_good: true,
        }))
        .collect();
    let payments =
        bizd_store::payments::transactions::of_visits(&mut c, &[path.visit_id.0]).await?;
    Ok(Envelope::one(VisitDetailsDto {
        payment_transactions: payments
            .iter()
            .map(|t| FinanceTransactionDto::new(t, &access.location.tz))
            .collect(),
        loyalty_transactions: EmptyList,
        kkm_transaction_details_container: KkmContainerDto {
            last_operation_type: 0,
            transactions: EmptyList,
        },
        items,
    }))
}
