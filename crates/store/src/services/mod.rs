//! Services: the service record here; categories, the team member ↔ service links and the
//! chain-wide category list beside it. Every function runs on a [`Conn`]: the caller decides
//! whether inside a write transaction (functions that write more than once say so).

mod categories;
mod links;

pub use categories::{
    categories, category, category_service_count, chain_categories, delete_category,
    insert_category, update_category, Category,
};
pub use links::{
    delete_link, insert_link, link, links_of_location, links_of_service, links_of_team_member,
    replace_links, update_link, Link, StaffLink,
};

use bizd_domain::catalog::ServiceFields;
use bizd_domain::money::Money;
use sea_query::{Expr, Iden, Order, Query, SelectStatement, SimpleExpr};

use crate::{Conn, StoreError, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum ServiceCategories {
    Table,
    Id,
    LocationId,
    Title,
    ApiId,
    Weight,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

/// Team members assigned to a category explicitly.
#[derive(Iden, Clone, Copy)]
pub(crate) enum ServiceCategoryStaff {
    Table,
    CategoryId,
    TeamMemberId,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum Services {
    Table,
    Id,
    LocationId,
    CategoryId,
    Title,
    BookingTitle,
    PriceMin,
    PriceMax,
    Duration,
    TechnicalBreakDuration,
    Discount,
    Comment,
    Weight,
    Active,
    ApiId,
    IsMulti,
    TaxVariant,
    VatId,
    IsNeedLimitDate,
    DateFrom,
    DateTo,
    SeanceSearchStart,
    SeanceSearchFinish,
    Step,
    SeanceSearchStep,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

/// The team member ↔ service links.
#[derive(Iden, Clone, Copy)]
pub(crate) enum ServiceStaff {
    Table,
    ServiceId,
    TeamMemberId,
    LocationId,
    SeanceLength,
    TechnologicalCardId,
    PriceMin,
    PriceMax,
    IsOnline,
    IsOfflineRecordsAllowed,
    CreatedAt,
    UpdatedAt,
}

/// A stored service with its links (and the names of their team members).
#[derive(Debug, Clone)]
pub struct Service {
    pub id: i64,
    pub location_id: i64,
    pub fields: ServiceFields,
    pub staff: Vec<StaffLink>,
    /// Ids of the live resources the service needs, ascending.
    pub resources: Vec<i64>,
}

/// Filters of the service list.
#[derive(Debug, Clone, Copy, Default)]
pub struct ServiceFilter {
    pub id: Option<i64>,
    pub category_id: Option<i64>,
    /// Only services this team member provides.
    pub team_member_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ServiceRow {
    id: i64,
    location_id: i64,
    category_id: i64,
    title: String,
    booking_title: String,
    price_min: i64,
    price_max: i64,
    duration: i64,
    technical_break_duration: Option<i64>,
    discount: i64,
    comment: String,
    weight: i64,
    active: bool,
    api_id: String,
    is_multi: bool,
    tax_variant: i64,
    vat_id: i64,
    is_need_limit_date: bool,
    date_from: String,
    date_to: String,
    seance_search_start: i64,
    seance_search_finish: i64,
    step: i64,
    seance_search_step: i64,
}
crate::sqlite_row!(ServiceRow {
    id,
    location_id,
    category_id,
    title,
    booking_title,
    price_min,
    price_max,
    duration,
    technical_break_duration,
    discount,
    comment,
    weight,
    active,
    api_id,
    is_multi,
    tax_variant,
    vat_id,
    is_need_limit_date,
    date_from,
    date_to,
    seance_search_start,
    seance_search_finish,
    step,
    seance_search_step
});

impl ServiceRow {
    fn into_service(self, staff: Vec<StaffLink>, resources: Vec<i64>) -> Service {
        Service {
            id: self.id,
            location_id: self.location_id,
            staff,
            resources,
            fields: ServiceFields {
                category_id: self.category_id,
                title: self.title,
                booking_title: self.booking_title,
                price_min: Money::from_minor(self.price_min),
                price_max: Money::from_minor(self.price_max),
                duration: self.duration,
                technical_break_duration: self.technical_break_duration,
                discount: Money::from_minor(self.discount),
                comment: self.comment,
                weight: self.weight,
                active: self.active,
                api_id: self.api_id,
                is_multi: self.is_multi,
                tax_variant: self.tax_variant,
                vat_id: self.vat_id,
                is_need_limit_date: self.is_need_limit_date,
                date_from: self.date_from,
                date_to: self.date_to,
                seance_search_start: self.seance_search_start,
                seance_search_finish: self.seance_search_finish,
                step: self.step,
                seance_search_step: self.seance_search_step,
            },
        }
    }
}

/// The columns [`ServiceRow`] reads, in its order.
const SERVICE_COLUMNS: [Services; 24] = [
    Services::Id,
    Services::LocationId,
    Services::CategoryId,
    Services::Title,
    Services::BookingTitle,
    Services::PriceMin,
    Services::PriceMax,
    Services::Duration,
    Services::TechnicalBreakDuration,
    Services::Discount,
    Services::Comment,
    Services::Weight,
    Services::Active,
    Services::ApiId,
    Services::IsMulti,
    Services::TaxVariant,
    Services::VatId,
    Services::IsNeedLimitDate,
    Services::DateFrom,
    Services::DateTo,
    Services::SeanceSearchStart,
    Services::SeanceSearchFinish,
    Services::Step,
    Services::SeanceSearchStep,
];

/// `SELECT <service columns> FROM services`.
fn select_services() -> SelectStatement {
    Query::select()
        .columns(SERVICE_COLUMNS.map(|c| (Services::Table, c)))
        .from(Services::Table)
        .to_owned()
}

fn col(c: Services) -> Expr {
    Expr::col((Services::Table, c))
}

/// The values of a service's editable columns, for insert and update alike.
fn field_values(f: &ServiceFields) -> Vec<(Services, SimpleExpr)> {
    vec![
        (Services::CategoryId, f.category_id.into()),
        (Services::Title, f.title.as_str().into()),
        (Services::BookingTitle, f.booking_title.as_str().into()),
        (Services::PriceMin, f.price_min.minor().into()),
        (Services::PriceMax, f.price_max.minor().into()),
        (Services::Duration, f.duration.into()),
        (
            Services::TechnicalBreakDuration,
            f.technical_break_duration.into(),
        ),
        (Services::Discount, f.discount.minor().into()),
        (Services::Comment, f.comment.as_str().into()),
        (Services::Weight, f.weight.into()),
        (Services::Active, f.active.into()),
        (Services::ApiId, f.api_id.as_str().into()),
        (Services::IsMulti, f.is_multi.into()),
        (Services::TaxVariant, f.tax_variant.into()),
        (Services::VatId, f.vat_id.into()),
        (Services::IsNeedLimitDate, f.is_need_limit_date.into()),
        (Services::DateFrom, f.date_from.as_str().into()),
        (Services::DateTo, f.date_to.as_str().into()),
        (Services::SeanceSearchStart, f.seance_search_start.into()),
        (Services::SeanceSearchFinish, f.seance_search_finish.into()),
        (Services::Step, f.step.into()),
        (Services::SeanceSearchStep, f.seance_search_step.into()),
    ]
}

/// Creates a service with its links (`(team member, seance_length)`, default settings otherwise);
/// returns its id (run it in a write transaction: all or nothing).
pub async fn insert(
    c: &mut Conn<'_>,
    location_id: i64,
    f: &ServiceFields,
    staff: &[(i64, i64)],
    now: i64,
) -> StoreResult<i64> {
    let mut values = field_values(f);
    values.extend([
        (Services::LocationId, location_id.into()),
        (Services::CreatedAt, now.into()),
        (Services::UpdatedAt, now.into()),
    ]);
    let (columns, values): (Vec<Services>, Vec<SimpleExpr>) = values.into_iter().unzip();
    let stmt = Query::insert()
        .into_table(Services::Table)
        .columns(columns)
        .values_panic(values)
        .returning_col(Services::Id)
        .to_owned();
    let id: i64 = c.scalar(&stmt).await?.ok_or(StoreError::NotFound)?;
    for (member, length) in staff {
        insert_link(c, location_id, &Link::new(id, *member, *length), now).await?;
    }
    Ok(id)
}

/// Changes a live service; `NotFound` when there is none. `staff`, when given, becomes its exact
/// set of team members `(team member, seance_length)`: the other settings of links that stay are
/// kept (run it in a write transaction: all or nothing).
pub async fn update(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
    f: &ServiceFields,
    staff: Option<&[(i64, i64)]>,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Services::Table)
        .values(field_values(f))
        .value(Services::UpdatedAt, now)
        .and_where(Expr::col(Services::Id).eq(id))
        .and_where(Expr::col(Services::LocationId).eq(location_id))
        .and_where(Expr::col(Services::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    if let Some(staff) = staff {
        links::set_staff(c, location_id, id, staff, now).await?;
    }
    Ok(())
}

/// Marks a live service deleted and removes its links; `NotFound` when there is none (run it in
/// a write transaction: both or neither).
pub async fn delete(c: &mut Conn<'_>, location_id: i64, id: i64, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Services::Table)
        .values([
            (Services::DeletedAt, now.into()),
            (Services::UpdatedAt, now.into()),
        ])
        .and_where(Expr::col(Services::Id).eq(id))
        .and_where(Expr::col(Services::LocationId).eq(location_id))
        .and_where(Expr::col(Services::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    let unlink = Query::delete()
        .from_table(ServiceStaff::Table)
        .and_where(Expr::col(ServiceStaff::ServiceId).eq(id))
        .to_owned();
    c.execute(&unlink).await?;
    crate::schedules::set_service_resources(c, location_id, id, &[]).await?;
    Ok(())
}

/// Live services of a location matching the filter, heaviest first (then by id), each with its
/// links.
pub async fn list(
    c: &mut Conn<'_>,
    location_id: i64,
    filter: ServiceFilter,
) -> StoreResult<Vec<Service>> {
    let mut stmt = select_services()
        .and_where(col(Services::DeletedAt).is_null())
        .and_where(col(Services::LocationId).eq(location_id))
        .to_owned();
    if let Some(id) = filter.id {
        stmt.and_where(col(Services::Id).eq(id));
    }
    if let Some(category) = filter.category_id {
        stmt.and_where(col(Services::CategoryId).eq(category));
    }
    if let Some(member) = filter.team_member_id {
        stmt.and_where(
            col(Services::Id).in_subquery(
                Query::select()
                    .column((ServiceStaff::Table, ServiceStaff::ServiceId))
                    .from(ServiceStaff::Table)
                    .and_where(
                        Expr::col((ServiceStaff::Table, ServiceStaff::TeamMemberId)).eq(member),
                    )
                    .to_owned(),
            ),
        );
    }
    stmt.order_by((Services::Table, Services::Weight), Order::Desc)
        .order_by((Services::Table, Services::Id), Order::Asc);
    let rows: Vec<ServiceRow> = c.all(&stmt).await?;
    let mut links = links::staff_of_location(c, location_id, None).await?;
    let mut resources = crate::schedules::service_resource_map(c, location_id, None).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let staff = links.remove(&r.id).unwrap_or_default();
            let needs = resources.remove(&r.id).unwrap_or_default();
            r.into_service(staff, needs)
        })
        .collect())
}

/// A live service of the location with its links (ordered by team member), if any.
pub async fn get(c: &mut Conn<'_>, location_id: i64, id: i64) -> StoreResult<Option<Service>> {
    let stmt = select_services()
        .and_where(col(Services::Id).eq(id))
        .and_where(col(Services::LocationId).eq(location_id))
        .and_where(col(Services::DeletedAt).is_null())
        .to_owned();
    let Some(row) = c.optional::<ServiceRow>(&stmt).await? else {
        return Ok(None);
    };
    let mut staff = links::staff_of_location(c, location_id, Some(id)).await?;
    let mut resources = crate::schedules::service_resource_map(c, location_id, Some(id)).await?;
    Ok(Some(row.into_service(
        staff.remove(&id).unwrap_or_default(),
        resources.remove(&id).unwrap_or_default(),
    )))
}
