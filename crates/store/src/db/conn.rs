//! [`Conn`]: where every query runs. A statement is built once with sea-query and rendered for
//! the backend of the connection it runs on (`?` placeholders for SQLite, `$N` for PostgreSQL);
//! rows decode through `sqlx::FromRow`, implemented once for both row types.
//!
//! One type for every kind of connection, so one store function serves a plain read, a
//! consistent snapshot and a write transaction alike:
//! - [`Db::read`](super::Db::read): autocommit (SQLite: a statement connection held outside the
//!   pool; PostgreSQL: a pooled connection);
//! - [`Db::snapshot`](super::Db::snapshot): a read-only transaction, one consistent view;
//! - [`Db::write`](super::Db::write): a write transaction; nothing is kept unless
//!   [`Conn::commit`] is called.

use sea_query::{PostgresQueryBuilder, SqliteQueryBuilder, Values};
use sea_query_binder::{SqlxBinder, SqlxValues};
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnection, PgRow, Postgres};
use sqlx::sqlite::{Sqlite, SqliteConnection, SqliteRow};
use sqlx::{Decode, FromRow, Type};
use tokio::sync::OwnedMutexGuard;

use super::lock::Lock;
use super::sqlite::StatementSlot;
use super::{Backend, StoreError, StoreResult};

/// A row type that decodes from both backends' rows (derive `sqlx::FromRow` with portable field
/// types: integers, text, booleans, floats for non-money quantities, their `Option`s).
pub trait Row:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin + 'static
{
}
impl<T> Row for T where
    T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin + 'static
{
}

/// A single-column value that decodes from both backends.
pub trait Scalar:
    for<'r> Decode<'r, Sqlite>
    + Type<Sqlite>
    + for<'r> Decode<'r, Postgres>
    + Type<Postgres>
    + Send
    + Unpin
    + 'static
{
}
impl<T> Scalar for T where
    T: for<'r> Decode<'r, Sqlite>
        + Type<Sqlite>
        + for<'r> Decode<'r, Postgres>
        + Type<Postgres>
        + Send
        + Unpin
        + 'static
{
}

/// A row of either backend, read column by column (catalog queries, `migrate-data`).
pub enum RowRef<'r> {
    Sqlite(&'r SqliteRow),
    Postgres(&'r PgRow),
}

impl RowRef<'_> {
    pub fn get<T: Scalar>(&self, index: usize) -> StoreResult<T> {
        use sqlx::Row as _;
        Ok(match self {
            RowRef::Sqlite(r) => r.try_get(index)?,
            RowRef::Postgres(r) => r.try_get(index)?,
        })
    }
}

/// A connection, inside a transaction or not; see the module documentation.
pub struct Conn<'db> {
    inner: Inner<'db>,
    /// Inside a transaction: an access-relevant write happened, to announce after the commit.
    access_changed: bool,
}

pub(super) enum Inner<'db> {
    SqliteStatement(StatementSlot<'db>),
    SqliteTx {
        // Dropped before the gate: a dropped transaction queues its rollback first.
        tx: sqlx::Transaction<'static, Sqlite>,
        _gate: Option<OwnedMutexGuard<()>>,
    },
    PgPooled(PoolConnection<Postgres>),
    PgTx(sqlx::Transaction<'static, Postgres>),
}

enum Target<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

/// Runs `$body` with `$c` the backend's connection and `$sql`/`$values` the statement rendered
/// for it; the two arms are the same tokens.
macro_rules! on_backend {
    ($self:ident, $stmt:expr, |$c:ident, $sql:ident, $values:ident| $body:expr) => {{
        let result = match $self.target() {
            Target::Sqlite($c) => {
                let ($sql, $values) = $stmt.build_sqlx(SqliteQueryBuilder);
                $body
            }
            Target::Postgres($c) => {
                let ($sql, $values) = $stmt.build_sqlx(PostgresQueryBuilder);
                $body
            }
        };
        $self.settle(result)
    }};
}

/// The same for hand-written SQL (`$N` placeholders, understood by both backends).
macro_rules! on_backend_raw {
    ($self:ident, $sql:expr, $values:expr, |$c:ident, $v:ident| $body:expr) => {{
        let $v = SqlxValues($values);
        let result = match $self.target() {
            Target::Sqlite($c) => $body,
            Target::Postgres($c) => $body,
        };
        $self.settle(result)
    }};
}

impl<'db> Conn<'db> {
    pub(super) fn new(inner: Inner<'db>) -> Self {
        Conn {
            inner,
            access_changed: false,
        }
    }

    pub fn backend(&self) -> Backend {
        match self.inner {
            Inner::SqliteStatement(_) | Inner::SqliteTx { .. } => Backend::Sqlite,
            Inner::PgPooled(_) | Inner::PgTx(_) => Backend::Postgres,
        }
    }

    fn in_transaction(&self) -> bool {
        matches!(self.inner, Inner::SqliteTx { .. } | Inner::PgTx(_))
    }

    fn target(&mut self) -> Target<'_> {
        match &mut self.inner {
            Inner::SqliteStatement(slot) => Target::Sqlite(slot.connection()),
            Inner::SqliteTx { tx, .. } => Target::Sqlite(tx),
            Inner::PgPooled(c) => Target::Postgres(c),
            Inner::PgTx(tx) => Target::Postgres(tx),
        }
    }

    /// Maps the error, and gives up a statement connection that an error left unusable (its
    /// worker thread is gone, the file could not be read): the next user opens a fresh one.
    fn settle<T>(&mut self, result: Result<T, sqlx::Error>) -> StoreResult<T> {
        if let (
            Err(sqlx::Error::Io(_) | sqlx::Error::WorkerCrashed | sqlx::Error::Protocol(_)),
            Inner::SqliteStatement(slot),
        ) = (&result, &mut self.inner)
        {
            slot.discard();
        }
        result.map_err(StoreError::from)
    }

    /// Every row.
    pub async fn all<T: Row>(&mut self, stmt: &impl SqlxBinder) -> StoreResult<Vec<T>> {
        on_backend!(self, stmt, |c, sql, values| sqlx::query_as_with::<_, T, _>(
            &sql, values
        )
        .fetch_all(&mut *c)
        .await)
    }

    /// The first row, if any.
    pub async fn optional<T: Row>(&mut self, stmt: &impl SqlxBinder) -> StoreResult<Option<T>> {
        on_backend!(self, stmt, |c, sql, values| sqlx::query_as_with::<_, T, _>(
            &sql, values
        )
        .fetch_optional(&mut *c)
        .await)
    }

    /// The first row; [`StoreError::NotFound`] when there is none.
    pub async fn one<T: Row>(&mut self, stmt: &impl SqlxBinder) -> StoreResult<T> {
        self.optional(stmt).await?.ok_or(StoreError::NotFound)
    }

    /// The first column of the first row, if any.
    pub async fn scalar<T: Scalar>(&mut self, stmt: &impl SqlxBinder) -> StoreResult<Option<T>> {
        on_backend!(self, stmt, |c, sql, values| sqlx::query_scalar_with::<
            _,
            T,
            _,
        >(&sql, values)
        .fetch_optional(&mut *c)
        .await)
    }

    /// The first column of every row.
    pub async fn scalars<T: Scalar>(&mut self, stmt: &impl SqlxBinder) -> StoreResult<Vec<T>> {
        on_backend!(self, stmt, |c, sql, values| sqlx::query_scalar_with::<
            _,
            T,
            _,
        >(&sql, values)
        .fetch_all(&mut *c)
        .await)
    }

    /// Runs a statement; returns the number of rows it changed.
    pub async fn execute(&mut self, stmt: &impl SqlxBinder) -> StoreResult<u64> {
        on_backend!(self, stmt, |c, sql, values| sqlx::query_with(&sql, values)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()))
    }

    /// Every row, each turned into a value by `map` (rows whose shape is known only at run time).
    pub async fn map_all<T>(
        &mut self,
        stmt: &impl SqlxBinder,
        mut map: impl FnMut(RowRef<'_>) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        enum Rows {
            Sqlite(Vec<SqliteRow>),
            Postgres(Vec<PgRow>),
        }
        let rows = match self.target() {
            Target::Sqlite(c) => {
                let (sql, values) = stmt.build_sqlx(SqliteQueryBuilder);
                sqlx::query_with(&sql, values)
                    .fetch_all(&mut *c)
                    .await
                    .map(Rows::Sqlite)
            }
            Target::Postgres(c) => {
                let (sql, values) = stmt.build_sqlx(PostgresQueryBuilder);
                sqlx::query_with(&sql, values)
                    .fetch_all(&mut *c)
                    .await
                    .map(Rows::Postgres)
            }
        };
        match self.settle(rows)? {
            Rows::Sqlite(rows) => rows.iter().map(|r| map(RowRef::Sqlite(r))).collect(),
            Rows::Postgres(rows) => rows.iter().map(|r| map(RowRef::Postgres(r))).collect(),
        }
    }

    /// Hand-written SQL with `$N` placeholders, for what the builder cannot say: catalog
    /// introspection, savepoints, full-text index maintenance. Every row.
    pub async fn raw_all<T: Row>(&mut self, sql: &str, values: Values) -> StoreResult<Vec<T>> {
        on_backend_raw!(self, sql, values, |c, v| sqlx::query_as_with::<_, T, _>(
            sql, v
        )
        .fetch_all(&mut *c)
        .await)
    }

    /// Hand-written SQL (see [`Conn::raw_all`]) run for its effect.
    pub async fn raw_execute(&mut self, sql: &str, values: Values) -> StoreResult<u64> {
        on_backend_raw!(self, sql, values, |c, v| sqlx::query_with(sql, v)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()))
    }

    /// Locks rows until the transaction ends, so that a check and the write it allows cannot
    /// interleave with another transaction's (see [`Lock`]). PostgreSQL takes row locks
    /// (`SELECT … FOR UPDATE`), table by table in one fixed order and by id within a table, so
    /// two transactions never wait for each other in a cycle. SQLite needs none: a write
    /// transaction holds the database's write lock from its first statement (`BEGIN IMMEDIATE`).
    /// Outside a transaction this does nothing.
    pub async fn lock(&mut self, rows: &[Lock]) -> StoreResult<()> {
        if !matches!(self.inner, Inner::PgTx(_)) {
            return Ok(());
        }
        for stmt in super::lock::statements(rows) {
            self.execute(&stmt).await?;
        }
        Ok(())
    }

    /// Records that this write changes who may do what (tokens, passwords, memberships,
    /// locations): caches of access decisions drop what they remember once it is committed.
    pub fn note_access_change(&mut self) {
        if self.in_transaction() {
            self.access_changed = true;
        } else {
            crate::access_changed();
        }
    }

    /// Makes a transaction's writes permanent (nothing to do outside a transaction). A
    /// transaction dropped without it is rolled back.
    pub async fn commit(self) -> StoreResult<()> {
        let access_changed = self.access_changed;
        match self.inner {
            Inner::SqliteTx { tx, _gate } => tx.commit().await?,
            Inner::PgTx(tx) => tx.commit().await?,
            Inner::SqliteStatement(_) | Inner::PgPooled(_) => {}
        }
        if access_changed {
            crate::access_changed();
        }
        Ok(())
    }
}
