//! Idempotency keys: the first answer of a write, kept for replay (see the HTTP layer's
//! `idempotency` module for the protocol).

use sea_query::{Expr, Iden, OnConflict, Query};

use crate::{Conn, StoreResult};

#[derive(Iden, Clone, Copy)]
enum IdempotencyKeys {
    Table,
    PartnerId,
    UserId,
    IdemKey,
    RequestHash,
    Status,
    ContentType,
    Body,
    CreatedAt,
}

/// Who sent a key: keys of different partners or users never meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    pub partner_id: i64,
    /// 0 for a partner token alone.
    pub user_id: i64,
}

/// A key's record.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Entry {
    pub request_hash: String,
    /// `None` while the first request runs.
    pub status: Option<i64>,
    pub content_type: String,
    pub body: String,
    pub created_at: i64,
}
crate::sqlite_row!(Entry {
    request_hash,
    status,
    content_type,
    body,
    created_at
});

/// What [`claim`] found.
#[derive(Debug)]
pub enum Claim {
    /// The key is new (or had expired): this request runs the operation.
    Fresh,
    /// The key was used before and has not expired.
    Seen(Entry),
}

fn key_filter(scope: Scope, key: &str) -> sea_query::Cond {
    sea_query::Cond::all()
        .add(Expr::col(IdempotencyKeys::PartnerId).eq(scope.partner_id))
        .add(Expr::col(IdempotencyKeys::UserId).eq(scope.user_id))
        .add(Expr::col(IdempotencyKeys::IdemKey).eq(key))
}

/// How long entries live.
#[derive(Debug, Clone, Copy)]
pub struct Expiry {
    /// Entries created before this are gone.
    pub expired_before: i64,
    /// Claims still without an answer created before this were abandoned (their server
    /// stopped mid-request): the key may be claimed again.
    pub abandoned_before: i64,
}

/// Claims `key` for a request with this hash, or returns what an earlier request with the key
/// left. An expired or abandoned entry is replaced. Commit right after: a concurrent claim of
/// the same key waits for this transaction.
pub async fn claim(
    c: &mut Conn<'_>,
    scope: Scope,
    key: &str,
    request_hash: &str,
    now: i64,
    expiry: Expiry,
) -> StoreResult<Claim> {
    let expired = Query::delete()
        .from_table(IdempotencyKeys::Table)
        .cond_where(key_filter(scope, key))
        .cond_where(
            sea_query::Cond::any()
                .add(Expr::col(IdempotencyKeys::CreatedAt).lt(expiry.expired_before))
                .add(
                    sea_query::Cond::all()
                        .add(Expr::col(IdempotencyKeys::Status).is_null())
                        .add(Expr::col(IdempotencyKeys::CreatedAt).lt(expiry.abandoned_before)),
                ),
        )
        .to_owned();
    c.execute(&expired).await?;
    let insert = Query::insert()
        .into_table(IdempotencyKeys::Table)
        .columns([
            IdempotencyKeys::PartnerId,
            IdempotencyKeys::UserId,
            IdempotencyKeys::IdemKey,
            IdempotencyKeys::RequestHash,
            IdempotencyKeys::CreatedAt,
        ])
        .values_panic([
            scope.partner_id.into(),
            scope.user_id.into(),
            key.into(),
            request_hash.into(),
            now.into(),
        ])
        .on_conflict(
            OnConflict::columns([
                IdempotencyKeys::PartnerId,
                IdempotencyKeys::UserId,
                IdempotencyKeys::IdemKey,
            ])
            .do_nothing()
            .to_owned(),
        )
        .to_owned();
    if c.execute(&insert).await? == 1 {
        return Ok(Claim::Fresh);
    }
    Ok(match entry(c, scope, key).await? {
        Some(entry) => Claim::Seen(entry),
        // Gone in between (released by a failed first request): claim it.
        None => {
            c.execute(&insert).await?;
            Claim::Fresh
        }
    })
}

/// The key's current record.
pub async fn entry(c: &mut Conn<'_>, scope: Scope, key: &str) -> StoreResult<Option<Entry>> {
    let stmt = Query::select()
        .columns([
            IdempotencyKeys::RequestHash,
            IdempotencyKeys::Status,
            IdempotencyKeys::ContentType,
            IdempotencyKeys::Body,
            IdempotencyKeys::CreatedAt,
        ])
        .from(IdempotencyKeys::Table)
        .cond_where(key_filter(scope, key))
        .to_owned();
    c.optional(&stmt).await
}

/// Stores the answer of the request that claimed the key.
pub async fn complete(
    c: &mut Conn<'_>,
    scope: Scope,
    key: &str,
    status: u16,
    content_type: &str,
    body: &str,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(IdempotencyKeys::Table)
        .values([
            (IdempotencyKeys::Status, i64::from(status).into()),
            (IdempotencyKeys::ContentType, content_type.into()),
            (IdempotencyKeys::Body, body.into()),
        ])
        .cond_where(key_filter(scope, key))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Gives a key up (its request failed in a way a retry may not): the next request runs anew.
pub async fn release(c: &mut Conn<'_>, scope: Scope, key: &str) -> StoreResult<()> {
    let stmt = Query::delete()
        .from_table(IdempotencyKeys::Table)
        .cond_where(key_filter(scope, key))
        .and_where(Expr::col(IdempotencyKeys::Status).is_null())
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Deletes every entry created before `expired_before`; returns how many.
pub async fn purge(c: &mut Conn<'_>, expired_before: i64) -> StoreResult<u64> {
    let stmt = Query::delete()
        .from_table(IdempotencyKeys::Table)
        .and_where(Expr::col(IdempotencyKeys::CreatedAt).lt(expired_before))
        .to_owned();
    c.execute(&stmt).await
}
