//! Users & Permissions: a location's members (accepted or invited), their role and permission
//! values, the team member linked to each, and invitations. Every change of a membership bumps
//! the access generation, so cached access decisions are dropped at once here and within the
//! cache's TTL on other processes.

use sea_query::{Expr, Iden, OnConflict, Order, Query, SelectStatement};

use crate::auth::{LocationUsers, Users};
use crate::team_members::TeamMembers;
use crate::{Conn, StoreError, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum Invitations {
    Table,
    Id,
    LocationId,
    UserId,
    TokenHash,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
}

/// A member of a location (or an invited one, `is_approved` false).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Member {
    pub user_id: i64,
    pub name: String,
    pub login: String,
    pub phone: String,
    pub email: String,
    pub information: String,
    pub is_approved: bool,
    pub role: String,
    /// JSON of `bizd_domain::permissions::PermissionValues`.
    pub permissions: String,
}
crate::sqlite_row!(Member {
    user_id,
    name,
    login,
    phone,
    email,
    information,
    is_approved,
    role,
    permissions
});

fn select_members(location_id: i64) -> SelectStatement {
    let lu = |c| (LocationUsers::Table, c);
    Query::select()
        .expr_as(
            Expr::col(lu(LocationUsers::UserId)),
            sea_query::Alias::new("user_id"),
        )
        .columns([Users::Name, Users::Login, Users::Phone, Users::Email].map(|c| (Users::Table, c)))
        .columns(
            [
                LocationUsers::Information,
                LocationUsers::IsApproved,
                LocationUsers::Role,
                LocationUsers::Permissions,
            ]
            .map(lu),
        )
        .from(LocationUsers::Table)
        .inner_join(
            Users::Table,
            Expr::col((Users::Table, Users::Id)).equals(lu(LocationUsers::UserId)),
        )
        .and_where(Expr::col(lu(LocationUsers::LocationId)).eq(location_id))
        .to_owned()
}

/// The location's members, accepted first by user id; `approved` narrows to accepted (true) or
/// invited (false) ones.
pub async fn members(
    c: &mut Conn<'_>,
    location_id: i64,
    approved: Option<bool>,
) -> StoreResult<Vec<Member>> {
    let mut stmt = select_members(location_id);
    if let Some(a) = approved {
        stmt.and_where(Expr::col((LocationUsers::Table, LocationUsers::IsApproved)).eq(a));
    }
    stmt.order_by(
        (LocationUsers::Table, LocationUsers::IsApproved),
        Order::Desc,
    )
    .order_by((LocationUsers::Table, LocationUsers::UserId), Order::Asc);
    c.all(&stmt).await
}

/// One member (accepted or invited).
pub async fn member(
    c: &mut Conn<'_>,
    location_id: i64,
    user_id: i64,
) -> StoreResult<Option<Member>> {
    let stmt = select_members(location_id)
        .and_where(Expr::col((LocationUsers::Table, LocationUsers::UserId)).eq(user_id))
        .to_owned();
    c.optional(&stmt).await
}

/// Adds a membership, or replaces the role, values and position of an invited one (an
/// accepted membership keeps `is_approved`).
#[allow(clippy::too_many_arguments)]
pub async fn put_member(
    c: &mut Conn<'_>,
    location_id: i64,
    user_id: i64,
    role: &str,
    permissions: &str,
    information: &str,
    approved: bool,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(LocationUsers::Table)
        .columns([
            LocationUsers::LocationId,
            LocationUsers::UserId,
            LocationUsers::Role,
            LocationUsers::Permissions,
            LocationUsers::Information,
            LocationUsers::IsApproved,
            LocationUsers::CreatedAt,
        ])
        .values_panic([
            location_id.into(),
            user_id.into(),
            role.into(),
            permissions.into(),
            information.into(),
            approved.into(),
            now.into(),
        ])
        .on_conflict(
            OnConflict::columns([LocationUsers::LocationId, LocationUsers::UserId])
                .update_columns([
                    LocationUsers::Role,
                    LocationUsers::Permissions,
                    LocationUsers::Information,
                ])
                .to_owned(),
        )
        .to_owned();
    c.execute(&stmt).await?;
    c.note_access_change();
    Ok(())
}

/// Sets an existing member's role and permission values.
pub async fn set_permissions(
    c: &mut Conn<'_>,
    location_id: i64,
    user_id: i64,
    role: &str,
    permissions: &str,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(LocationUsers::Table)
        .values([
            (LocationUsers::Role, role.into()),
            (LocationUsers::Permissions, permissions.into()),
        ])
        .and_where(Expr::col(LocationUsers::LocationId).eq(location_id))
        .and_where(Expr::col(LocationUsers::UserId).eq(user_id))
        .to_owned();
    c.execute(&stmt).await?;
    c.note_access_change();
    Ok(())
}

/// Removes a membership (accepted or invited), its pending invitations and the link of the
/// location's team member to the user. Whether there was one.
pub async fn remove_member(c: &mut Conn<'_>, location_id: i64, user_id: i64) -> StoreResult<bool> {
    let stmt = Query::delete()
        .from_table(LocationUsers::Table)
        .and_where(Expr::col(LocationUsers::LocationId).eq(location_id))
        .and_where(Expr::col(LocationUsers::UserId).eq(user_id))
        .to_owned();
    let removed = c.execute(&stmt).await? > 0;
    let stmt = Query::delete()
        .from_table(Invitations::Table)
        .and_where(Expr::col(Invitations::LocationId).eq(location_id))
        .and_where(Expr::col(Invitations::UserId).eq(user_id))
        .and_where(Expr::col(Invitations::AcceptedAt).is_null())
        .to_owned();
    c.execute(&stmt).await?;
    link_team_member(c, location_id, user_id, None).await?;
    c.note_access_change();
    Ok(removed)
}

/// The live team member of the location linked to the user.
pub async fn linked_team_member(
    c: &mut Conn<'_>,
    location_id: i64,
    user_id: i64,
) -> StoreResult<Option<i64>> {
    let stmt = Query::select()
        .column(TeamMembers::Id)
        .from(TeamMembers::Table)
        .and_where(Expr::col(TeamMembers::LocationId).eq(location_id))
        .and_where(Expr::col(TeamMembers::UserId).eq(user_id))
        .and_where(Expr::col(TeamMembers::DeletedAt).is_null())
        .order_by(TeamMembers::Id, Order::Asc)
        .limit(1)
        .to_owned();
    c.scalar(&stmt).await
}

/// Links the user to one team member of the location (unlinking any other), or to none.
pub async fn link_team_member(
    c: &mut Conn<'_>,
    location_id: i64,
    user_id: i64,
    team_member_id: Option<i64>,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(TeamMembers::Table)
        .value(TeamMembers::UserId, Option::<i64>::None)
        .and_where(Expr::col(TeamMembers::LocationId).eq(location_id))
        .and_where(Expr::col(TeamMembers::UserId).eq(user_id))
        .to_owned();
    c.execute(&stmt).await?;
    if let Some(id) = team_member_id {
        let stmt = Query::update()
            .table(TeamMembers::Table)
            .value(TeamMembers::UserId, user_id)
            .and_where(Expr::col(TeamMembers::LocationId).eq(location_id))
            .and_where(Expr::col(TeamMembers::Id).eq(id))
            .to_owned();
        c.execute(&stmt).await?;
    }
    Ok(())
}

/// An invitation to a location.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Invitation {
    pub id: i64,
    pub location_id: i64,
    pub user_id: i64,
    pub expires_at: i64,
    pub accepted_at: Option<i64>,
}
crate::sqlite_row!(Invitation {
    id,
    location_id,
    user_id,
    expires_at,
    accepted_at
});

pub async fn insert_invitation(
    c: &mut Conn<'_>,
    location_id: i64,
    user_id: i64,
    token_hash: &str,
    invited_by: i64,
    now: i64,
    expires_at: i64,
) -> StoreResult<i64> {
    let stmt = Query::insert()
        .into_table(Invitations::Table)
        .columns([
            Invitations::LocationId,
            Invitations::UserId,
            Invitations::TokenHash,
            Invitations::InvitedBy,
            Invitations::CreatedAt,
            Invitations::ExpiresAt,
        ])
        .values_panic([
            location_id.into(),
            user_id.into(),
            token_hash.into(),
            invited_by.into(),
            now.into(),
            expires_at.into(),
        ])
        .returning_col(Invitations::Id)
        .to_owned();
    c.scalar(&stmt).await?.ok_or(StoreError::NotFound)
}

/// The invitation behind a token digest (the digest is the lookup key; the token itself is
/// never stored).
pub async fn invitation_by_token(
    c: &mut Conn<'_>,
    token_hash: &str,
) -> StoreResult<Option<Invitation>> {
    let stmt = Query::select()
        .columns([
            Invitations::Id,
            Invitations::LocationId,
            Invitations::UserId,
            Invitations::ExpiresAt,
            Invitations::AcceptedAt,
        ])
        .from(Invitations::Table)
        .and_where(Expr::col(Invitations::TokenHash).eq(token_hash))
        .to_owned();
    c.optional(&stmt).await
}

/// Accepts an invitation: the invitation is used and the membership approved. Whether it was
/// still open (a concurrent acceptance loses).
pub async fn accept_invitation(
    c: &mut Conn<'_>,
    invitation: &Invitation,
    now: i64,
) -> StoreResult<bool> {
    let stmt = Query::update()
        .table(Invitations::Table)
        .value(Invitations::AcceptedAt, now)
        .and_where(Expr::col(Invitations::Id).eq(invitation.id))
        .and_where(Expr::col(Invitations::AcceptedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Ok(false);
    }
    let stmt = Query::update()
        .table(LocationUsers::Table)
        .value(LocationUsers::IsApproved, true)
        .and_where(Expr::col(LocationUsers::LocationId).eq(invitation.location_id))
        .and_where(Expr::col(LocationUsers::UserId).eq(invitation.user_id))
        .to_owned();
    let approved = c.execute(&stmt).await? > 0;
    c.note_access_change();
    Ok(approved)
}

/// The user's accepted memberships: `(location_id, role, permission values as JSON)`.
pub async fn memberships_of(
    c: &mut Conn<'_>,
    user_id: i64,
) -> StoreResult<Vec<(i64, String, String)>> {
    let stmt = Query::select()
        .columns([
            LocationUsers::LocationId,
            LocationUsers::Role,
            LocationUsers::Permissions,
        ])
        .from(LocationUsers::Table)
        .and_where(Expr::col(LocationUsers::UserId).eq(user_id))
        .and_where(Expr::col(LocationUsers::IsApproved).eq(true))
        .to_owned();
    c.all(&stmt).await
}
