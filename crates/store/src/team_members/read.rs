//! Reading team members: the row, the one select every read shares (with the position and the
//! linked user joined), and the reads by id and by location.

use bizd_domain::staff::{PositionFields, TeamMemberFields};
use sea_query::{Alias, Asterisk, Expr, Order, Query, SelectStatement, SimpleExpr};

use super::positions::{Position, Positions};
use super::TeamMembers;
use crate::auth::Users;
use crate::services::ServiceStaff;
use crate::{Conn, StoreResult};

/// A stored team member. Deleted ones stay readable by id.
#[derive(Debug, Clone)]
pub struct TeamMember {
    pub id: i64,
    pub location_id: i64,
    pub fields: TeamMemberFields,
    /// The assigned position (of the location's chain), when there is one.
    pub position: Option<Position>,
    /// The linked user account, when there is one.
    pub user: Option<LinkedUser>,
    pub avatar: String,
    pub avatar_big: String,
    pub rating: f64,
    pub votes_count: i64,
    pub comments_count: i64,
    /// Not fired, not hidden, not deleted and provides at least one service.
    pub bookable: bool,
    pub deleted_at: Option<i64>,
}

/// The user account a team member is linked to, as team member answers show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedUser {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub avatar: String,
    pub is_approved: bool,
}

/// The `users` columns joined to a team member (all `NULL` when none is linked).
#[derive(sqlx::FromRow)]
struct LinkedUserRow {
    linked_user_id: Option<i64>,
    user_name: Option<String>,
    user_phone: Option<String>,
    user_email: Option<String>,
    user_avatar: Option<String>,
    user_is_approved: Option<bool>,
}
crate::sqlite_row!(LinkedUserRow {
    linked_user_id,
    user_name,
    user_phone,
    user_email,
    user_avatar,
    user_is_approved
});

impl LinkedUserRow {
    fn into_user(self) -> Option<LinkedUser> {
        Some(LinkedUser {
            id: self.linked_user_id?,
            name: self.user_name.unwrap_or_default(),
            phone: self.user_phone.unwrap_or_default(),
            email: self.user_email.unwrap_or_default(),
            avatar: self.user_avatar.unwrap_or_default(),
            is_approved: self.user_is_approved.unwrap_or_default(),
        })
    }
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
    position_chain_id: Option<i64>,
    position_api_id: Option<String>,
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
    #[sqlx(flatten)]
    user: LinkedUserRow,
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
    position_chain_id,
    position_api_id,
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
} flatten { user });

impl From<TeamMemberRow> for TeamMember {
    fn from(r: TeamMemberRow) -> Self {
        let bookable = !r.fired && !r.hidden && r.deleted_at.is_none() && r.link_count > 0;
        TeamMember {
            id: r.id,
            location_id: r.location_id,
            position: match (r.position_id, r.position_title, r.position_chain_id) {
                (Some(id), Some(title), Some(chain_id)) => Some(Position {
                    id,
                    chain_id,
                    fields: PositionFields {
                        title,
                        api_id: r.position_api_id.unwrap_or_default(),
                    },
                }),
                _ => None,
            },
            user: r.user.into_user(),
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

pub(super) fn col(c: TeamMembers) -> Expr {
    Expr::col((TeamMembers::Table, c))
}

/// `FROM service_staff WHERE service_staff.team_member_id = team_members.id`: the member's links.
pub(super) fn links_of_member() -> SelectStatement {
    Query::select()
        .from(ServiceStaff::Table)
        .and_where(
            Expr::col((ServiceStaff::Table, ServiceStaff::TeamMemberId))
                .equals((TeamMembers::Table, TeamMembers::Id)),
        )
        .to_owned()
}

/// `SELECT <team member columns>, positions.title AS position_title, …, users.name AS
/// user_name, …, (SELECT COUNT(*) …) AS link_count FROM team_members LEFT JOIN positions LEFT
/// JOIN users`.
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
            Expr::col((Positions::Table, Positions::ChainId)),
            Alias::new("position_chain_id"),
        )
        .expr_as(
            Expr::col((Positions::Table, Positions::ApiId)),
            Alias::new("position_api_id"),
        )
        .expr_as(
            Expr::col((Users::Table, Users::Id)),
            Alias::new("linked_user_id"),
        )
        .expr_as(
            Expr::col((Users::Table, Users::Name)),
            Alias::new("user_name"),
        )
        .expr_as(
            Expr::col((Users::Table, Users::Phone)),
            Alias::new("user_phone"),
        )
        .expr_as(
            Expr::col((Users::Table, Users::Email)),
            Alias::new("user_email"),
        )
        .expr_as(
            Expr::col((Users::Table, Users::Avatar)),
            Alias::new("user_avatar"),
        )
        .expr_as(
            Expr::col((Users::Table, Users::IsApproved)),
            Alias::new("user_is_approved"),
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
        .left_join(
            Users::Table,
            Expr::col((Users::Table, Users::Id)).equals((TeamMembers::Table, TeamMembers::UserId)),
        )
        .to_owned()
}

/// A team member of the location, deleted ones included.
pub async fn get(c: &mut Conn<'_>, location_id: i64, id: i64) -> StoreResult<Option<TeamMember>> {
    // Every booking checks its team member: rendered once.
    static STATEMENT: crate::Prepared = crate::Prepared::new();
    let build = || {
        select_team_members()
            .and_where(col(TeamMembers::Id).eq(id))
            .and_where(col(TeamMembers::LocationId).eq(location_id))
            .to_owned()
    };
    let stmt = STATEMENT.bind(build, [id.into(), location_id.into()], c.backend());
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
