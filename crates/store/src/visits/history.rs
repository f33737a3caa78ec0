//! Reading a client's visit history.

use bizd_domain::money::Money;
use sea_query::{Alias, Cond, Expr, Order, Query, SelectStatement, UnionType};

use super::{
    ClientHistory, GoodsItemRow, GoodsRow, GoodsTransactionItems, GoodsTransactions, RecordRow,
    RecordServiceRow, RecordServices, Records, Visits,
};
use crate::{Conn, StoreResult};

/// A service row with the visit of its record, for the totals.
#[derive(sqlx::FromRow)]
struct ServiceInVisit {
    #[sqlx(flatten)]
    service: RecordServiceRow,
    visit_id: i64,
}
crate::sqlite_row!(ServiceInVisit { visit_id } flatten { service });

/// An item row with the visit of its sale (none for a sale outside any visit), for the totals.
#[derive(sqlx::FromRow)]
struct ItemInVisit {
    #[sqlx(flatten)]
    item: GoodsItemRow,
    visit_id: Option<i64>,
}
crate::sqlite_row!(ItemInVisit { visit_id } flatten { item });

/// The ids of the visits the client takes part in: those of its live appointments and of its
/// live sales within a visit.
fn client_visit_ids(location_id: i64, client_id: i64) -> SelectStatement {
    let mut visit_ids = Query::select()
        .column(Records::VisitId)
        .from(Records::Table)
        .and_where(Expr::col(Records::LocationId).eq(location_id))
        .and_where(Expr::col(Records::ClientId).eq(client_id))
        .and_where(Expr::col(Records::DeletedAt).is_null())
        .to_owned();
    let of_goods = Query::select()
        .column(GoodsTransactions::VisitId)
        .from(GoodsTransactions::Table)
        .and_where(Expr::col(GoodsTransactions::LocationId).eq(location_id))
        .and_where(Expr::col(GoodsTransactions::ClientId).eq(client_id))
        .and_where(Expr::col(GoodsTransactions::DeletedAt).is_null())
        .and_where(Expr::col(GoodsTransactions::VisitId).is_not_null())
        .to_owned();
    visit_ids.union(UnionType::Distinct, of_goods);
    visit_ids
}

/// A client's live appointments and product sales, newest first, with their visits' totals.
/// Several statements: run it on a [`Db::snapshot`](crate::Db::snapshot) for one consistent view.
pub async fn client_history(
    c: &mut Conn<'_>,
    location_id: i64,
    client_id: i64,
) -> StoreResult<ClientHistory> {
    let stmt = Query::select()
        .columns([
            Records::Id,
            Records::VisitId,
            Records::TeamMemberId,
            Records::StartsAt,
            Records::Attendance,
            Records::Comment,
        ])
        .from(Records::Table)
        .and_where(Expr::col(Records::LocationId).eq(location_id))
        .and_where(Expr::col(Records::ClientId).eq(client_id))
        .and_where(Expr::col(Records::DeletedAt).is_null())
        .order_by(Records::StartsAt, Order::Desc)
        .order_by(Records::Id, Order::Desc)
        .to_owned();
    let records: Vec<RecordRow> = c.all(&stmt).await?;
    let stmt = Query::select()
        .columns(
            [
                GoodsTransactions::Id,
                GoodsTransactions::VisitId,
                GoodsTransactions::RecordId,
                GoodsTransactions::TeamMemberId,
                GoodsTransactions::SoldAt,
                GoodsTransactions::Comment,
            ]
            .map(|col| (GoodsTransactions::Table, col)),
        )
        .expr_as(
            Expr::col((Visits::Table, Visits::Attendance)),
            Alias::new("visit_attendance"),
        )
        .from(GoodsTransactions::Table)
        .left_join(
            Visits::Table,
            Expr::col((Visits::Table, Visits::Id))
                .equals((GoodsTransactions::Table, GoodsTransactions::VisitId)),
        )
        .and_where(
            Expr::col((GoodsTransactions::Table, GoodsTransactions::LocationId)).eq(location_id),
        )
        .and_where(Expr::col((GoodsTransactions::Table, GoodsTransactions::ClientId)).eq(client_id))
        .and_where(Expr::col((GoodsTransactions::Table, GoodsTransactions::DeletedAt)).is_null())
        .order_by(
            (GoodsTransactions::Table, GoodsTransactions::SoldAt),
            Order::Desc,
        )
        .order_by(
            (GoodsTransactions::Table, GoodsTransactions::Id),
            Order::Desc,
        )
        .to_owned();
    let goods: Vec<GoodsRow> = c.all(&stmt).await?;

    let mut history = ClientHistory {
        records,
        goods,
        ..Default::default()
    };
    if history.records.is_empty() && history.goods.is_empty() {
        return Ok(history);
    }
    // Every service and item of the visits involved (also those of other clients' parts of a
    // visit, which count towards the visit's payment status), plus the client's sales outside
    // any visit. The visits are named by a subquery: no id list, so no bind-parameter limit.
    let stmt = Query::select()
        .columns(
            [
                RecordServices::RecordId,
                RecordServices::ServiceId,
                RecordServices::Title,
                RecordServices::FirstCost,
                RecordServices::DiscountPercent,
                RecordServices::CostToPay,
                RecordServices::PaidSum,
            ]
            .map(|col| (RecordServices::Table, col)),
        )
        .column((Records::Table, Records::VisitId))
        .from(RecordServices::Table)
        .inner_join(
            Records::Table,
            Expr::col((Records::Table, Records::Id))
                .equals((RecordServices::Table, RecordServices::RecordId)),
        )
        .and_where(Expr::col((Records::Table, Records::DeletedAt)).is_null())
        .and_where(
            Expr::col((Records::Table, Records::VisitId))
                .in_subquery(client_visit_ids(location_id, client_id)),
        )
        .order_by((RecordServices::Table, RecordServices::Id), Order::Asc)
        .to_owned();
    let services: Vec<ServiceInVisit> = c.all(&stmt).await?;
    let goods = |col| Expr::col((GoodsTransactions::Table, col));
    let stmt = Query::select()
        .columns(
            [
                GoodsTransactionItems::TransactionId,
                GoodsTransactionItems::GoodId,
                GoodsTransactionItems::Title,
                GoodsTransactionItems::Amount,
                GoodsTransactionItems::Unit,
                GoodsTransactionItems::CostPerUnit,
                GoodsTransactionItems::DiscountPercent,
                GoodsTransactionItems::CostToPay,
                GoodsTransactionItems::PaidSum,
            ]
            .map(|col| (GoodsTransactionItems::Table, col)),
        )
        .column((GoodsTransactions::Table, GoodsTransactions::VisitId))
        .from(GoodsTransactionItems::Table)
        .inner_join(
            GoodsTransactions::Table,
            goods(GoodsTransactions::Id).equals((
                GoodsTransactionItems::Table,
                GoodsTransactionItems::TransactionId,
            )),
        )
        .and_where(goods(GoodsTransactions::DeletedAt).is_null())
        .cond_where(
            Cond::any()
                .add(
                    goods(GoodsTransactions::VisitId)
                        .in_subquery(client_visit_ids(location_id, client_id)),
                )
                // The client's own live sales (`history.goods`), within a visit or not.
                .add(
                    Cond::all()
                        .add(goods(GoodsTransactions::LocationId).eq(location_id))
                        .add(goods(GoodsTransactions::ClientId).eq(client_id)),
                ),
        )
        .order_by(
            (GoodsTransactionItems::Table, GoodsTransactionItems::Id),
            Order::Asc,
        )
        .to_owned();
    let items: Vec<ItemInVisit> = c.all(&stmt).await?;

    let mut add = |visit: i64, cost: i64, paid: i64| {
        let t = history
            .visit_totals
            .entry(visit)
            .or_insert((Money::ZERO, Money::ZERO));
        t.0 = Money::from_minor(t.0.minor() + cost);
        t.1 = Money::from_minor(t.1.minor() + paid);
    };
    for s in &services {
        add(s.visit_id, s.service.cost_to_pay, s.service.paid_sum);
    }
    for i in &items {
        if let Some(v) = i.visit_id {
            add(v, i.item.cost_to_pay, i.item.paid_sum);
        }
    }
    history.services = services.into_iter().map(|s| s.service).collect();
    history.items = items.into_iter().map(|i| i.item).collect();
    Ok(history)
}
