//! Team members here; positions beside them. Every function runs on a [`Conn`]: the caller
//! decides whether inside a write transaction (functions that write more than once say so).

mod positions;

use positions::Positions;
pub use positions::{
    delete_position, insert_position, position_holders, position_in_chain, positions_of_location,
    update_position, Position,
};

use bizd_domain::staff::TeamMemberFields;
use sea_query::{Alias, Asterisk, Cond, Expr, Iden, Order, Query, SelectStatement, SimpleExpr};

use crate::auth::{LocationUsers, Users};
use crate::locations::Locations;
use crate::services::{ServiceCategoryStaff, ServiceStaff};
use crate::{Conn, StoreError, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum TeamMembers {
    Table,
    Id,
    LocationId,
    Name,
    Specialization,
    Information,
    ApiId,
    Weight,
    Hidden,
    Fired,
    PositionId,
    UserId,
    Phone,
    ShowRating,
    HasAccessTimetable,
    IsPaidStaff,
    IsIncludedInPaymentPolicy,
    Avatar,
    AvatarBig,
    Rating,
    VotesCount,
    CommentsCount,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

/// A stored team member. Deleted ones stay readable by id.
#[derive(Debug, Clone)]
pub struct TeamMember {
    pub id: i64,
    pub location_id: i64,
    pub fields: TeamMemberFields,
    /// `(id, title)` of the position, when assigned.
    pub position: Option<(i64, String)>,
    pub avatar: String,
    pub avatar_big: String,
    pub rating: f64,
    pub votes_count: i64,
    pub comments_count: i64,
    /// Not fired, not hidden, not deleted and provides at least one service.
    pub bookable: bool,
    pub deleted_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct TeamMemberRow {
    id: i64,
    location_id: i64,
    name: String,
    specialization: String,
    information: String,
    api_id: String,
    weight: i64,
    hidden: bool,
    fired: bool,
    position_id: Option<i64>,
    position_title: Option<String>,
    user_id: Option<i64>,
    phone: String,
    show_rating: bool,
    has_access_timetable: bool,
    is_paid_staff: bool,
    is_included_in_payment_policy: bool,
    avatar: String,
    avatar_big: String,
    rating: f64,
    votes_count: i64,
    comments_count: i64,
    link_count: i64,
    deleted_at: Option<i64>,
}
crate::sqlite_row!(TeamMemberRow {
    id,
    location_id,
    name,
    specialization,
    information,
    api_id,
    weight,
    hidden,
    fired,
    position_id,
    position_title,
    user_id,
    phone,
    show_rating,
    has_access_timetable,
    is_paid_staff,
    is_included_in_payment_policy,
    avatar,
    avatar_big,
    rating,
    votes_count,
    comments_count,
    link_count,
    deleted_at
});

impl From<TeamMemberRow> for TeamMember {
    fn from(r: TeamMemberRow) -> Self {
        let bookable = !r.fired && !r.hidden && r.deleted_at.is_none() && r.link_count > 0;
        TeamMember {
            id: r.id,
            location_id: r.location_id,
            position: r.position_id.zip(r.position_title),
            fields: TeamMemberFields {
                name: r.name,
                specialization: r.specialization,
                information: r.information,
                api_id: r.api_id,
                weight: r.weight,
                hidden: r.hidden,
                fired: r.fired,
                position_id: r.position_id,
                user_id: r.user_id,
                phone: r.phone,
                show_rating: r.show_rating,
                has_access_timetable: r.has_access_timetable,
                is_paid_staff: r.is_paid_staff,
                is_included_in_payment_policy: r.is_included_in_payment_policy,
            },
            avatar: r.avatar,
            avatar_big: r.avatar_big,
            rating: r.rating,
            votes_count: r.votes_count,
            comments_count: r.comments_count,
            bookable,
            deleted_at: r.deleted_at,
        }
    }
}

/// The `team_members` columns [`TeamMemberRow`] reads.
const TEAM_MEMBER_COLUMNS: [TeamMembers; 22] = [
    TeamMembers::Id,
    TeamMembers::LocationId,
    TeamMembers::Name,
    TeamMembers::Specialization,
    TeamMembers::Information,
    TeamMembers::ApiId,
    TeamMembers::Weight,
    TeamMembers::Hidden,
    TeamMembers::Fired,
    TeamMembers::PositionId,
    TeamMembers::UserId,
    TeamMembers::Phone,
    TeamMembers::ShowRating,
    TeamMembers::HasAccessTimetable,
    TeamMembers::IsPaidStaff,
    TeamMembers::IsIncludedInPaymentPolicy,
    TeamMembers::Avatar,
    TeamMembers::AvatarBig,
    TeamMembers::Rating,
    TeamMembers::VotesCount,
    TeamMembers::CommentsCount,
    TeamMembers::DeletedAt,
];

fn col(c: TeamMembers) -> Expr {
    Expr::col((TeamMembers::Table, c))
}

/// `FROM service_staff WHERE service_staff.team_member_id = team_members.id`: the member's links.
fn links_of_member() -> SelectStatement {
    Query::select()
        .from(ServiceStaff::Table)
        .and_where(
            Expr::col((ServiceStaff::Table, ServiceStaff::TeamMemberId))
                .equals((TeamMembers::Table, TeamMembers::Id)),
        )
        .to_owned()
}

/// `SELECT <team member columns>, positions.title AS position_title, (SELECT COUNT(*) …) AS
/// link_count FROM team_members LEFT JOIN positions`.
fn select_team_members() -> SelectStatement {
    let link_count = links_of_member()
        .expr(Expr::col(Asterisk).count())
        .to_owned();
    Query::select()
        .columns(TEAM_MEMBER_COLUMNS.map(|c| (TeamMembers::Table, c)))
        .expr_as(
            Expr::col((Positions::Table, Positions::Title)),
            Alias::new("position_title"),
        )
        .expr_as(
            SimpleExpr::SubQuery(None, Box::new(link_count.into_sub_query_statement())),
            Alias::new("link_count"),
        )
        .from(TeamMembers::Table)
        .left_join(
            Positions::Table,
            Expr::col((Positions::Table, Positions::Id))
                .equals((TeamMembers::Table, TeamMembers::PositionId)),
        )
        .to_owned()
}

/// Bookable: the rule of [`TeamMember::bookable`], in SQL.
fn bookable() -> Cond {
    Cond::all()
        .add(col(TeamMembers::Fired).eq(false))
        .add(col(TeamMembers::Hidden).eq(false))
        .add(col(TeamMembers::DeletedAt).is_null())
        .add(Expr::exists(
            links_of_member().expr(Expr::cust("1")).to_owned(),
        ))
}

/// The values of a team member's editable columns, for insert and update alike.
fn field_values(f: &TeamMemberFields) -> Vec<(TeamMembers, SimpleExpr)> {
    vec![
        (TeamMembers::Name, f.name.as_str().into()),
        (
            TeamMembers::Specialization,
            f.specialization.as_str().into(),
        ),
        (TeamMembers::Information, f.information.as_str().into()),
        (TeamMembers::ApiId, f.api_id.as_str().into()),
        (TeamMembers::Weight, f.weight.into()),
        (TeamMembers::Hidden, f.hidden.into()),
        (TeamMembers::Fired, f.fired.into()),
        (TeamMembers::PositionId, f.position_id.into()),
        (TeamMembers::UserId, f.user_id.into()),
        (TeamMembers::Phone, f.phone.as_str().into()),
        (TeamMembers::ShowRating, f.show_rating.into()),
        (
            TeamMembers::HasAccessTimetable,
            f.has_access_timetable.into(),
        ),
        (TeamMembers::IsPaidStaff, f.is_paid_staff.into()),
        (
            TeamMembers::IsIncludedInPaymentPolicy,
            f.is_included_in_payment_policy.into(),
        ),
    ]
}

/// Creates a team member; its position (if any) becomes linked to the location. Returns its id
/// (run it in a write transaction: both or neither).
pub async fn insert(
    c: &mut Conn<'_>,
    location_id: i64,
    f: &TeamMemberFields,
    now: i64,
) -> StoreResult<i64> {
    let mut values = field_values(f);
    values.extend([
        (TeamMembers::LocationId, location_id.into()),
        (TeamMembers::CreatedAt, now.into()),
        (TeamMembers::UpdatedAt, now.into()),
    ]);
    let (columns, values): (Vec<TeamMembers>, Vec<SimpleExpr>) = values.into_iter().unzip();
    let stmt = Query::insert()
        .into_table(TeamMembers::Table)
        .columns(columns)
        .values_panic(values)
        .returning_col(TeamMembers::Id)
        .to_owned();
    let id: i64 = c.scalar(&stmt).await?.ok_or(StoreError::NotFound)?;
    if let Some(position) = f.position_id {
        positions::link_position(c, position, location_id).await?;
    }
    Ok(id)
}

/// Changes a live team member; `NotFound` when there is none. Its position (if any) becomes
/// linked to the location (run it in a write transaction: both or neither).
pub async fn update(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
    f: &TeamMemberFields,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(TeamMembers::Table)
        .values(field_values(f))
        .value(TeamMembers::UpdatedAt, now)
        .and_where(Expr::col(TeamMembers::Id).eq(id))
        .and_where(Expr::col(TeamMembers::LocationId).eq(location_id))
        .and_where(Expr::col(TeamMembers::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    if let Some(position) = f.position_id {
        positions::link_position(c, position, location_id).await?;
    }
    Ok(())
}

/// Marks a live team member deleted and removes its service links and category assignments;
/// `NotFound` when there is none (run it in a write transaction: all or nothing).
pub async fn delete(c: &mut Conn<'_>, location_id: i64, id: i64, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(TeamMembers::Table)
        .values([
            (TeamMembers::DeletedAt, now.into()),
            (TeamMembers::UpdatedAt, now.into()),
        ])
        .and_where(Expr::col(TeamMembers::Id).eq(id))
        .and_where(Expr::col(TeamMembers::LocationId).eq(location_id))
        .and_where(Expr::col(TeamMembers::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    let unlink = Query::delete()
        .from_table(ServiceStaff::Table)
        .and_where(Expr::col(ServiceStaff::TeamMemberId).eq(id))
        .to_owned();
    c.execute(&unlink).await?;
    let unassign = Query::delete()
        .from_table(ServiceCategoryStaff::Table)
        .and_where(Expr::col(ServiceCategoryStaff::TeamMemberId).eq(id))
        .to_owned();
    c.execute(&unassign).await?;
    Ok(())
}

/// A team member of the location, deleted ones included.
pub async fn get(c: &mut Conn<'_>, location_id: i64, id: i64) -> StoreResult<Option<TeamMember>> {
    let stmt = select_team_members()
        .and_where(col(TeamMembers::Id).eq(id))
        .and_where(col(TeamMembers::LocationId).eq(location_id))
        .to_owned();
    Ok(c.optional::<TeamMemberRow>(&stmt)
        .await?
        .map(TeamMember::from))
}

/// Team members of the location among `ids` (deleted ones included), in one query.
pub async fn get_many(
    c: &mut Conn<'_>,
    location_id: i64,
    ids: &[i64],
) -> StoreResult<Vec<TeamMember>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let stmt = select_team_members()
        .and_where(col(TeamMembers::Id).is_in(ids.iter().copied()))
        .and_where(col(TeamMembers::LocationId).eq(location_id))
        .to_owned();
    let rows: Vec<TeamMemberRow> = c.all(&stmt).await?;
    Ok(rows.into_iter().map(TeamMember::from).collect())
}

/// Live team members of a location, heaviest first (then by id).
pub async fn list(c: &mut Conn<'_>, location_id: i64) -> StoreResult<Vec<TeamMember>> {
    let stmt = select_team_members()
        .and_where(col(TeamMembers::LocationId).eq(location_id))
        .and_where(col(TeamMembers::DeletedAt).is_null())
        .order_by((TeamMembers::Table, TeamMembers::Weight), Order::Desc)
        .order_by((TeamMembers::Table, TeamMembers::Id), Order::Asc)
        .to_owned();
    let rows: Vec<TeamMemberRow> = c.all(&stmt).await?;
    Ok(rows.into_iter().map(TeamMember::from).collect())
}

/// Ids of the live team members of a location, ascending.
pub async fn live_ids(c: &mut Conn<'_>, location_id: i64) -> StoreResult<Vec<i64>> {
    let stmt = Query::select()
        .column(TeamMembers::Id)
        .from(TeamMembers::Table)
        .and_where(Expr::col(TeamMembers::LocationId).eq(location_id))
        .and_where(Expr::col(TeamMembers::DeletedAt).is_null())
        .order_by(TeamMembers::Id, Order::Asc)
        .to_owned();
    c.scalars(&stmt).await
}

/// How many bookable team members each of these locations has (absent: none), in one query.
pub async fn bookable_counts(
    c: &mut Conn<'_>,
    location_ids: &[i64],
) -> StoreResult<std::collections::HashMap<i64, i64>> {
    if location_ids.is_empty() {
        return Ok(Default::default());
    }
    let stmt = Query::select()
        .column(TeamMembers::LocationId)
        .expr(Expr::col(Asterisk).count())
        .from(TeamMembers::Table)
        .and_where(col(TeamMembers::LocationId).is_in(location_ids.iter().copied()))
        .cond_where(bookable())
        .group_by_col(TeamMembers::LocationId)
        .to_owned();
    let rows: Vec<(i64, i64)> = c.all(&stmt).await?;
    Ok(rows.into_iter().collect())
}

/// Whether a user with this id exists.
pub async fn user_exists(c: &mut Conn<'_>, user_id: i64) -> StoreResult<bool> {
    let stmt = Query::select()
        .expr(Expr::col(Asterisk).count())
        .from(Users::Table)
        .and_where(Expr::col(Users::Id).eq(user_id))
        .to_owned();
    Ok(c.scalar::<i64>(&stmt).await?.unwrap_or(0) > 0)
}

/// Whether the user is a member of a live location of the chain.
pub async fn is_chain_member(c: &mut Conn<'_>, user_id: i64, chain_id: i64) -> StoreResult<bool> {
    let stmt = Query::select()
        .expr(Expr::col(Asterisk).count())
        .from(LocationUsers::Table)
        .inner_join(
            Locations::Table,
            Expr::col((Locations::Table, Locations::Id))
                .equals((LocationUsers::Table, LocationUsers::LocationId)),
        )
        .and_where(Expr::col((LocationUsers::Table, LocationUsers::UserId)).eq(user_id))
        .and_where(Expr::col((Locations::Table, Locations::ChainId)).eq(chain_id))
        .and_where(Expr::col((Locations::Table, Locations::DeletedAt)).is_null())
        .to_owned();
    Ok(c.scalar::<i64>(&stmt).await?.unwrap_or(0) > 0)
}
