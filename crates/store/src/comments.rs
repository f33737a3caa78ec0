//! Reviews ("comments" in the reference): a rating with a text, for a team member or for the
//! location, with the author and the name shown. A team member's `rating`, `votes_count` and
//! `comments_count` are recomputed from the rows by [`refresh_team_member_rating`] in the
//! transaction that adds a review (which locks the team member first).

use sea_query::{Expr, Iden, Order, Query, SelectStatement};

use crate::auth::Users;
use crate::team_members::TeamMembers;
use crate::{Conn, StoreError, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum Comments {
    Table,
    Id,
    LocationId,
    TeamMemberId,
    UserId,
    Username,
    Text,
    Rating,
    RecordId,
    CreatedAt,
}

/// A review as stored, with its author's current avatar.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Comment {
    pub id: i64,
    pub location_id: i64,
    /// `None`: a review of the location itself.
    pub team_member_id: Option<i64>,
    pub user_id: Option<i64>,
    pub username: String,
    pub text: String,
    pub rating: i64,
    pub record_id: Option<i64>,
    pub created_at: i64,
    /// The author's avatar (`None` without an author).
    pub user_avatar: Option<String>,
}
crate::sqlite_row!(Comment {
    id,
    location_id,
    team_member_id,
    user_id,
    username,
    text,
    rating,
    record_id,
    created_at,
    user_avatar
});

/// A review to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComment {
    pub location_id: i64,
    pub team_member_id: Option<i64>,
    pub user_id: i64,
    pub username: String,
    pub text: String,
    pub rating: i64,
}

/// Filters of a location's review list; instants are UTC seconds, `[from, to)`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CommentFilter {
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub team_member_id: Option<i64>,
    pub rating: Option<i64>,
}

#[derive(Iden)]
enum Author {
    UserAvatar,
}

fn col(c: Comments) -> Expr {
    Expr::col((Comments::Table, c))
}

fn select_comments(location_id: i64) -> SelectStatement {
    Query::select()
        .columns(
            [
                Comments::Id,
                Comments::LocationId,
                Comments::TeamMemberId,
                Comments::UserId,
                Comments::Username,
                Comments::Text,
                Comments::Rating,
                Comments::RecordId,
                Comments::CreatedAt,
            ]
            .map(|c| (Comments::Table, c)),
        )
        .expr_as(Expr::col((Users::Table, Users::Avatar)), Author::UserAvatar)
        .from(Comments::Table)
        .left_join(
            Users::Table,
            Expr::col((Users::Table, Users::Id)).equals((Comments::Table, Comments::UserId)),
        )
        .and_where(col(Comments::LocationId).eq(location_id))
        .to_owned()
}

/// A page of the location's reviews matching `f`, newest first (then by id, descending).
pub async fn list(
    c: &mut Conn<'_>,
    location_id: i64,
    f: &CommentFilter,
    limit: i64,
    offset: i64,
) -> StoreResult<Vec<Comment>> {
    let mut stmt = select_comments(location_id);
    if let Some(from) = f.from {
        stmt.and_where(col(Comments::CreatedAt).gte(from));
    }
    if let Some(to) = f.to {
        stmt.and_where(col(Comments::CreatedAt).lt(to));
    }
    if let Some(id) = f.team_member_id {
        stmt.and_where(col(Comments::TeamMemberId).eq(id));
    }
    if let Some(rating) = f.rating {
        stmt.and_where(col(Comments::Rating).eq(rating));
    }
    stmt.order_by((Comments::Table, Comments::CreatedAt), Order::Desc)
        .order_by((Comments::Table, Comments::Id), Order::Desc)
        .limit(limit.max(0) as u64)
        .offset(offset.max(0) as u64);
    c.all(&stmt).await
}

/// One review of the location.
pub async fn get(c: &mut Conn<'_>, location_id: i64, id: i64) -> StoreResult<Option<Comment>> {
    let stmt = select_comments(location_id)
        .and_where(col(Comments::Id).eq(id))
        .to_owned();
    c.optional(&stmt).await
}

/// Whether the team member is a live (not deleted) member of the location.
pub async fn is_live_team_member(
    c: &mut Conn<'_>,
    location_id: i64,
    team_member_id: i64,
) -> StoreResult<bool> {
    let stmt = Query::select()
        .column(TeamMembers::Id)
        .from(TeamMembers::Table)
        .and_where(Expr::col(TeamMembers::Id).eq(team_member_id))
        .and_where(Expr::col(TeamMembers::LocationId).eq(location_id))
        .and_where(Expr::col(TeamMembers::DeletedAt).is_null())
        .to_owned();
    Ok(c.scalar::<i64>(&stmt).await?.is_some())
}

/// Adds a review; returns its id (run it in a write transaction).
pub async fn insert(c: &mut Conn<'_>, new: &NewComment, now: i64) -> StoreResult<i64> {
    let stmt = Query::insert()
        .into_table(Comments::Table)
        .columns([
            Comments::LocationId,
            Comments::TeamMemberId,
            Comments::UserId,
            Comments::Username,
            Comments::Text,
            Comments::Rating,
            Comments::CreatedAt,
        ])
        .values_panic([
            new.location_id.into(),
            new.team_member_id.into(),
            new.user_id.into(),
            new.username.as_str().into(),
            new.text.as_str().into(),
            new.rating.into(),
            now.into(),
        ])
        .returning_col(Comments::Id)
        .to_owned();
    c.scalar(&stmt).await?.ok_or(StoreError::NotFound)
}

/// Recomputes the team member's `rating` (the mean of its reviews' ratings, 0 without any),
/// `votes_count` and `comments_count` from its reviews. Run it in the write transaction that
/// changed them, after locking the team member, so concurrent reviews cannot lose a vote.
pub async fn refresh_team_member_rating(c: &mut Conn<'_>, team_member_id: i64) -> StoreResult<()> {
    let stmt = Query::select()
        .expr(Expr::col(Comments::Id).count())
        .expr(Expr::cust("CAST(COALESCE(SUM(rating), 0) AS BIGINT)"))
        .from(Comments::Table)
        .and_where(Expr::col(Comments::TeamMemberId).eq(team_member_id))
        .to_owned();
    let (count, sum): (i64, i64) = c.one(&stmt).await?;
    let rating = if count == 0 {
        0.0
    } else {
        sum as f64 / count as f64 // not money: the mean of 1–5 votes
    };
    let stmt = Query::update()
        .table(TeamMembers::Table)
        .values([
            (TeamMembers::Rating, rating.into()),
            (TeamMembers::VotesCount, count.into()),
            (TeamMembers::CommentsCount, count.into()),
        ])
        .and_where(Expr::col(TeamMembers::Id).eq(team_member_id))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}
