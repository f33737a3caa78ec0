//! Service categories, their explicitly assigned team members, and the chain-wide category list.

use std::collections::BTreeMap;

use bizd_domain::catalog::CategoryFields;
use sea_query::{Alias, Expr, Order, Query, SelectStatement, SimpleExpr, UnionType};

use super::{ServiceCategories, ServiceCategoryStaff, ServiceStaff, Services};
use crate::locations::Locations;
use crate::team_members::TeamMembers;
use crate::{Conn, StoreError, StoreResult};

/// A stored category with the team members that provide its services.
#[derive(Debug, Clone)]
pub struct Category {
    pub id: i64,
    pub location_id: i64,
    pub fields: CategoryFields,
    /// Explicitly assigned team members plus those linked to one of its services, ascending.
    pub staff: Vec<i64>,
}

#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: i64,
    location_id: i64,
    title: String,
    api_id: String,
    weight: i64,
}
crate::sqlite_row!(CategoryRow {
    id,
    location_id,
    title,
    api_id,
    weight
});

/// `SELECT <category columns> FROM service_categories`.
fn select_categories() -> SelectStatement {
    Query::select()
        .columns(
            [
                ServiceCategories::Id,
                ServiceCategories::LocationId,
                ServiceCategories::Title,
                ServiceCategories::ApiId,
                ServiceCategories::Weight,
            ]
            .map(|c| (ServiceCategories::Table, c)),
        )
        .from(ServiceCategories::Table)
        .to_owned()
}

/// The values of a category's editable columns, for insert and update alike.
fn field_values(f: &CategoryFields) -> Vec<(ServiceCategories, SimpleExpr)> {
    vec![
        (ServiceCategories::Title, f.title.as_str().into()),
        (ServiceCategories::ApiId, f.api_id.as_str().into()),
        (ServiceCategories::Weight, f.weight.into()),
    ]
}

/// Makes `staff` the category's explicitly assigned team members.
async fn set_staff(c: &mut Conn<'_>, category_id: i64, staff: &[i64]) -> StoreResult<()> {
    let clear = Query::delete()
        .from_table(ServiceCategoryStaff::Table)
        .and_where(Expr::col(ServiceCategoryStaff::CategoryId).eq(category_id))
        .to_owned();
    c.execute(&clear).await?;
    if staff.is_empty() {
        return Ok(());
    }
    let mut stmt = Query::insert()
        .into_table(ServiceCategoryStaff::Table)
        .columns([
            ServiceCategoryStaff::CategoryId,
            ServiceCategoryStaff::TeamMemberId,
        ])
        .to_owned();
    for member in staff {
        stmt.values_panic([category_id.into(), (*member).into()]);
    }
    c.execute(&stmt).await?;
    Ok(())
}

/// Creates a category with its assigned team members; returns its id (run it in a write
/// transaction: all or nothing).
pub async fn insert_category(
    c: &mut Conn<'_>,
    location_id: i64,
    f: &CategoryFields,
    staff: &[i64],
    now: i64,
) -> StoreResult<i64> {
    let mut values = field_values(f);
    values.extend([
        (ServiceCategories::LocationId, location_id.into()),
        (ServiceCategories::CreatedAt, now.into()),
        (ServiceCategories::UpdatedAt, now.into()),
    ]);
    let (columns, values): (Vec<ServiceCategories>, Vec<SimpleExpr>) = values.into_iter().unzip();
    let stmt = Query::insert()
        .into_table(ServiceCategories::Table)
        .columns(columns)
        .values_panic(values)
        .returning_col(ServiceCategories::Id)
        .to_owned();
    let id: i64 = c.scalar(&stmt).await?.ok_or(StoreError::NotFound)?;
    set_staff(c, id, staff).await?;
    Ok(id)
}

/// Changes a live category; `NotFound` when there is none. `staff`, when given, replaces its
/// assigned team members (run it in a write transaction: all or nothing).
pub async fn update_category(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
    f: &CategoryFields,
    staff: Option<&[i64]>,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(ServiceCategories::Table)
        .values(field_values(f))
        .value(ServiceCategories::UpdatedAt, now)
        .and_where(Expr::col(ServiceCategories::Id).eq(id))
        .and_where(Expr::col(ServiceCategories::LocationId).eq(location_id))
        .and_where(Expr::col(ServiceCategories::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    if let Some(staff) = staff {
        set_staff(c, id, staff).await?;
    }
    Ok(())
}

/// How many live services a category holds.
pub async fn category_service_count(c: &mut Conn<'_>, category_id: i64) -> StoreResult<i64> {
    let stmt = Query::select()
        .expr(Expr::col(sea_query::Asterisk).count())
        .from(Services::Table)
        .and_where(Expr::col(Services::CategoryId).eq(category_id))
        .and_where(Expr::col(Services::DeletedAt).is_null())
        .to_owned();
    Ok(c.scalar(&stmt).await?.unwrap_or(0))
}

/// Marks a live category deleted (its history stays readable by id in the database) and drops
/// its assigned team members; `NotFound` when there is none (run it in a write transaction: both
/// or neither).
pub async fn delete_category(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(ServiceCategories::Table)
        .values([
            (ServiceCategories::DeletedAt, now.into()),
            (ServiceCategories::UpdatedAt, now.into()),
        ])
        .and_where(Expr::col(ServiceCategories::Id).eq(id))
        .and_where(Expr::col(ServiceCategories::LocationId).eq(location_id))
        .and_where(Expr::col(ServiceCategories::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    let clear = Query::delete()
        .from_table(ServiceCategoryStaff::Table)
        .and_where(Expr::col(ServiceCategoryStaff::CategoryId).eq(id))
        .to_owned();
    c.execute(&clear).await?;
    Ok(())
}

/// Live categories of a location, heaviest first (then by id), each with its team members;
/// optionally only the one with this id, or only those the team member is associated with.
pub async fn categories(
    c: &mut Conn<'_>,
    location_id: i64,
    id: Option<i64>,
    team_member_id: Option<i64>,
) -> StoreResult<Vec<Category>> {
    let col = |c: ServiceCategories| Expr::col((ServiceCategories::Table, c));
    let mut stmt = select_categories()
        .and_where(col(ServiceCategories::DeletedAt).is_null())
        .and_where(col(ServiceCategories::LocationId).eq(location_id))
        .to_owned();
    if let Some(id) = id {
        stmt.and_where(col(ServiceCategories::Id).eq(id));
    }
    stmt.order_by(
        (ServiceCategories::Table, ServiceCategories::Weight),
        Order::Desc,
    )
    .order_by(
        (ServiceCategories::Table, ServiceCategories::Id),
        Order::Asc,
    );
    let rows: Vec<CategoryRow> = c.all(&stmt).await?;
    let staff = category_staff(c, location_id).await?;
    Ok(rows
        .into_iter()
        .map(|r| Category {
            staff: staff.get(&r.id).cloned().unwrap_or_default(),
            id: r.id,
            location_id: r.location_id,
            fields: CategoryFields {
                title: r.title,
                api_id: r.api_id,
                weight: r.weight,
            },
        })
        .filter(|c| team_member_id.is_none_or(|m| c.staff.contains(&m)))
        .collect())
}

/// A live category of the location with its team members, if any.
pub async fn category(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> StoreResult<Option<Category>> {
    Ok(categories(c, location_id, Some(id), None)
        .await?
        .into_iter()
        .next())
}

/// Category → team members (assigned ones that are live, or linked to one of its live
/// services), for a location; each list ascending and without repeats.
async fn category_staff(
    c: &mut Conn<'_>,
    location_id: i64,
) -> StoreResult<BTreeMap<i64, Vec<i64>>> {
    let linked = Query::select()
        .column((Services::Table, Services::CategoryId))
        .column((ServiceStaff::Table, ServiceStaff::TeamMemberId))
        .from(ServiceStaff::Table)
        .inner_join(
            Services::Table,
            Expr::col((Services::Table, Services::Id))
                .equals((ServiceStaff::Table, ServiceStaff::ServiceId)),
        )
        .and_where(Expr::col((ServiceStaff::Table, ServiceStaff::LocationId)).eq(location_id))
        .and_where(Expr::col((Services::Table, Services::DeletedAt)).is_null())
        .to_owned();
    let stmt = Query::select()
        .expr_as(
            Expr::col((
                ServiceCategoryStaff::Table,
                ServiceCategoryStaff::CategoryId,
            )),
            Alias::new("category_id"),
        )
        .expr_as(
            Expr::col((
                ServiceCategoryStaff::Table,
                ServiceCategoryStaff::TeamMemberId,
            )),
            Alias::new("team_member_id"),
        )
        .from(ServiceCategoryStaff::Table)
        .inner_join(
            TeamMembers::Table,
            Expr::col((TeamMembers::Table, TeamMembers::Id)).equals((
                ServiceCategoryStaff::Table,
                ServiceCategoryStaff::TeamMemberId,
            )),
        )
        .and_where(Expr::col((TeamMembers::Table, TeamMembers::LocationId)).eq(location_id))
        .and_where(Expr::col((TeamMembers::Table, TeamMembers::DeletedAt)).is_null())
        .union(UnionType::Distinct, linked)
        // The union's result columns, named by the first SELECT.
        .order_by(Alias::new("category_id"), Order::Asc)
        .order_by(Alias::new("team_member_id"), Order::Asc)
        .to_owned();
    let rows: Vec<(i64, i64)> = c.all(&stmt).await?;
    let mut map: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (category, member) in rows {
        map.entry(category).or_default().push(member);
    }
    Ok(map)
}

/// Live categories of every live location of a chain (heaviest first, then by id), each with its
/// live services `(id, title)` (heaviest first, then by id).
pub async fn chain_categories(
    c: &mut Conn<'_>,
    chain_id: i64,
) -> StoreResult<Vec<(i64, String, Vec<(i64, String)>)>> {
    let cats = Query::select()
        .columns([
            (ServiceCategories::Table, ServiceCategories::Id),
            (ServiceCategories::Table, ServiceCategories::Title),
        ])
        .from(ServiceCategories::Table)
        .inner_join(
            Locations::Table,
            Expr::col((Locations::Table, Locations::Id))
                .equals((ServiceCategories::Table, ServiceCategories::LocationId)),
        )
        .and_where(Expr::col((Locations::Table, Locations::ChainId)).eq(chain_id))
        .and_where(Expr::col((Locations::Table, Locations::DeletedAt)).is_null())
        .and_where(Expr::col((ServiceCategories::Table, ServiceCategories::DeletedAt)).is_null())
        .order_by(
            (ServiceCategories::Table, ServiceCategories::Weight),
            Order::Desc,
        )
        .order_by(
            (ServiceCategories::Table, ServiceCategories::Id),
            Order::Asc,
        )
        .to_owned();
    let cats: Vec<(i64, String)> = c.all(&cats).await?;
    let services = Query::select()
        .columns([
            (Services::Table, Services::CategoryId),
            (Services::Table, Services::Id),
            (Services::Table, Services::Title),
        ])
        .from(Services::Table)
        .inner_join(
            Locations::Table,
            Expr::col((Locations::Table, Locations::Id))
                .equals((Services::Table, Services::LocationId)),
        )
        .and_where(Expr::col((Locations::Table, Locations::ChainId)).eq(chain_id))
        .and_where(Expr::col((Locations::Table, Locations::DeletedAt)).is_null())
        .and_where(Expr::col((Services::Table, Services::DeletedAt)).is_null())
        .order_by((Services::Table, Services::Weight), Order::Desc)
        .order_by((Services::Table, Services::Id), Order::Asc)
        .to_owned();
    let services: Vec<(i64, i64, String)> = c.all(&services).await?;
    Ok(cats
        .into_iter()
        .map(|(id, title)| {
            let list = services
                .iter()
                .filter(|(category, _, _)| *category == id)
                .map(|(service, _, title)| (*service, title.clone()))
                .collect();
            (id, title, list)
        })
        .collect())
}
