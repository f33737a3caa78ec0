//! Phone confirmation codes (stored as digests, short-lived, with an attempt count) and the
//! outbox: the messages for clients, kept until a gateway sends them (operators read them with
//! `bizd admin outbox`).

use sea_query::{Expr, Iden, Order, Query};

use crate::{Conn, StoreError, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum BookingCodes {
    Table,
    Id,
    LocationId,
    Phone,
    CodeHash,
    ExpiresAt,
    Attempts,
    UsedAt,
    CreatedAt,
}
use BookingCodes as B;

#[derive(Iden, Clone, Copy)]
pub(crate) enum Outbox {
    Table,
    Id,
    LocationId,
    Channel,
    Recipient,
    Body,
    CreatedAt,
    SentAt,
}

/// A code that may still be used.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LiveCode {
    pub id: i64,
    pub code_hash: String,
    pub attempts: i64,
}
crate::sqlite_row!(LiveCode {
    id,
    code_hash,
    attempts
});

/// Stores a new code for `phone` (digits).
pub async fn insert_code(
    c: &mut Conn<'_>,
    location_id: Option<i64>,
    phone: &str,
    code_hash: &str,
    expires_at: i64,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(B::Table)
        .columns([
            B::LocationId,
            B::Phone,
            B::CodeHash,
            B::ExpiresAt,
            B::CreatedAt,
        ])
        .values_panic([
            location_id.into(),
            phone.into(),
            code_hash.into(),
            expires_at.into(),
            now.into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// How many codes were sent to `phone` since `since` (the per-phone rate limit).
pub async fn codes_sent_since(c: &mut Conn<'_>, phone: &str, since: i64) -> StoreResult<i64> {
    let stmt = Query::select()
        .expr(Expr::col(B::Id).count())
        .from(B::Table)
        .and_where(Expr::col(B::Phone).eq(phone))
        .and_where(Expr::col(B::CreatedAt).gte(since))
        .to_owned();
    Ok(c.scalar(&stmt).await?.unwrap_or(0))
}

/// The newest unused, unexpired code of `phone`.
pub async fn live_code(c: &mut Conn<'_>, phone: &str, now: i64) -> StoreResult<Option<LiveCode>> {
    let stmt = Query::select()
        .columns([B::Id, B::CodeHash, B::Attempts])
        .from(B::Table)
        .and_where(Expr::col(B::Phone).eq(phone))
        .and_where(Expr::col(B::UsedAt).is_null())
        .and_where(Expr::col(B::ExpiresAt).gt(now))
        .order_by(B::CreatedAt, Order::Desc)
        .order_by(B::Id, Order::Desc)
        .limit(1)
        .to_owned();
    c.optional(&stmt).await
}

/// Counts a wrong attempt at a code.
pub async fn count_attempt(c: &mut Conn<'_>, id: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(B::Table)
        .value(B::Attempts, Expr::col(B::Attempts).add(1))
        .and_where(Expr::col(B::Id).eq(id))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Marks a code used; false when it was used meanwhile (a code confirms one booking).
pub async fn use_code(c: &mut Conn<'_>, id: i64, now: i64) -> StoreResult<bool> {
    let stmt = Query::update()
        .table(B::Table)
        .value(B::UsedAt, now)
        .and_where(Expr::col(B::Id).eq(id))
        .and_where(Expr::col(B::UsedAt).is_null())
        .to_owned();
    Ok(c.execute(&stmt).await? == 1)
}

/// A message waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OutboxMessage {
    pub id: i64,
    pub location_id: Option<i64>,
    pub channel: String,
    pub recipient: String,
    pub body: String,
    pub created_at: i64,
}
crate::sqlite_row!(OutboxMessage {
    id,
    location_id,
    channel,
    recipient,
    body,
    created_at
});

/// Puts a message in the outbox; returns its id.
pub async fn push(
    c: &mut Conn<'_>,
    location_id: Option<i64>,
    channel: &str,
    recipient: &str,
    body: &str,
    now: i64,
) -> StoreResult<i64> {
    let stmt = Query::insert()
        .into_table(Outbox::Table)
        .columns([
            Outbox::LocationId,
            Outbox::Channel,
            Outbox::Recipient,
            Outbox::Body,
            Outbox::CreatedAt,
        ])
        .values_panic([
            location_id.into(),
            channel.into(),
            recipient.into(),
            body.into(),
            now.into(),
        ])
        .returning_col(Outbox::Id)
        .to_owned();
    c.scalar(&stmt).await?.ok_or(StoreError::NotFound)
}

/// The newest `limit` messages, newest first.
pub async fn outbox(c: &mut Conn<'_>, limit: u64) -> StoreResult<Vec<OutboxMessage>> {
    let stmt = Query::select()
        .columns([
            Outbox::Id,
            Outbox::LocationId,
            Outbox::Channel,
            Outbox::Recipient,
            Outbox::Body,
            Outbox::CreatedAt,
        ])
        .from(Outbox::Table)
        .and_where(Expr::col(Outbox::SentAt).is_null())
        .order_by(Outbox::Id, Order::Desc)
        .limit(limit)
        .to_owned();
    c.all(&stmt).await
}
