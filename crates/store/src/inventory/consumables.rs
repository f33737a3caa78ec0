//! The consumables of an appointment's services. Until edited they are the items of the
//! service's default card (for the appointment's team member); an edit (or unlinking the card)
//! records a set of its own. When the visit is completed (attendance becomes 1) they are written
//! off from their storages as transactions of type 2 in the visit's sale document; when that is
//! undone, or the visit goes, those transactions are deleted — both inside the transaction that
//! changed the attendance ([`crate::appointments::visits::settle`]).

use sea_query::{Expr, Order, Query};

use super::cards::{self, CardRow};
use super::transactions::{self, NewTransaction, StockGuard};
use super::{ProductTransactions, RecordConsumableSets, RecordConsumables};
use crate::visits::{RecordServices, Records};
use crate::{Conn, StoreResult};
use bizd_domain::inventory::doc_type;

type S = RecordConsumableSets;
type R = RecordConsumables;

/// One consumable: amount in thousandths of the write-off unit, price in minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consumable {
    pub product_id: i64,
    pub storage_id: i64,
    pub amount: i64,
    pub price: i64,
}

/// An appointment service's card and consumables, as they stand.
#[derive(Debug, Clone)]
pub struct ServiceConsumables {
    pub record_id: i64,
    pub service_id: i64,
    pub card: Option<CardRow>,
    pub consumables: Vec<Consumable>,
}

/// The price of `amount` write-off units of a product costing `actual_cost` per sale unit.
fn price(amount: i64, actual_cost: i64, unit_equals: i64) -> i64 {
    if unit_equals == 0 {
        return 0;
    }
    let v = i128::from(amount) * i128::from(actual_cost);
    let d = i128::from(unit_equals);
    i64::try_from((v + d / 2) / d).unwrap_or(0)
}

/// The consumables of one service of an appointment.
pub async fn of_service(
    c: &mut Conn<'_>,
    location_id: i64,
    record_id: i64,
    team_member_id: Option<i64>,
    service_id: i64,
) -> StoreResult<ServiceConsumables> {
    let set = Query::select()
        .column(S::TechnologicalCardId)
        .from(S::Table)
        .and_where(Expr::col(S::RecordId).eq(record_id))
        .and_where(Expr::col(S::ServiceId).eq(service_id))
        .to_owned();
    let edited: Option<(Option<i64>,)> = c.optional(&set).await?;
    let (card, consumables) = match edited {
        Some((card_id,)) => {
            let card = match card_id {
                Some(id) => cards::get(c, location_id, id).await?,
                None => None,
            };
            let stmt = Query::select()
                .columns([R::ProductId, R::StorageId, R::Amount, R::Price])
                .from(R::Table)
                .and_where(Expr::col(R::RecordId).eq(record_id))
                .and_where(Expr::col(R::ServiceId).eq(service_id))
                .order_by(R::Id, Order::Asc)
                .to_owned();
            let rows: Vec<(i64, i64, i64, i64)> = c.all(&stmt).await?;
            let list = rows
                .into_iter()
                .map(|(product_id, storage_id, amount, price)| Consumable {
                    product_id,
                    storage_id,
                    amount,
                    price,
                })
                .collect();
            (card, list)
        }
        None => {
            let card = cards::default_for(c, location_id, team_member_id, service_id).await?;
            let list = match &card {
                Some(card) => cards::items(c, &[card.id])
                    .await?
                    .into_iter()
                    .map(|i| Consumable {
                        product_id: i.product_id,
                        storage_id: i.storage_id,
                        amount: i.amount,
                        price: price(
                            i.amount,
                            i.actual_cost.unwrap_or(0),
                            i.unit_equals.unwrap_or(1000),
                        ),
                    })
                    .collect(),
                None => Vec::new(),
            };
            (card, list)
        }
    };
    Ok(ServiceConsumables {
        record_id,
        service_id,
        card,
        consumables,
    })
}

/// The live appointment's team member and services.
pub async fn record_services(
    c: &mut Conn<'_>,
    record_id: i64,
) -> StoreResult<(Option<i64>, Vec<i64>)> {
    let member = Query::select()
        .column(Records::TeamMemberId)
        .from(Records::Table)
        .and_where(Expr::col(Records::Id).eq(record_id))
        .to_owned();
    let member: Option<(Option<i64>,)> = c.optional(&member).await?;
    let services = Query::select()
        .column(RecordServices::ServiceId)
        .from(RecordServices::Table)
        .and_where(Expr::col(RecordServices::RecordId).eq(record_id))
        .order_by(RecordServices::Id, Order::Asc)
        .to_owned();
    let mut ids: Vec<i64> = c.scalars(&services).await?;
    ids.dedup();
    Ok((member.and_then(|m| m.0), ids))
}

/// The consumables of every service of an appointment.
pub async fn of_record(
    c: &mut Conn<'_>,
    location_id: i64,
    record_id: i64,
) -> StoreResult<Vec<ServiceConsumables>> {
    let (member, services) = record_services(c, record_id).await?;
    let mut out = Vec::new();
    for s in services {
        out.push(of_service(c, location_id, record_id, member, s).await?);
    }
    Ok(out)
}

/// Records an appointment service's own consumables (and card: `None` unlinks it).
pub async fn set(
    c: &mut Conn<'_>,
    location_id: i64,
    record_id: i64,
    service_id: i64,
    card_id: Option<i64>,
    list: &[Consumable],
    now: i64,
) -> StoreResult<()> {
    let del = Query::delete()
        .from_table(S::Table)
        .and_where(Expr::col(S::RecordId).eq(record_id))
        .and_where(Expr::col(S::ServiceId).eq(service_id))
        .to_owned();
    c.execute(&del).await?;
    let ins = Query::insert()
        .into_table(S::Table)
        .columns([
            S::RecordId,
            S::ServiceId,
            S::LocationId,
            S::TechnologicalCardId,
            S::UpdatedAt,
        ])
        .values_panic([
            record_id.into(),
            service_id.into(),
            location_id.into(),
            card_id.into(),
            now.into(),
        ])
        .to_owned();
    c.execute(&ins).await?;
    let del = Query::delete()
        .from_table(R::Table)
        .and_where(Expr::col(R::RecordId).eq(record_id))
        .and_where(Expr::col(R::ServiceId).eq(service_id))
        .to_owned();
    c.execute(&del).await?;
    for x in list {
        let ins = Query::insert()
            .into_table(R::Table)
            .columns([
                R::RecordId,
                R::ServiceId,
                R::LocationId,
                R::ProductId,
                R::StorageId,
                R::Amount,
                R::Price,
            ])
            .values_panic([
                record_id.into(),
                service_id.into(),
                location_id.into(),
                x.product_id.into(),
                x.storage_id.into(),
                x.amount.into(),
                x.price.into(),
            ])
            .to_owned();
        c.execute(&ins).await?;
    }
    Ok(())
}

/// The live consumables transactions of a visit's appointments.
async fn written_off(c: &mut Conn<'_>, visit_id: i64) -> StoreResult<Vec<(i64, i64, i64)>> {
    let t = |col| Expr::col((ProductTransactions::Table, col));
    let records = Query::select()
        .column(Records::Id)
        .from(Records::Table)
        .and_where(Expr::col(Records::VisitId).eq(visit_id))
        .to_owned();
    let stmt = Query::select()
        .columns([
            ProductTransactions::Id,
            ProductTransactions::ProductId,
            ProductTransactions::StorageId,
        ])
        .from(ProductTransactions::Table)
        .and_where(t(ProductTransactions::RecordId).in_subquery(records))
        .and_where(t(ProductTransactions::TypeId).eq(doc_type::SERVICE_CONSUMABLES))
        .and_where(t(ProductTransactions::DeletedAt).is_null())
        .to_owned();
    c.all(&stmt).await
}

/// Deletes the consumables written off for a visit (its completion was undone, or it went).
pub async fn reverse(c: &mut Conn<'_>, visit_id: i64, now: i64) -> StoreResult<()> {
    let rows = written_off(c, visit_id).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    transactions::delete(c, &ids, now).await
}

/// Writes off the consumables of a completed visit's live appointments from their storages,
/// into the visit's sale document; refused (`InsufficientStock`) when that would take a
/// storage below zero and the location does not allow it.
pub async fn write_off(
    c: &mut Conn<'_>,
    location_id: i64,
    visit_id: i64,
    now: i64,
) -> StoreResult<()> {
    let Some(document_id) = super::documents::of_visit(c, visit_id).await? else {
        return Ok(());
    };
    let stmt = Query::select()
        .columns([
            Records::Id,
            Records::TeamMemberId,
            Records::ClientId,
            Records::StartsAt,
        ])
        .from(Records::Table)
        .and_where(Expr::col(Records::VisitId).eq(visit_id))
        .and_where(Expr::col(Records::DeletedAt).is_null())
        .order_by(Records::Id, Order::Asc)
        .to_owned();
    let records: Vec<(i64, Option<i64>, Option<i64>, i64)> = c.all(&stmt).await?;
    let mut lines = Vec::new();
    for (record_id, member, client, starts_at) in records {
        for s in of_record(c, location_id, record_id).await? {
            for x in s.consumables {
                lines.push(NewTransaction {
                    document_id,
                    product_id: x.product_id,
                    storage_id: x.storage_id,
                    type_id: doc_type::SERVICE_CONSUMABLES,
                    operation_unit_type: 2,
                    amount: -x.amount,
                    service_amount: -x.amount,
                    cost_per_unit: 0,
                    discount: 0,
                    cost: x.price,
                    client_id: client,
                    team_member_id: member,
                    supplier_id: 0,
                    record_id: Some(record_id),
                    service_id: Some(s.service_id),
                    comment: String::new(),
                    date: starts_at,
                });
            }
        }
    }
    if lines.is_empty() {
        return Ok(());
    }
    let mut pairs: Vec<(i64, i64)> = lines.iter().map(|l| (l.product_id, l.storage_id)).collect();
    pairs.sort_unstable();
    pairs.dedup();
    let guard = StockGuard::lock(c, location_id, &pairs).await?;
    for l in &lines {
        transactions::insert(c, location_id, l, None, now).await?;
    }
    guard.check(c).await
}

/// After an appointment's consumables changed: a completed visit's write-off follows them.
pub async fn rewrite_if_completed(
    c: &mut Conn<'_>,
    location_id: i64,
    visit_id: i64,
    attended: bool,
    now: i64,
) -> StoreResult<()> {
    if attended {
        reverse(c, visit_id, now).await?;
        write_off(c, location_id, visit_id, now).await?;
    }
    Ok(())
}
