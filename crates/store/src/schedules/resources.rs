//! Resources (rooms, chairs, devices) with their instances, and the resources each service
//! needs. Resources are soft-deleted (appointments may point at their instances); a deleted
//! resource leaves every list and every service.

use std::collections::BTreeMap;

use sea_query::{Asterisk, Expr, Iden, Order, Query, SelectStatement};

use crate::services::Services;
use crate::{Conn, StoreError, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum Resources {
    Table,
    Id,
    LocationId,
    Title,
    Capacity,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum ResourceInstances {
    Table,
    Id,
    ResourceId,
    Title,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum ServiceResources {
    Table,
    ServiceId,
    ResourceId,
    LocationId,
}

/// One instance of a resource ("Massage room 1st floor").
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ResourceInstance {
    pub id: i64,
    pub resource_id: i64,
    pub title: String,
}
crate::sqlite_row!(ResourceInstance {
    id,
    resource_id,
    title
});

/// A live resource with its instances (by id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    pub id: i64,
    pub title: String,
    pub capacity: i64,
    pub instances: Vec<ResourceInstance>,
}

/// What a resource is made of: its title, capacity and the titles of its instances in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceFields {
    pub title: String,
    pub capacity: i64,
    pub instances: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct ResourceRow {
    id: i64,
    title: String,
    capacity: i64,
}
crate::sqlite_row!(ResourceRow {
    id,
    title,
    capacity
});

async fn instances_of(
    c: &mut Conn<'_>,
    resource_ids: &[i64],
) -> StoreResult<BTreeMap<i64, Vec<ResourceInstance>>> {
    let mut out: BTreeMap<i64, Vec<ResourceInstance>> = BTreeMap::new();
    if resource_ids.is_empty() {
        return Ok(out);
    }
    let stmt = Query::select()
        .columns([
            ResourceInstances::Id,
            ResourceInstances::ResourceId,
            ResourceInstances::Title,
        ])
        .from(ResourceInstances::Table)
        .and_where(Expr::col(ResourceInstances::ResourceId).is_in(resource_ids.iter().copied()))
        .order_by(ResourceInstances::Id, Order::Asc)
        .to_owned();
    let rows: Vec<ResourceInstance> = c.all(&stmt).await?;
    for r in rows {
        out.entry(r.resource_id).or_default().push(r);
    }
    Ok(out)
}

async fn read(c: &mut Conn<'_>, location_id: i64, id: Option<i64>) -> StoreResult<Vec<Resource>> {
    let mut stmt = Query::select()
        .columns([Resources::Id, Resources::Title, Resources::Capacity])
        .from(Resources::Table)
        .and_where(Expr::col(Resources::LocationId).eq(location_id))
        .and_where(Expr::col(Resources::DeletedAt).is_null())
        .order_by(Resources::Id, Order::Asc)
        .to_owned();
    if let Some(id) = id {
        stmt.and_where(Expr::col(Resources::Id).eq(id));
    }
    let rows: Vec<ResourceRow> = c.all(&stmt).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut instances = instances_of(c, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| Resource {
            instances: instances.remove(&r.id).unwrap_or_default(),
            id: r.id,
            title: r.title,
            capacity: r.capacity,
        })
        .collect())
}

/// The live resources of a location, by id, with their instances.
pub async fn resources(c: &mut Conn<'_>, location_id: i64) -> StoreResult<Vec<Resource>> {
    read(c, location_id, None).await
}

/// A live resource of the location, if any.
pub async fn resource(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> StoreResult<Option<Resource>> {
    Ok(read(c, location_id, Some(id)).await?.pop())
}

/// Ids of the live resources of a location, ascending.
pub async fn resource_ids_of_location(c: &mut Conn<'_>, location_id: i64) -> StoreResult<Vec<i64>> {
    let stmt = Query::select()
        .column(Resources::Id)
        .from(Resources::Table)
        .and_where(Expr::col(Resources::LocationId).eq(location_id))
        .and_where(Expr::col(Resources::DeletedAt).is_null())
        .order_by(Resources::Id, Order::Asc)
        .to_owned();
    c.scalars(&stmt).await
}

/// Makes the resource's instances the titles given, in order: existing instances keep their
/// ids (retitled) in id order, missing ones are added, surplus ones removed.
async fn set_instances(c: &mut Conn<'_>, resource_id: i64, titles: &[String]) -> StoreResult<()> {
    let current = instances_of(c, &[resource_id])
        .await?
        .remove(&resource_id)
        .unwrap_or_default();
    for (i, title) in titles.iter().enumerate() {
        match current.get(i) {
            Some(existing) if existing.title == *title => {}
            Some(existing) => {
                let stmt = Query::update()
                    .table(ResourceInstances::Table)
                    .value(ResourceInstances::Title, title.as_str())
                    .and_where(Expr::col(ResourceInstances::Id).eq(existing.id))
                    .to_owned();
                c.execute(&stmt).await?;
            }
            None => {
                let stmt = Query::insert()
                    .into_table(ResourceInstances::Table)
                    .columns([ResourceInstances::ResourceId, ResourceInstances::Title])
                    .values_panic([resource_id.into(), title.as_str().into()])
                    .to_owned();
                c.execute(&stmt).await?;
            }
        }
    }
    let surplus: Vec<i64> = current.iter().skip(titles.len()).map(|i| i.id).collect();
    if !surplus.is_empty() {
        let stmt = Query::delete()
            .from_table(ResourceInstances::Table)
            .and_where(Expr::col(ResourceInstances::Id).is_in(surplus))
            .to_owned();
        c.execute(&stmt).await?;
    }
    Ok(())
}

/// Creates a resource with its instances; returns its id (run it in a write transaction).
pub async fn insert_resource(
    c: &mut Conn<'_>,
    location_id: i64,
    f: &ResourceFields,
    now: i64,
) -> StoreResult<i64> {
    let stmt = Query::insert()
        .into_table(Resources::Table)
        .columns([
            Resources::LocationId,
            Resources::Title,
            Resources::Capacity,
            Resources::CreatedAt,
            Resources::UpdatedAt,
        ])
        .values_panic([
            location_id.into(),
            f.title.as_str().into(),
            f.capacity.into(),
            now.into(),
            now.into(),
        ])
        .returning_col(Resources::Id)
        .to_owned();
    let id: i64 = c.scalar(&stmt).await?.ok_or(StoreError::NotFound)?;
    set_instances(c, id, &f.instances).await?;
    Ok(id)
}

/// Changes a live resource; `NotFound` when there is none (run it in a write transaction that
/// locks the resource).
pub async fn update_resource(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
    f: &ResourceFields,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Resources::Table)
        .values([
            (Resources::Title, f.title.as_str().into()),
            (Resources::Capacity, f.capacity.into()),
            (Resources::UpdatedAt, now.into()),
        ])
        .and_where(Expr::col(Resources::Id).eq(id))
        .and_where(Expr::col(Resources::LocationId).eq(location_id))
        .and_where(Expr::col(Resources::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    set_instances(c, id, &f.instances).await
}

/// Marks a live resource deleted and takes it off every service; `NotFound` when there is none.
pub async fn delete_resource(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Resources::Table)
        .values([
            (Resources::DeletedAt, now.into()),
            (Resources::UpdatedAt, now.into()),
        ])
        .and_where(Expr::col(Resources::Id).eq(id))
        .and_where(Expr::col(Resources::LocationId).eq(location_id))
        .and_where(Expr::col(Resources::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    let unlink = Query::delete()
        .from_table(ServiceResources::Table)
        .and_where(Expr::col(ServiceResources::ResourceId).eq(id))
        .to_owned();
    c.execute(&unlink).await?;
    Ok(())
}

/// Makes `resource_ids` (live resources of the location, checked by the caller) the exact set
/// of resources the service needs.
pub async fn set_service_resources(
    c: &mut Conn<'_>,
    location_id: i64,
    service_id: i64,
    resource_ids: &[i64],
) -> StoreResult<()> {
    let clear = Query::delete()
        .from_table(ServiceResources::Table)
        .and_where(Expr::col(ServiceResources::ServiceId).eq(service_id))
        .to_owned();
    c.execute(&clear).await?;
    let mut ids = resource_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(());
    }
    let mut stmt = Query::insert()
        .into_table(ServiceResources::Table)
        .columns([
            ServiceResources::ServiceId,
            ServiceResources::ResourceId,
            ServiceResources::LocationId,
        ])
        .to_owned();
    for id in ids {
        stmt.values_panic([service_id.into(), id.into(), location_id.into()]);
    }
    c.execute(&stmt).await?;
    Ok(())
}

/// The live resources needed by the location's services (all of them, or only `service_id`),
/// as service id → resource ids ascending.
pub async fn service_resource_map(
    c: &mut Conn<'_>,
    location_id: i64,
    service_id: Option<i64>,
) -> StoreResult<BTreeMap<i64, Vec<i64>>> {
    let mut stmt = Query::select()
        .column((ServiceResources::Table, ServiceResources::ServiceId))
        .column((ServiceResources::Table, ServiceResources::ResourceId))
        .from(ServiceResources::Table)
        .inner_join(
            Resources::Table,
            Expr::col((Resources::Table, Resources::Id))
                .equals((ServiceResources::Table, ServiceResources::ResourceId)),
        )
        .and_where(
            Expr::col((ServiceResources::Table, ServiceResources::LocationId)).eq(location_id),
        )
        .and_where(Expr::col((Resources::Table, Resources::DeletedAt)).is_null())
        .order_by(
            (ServiceResources::Table, ServiceResources::ResourceId),
            Order::Asc,
        )
        .to_owned();
    if let Some(id) = service_id {
        stmt.and_where(Expr::col((ServiceResources::Table, ServiceResources::ServiceId)).eq(id));
    }
    let rows: Vec<(i64, i64)> = c.all(&stmt).await?;
    let mut out: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (service, resource) in rows {
        out.entry(service).or_default().push(resource);
    }
    Ok(out)
}

/// The live resources that any of these services of the location needs, each once with its
/// number of instances: `(resource_id, instance count)`, by resource id.
pub async fn resources_of_services(
    c: &mut Conn<'_>,
    location_id: i64,
    service_ids: &[i64],
) -> StoreResult<Vec<(i64, i64)>> {
    if service_ids.is_empty() {
        return Ok(Vec::new());
    }
    // Every booking starts with it, mostly for one service: rendered once for that.
    static ONE: crate::Prepared = crate::Prepared::new();
    if let [id] = service_ids[..] {
        let build = || resources_of_services_statement(location_id, service_ids);
        let values = [location_id.into(), location_id.into(), id.into()];
        return c.all(&ONE.bind(build, values, c.backend())).await;
    }
    c.all(&resources_of_services_statement(location_id, service_ids))
        .await
}

fn resources_of_services_statement(location_id: i64, service_ids: &[i64]) -> SelectStatement {
    let needed = Query::select()
        .column((ServiceResources::Table, ServiceResources::ResourceId))
        .from(ServiceResources::Table)
        .inner_join(
            Services::Table,
            Expr::col((Services::Table, Services::Id))
                .equals((ServiceResources::Table, ServiceResources::ServiceId)),
        )
        .and_where(
            Expr::col((ServiceResources::Table, ServiceResources::LocationId)).eq(location_id),
        )
        .and_where(
            Expr::col((ServiceResources::Table, ServiceResources::ServiceId))
                .is_in(service_ids.iter().copied()),
        )
        .and_where(Expr::col((Services::Table, Services::DeletedAt)).is_null())
        .to_owned();
    let count = Query::select()
        .expr(Expr::col(Asterisk).count())
        .from(ResourceInstances::Table)
        .and_where(
            Expr::col((ResourceInstances::Table, ResourceInstances::ResourceId))
                .equals((Resources::Table, Resources::Id)),
        )
        .to_owned();
    Query::select()
        .column((Resources::Table, Resources::Id))
        .expr(sea_query::SimpleExpr::SubQuery(
            None,
            Box::new(count.into_sub_query_statement()),
        ))
        .from(Resources::Table)
        .and_where(Expr::col((Resources::Table, Resources::LocationId)).eq(location_id))
        .and_where(Expr::col((Resources::Table, Resources::DeletedAt)).is_null())
        .and_where(Expr::col((Resources::Table, Resources::Id)).in_subquery(needed))
        .order_by((Resources::Table, Resources::Id), Order::Asc)
        .to_owned()
}
