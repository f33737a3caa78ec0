//! Comments on a client, with their authors.

use sea_query::{Expr, Iden, Order, Query, SelectStatement};

use crate::auth::Users;
use crate::{Conn, StoreError, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum ClientComments {
    Table,
    Id,
    LocationId,
    ClientId,
    UserId,
    Kind,
    Text,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

/// A comment on a client, with its author.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRow {
    pub id: i64,
    pub kind: String,
    pub text: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    pub user_avatar: Option<String>,
}
crate::sqlite_row!(CommentRow {
    id,
    kind,
    text,
    created_at,
    updated_at,
    user_id,
    user_name,
    user_avatar
});

#[derive(Iden)]
enum Author {
    UserName,
    UserAvatar,
}

fn select_comments(location_id: i64, client_id: i64) -> SelectStatement {
    Query::select()
        .columns(
            [
                ClientComments::Id,
                ClientComments::Kind,
                ClientComments::Text,
                ClientComments::CreatedAt,
                ClientComments::UpdatedAt,
                ClientComments::UserId,
            ]
            .map(|c| (ClientComments::Table, c)),
        )
        .expr_as(Expr::col((Users::Table, Users::Name)), Author::UserName)
        .expr_as(Expr::col((Users::Table, Users::Avatar)), Author::UserAvatar)
        .from(ClientComments::Table)
        .left_join(
            Users::Table,
            Expr::col((Users::Table, Users::Id))
                .equals((ClientComments::Table, ClientComments::UserId)),
        )
        .and_where(Expr::col((ClientComments::Table, ClientComments::LocationId)).eq(location_id))
        .and_where(Expr::col((ClientComments::Table, ClientComments::ClientId)).eq(client_id))
        .and_where(Expr::col((ClientComments::Table, ClientComments::DeletedAt)).is_null())
        .to_owned()
}

/// Adds a comment (`kind` `default` for text, `file` for the one announcing an upload).
pub async fn insert_comment(
    c: &mut Conn<'_>,
    location_id: i64,
    client_id: i64,
    user_id: i64,
    kind: &str,
    text: &str,
    now: i64,
) -> StoreResult<i64> {
    let stmt = Query::insert()
        .into_table(ClientComments::Table)
        .columns([
            ClientComments::LocationId,
            ClientComments::ClientId,
            ClientComments::UserId,
            ClientComments::Kind,
            ClientComments::Text,
            ClientComments::CreatedAt,
            ClientComments::UpdatedAt,
        ])
        .values_panic([
            location_id.into(),
            client_id.into(),
            user_id.into(),
            kind.into(),
            text.into(),
            now.into(),
            now.into(),
        ])
        .returning_col(ClientComments::Id)
        .to_owned();
    c.scalar(&stmt).await?.ok_or(StoreError::NotFound)
}

/// Live comments of a client, newest first.
pub async fn comments(
    c: &mut Conn<'_>,
    location_id: i64,
    client_id: i64,
) -> StoreResult<Vec<CommentRow>> {
    let stmt = select_comments(location_id, client_id)
        .order_by((ClientComments::Table, ClientComments::Id), Order::Desc)
        .to_owned();
    c.all(&stmt).await
}

pub async fn comment(
    c: &mut Conn<'_>,
    location_id: i64,
    client_id: i64,
    id: i64,
) -> StoreResult<Option<CommentRow>> {
    let stmt = select_comments(location_id, client_id)
        .and_where(Expr::col((ClientComments::Table, ClientComments::Id)).eq(id))
        .to_owned();
    c.optional(&stmt).await
}

/// Deletes a comment; files it announced stay.
pub async fn delete_comment(
    c: &mut Conn<'_>,
    location_id: i64,
    client_id: i64,
    id: i64,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(ClientComments::Table)
        .values([(ClientComments::DeletedAt, now.into())])
        .and_where(Expr::col(ClientComments::Id).eq(id))
        .and_where(Expr::col(ClientComments::LocationId).eq(location_id))
        .and_where(Expr::col(ClientComments::ClientId).eq(client_id))
        .and_where(Expr::col(ClientComments::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
