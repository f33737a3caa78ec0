//! Files attached to a client; the bytes live under the data directory.

use sea_query::{Expr, Iden, Order, Query, SelectStatement};

use super::comments::insert_comment;
use crate::auth::Users;
use crate::{Conn, StoreError, StoreResult};

#[derive(Iden, Clone, Copy)]
enum ClientFiles {
    Table,
    Id,
    LocationId,
    ClientId,
    CommentId,
    UserId,
    Name,
    Description,
    Extension,
    Mime,
    Size,
    StoragePath,
    CreatedAt,
    DeletedAt,
}

/// A stored client file, with its uploader.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FileRow {
    pub id: i64,
    pub client_id: i64,
    pub comment_id: Option<i64>,
    pub name: String,
    pub description: String,
    pub extension: String,
    pub mime: String,
    pub size: i64,
    pub storage_path: String,
    pub created_at: i64,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    pub user_avatar: Option<String>,
}
crate::sqlite_row!(FileRow {
    id,
    client_id,
    comment_id,
    name,
    description,
    extension,
    mime,
    size,
    storage_path,
    created_at,
    user_id,
    user_name,
    user_avatar
});

/// A file to record; the bytes are already on disk at `storage_path`.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub name: String,
    pub description: String,
    pub extension: String,
    pub mime: String,
    pub size: i64,
    pub storage_path: String,
}

#[derive(Iden)]
enum Uploader {
    UserName,
    UserAvatar,
}

fn select_files(location_id: i64, client_id: i64) -> SelectStatement {
    Query::select()
        .columns(
            [
                ClientFiles::Id,
                ClientFiles::ClientId,
                ClientFiles::CommentId,
                ClientFiles::Name,
                ClientFiles::Description,
                ClientFiles::Extension,
                ClientFiles::Mime,
                ClientFiles::Size,
                ClientFiles::StoragePath,
                ClientFiles::CreatedAt,
                ClientFiles::UserId,
            ]
            .map(|c| (ClientFiles::Table, c)),
        )
        .expr_as(Expr::col((Users::Table, Users::Name)), Uploader::UserName)
        .expr_as(
            Expr::col((Users::Table, Users::Avatar)),
            Uploader::UserAvatar,
        )
        .from(ClientFiles::Table)
        .left_join(
            Users::Table,
            Expr::col((Users::Table, Users::Id)).equals((ClientFiles::Table, ClientFiles::UserId)),
        )
        .and_where(Expr::col((ClientFiles::Table, ClientFiles::LocationId)).eq(location_id))
        .and_where(Expr::col((ClientFiles::Table, ClientFiles::ClientId)).eq(client_id))
        .and_where(Expr::col((ClientFiles::Table, ClientFiles::DeletedAt)).is_null())
        .to_owned()
}

/// Records an uploaded file and the `file` comment that announces it; returns the file id.
pub async fn insert_file(
    c: &mut Conn<'_>,
    location_id: i64,
    client_id: i64,
    user_id: i64,
    file: &NewFile,
    now: i64,
) -> StoreResult<i64> {
    let comment_id = insert_comment(c, location_id, client_id, user_id, "file", "", now).await?;
    let stmt = Query::insert()
        .into_table(ClientFiles::Table)
        .columns([
            ClientFiles::LocationId,
            ClientFiles::ClientId,
            ClientFiles::CommentId,
            ClientFiles::UserId,
            ClientFiles::Name,
            ClientFiles::Description,
            ClientFiles::Extension,
            ClientFiles::Mime,
            ClientFiles::Size,
            ClientFiles::StoragePath,
            ClientFiles::CreatedAt,
        ])
        .values_panic([
            location_id.into(),
            client_id.into(),
            comment_id.into(),
            user_id.into(),
            file.name.as_str().into(),
            file.description.as_str().into(),
            file.extension.as_str().into(),
            file.mime.as_str().into(),
            file.size.into(),
            file.storage_path.as_str().into(),
            now.into(),
        ])
        .returning_col(ClientFiles::Id)
        .to_owned();
    c.scalar(&stmt).await?.ok_or(StoreError::NotFound)
}

/// Live files of a client, newest first.
pub async fn files(
    c: &mut Conn<'_>,
    location_id: i64,
    client_id: i64,
) -> StoreResult<Vec<FileRow>> {
    let stmt = select_files(location_id, client_id)
        .order_by((ClientFiles::Table, ClientFiles::Id), Order::Desc)
        .to_owned();
    c.all(&stmt).await
}

pub async fn file(
    c: &mut Conn<'_>,
    location_id: i64,
    client_id: i64,
    id: i64,
) -> StoreResult<Option<FileRow>> {
    let stmt = select_files(location_id, client_id)
        .and_where(Expr::col((ClientFiles::Table, ClientFiles::Id)).eq(id))
        .to_owned();
    c.optional(&stmt).await
}

/// Marks a file deleted; the caller removes the bytes.
pub async fn delete_file(
    c: &mut Conn<'_>,
    location_id: i64,
    client_id: i64,
    id: i64,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(ClientFiles::Table)
        .values([(ClientFiles::DeletedAt, now.into())])
        .and_where(Expr::col(ClientFiles::Id).eq(id))
        .and_where(Expr::col(ClientFiles::LocationId).eq(location_id))
        .and_where(Expr::col(ClientFiles::ClientId).eq(client_id))
        .and_where(Expr::col(ClientFiles::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
