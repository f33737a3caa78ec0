//! [`Conn`]: where every query runs. A statement is built once with sea-query and rendered for
//! the backend of the connection it runs on (`?` placeholders for SQLite, `$N` for PostgreSQL);
//! rows decode through `sqlx::FromRow` on sqlx connections and [`FromSqliteRow`] on SQLite's
//! synchronous statement connections (see [`super::SqliteDb`]); a row type has both.
//!
//! One type for every kind of connection, so one store function serves a plain read, a
//! consistent snapshot and a write transaction alike:
//! - [`Db::read`](super::Db::read): autocommit (SQLite: a synchronous statement connection held
//!   outside the pool; PostgreSQL: a pooled connection);
//! - [`Db::snapshot`](super::Db::snapshot): a read-only transaction, one consistent view;
//! - [`Db::write`](super::Db::write): a write transaction; nothing is kept unless
//!   [`Conn::commit`] is called.

use sea_query::{PostgresQueryBuilder, SqliteQueryBuilder, Values};
use sea_query_binder::{SqlxBinder, SqlxValues};
use sea_query_rusqlite::{RusqliteValue, RusqliteValues};
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnection, PgRow, Postgres};
use sqlx::sqlite::{Sqlite, SqliteRow};
use sqlx::{Decode, FromRow, Type};

use super::lock::Lock;
use super::sqlite::StatementSlot;
use super::{Backend, StoreError, StoreResult};

/// A row type that decodes from every kind of connection: derive `sqlx::FromRow` (portable
/// field types: integers, text, booleans, floats for non-money quantities, their `Option`s) and
/// name the fields once more with [`sqlite_row!`](crate::sqlite_row) for the synchronous SQLite
/// path (the compiler checks that every field is named).
pub trait Row:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + FromSqliteRow + Send + Unpin + 'static
{
}
impl<T> Row for T where
    T: for<'r> FromRow<'r, SqliteRow>
        + for<'r> FromRow<'r, PgRow>
        + FromSqliteRow
        + Send
        + Unpin
        + 'static
{
}

/// Decoding from a synchronous SQLite connection's row, by column name as `sqlx::FromRow` does.
pub trait FromSqliteRow: Sized {
    fn from_sqlite_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self>;
}

/// Implements [`FromSqliteRow`] for a row struct: `sqlite_row!(Row { a, b })`, with the fields
/// that `#[sqlx(flatten)]` marks after `flatten`: `sqlite_row!(Row { a } flatten { inner })`.
#[macro_export]
macro_rules! sqlite_row {
    ($ty:ident { $($field:ident),* $(,)? } $(flatten { $($inner:ident),* $(,)? })?) => {
        impl $crate::FromSqliteRow for $ty {
            #[allow(unused_mut, unused_variables, unused_assignments)]
            fn from_sqlite_row(row: &::rusqlite::Row<'_>) -> ::rusqlite::Result<Self> {
                let mut next = 0usize;
                Ok($ty {
                    $($field: {
                        let at = $crate::column_at(row, next, stringify!($field))?;
                        next = at + 1;
                        row.get(at)?
                    },)*
                    $($($inner: $crate::FromSqliteRow::from_sqlite_row(row)?,)*)?
                })
            }
        }
    };
}

/// The position of column `name`, trying `guess` first: fields are mostly selected in the
/// order they are declared, and rusqlite's lookup by name compares every column name
/// (case-insensitively) — on a 40-column row that was a tenth of a point read.
#[doc(hidden)]
pub fn column_at(row: &rusqlite::Row<'_>, guess: usize, name: &str) -> rusqlite::Result<usize> {
    let stmt = row.as_ref();
    if guess < stmt.column_count() && stmt.column_name(guess).is_ok_and(|n| n == name) {
        return Ok(guess);
    }
    stmt.column_index(name)
}

/// Tuples decode by position, as sqlx decodes them.
macro_rules! tuple_from_sqlite_row {
    ($($t:ident $i:tt),+) => {
        impl<$($t: rusqlite::types::FromSql),+> FromSqliteRow for ($($t,)+) {
            fn from_sqlite_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
                Ok(($(row.get::<_, $t>($i)?,)+))
            }
        }
    };
}
tuple_from_sqlite_row!(A 0);
tuple_from_sqlite_row!(A 0, B 1);
tuple_from_sqlite_row!(A 0, B 1, C 2);
tuple_from_sqlite_row!(A 0, B 1, C 2, D 3);
tuple_from_sqlite_row!(A 0, B 1, C 2, D 3, E 4);
tuple_from_sqlite_row!(A 0, B 1, C 2, D 3, E 4, F 5);

/// A single-column value that decodes from both backends.
pub trait Scalar:
    rusqlite::types::FromSql
    + for<'r> Decode<'r, Sqlite>
    + Type<Sqlite>
    + for<'r> Decode<'r, Postgres>
    + Type<Postgres>
    + Send
    + Unpin
    + 'static
{
}
impl<T> Scalar for T where
    T: rusqlite::types::FromSql
        + for<'r> Decode<'r, Sqlite>
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
    SqliteStatement(&'r rusqlite::Row<'r>),
    Postgres(&'r PgRow),
}

impl RowRef<'_> {
    pub fn get<T: Scalar>(&self, index: usize) -> StoreResult<T> {
        use sqlx::Row as _;
        Ok(match self {
            RowRef::Sqlite(r) => r.try_get(index)?,
            RowRef::SqliteStatement(r) => r.get(index)?,
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
    /// A read transaction on a statement connection: one consistent view for several statements.
    SqliteSnapshot(super::sqlite::SnapshotSlot<'db>),
    SqliteWrite(super::sqlite::SqliteWriter),
    PgPooled(PoolConnection<Postgres>),
    PgTx(sqlx::Transaction<'static, Postgres>),
}

enum Target<'a> {
    SqliteStatement(&'a mut rusqlite::Connection),
    Postgres(&'a mut PgConnection),
}

/// Runs `$sync` with `$s` a synchronous SQLite connection and `$sql`/`$params` the statement
/// rendered for it, or `$body` with `$c` an sqlx connection and `$sql`/`$values` the statement
/// rendered for its backend (the two sqlx arms are the same tokens).
macro_rules! on_backend {
    ($self:ident, $stmt:expr,
     sync |$s:ident, $ssql:ident, $params:ident| $sync:expr,
     |$c:ident, $sql:ident, $values:ident| $body:expr) => {{
        let result = match $self.target() {
            Target::SqliteStatement($s) => {
                let ($ssql, values) = $stmt.build_sqlx(SqliteQueryBuilder);
                let $params = rusqlite_values(values.0);
                Ok($sync)
            }
            Target::Postgres($c) => {
                let ($sql, $values) = $stmt.build_sqlx(PostgresQueryBuilder);
                Err($body)
            }
        };
        $self.settle(result)
    }};
}

/// The same for hand-written SQL (`$N` placeholders, understood by both backends).
macro_rules! on_backend_raw {
    ($self:ident, $values:expr,
     sync |$s:ident, $params:ident| $sync:expr,
     |$c:ident, $v:ident| $body:expr) => {{
        let result = match $self.target() {
            Target::SqliteStatement($s) => {
                let $params = rusqlite_values($values);
                Ok($sync)
            }
            Target::Postgres($c) => {
                let $v = SqlxValues($values);
                Err($body)
            }
        };
        $self.settle(result)
    }};
}

fn rusqlite_values(values: Values) -> RusqliteValues {
    RusqliteValues(values.0.into_iter().map(RusqliteValue).collect())
}

/// Every row of a statement on a synchronous connection, each decoded by `map`.
fn sync_rows<T>(
    conn: &rusqlite::Connection,
    sql: &str,
    params: &RusqliteValues,
    mut map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(&*params.as_params())?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(map(row)?);
    }
    Ok(out)
}

/// The first row only.
fn sync_first<T>(
    conn: &rusqlite::Connection,
    sql: &str,
    params: &RusqliteValues,
    map: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Option<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(&*params.as_params())?;
    rows.next()?.map(map).transpose()
}

/// Runs a statement for its effect (stepping over any rows it returns); rows changed.
fn sync_execute(
    conn: &rusqlite::Connection,
    sql: &str,
    params: &RusqliteValues,
) -> rusqlite::Result<u64> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(&*params.as_params())?;
    while rows.next()?.is_some() {}
    Ok(conn.changes())
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
            Inner::SqliteStatement(_) | Inner::SqliteSnapshot(_) | Inner::SqliteWrite(_) => {
                Backend::Sqlite
            }
            Inner::PgPooled(_) | Inner::PgTx(_) => Backend::Postgres,
        }
    }

    fn in_transaction(&self) -> bool {
        matches!(
            self.inner,
            Inner::SqliteSnapshot(_) | Inner::SqliteWrite(_) | Inner::PgTx(_)
        )
    }

    fn target(&mut self) -> Target<'_> {
        match &mut self.inner {
            Inner::SqliteStatement(slot) => Target::SqliteStatement(slot.connection()),
            Inner::SqliteSnapshot(s) => Target::SqliteStatement(s.connection()),
            Inner::SqliteWrite(w) => Target::SqliteStatement(w.connection()),
            Inner::PgPooled(c) => Target::Postgres(c),
            Inner::PgTx(tx) => Target::Postgres(tx),
        }
    }

    /// Maps the error, and gives up a statement connection that an error may have left unusable
    /// (the file could not be read): the next user opens a fresh one.
    fn settle<T>(
        &mut self,
        result: Result<rusqlite::Result<T>, Result<T, sqlx::Error>>,
    ) -> StoreResult<T> {
        match result {
            Ok(Ok(v)) | Err(Ok(v)) => Ok(v),
            Err(Err(e)) => Err(StoreError::from(e)),
            Ok(Err(e)) => {
                let broken = matches!(
                    e.sqlite_error_code(),
                    Some(
                        rusqlite::ErrorCode::SystemIoFailure | rusqlite::ErrorCode::DatabaseCorrupt
                    ) | Some(rusqlite::ErrorCode::CannotOpen)
                );
                if let (true, Inner::SqliteStatement(slot)) = (broken, &mut self.inner) {
                    slot.discard();
                }
                Err(StoreError::from(e))
            }
        }
    }

    /// Every row.
    pub async fn all<T: Row>(&mut self, stmt: &impl SqlxBinder) -> StoreResult<Vec<T>> {
        on_backend!(
            self,
            stmt,
            sync | s,
            sql,
            params | sync_rows(s, &sql, &params, T::from_sqlite_row),
            |c, sql, values| sqlx::query_as_with::<_, T, _>(&sql, values)
                .fetch_all(&mut *c)
                .await
        )
    }

    /// The first row, if any.
    pub async fn optional<T: Row>(&mut self, stmt: &impl SqlxBinder) -> StoreResult<Option<T>> {
        on_backend!(
            self,
            stmt,
            sync | s,
            sql,
            params | sync_first(s, &sql, &params, T::from_sqlite_row),
            |c, sql, values| sqlx::query_as_with::<_, T, _>(&sql, values)
                .fetch_optional(&mut *c)
                .await
        )
    }

    /// The first row; [`StoreError::NotFound`] when there is none.
    pub async fn one<T: Row>(&mut self, stmt: &impl SqlxBinder) -> StoreResult<T> {
        self.optional(stmt).await?.ok_or(StoreError::NotFound)
    }

    /// The first column of the first row, if any.
    pub async fn scalar<T: Scalar>(&mut self, stmt: &impl SqlxBinder) -> StoreResult<Option<T>> {
        on_backend!(
            self,
            stmt,
            sync | s,
            sql,
            params | sync_first(s, &sql, &params, |r| r.get(0)),
            |c, sql, values| sqlx::query_scalar_with::<_, T, _>(&sql, values)
                .fetch_optional(&mut *c)
                .await
        )
    }

    /// The first column of every row.
    pub async fn scalars<T: Scalar>(&mut self, stmt: &impl SqlxBinder) -> StoreResult<Vec<T>> {
        on_backend!(
            self,
            stmt,
            sync | s,
            sql,
            params | sync_rows(s, &sql, &params, |r| r.get(0)),
            |c, sql, values| sqlx::query_scalar_with::<_, T, _>(&sql, values)
                .fetch_all(&mut *c)
                .await
        )
    }

    /// Runs a statement; returns the number of rows it changed.
    pub async fn execute(&mut self, stmt: &impl SqlxBinder) -> StoreResult<u64> {
        on_backend!(
            self,
            stmt,
            sync | s,
            sql,
            params | sync_execute(s, &sql, &params),
            |c, sql, values| sqlx::query_with(&sql, values)
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        )
    }

    /// Every row, each turned into a value by `map` (rows whose shape is known only at run time).
    pub async fn map_all<T>(
        &mut self,
        stmt: &impl SqlxBinder,
        mut map: impl FnMut(RowRef<'_>) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        enum Rows {
            Postgres(Vec<PgRow>),
        }
        let rows = match self.target() {
            Target::SqliteStatement(s) => {
                let (sql, values) = stmt.build_sqlx(SqliteQueryBuilder);
                let params = rusqlite_values(values.0);
                // Mapped in place: a synchronous row lives only while its statement steps.
                let mut mapped = Vec::new();
                let stepped = sync_rows(s, &sql, &params, |r| {
                    mapped.push(map(RowRef::SqliteStatement(r)));
                    Ok(())
                });
                self.settle(Ok(stepped))?;
                return mapped.into_iter().collect();
            }
            Target::Postgres(c) => {
                let (sql, values) = stmt.build_sqlx(PostgresQueryBuilder);
                sqlx::query_with(&sql, values)
                    .fetch_all(&mut *c)
                    .await
                    .map(Rows::Postgres)
            }
        };
        match self.settle(Err(rows))? {
            Rows::Postgres(rows) => rows.iter().map(|r| map(RowRef::Postgres(r))).collect(),
        }
    }

    /// Hand-written SQL with `$N` placeholders, for what the builder cannot say: catalog
    /// introspection, savepoints, full-text index maintenance. Every row.
    pub async fn raw_all<T: Row>(&mut self, sql: &str, values: Values) -> StoreResult<Vec<T>> {
        on_backend_raw!(
            self,
            values,
            sync | s,
            params | sync_rows(s, sql, &params, T::from_sqlite_row),
            |c, v| sqlx::query_as_with::<_, T, _>(sql, v)
                .fetch_all(&mut *c)
                .await
        )
    }

    /// Hand-written SQL (see [`Conn::raw_all`]) run for its effect.
    pub async fn raw_execute(&mut self, sql: &str, values: Values) -> StoreResult<u64> {
        on_backend_raw!(
            self,
            values,
            sync | s,
            params | sync_execute(s, sql, &params),
            |c, v| sqlx::query_with(sql, v)
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        )
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

    /// Whether [`Conn::lock`] takes row locks here (a PostgreSQL transaction): what was read
    /// before it may have changed until the lock is held. A SQLite write transaction holds the
    /// database's write lock from its first statement, so its reads are current throughout.
    pub fn takes_row_locks(&self) -> bool {
        matches!(self.inner, Inner::PgTx(_))
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
            Inner::SqliteSnapshot(s) => s.finish()?,
            Inner::SqliteWrite(w) => w.commit().await?,
            Inner::PgTx(tx) => tx.commit().await?,
            Inner::SqliteStatement(_) | Inner::PgPooled(_) => {}
        }
        if access_changed {
            crate::access_changed();
        }
        Ok(())
    }
}
