//! Sale documents: every visit has one (type 7, "Visit"), created with the visit. Paying it
//! writes a financial transaction with the document's id; the visit's `paid` is then the sum of
//! its document's live payments, recomputed under the visit's lock in the transaction that
//! changed them ([`settle_payments`]), spread over its lines (`paid_sum`), and the client's
//! `spent` follows. Its lines are the services of its appointments and the products sold into
//! the document (type 1 product transactions); its `cost` is theirs ([`refresh_cost`]).

use bizd_domain::checkout::{allocate, DOCUMENT_TYPE_VISIT};
use bizd_domain::inventory::doc_type::SALE as DOCUMENT_TYPE_SALE;
use bizd_domain::money::Money;
use sea_query::{Alias, Expr, Func, Iden, Order, Query, SimpleExpr};

use crate::clients::Clients;
use crate::inventory::ProductTransactions;
use crate::payments::FinanceTransactions;
use crate::visits::{RecordServices, Records, Visits};
use crate::{Conn, StoreError, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum SaleDocuments {
    Table,
    Id,
    LocationId,
    TypeId,
    VisitId,
    UserId,
    CreatedAt,
    Date,
    UpdatedAt,
    DeletedAt,
}

/// A sale document with its visit's money.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DocumentRow {
    pub id: i64,
    pub location_id: i64,
    pub type_id: i64,
    pub visit_id: Option<i64>,
    pub user_id: Option<i64>,
    pub created_at: i64,
    pub client_id: Option<i64>,
    pub visit_cost: Option<i64>,
    pub visit_paid: Option<i64>,
    pub visit_starts_at: Option<i64>,
}
crate::sqlite_row!(DocumentRow {
    id,
    location_id,
    type_id,
    visit_id,
    user_id,
    created_at,
    client_id,
    visit_cost,
    visit_paid,
    visit_starts_at
});

/// Creates the sale document of a new visit.
pub async fn create_for_visit(
    c: &mut Conn<'_>,
    location_id: i64,
    visit_id: i64,
    user_id: Option<i64>,
    now: i64,
) -> StoreResult<i64> {
    // Every new visit (most bookings): rendered once.
    static STATEMENT: crate::Prepared = crate::Prepared::new();
    let values: [sea_query::Value; 7] = [
        location_id.into(),
        DOCUMENT_TYPE_VISIT.into(),
        visit_id.into(),
        user_id.into(),
        now.into(),
        now.into(),
        now.into(),
    ];
    let build = || {
        Query::insert()
            .into_table(SaleDocuments::Table)
            .columns([
                SaleDocuments::LocationId,
                SaleDocuments::TypeId,
                SaleDocuments::VisitId,
                SaleDocuments::UserId,
                SaleDocuments::CreatedAt,
                SaleDocuments::Date,
                SaleDocuments::UpdatedAt,
            ])
            .values_panic(values.clone().map(SimpleExpr::from))
            .returning_col(SaleDocuments::Id)
            .to_owned()
    };
    let stmt = STATEMENT.bind(build, values.clone(), c.backend());
    c.scalar(&stmt).await?.ok_or(StoreError::NotFound)
}

fn select() -> sea_query::SelectStatement {
    let v = |c| Expr::col((Visits::Table, c));
    Query::select()
        .columns(
            [
                SaleDocuments::Id,
                SaleDocuments::LocationId,
                SaleDocuments::TypeId,
                SaleDocuments::VisitId,
                SaleDocuments::UserId,
                SaleDocuments::CreatedAt,
            ]
            .map(|c| (SaleDocuments::Table, c)),
        )
        .expr_as(v(Visits::ClientId), Alias::new("client_id"))
        .expr_as(v(Visits::Cost), Alias::new("visit_cost"))
        .expr_as(v(Visits::Paid), Alias::new("visit_paid"))
        .expr_as(v(Visits::StartsAt), Alias::new("visit_starts_at"))
        .from(SaleDocuments::Table)
        .left_join(
            Visits::Table,
            Expr::col((Visits::Table, Visits::Id))
                .equals((SaleDocuments::Table, SaleDocuments::VisitId)),
        )
        .to_owned()
}

/// A live document by id, any location (the caller checks where it belongs).
pub async fn get(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<DocumentRow>> {
    let stmt = select()
        .and_where(Expr::col((SaleDocuments::Table, SaleDocuments::Id)).eq(id))
        .and_where(Expr::col((SaleDocuments::Table, SaleDocuments::DeletedAt)).is_null())
        .to_owned();
    c.optional(&stmt).await
}

/// The documents of several visits.
pub async fn of_visits(c: &mut Conn<'_>, visit_ids: &[i64]) -> StoreResult<Vec<DocumentRow>> {
    if visit_ids.is_empty() {
        return Ok(Vec::new());
    }
    let stmt = select()
        .and_where(
            Expr::col((SaleDocuments::Table, SaleDocuments::VisitId))
                .is_in(visit_ids.iter().copied()),
        )
        .order_by((SaleDocuments::Table, SaleDocuments::Id), Order::Asc)
        .to_owned();
    c.all(&stmt).await
}

/// The location of a document: what access to `/storage_operations/documents/…/{document_id}`
/// is decided by.
pub async fn location_of(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<i64>> {
    let stmt = Query::select()
        .column(SaleDocuments::LocationId)
        .from(SaleDocuments::Table)
        .and_where(Expr::col(SaleDocuments::Id).eq(id))
        .to_owned();
    c.scalar(&stmt).await
}

/// A service line of a visit with its id and what was paid of it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SaleLine {
    pub id: i64,
    pub record_id: i64,
    pub service_id: i64,
    pub title: String,
    pub amount: i64,
    pub first_cost: i64,
    pub discount_percent: i64,
    pub cost: i64,
    pub paid_sum: i64,
    pub team_member_id: Option<i64>,
}
crate::sqlite_row!(SaleLine {
    id,
    record_id,
    service_id,
    title,
    amount,
    first_cost,
    discount_percent,
    cost,
    paid_sum,
    team_member_id
});

/// The live service lines of a visit, in order.
pub async fn lines(c: &mut Conn<'_>, visit_id: i64) -> StoreResult<Vec<SaleLine>> {
    let rs = |c| (RecordServices::Table, c);
    let stmt = Query::select()
        .columns([
            rs(RecordServices::Id),
            rs(RecordServices::RecordId),
            rs(RecordServices::ServiceId),
            rs(RecordServices::Title),
            rs(RecordServices::Amount),
            rs(RecordServices::FirstCost),
            rs(RecordServices::DiscountPercent),
            rs(RecordServices::Cost),
            rs(RecordServices::PaidSum),
        ])
        .column((Records::Table, Records::TeamMemberId))
        .from(RecordServices::Table)
        .inner_join(
            Records::Table,
            Expr::col((Records::Table, Records::Id)).equals(rs(RecordServices::RecordId)),
        )
        .and_where(Expr::col((Records::Table, Records::VisitId)).eq(visit_id))
        .and_where(Expr::col((Records::Table, Records::DeletedAt)).is_null())
        .order_by((Records::Table, Records::Id), Order::Asc)
        .order_by(rs(RecordServices::Id), Order::Asc)
        .to_owned();
    c.all(&stmt).await
}

/// The live sale lines (type 1 product transactions) in the sale document of a visit: `(id,
/// cost, paid_sum)`, in order.
pub async fn product_lines(c: &mut Conn<'_>, visit_id: i64) -> StoreResult<Vec<(i64, i64, i64)>> {
    let stmt = Query::select()
        .columns([
            (ProductTransactions::Table, ProductTransactions::Id),
            (ProductTransactions::Table, ProductTransactions::Cost),
            (ProductTransactions::Table, ProductTransactions::PaidSum),
        ])
        .from(ProductTransactions::Table)
        .and_where(visit_sale_lines(visit_id))
        .order_by(
            (ProductTransactions::Table, ProductTransactions::Id),
            Order::Asc,
        )
        .to_owned();
    c.all(&stmt).await
}

/// Deletes the sale lines of a deleted visit's document (their stock comes back: no stock check
/// is needed).
pub(crate) async fn delete_product_lines(
    c: &mut Conn<'_>,
    visit_id: i64,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(ProductTransactions::Table)
        .values([
            (ProductTransactions::DeletedAt, now.into()),
            (ProductTransactions::UpdatedAt, now.into()),
        ])
        .and_where(visit_sale_lines(visit_id))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// The condition naming the live sale lines of a visit's document.
fn visit_sale_lines(visit_id: i64) -> SimpleExpr {
    let t = |c| Expr::col((ProductTransactions::Table, c));
    let document = Query::select()
        .column(SaleDocuments::Id)
        .from(SaleDocuments::Table)
        .and_where(Expr::col(SaleDocuments::VisitId).eq(visit_id))
        .to_owned();
    t(ProductTransactions::DocumentId)
        .in_subquery(document)
        .and(t(ProductTransactions::TypeId).eq(DOCUMENT_TYPE_SALE))
        .and(t(ProductTransactions::DeletedAt).is_null())
}

/// The visit's cost: its live service lines and the sale lines of its document (BIGINT on both
/// backends).
pub(crate) fn visit_cost_expr(visit_id: i64) -> SimpleExpr {
    let services = Query::select()
        .expr(Func::coalesce([
            Func::sum(Expr::col((RecordServices::Table, RecordServices::Cost))).into(),
            Expr::val(0i64).into(),
        ]))
        .from(RecordServices::Table)
        .inner_join(
            Records::Table,
            Expr::col((Records::Table, Records::Id))
                .equals((RecordServices::Table, RecordServices::RecordId)),
        )
        .and_where(Expr::col((Records::Table, Records::VisitId)).eq(visit_id))
        .and_where(Expr::col((Records::Table, Records::DeletedAt)).is_null())
        .to_owned();
    let products = Query::select()
        .expr(Func::coalesce([
            Func::sum(Expr::col((
                ProductTransactions::Table,
                ProductTransactions::Cost,
            )))
            .into(),
            Expr::val(0i64).into(),
        ]))
        .from(ProductTransactions::Table)
        .and_where(visit_sale_lines(visit_id))
        .to_owned();
    let sub = |q: sea_query::SelectStatement| {
        SimpleExpr::SubQuery(None, Box::new(q.into_sub_query_statement()))
    };
    Func::cast_as(sub(services).add(sub(products)), Alias::new("BIGINT")).into()
}

/// After a visit's lines changed (the caller holds the visit's lock): its cost follows them,
/// and what was paid is spread over them again.
pub async fn refresh_cost(c: &mut Conn<'_>, visit_id: i64, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Visits::Table)
        .value(Visits::Cost, visit_cost_expr(visit_id))
        .value(Visits::UpdatedAt, now)
        .and_where(Expr::col(Visits::Id).eq(visit_id))
        .to_owned();
    c.execute(&stmt).await?;
    let paid = paid_of_visit(c, visit_id).await?;
    spread(c, visit_id, paid).await
}

/// What the visit's document received: the sum of its live payments.
pub async fn paid_of_visit(c: &mut Conn<'_>, visit_id: i64) -> StoreResult<Money> {
    let stmt = Query::select()
        .expr(Func::cast_as(
            Func::coalesce([
                Func::sum(Expr::col(FinanceTransactions::Amount)).into(),
                Expr::val(0i64).into(),
            ]),
            Alias::new("BIGINT"),
        ))
        .from(FinanceTransactions::Table)
        .and_where(Expr::col(FinanceTransactions::VisitId).eq(visit_id))
        .and_where(Expr::col(FinanceTransactions::DocumentId).is_not_null())
        .and_where(Expr::col(FinanceTransactions::DeletedAt).is_null())
        .to_owned();
    Ok(Money::from_minor(c.scalar(&stmt).await?.unwrap_or(0)))
}

/// Spreads the visit's `paid` over its live lines (`paid_sum`), in order: service lines, then
/// the sale lines of its document.
pub(crate) async fn spread(c: &mut Conn<'_>, visit_id: i64, paid: Money) -> StoreResult<()> {
    let lines = lines(c, visit_id).await?;
    let products = product_lines(c, visit_id).await?;
    let costs: Vec<Money> = lines
        .iter()
        .map(|l| l.cost)
        .chain(products.iter().map(|p| p.1))
        .map(Money::from_minor)
        .collect();
    let parts = allocate(paid, &costs);
    let (service_parts, product_parts) = parts.split_at(lines.len());
    for (line, part) in lines.iter().zip(service_parts) {
        if line.paid_sum != part.minor() {
            let stmt = Query::update()
                .table(RecordServices::Table)
                .value(RecordServices::PaidSum, part.minor())
                .and_where(Expr::col(RecordServices::Id).eq(line.id))
                .to_owned();
            c.execute(&stmt).await?;
        }
    }
    for (line, part) in products.iter().zip(product_parts) {
        if line.2 != part.minor() {
            let stmt = Query::update()
                .table(ProductTransactions::Table)
                .value(ProductTransactions::PaidSum, part.minor())
                .and_where(Expr::col(ProductTransactions::Id).eq(line.0))
                .to_owned();
            c.execute(&stmt).await?;
        }
    }
    Ok(())
}

/// After the payments of a visit changed (the caller holds the locks of the visit, its client,
/// its document and the accounts): the visit's `paid` becomes the sum of its live payments,
/// spread over its lines, and its client's `spent` the sum of their visits' `paid`.
pub async fn settle_payments(c: &mut Conn<'_>, visit_id: i64, now: i64) -> StoreResult<Money> {
    let paid = paid_of_visit(c, visit_id).await?;
    let stmt = Query::update()
        .table(Visits::Table)
        .value(Visits::Paid, paid.minor())
        .value(Visits::UpdatedAt, now)
        .and_where(Expr::col(Visits::Id).eq(visit_id))
        .to_owned();
    c.execute(&stmt).await?;
    spread(c, visit_id, paid).await?;
    if let Some(visit) = crate::appointments::visits::get(c, visit_id).await? {
        if let Some(client_id) = visit.client_id {
            refresh_spent(c, client_id, now).await?;
        }
    }
    Ok(paid)
}

/// The client's `spent`: what was paid for their live visits.
pub(crate) async fn refresh_spent(c: &mut Conn<'_>, client_id: i64, now: i64) -> StoreResult<()> {
    let sum = Query::select()
        .expr(Func::coalesce([
            Func::sum(Expr::col((Visits::Table, Visits::Paid))).into(),
            Expr::val(0i64).into(),
        ]))
        .from(Visits::Table)
        .and_where(Expr::col((Visits::Table, Visits::ClientId)).eq(client_id))
        .and_where(Expr::col((Visits::Table, Visits::DeletedAt)).is_null())
        .to_owned();
    let stmt = Query::update()
        .table(Clients::Table)
        .value(
            Clients::Spent,
            Func::cast_as(
                SimpleExpr::SubQuery(None, Box::new(sum.into_sub_query_statement())),
                Alias::new("BIGINT"),
            ),
        )
        .value(Clients::UpdatedAt, crate::clients::touched(now))
        .and_where(Expr::col((Clients::Table, Clients::Id)).eq(client_id))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Locks what a change of a document's payments depends on, in one call and so in lock order:
/// the visit's client (its `spent`), the visit (its `paid`), the document and the accounts the
/// money moves in. A visit's client never changes, so the document read before is enough to
/// name them.
pub async fn lock_payments(
    c: &mut Conn<'_>,
    doc: &DocumentRow,
    accounts: &[i64],
) -> StoreResult<()> {
    let mut locks: Vec<crate::Lock> = accounts.iter().map(|&a| crate::Lock::Account(a)).collect();
    locks.push(crate::Lock::SaleDocument(doc.id));
    locks.extend(doc.visit_id.map(crate::Lock::Visit));
    locks.extend(doc.client_id.map(crate::Lock::Client));
    c.lock(&locks).await
}
