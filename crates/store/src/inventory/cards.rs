//! Bills of materials (technological cards): the products and amounts a service consumes. A
//! card may be the default of a service (and of a team member for it); a service link
//! (`service_staff.technological_card_id`) may name one, which then wins.

use sea_query::{Alias, Expr, Func, LikeExpr, Order, Query, SelectStatement};

use super::{TechnologicalCardItems, TechnologicalCards};
use crate::products::Products;
use crate::services::ServiceStaff;
use crate::{Conn, StoreError, StoreResult};

type C = TechnologicalCards;
type I = TechnologicalCardItems;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CardRow {
    pub id: i64,
    pub location_id: i64,
    pub title: String,
    pub service_id: Option<i64>,
    pub team_member_id: Option<i64>,
}
crate::sqlite_row!(CardRow {
    id,
    location_id,
    title,
    service_id,
    team_member_id
});

/// An item with its product's unit and cost.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub card_id: i64,
    pub product_id: i64,
    pub storage_id: i64,
    pub amount: i64,
    pub product_title: Option<String>,
    pub service_unit_id: Option<i64>,
    pub unit_equals: Option<i64>,
    pub actual_cost: Option<i64>,
}
crate::sqlite_row!(ItemRow {
    id,
    card_id,
    product_id,
    storage_id,
    amount,
    product_title,
    service_unit_id,
    unit_equals,
    actual_cost
});

/// A card to write, with its items `(product_id, storage_id, amount)`.
#[derive(Debug, Clone, Default)]
pub struct CardFields {
    pub title: String,
    pub service_id: Option<i64>,
    pub team_member_id: Option<i64>,
    pub items: Vec<(i64, i64, i64)>,
}

fn select() -> SelectStatement {
    Query::select()
        .columns([
            C::Id,
            C::LocationId,
            C::Title,
            C::ServiceId,
            C::TeamMemberId,
        ])
        .from(C::Table)
        .and_where(Expr::col(C::DeletedAt).is_null())
        .to_owned()
}

/// A live card of the location.
pub async fn get(c: &mut Conn<'_>, location_id: i64, id: i64) -> StoreResult<Option<CardRow>> {
    let stmt = select()
        .and_where(Expr::col(C::LocationId).eq(location_id))
        .and_where(Expr::col(C::Id).eq(id))
        .to_owned();
    c.optional(&stmt).await
}

/// A page of the location's live cards (title containing `search`), by id, and the total.
pub async fn list(
    c: &mut Conn<'_>,
    location_id: i64,
    search: Option<&str>,
    offset: i64,
    limit: i64,
) -> StoreResult<(Vec<CardRow>, i64)> {
    let mut stmt = select()
        .and_where(Expr::col(C::LocationId).eq(location_id))
        .to_owned();
    if let Some(s) = search.filter(|s| !s.is_empty()) {
        let escaped = s
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        stmt.and_where(
            Expr::expr(Func::lower(Expr::col(C::Title)))
                .like(LikeExpr::new(format!("%{escaped}%")).escape('\\')),
        );
    }
    let mut count = stmt.clone();
    count.clear_selects();
    count.expr(Func::count(Expr::col(C::Id)));
    let total: i64 = c.scalar(&count).await?.unwrap_or(0);
    stmt.order_by(C::Id, Order::Asc)
        .offset(u64::try_from(offset).unwrap_or(0))
        .limit(u64::try_from(limit).unwrap_or(0));
    Ok((c.all(&stmt).await?, total))
}

/// The items of cards, by card and id.
pub async fn items(c: &mut Conn<'_>, card_ids: &[i64]) -> StoreResult<Vec<ItemRow>> {
    if card_ids.is_empty() {
        return Ok(Vec::new());
    }
    let p = |col| Expr::col((Products::Table, col));
    let stmt = Query::select()
        .columns([I::Id, I::CardId, I::ProductId, I::StorageId, I::Amount].map(|c| (I::Table, c)))
        .expr_as(p(Products::Title), Alias::new("product_title"))
        .expr_as(p(Products::ServiceUnitId), Alias::new("service_unit_id"))
        .expr_as(p(Products::UnitEquals), Alias::new("unit_equals"))
        .expr_as(p(Products::ActualCost), Alias::new("actual_cost"))
        .from(I::Table)
        .left_join(
            Products::Table,
            p(Products::Id).equals((I::Table, I::ProductId)),
        )
        .and_where(Expr::col((I::Table, I::CardId)).is_in(card_ids.to_vec()))
        .order_by((I::Table, I::CardId), Order::Asc)
        .order_by((I::Table, I::Id), Order::Asc)
        .to_owned();
    c.all(&stmt).await
}

async fn write_items(c: &mut Conn<'_>, id: i64, f: &CardFields) -> StoreResult<()> {
    let del = Query::delete()
        .from_table(I::Table)
        .and_where(Expr::col(I::CardId).eq(id))
        .to_owned();
    c.execute(&del).await?;
    for (product, storage, amount) in &f.items {
        let stmt = Query::insert()
            .into_table(I::Table)
            .columns([I::CardId, I::ProductId, I::StorageId, I::Amount])
            .values_panic([
                id.into(),
                (*product).into(),
                (*storage).into(),
                (*amount).into(),
            ])
            .to_owned();
        c.execute(&stmt).await?;
    }
    Ok(())
}

pub async fn insert(
    c: &mut Conn<'_>,
    location_id: i64,
    f: &CardFields,
    now: i64,
) -> StoreResult<i64> {
    let stmt = Query::insert()
        .into_table(C::Table)
        .columns([
            C::LocationId,
            C::Title,
            C::ServiceId,
            C::TeamMemberId,
            C::CreatedAt,
            C::UpdatedAt,
        ])
        .values_panic([
            location_id.into(),
            f.title.clone().into(),
            f.service_id.into(),
            f.team_member_id.into(),
            now.into(),
            now.into(),
        ])
        .returning_col(C::Id)
        .to_owned();
    let id = c.scalar(&stmt).await?.ok_or(StoreError::NotFound)?;
    write_items(c, id, f).await?;
    Ok(id)
}

pub async fn update(c: &mut Conn<'_>, id: i64, f: &CardFields, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(C::Table)
        .values([
            (C::Title, f.title.clone().into()),
            (C::ServiceId, f.service_id.into()),
            (C::TeamMemberId, f.team_member_id.into()),
            (C::UpdatedAt, now.into()),
        ])
        .and_where(Expr::col(C::Id).eq(id))
        .to_owned();
    c.execute(&stmt).await?;
    write_items(c, id, f).await
}

/// Soft-deletes the card; service links naming it no longer do.
pub async fn delete(c: &mut Conn<'_>, id: i64, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(C::Table)
        .values([(C::DeletedAt, now.into()), (C::UpdatedAt, now.into())])
        .and_where(Expr::col(C::Id).eq(id))
        .to_owned();
    c.execute(&stmt).await?;
    let unlink = Query::update()
        .table(ServiceStaff::Table)
        .value(ServiceStaff::TechnologicalCardId, Option::<i64>::None)
        .and_where(Expr::col(ServiceStaff::TechnologicalCardId).eq(id))
        .to_owned();
    c.execute(&unlink).await?;
    Ok(())
}

/// The card a team member's service consumes by default: the one its service link names, else
/// the service's card for this team member, else the service's card for anyone.
pub async fn default_for(
    c: &mut Conn<'_>,
    location_id: i64,
    team_member_id: Option<i64>,
    service_id: i64,
) -> StoreResult<Option<CardRow>> {
    if let Some(member) = team_member_id {
        let link = Query::select()
            .column(ServiceStaff::TechnologicalCardId)
            .from(ServiceStaff::Table)
            .and_where(Expr::col(ServiceStaff::ServiceId).eq(service_id))
            .and_where(Expr::col(ServiceStaff::TeamMemberId).eq(member))
            .to_owned();
        if let Some(Some(card)) = c.optional::<(Option<i64>,)>(&link).await?.map(|r| r.0) {
            if let Some(row) = get(c, location_id, card).await? {
                return Ok(Some(row));
            }
        }
    }
    let mut stmt = select()
        .and_where(Expr::col(C::LocationId).eq(location_id))
        .and_where(Expr::col(C::ServiceId).eq(service_id))
        .to_owned();
    match team_member_id {
        Some(m) => stmt.and_where(
            Expr::col(C::TeamMemberId)
                .eq(m)
                .or(Expr::col(C::TeamMemberId).is_null()),
        ),
        None => stmt.and_where(Expr::col(C::TeamMemberId).is_null()),
    };
    // A card for this team member before one for anyone (NULL sorts last on neither backend
    // reliably, so order by whether it is NULL).
    stmt.order_by_expr(Expr::col(C::TeamMemberId).is_null(), Order::Asc)
        .order_by(C::Id, Order::Asc)
        .limit(1);
    c.optional(&stmt).await
}
