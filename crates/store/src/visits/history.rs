//! Reading a client's visit history.

use std::collections::HashMap;

use bizd_domain::checkout::allocate;
use bizd_domain::inventory::doc_type;
use bizd_domain::money::Money;
use sea_query::{Alias, Cond, Expr, Func, Order, Query, SelectStatement, UnionType};

use super::{
    ClientHistory, GoodsItemRow, GoodsRow, RecordRow, RecordServiceRow, RecordServices, Records,
    Visits,
};
use crate::inventory::{Documents, ProductTransactions as T};
use crate::payments::FinanceTransactions;
use crate::products::Products;
use crate::{Conn, StoreResult};

/// A service row with the visit of its record, for the totals.
#[derive(sqlx::FromRow)]
struct ServiceInVisit {
    #[sqlx(flatten)]
    service: RecordServiceRow,
    visit_id: i64,
}
crate::sqlite_row!(ServiceInVisit { visit_id } flatten { service });

/// The ids of the visits the client takes part in: those of its live appointments and of the
/// visit documents holding its live sale lines.
fn client_visit_ids(location_id: i64, client_id: i64) -> SelectStatement {
    let mut visit_ids = Query::select()
        .column(Records::VisitId)
        .from(Records::Table)
        .and_where(Expr::col(Records::LocationId).eq(location_id))
        .and_where(Expr::col(Records::ClientId).eq(client_id))
        .and_where(Expr::col(Records::DeletedAt).is_null())
        .to_owned();
    let of_goods = Query::select()
        .column((Documents::Table, Documents::VisitId))
        .from(T::Table)
        .inner_join(
            Documents::Table,
            Expr::col((Documents::Table, Documents::Id)).equals((T::Table, T::DocumentId)),
        )
        .and_where(Expr::col((T::Table, T::ClientId)).eq(client_id))
        .and_where(Expr::col((T::Table, T::TypeId)).eq(doc_type::SALE))
        .and_where(Expr::col((T::Table, T::LocationId)).eq(location_id))
        .and_where(Expr::col((T::Table, T::DeletedAt)).is_null())
        .and_where(Expr::col((Documents::Table, Documents::VisitId)).is_not_null())
        .to_owned();
    visit_ids.union(UnionType::Distinct, of_goods);
    visit_ids
}

/// The live sale lines (type 1, in live documents) of the client, and every sale line of the
/// visits they take part in (which count towards those visits' payment status), in order.
fn sale_lines(location_id: i64, client_id: i64) -> SelectStatement {
    let t = |c| (T::Table, c);
    let d = |c| Expr::col((Documents::Table, c));
    Query::select()
        .expr_as(Expr::col(t(T::Id)), Alias::new("id"))
        .expr_as(Expr::col(t(T::DocumentId)), Alias::new("transaction_id"))
        .expr_as(Expr::col(t(T::ProductId)), Alias::new("good_id"))
        .expr_as(
            Func::coalesce([
                Expr::col((Products::Table, Products::Title)).into(),
                Expr::val("").into(),
            ]),
            Alias::new("title"),
        )
        .columns([t(T::Amount), t(T::OperationUnitType)])
        .expr_as(
            Func::coalesce([
                Expr::col((Products::Table, Products::SaleUnitId)).into(),
                Expr::val(0i64).into(),
            ]),
            Alias::new("sale_unit_id"),
        )
        .expr_as(
            Func::coalesce([
                Expr::col((Products::Table, Products::ServiceUnitId)).into(),
                Expr::val(0i64).into(),
            ]),
            Alias::new("service_unit_id"),
        )
        .column(t(T::CostPerUnit))
        .expr_as(Expr::col(t(T::Discount)), Alias::new("discount_percent"))
        .expr_as(Expr::col(t(T::Cost)), Alias::new("cost_to_pay"))
        .columns([
            t(T::PaidSum),
            t(T::ClientId),
            t(T::RecordId),
            t(T::TeamMemberId),
            t(T::Comment),
            t(T::Date),
        ])
        .expr_as(d(Documents::Comment), Alias::new("document_comment"))
        .expr_as(d(Documents::VisitId), Alias::new("visit_id"))
        .expr_as(
            Expr::col((Visits::Table, Visits::StartsAt)),
            Alias::new("visit_starts_at"),
        )
        .expr_as(
            Expr::col((Visits::Table, Visits::Attendance)),
            Alias::new("visit_attendance"),
        )
        .from(T::Table)
        .inner_join(Documents::Table, d(Documents::Id).equals(t(T::DocumentId)))
        .left_join(
            Products::Table,
            Expr::col((Products::Table, Products::Id)).equals(t(T::ProductId)),
        )
        .left_join(
            Visits::Table,
            Expr::col((Visits::Table, Visits::Id)).equals((Documents::Table, Documents::VisitId)),
        )
        .and_where(Expr::col(t(T::TypeId)).eq(doc_type::SALE))
        .and_where(Expr::col(t(T::LocationId)).eq(location_id))
        .and_where(Expr::col(t(T::DeletedAt)).is_null())
        .and_where(d(Documents::DeletedAt).is_null())
        .cond_where(
            Cond::any()
                .add(Expr::col(t(T::ClientId)).eq(client_id))
                .add(d(Documents::VisitId).in_subquery(client_visit_ids(location_id, client_id))),
        )
        .order_by(t(T::Id), Order::Asc)
        .to_owned()
}

/// What was paid for each of these documents: the sum of their live payments.
async fn paid_of_documents(c: &mut Conn<'_>, ids: &[i64]) -> StoreResult<HashMap<i64, Money>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let f = |c| (FinanceTransactions::Table, c);
    let stmt = Query::select()
        .column(f(FinanceTransactions::DocumentId))
        .expr(Func::cast_as(
            Func::sum(Expr::col(f(FinanceTransactions::Amount))),
            Alias::new("BIGINT"),
        ))
        .from(FinanceTransactions::Table)
        .and_where(Expr::col(f(FinanceTransactions::DocumentId)).is_in(ids.iter().copied()))
        .and_where(Expr::col(f(FinanceTransactions::DeletedAt)).is_null())
        .group_by_col(f(FinanceTransactions::DocumentId))
        .to_owned();
    let rows: Vec<(i64, i64)> = c.all(&stmt).await?;
    Ok(rows
        .into_iter()
        .map(|(id, paid)| (id, Money::from_minor(paid)))
        .collect())
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
    let mut items: Vec<GoodsItemRow> = c.all(&sale_lines(location_id, client_id)).await?;
    // A sale document of its own (no visit) is paid through its own payments: spread them over
    // its lines as a visit's are (a visit's lines carry theirs).
    let mut own: Vec<i64> = items
        .iter()
        .filter(|i| i.visit_id.is_none())
        .map(|i| i.transaction_id)
        .collect();
    own.sort_unstable();
    own.dedup();
    let paid = paid_of_documents(c, &own).await?;
    for doc in &own {
        let lines: Vec<usize> = (0..items.len())
            .filter(|&k| items[k].transaction_id == *doc)
            .collect();
        let costs: Vec<Money> = lines
            .iter()
            .map(|&k| Money::from_minor(items[k].cost_to_pay))
            .collect();
        let parts = allocate(paid.get(doc).copied().unwrap_or(Money::ZERO), &costs);
        for (&k, part) in lines.iter().zip(parts) {
            items[k].paid_sum = part.minor();
        }
    }
    // The client's sales: one per document holding their lines, newest first.
    let mut goods: Vec<GoodsRow> = Vec::new();
    for i in items.iter().filter(|i| i.client_id == Some(client_id)) {
        if goods.iter().any(|g| g.id == i.transaction_id) {
            continue;
        }
        goods.push(GoodsRow {
            id: i.transaction_id,
            visit_id: i.visit_id,
            record_id: i.record_id,
            team_member_id: i.team_member_id,
            sold_at: i.visit_starts_at.unwrap_or(i.date),
            comment: if i.document_comment.is_empty() {
                i.comment.clone()
            } else {
                i.document_comment.clone()
            },
            visit_attendance: i.visit_attendance,
        });
    }
    goods.sort_by_key(|g| (std::cmp::Reverse(g.sold_at), std::cmp::Reverse(g.id)));

    let mut history = ClientHistory {
        records,
        goods,
        ..Default::default()
    };
    if history.records.is_empty() && history.goods.is_empty() {
        return Ok(history);
    }
    // Every service of the visits involved (also those of other clients' parts of a visit,
    // which count towards the visit's payment status, as their sale lines above). The visits are named by a subquery: no id list, so no bind-parameter limit.
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
            add(v, i.cost_to_pay, i.paid_sum);
        }
    }
    history.services = services.into_iter().map(|s| s.service).collect();
    history.items = items;
    Ok(history)
}
