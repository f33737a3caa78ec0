//! Team members here (their reads in `read.rs`); positions beside them. Every function runs on
//! a [`Conn`]: the caller decides whether inside a write transaction (functions that write more
//! than once say so).

pub(crate) mod positions;
mod read;

pub use positions::{
    delete_position, insert_position, position_holders, position_in_chain, positions_of_location,
    update_position, Position,
};
use read::{col, links_of_member};
pub use read::{get, get_many, list, LinkedUser, TeamMember};

use bizd_domain::staff::TeamMemberFields;
use sea_query::{Asterisk, Cond, Expr, Iden, Order, Query, SimpleExpr};

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
        .and_where(Expr::col((LocationUsers::Table, LocationUsers::IsApproved)).eq(true))
        .and_where(Expr::col((Locations::Table, Locations::ChainId)).eq(chain_id))
        .and_where(Expr::col((Locations::Table, Locations::DeletedAt)).is_null())
        .to_owned();
    Ok(c.scalar::<i64>(&stmt).await?.unwrap_or(0) > 0)
}
