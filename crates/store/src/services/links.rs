//! The team member ↔ service links: which team members provide a service, for how long, at
//! what price.

use std::collections::BTreeMap;

use bizd_domain::money::Money;
use sea_query::{Alias, Cond, Expr, Order, Query, SelectStatement, SimpleExpr};

use super::ServiceStaff;
use crate::team_members::TeamMembers;
use crate::{Conn, StoreError, StoreResult};

/// One team member ↔ service link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub service_id: i64,
    pub team_member_id: i64,
    pub seance_length: i64,
    pub technological_card_id: Option<i64>,
    /// The team member's own price; `None`: the service's.
    pub price_min: Option<Money>,
    pub price_max: Option<Money>,
    pub is_online: bool,
    pub is_offline_records_allowed: bool,
}

impl Link {
    pub fn new(service_id: i64, team_member_id: i64, seance_length: i64) -> Self {
        Link {
            service_id,
            team_member_id,
            seance_length,
            technological_card_id: None,
            price_min: None,
            price_max: None,
            is_online: true,
            is_offline_records_allowed: true,
        }
    }
}

/// A team member of a service as the service shows it: the link, with the team member's name
/// and avatar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffLink {
    pub link: Link,
    pub name: String,
    pub avatar: String,
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    service_id: i64,
    team_member_id: i64,
    seance_length: i64,
    technological_card_id: Option<i64>,
    price_min: Option<i64>,
    price_max: Option<i64>,
    is_online: bool,
    is_offline_records_allowed: bool,
}
crate::sqlite_row!(LinkRow {
    service_id,
    team_member_id,
    seance_length,
    technological_card_id,
    price_min,
    price_max,
    is_online,
    is_offline_records_allowed
});

impl From<LinkRow> for Link {
    fn from(r: LinkRow) -> Self {
        Link {
            service_id: r.service_id,
            team_member_id: r.team_member_id,
            seance_length: r.seance_length,
            technological_card_id: r.technological_card_id,
            price_min: r.price_min.map(Money::from_minor),
            price_max: r.price_max.map(Money::from_minor),
            is_online: r.is_online,
            is_offline_records_allowed: r.is_offline_records_allowed,
        }
    }
}

#[derive(sqlx::FromRow)]
struct StaffLinkRow {
    #[sqlx(flatten)]
    link: LinkRow,
    member_name: String,
    member_avatar: String,
}
crate::sqlite_row!(StaffLinkRow {
    member_name,
    member_avatar
} flatten { link });

/// The columns [`LinkRow`] reads, in its order.
const LINK_COLUMNS: [ServiceStaff; 8] = [
    ServiceStaff::ServiceId,
    ServiceStaff::TeamMemberId,
    ServiceStaff::SeanceLength,
    ServiceStaff::TechnologicalCardId,
    ServiceStaff::PriceMin,
    ServiceStaff::PriceMax,
    ServiceStaff::IsOnline,
    ServiceStaff::IsOfflineRecordsAllowed,
];

/// `SELECT <link columns> FROM service_staff`.
fn select_links() -> SelectStatement {
    Query::select()
        .columns(LINK_COLUMNS.map(|c| (ServiceStaff::Table, c)))
        .from(ServiceStaff::Table)
        .to_owned()
}

/// The values of a link's editable columns, for insert and update alike.
fn field_values(l: &Link) -> Vec<(ServiceStaff, SimpleExpr)> {
    vec![
        (ServiceStaff::SeanceLength, l.seance_length.into()),
        (
            ServiceStaff::TechnologicalCardId,
            l.technological_card_id.into(),
        ),
        (ServiceStaff::PriceMin, l.price_min.map(Money::minor).into()),
        (ServiceStaff::PriceMax, l.price_max.map(Money::minor).into()),
        (ServiceStaff::IsOnline, l.is_online.into()),
        (
            ServiceStaff::IsOfflineRecordsAllowed,
            l.is_offline_records_allowed.into(),
        ),
    ]
}

/// `service_id = ? AND team_member_id = ?`: one link.
fn the_link(service_id: i64, team_member_id: i64) -> Cond {
    Cond::all()
        .add(Expr::col(ServiceStaff::ServiceId).eq(service_id))
        .add(Expr::col(ServiceStaff::TeamMemberId).eq(team_member_id))
}

/// Every link of a location by service, each list ordered by team member.
pub async fn links_of_location(
    c: &mut Conn<'_>,
    location_id: i64,
) -> StoreResult<BTreeMap<i64, Vec<Link>>> {
    let stmt = select_links()
        .and_where(Expr::col(ServiceStaff::LocationId).eq(location_id))
        .order_by(ServiceStaff::ServiceId, Order::Asc)
        .order_by(ServiceStaff::TeamMemberId, Order::Asc)
        .to_owned();
    let rows: Vec<LinkRow> = c.all(&stmt).await?;
    let mut map: BTreeMap<i64, Vec<Link>> = BTreeMap::new();
    for row in rows {
        map.entry(row.service_id).or_default().push(Link::from(row));
    }
    Ok(map)
}

/// The links of one service, ordered by team member.
pub async fn links_of_service(c: &mut Conn<'_>, service_id: i64) -> StoreResult<Vec<Link>> {
    let stmt = select_links()
        .and_where(Expr::col(ServiceStaff::ServiceId).eq(service_id))
        .order_by(ServiceStaff::TeamMemberId, Order::Asc)
        .to_owned();
    let rows: Vec<LinkRow> = c.all(&stmt).await?;
    Ok(rows.into_iter().map(Link::from).collect())
}

/// The links of the location's services (only `service`'s when given), each with its team
/// member's name and avatar, by service, each list ordered by team member: what a service's
/// `staff` shows.
pub(super) async fn staff_of_location(
    c: &mut Conn<'_>,
    location_id: i64,
    service: Option<i64>,
) -> StoreResult<BTreeMap<i64, Vec<StaffLink>>> {
    let mut stmt = select_links()
        .expr_as(
            Expr::col((TeamMembers::Table, TeamMembers::Name)),
            Alias::new("member_name"),
        )
        .expr_as(
            Expr::col((TeamMembers::Table, TeamMembers::Avatar)),
            Alias::new("member_avatar"),
        )
        .inner_join(
            TeamMembers::Table,
            Expr::col((TeamMembers::Table, TeamMembers::Id))
                .equals((ServiceStaff::Table, ServiceStaff::TeamMemberId)),
        )
        .and_where(Expr::col((ServiceStaff::Table, ServiceStaff::LocationId)).eq(location_id))
        .order_by((ServiceStaff::Table, ServiceStaff::ServiceId), Order::Asc)
        .order_by(
            (ServiceStaff::Table, ServiceStaff::TeamMemberId),
            Order::Asc,
        )
        .to_owned();
    if let Some(service) = service {
        stmt.and_where(Expr::col((ServiceStaff::Table, ServiceStaff::ServiceId)).eq(service));
    }
    let rows: Vec<StaffLinkRow> = c.all(&stmt).await?;
    let mut map: BTreeMap<i64, Vec<StaffLink>> = BTreeMap::new();
    for row in rows {
        let link = Link::from(row.link);
        map.entry(link.service_id).or_default().push(StaffLink {
            link,
            name: row.member_name,
            avatar: row.member_avatar,
        });
    }
    Ok(map)
}

/// The links of a team member (the services it provides), by service id.
pub async fn links_of_team_member(c: &mut Conn<'_>, team_member_id: i64) -> StoreResult<Vec<Link>> {
    let stmt = select_links()
        .and_where(Expr::col(ServiceStaff::TeamMemberId).eq(team_member_id))
        .order_by(ServiceStaff::ServiceId, Order::Asc)
        .to_owned();
    let rows: Vec<LinkRow> = c.all(&stmt).await?;
    Ok(rows.into_iter().map(Link::from).collect())
}

/// The link of this service and team member, if any.
pub async fn link(
    c: &mut Conn<'_>,
    service_id: i64,
    team_member_id: i64,
) -> StoreResult<Option<Link>> {
    let stmt = select_links()
        .cond_where(the_link(service_id, team_member_id))
        .to_owned();
    Ok(c.optional::<LinkRow>(&stmt).await?.map(Link::from))
}

/// Adds a link (of `link.service_id` and `link.team_member_id`) in the location; a second link
/// of the same pair is a constraint violation.
pub async fn insert_link(
    c: &mut Conn<'_>,
    location_id: i64,
    link: &Link,
    now: i64,
) -> StoreResult<()> {
    let mut values = vec![
        (ServiceStaff::ServiceId, link.service_id.into()),
        (ServiceStaff::TeamMemberId, link.team_member_id.into()),
        (ServiceStaff::LocationId, location_id.into()),
    ];
    values.extend(field_values(link));
    values.extend([
        (ServiceStaff::CreatedAt, now.into()),
        (ServiceStaff::UpdatedAt, now.into()),
    ]);
    let (columns, values): (Vec<ServiceStaff>, Vec<SimpleExpr>) = values.into_iter().unzip();
    let stmt = Query::insert()
        .into_table(ServiceStaff::Table)
        .columns(columns)
        .values_panic(values)
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Changes the settings of the link of `link.service_id` and `link.team_member_id`; returns the
/// number of rows changed (0 or 1).
async fn update_row(c: &mut Conn<'_>, link: &Link, now: i64) -> StoreResult<u64> {
    let stmt = Query::update()
        .table(ServiceStaff::Table)
        .values(field_values(link))
        .value(ServiceStaff::UpdatedAt, now)
        .cond_where(the_link(link.service_id, link.team_member_id))
        .to_owned();
    c.execute(&stmt).await
}

/// Changes the settings of an existing link; `NotFound` when there is none.
pub async fn update_link(c: &mut Conn<'_>, link: &Link, now: i64) -> StoreResult<()> {
    if update_row(c, link, now).await? == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Removes a link; `NotFound` when there is none.
pub async fn delete_link(
    c: &mut Conn<'_>,
    service_id: i64,
    team_member_id: i64,
) -> StoreResult<()> {
    let stmt = Query::delete()
        .from_table(ServiceStaff::Table)
        .cond_where(the_link(service_id, team_member_id))
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Makes `links` the service's exact set of links (the bulk links endpoint): missing ones are
/// added, present ones updated, the rest removed (run it in a write transaction: all or nothing).
pub async fn replace_links(
    c: &mut Conn<'_>,
    location_id: i64,
    service_id: i64,
    links: &[Link],
    now: i64,
) -> StoreResult<()> {
    let current = links_of_service(c, service_id).await?;
    apply(c, location_id, service_id, &current, links, now).await
}

/// Makes `staff` (`(team member, seance_length)`) the service's exact set of team members; links
/// that stay keep their other settings, new ones get the defaults of [`Link::new`].
pub(super) async fn set_staff(
    c: &mut Conn<'_>,
    location_id: i64,
    service_id: i64,
    staff: &[(i64, i64)],
    now: i64,
) -> StoreResult<()> {
    let current = links_of_service(c, service_id).await?;
    let wanted: Vec<Link> = staff
        .iter()
        .map(|(member, length)| {
            let mut link = current
                .iter()
                .find(|l| l.team_member_id == *member)
                .cloned()
                .unwrap_or_else(|| Link::new(service_id, *member, *length));
            link.seance_length = *length;
            link
        })
        .collect();
    apply(c, location_id, service_id, &current, &wanted, now).await
}

/// Turns the service's `current` links into `wanted`.
async fn apply(
    c: &mut Conn<'_>,
    location_id: i64,
    service_id: i64,
    current: &[Link],
    wanted: &[Link],
    now: i64,
) -> StoreResult<()> {
    let gone: Vec<i64> = current
        .iter()
        .map(|l| l.team_member_id)
        .filter(|m| !wanted.iter().any(|w| w.team_member_id == *m))
        .collect();
    if !gone.is_empty() {
        let stmt = Query::delete()
            .from_table(ServiceStaff::Table)
            .and_where(Expr::col(ServiceStaff::ServiceId).eq(service_id))
            .and_where(Expr::col(ServiceStaff::TeamMemberId).is_in(gone))
            .to_owned();
        c.execute(&stmt).await?;
    }
    for link in wanted {
        if current
            .iter()
            .any(|l| l.team_member_id == link.team_member_id)
        {
            update_row(c, link, now).await?;
        } else {
            insert_link(c, location_id, link, now).await?;
        }
    }
    Ok(())
}
