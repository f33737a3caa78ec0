//! SQLite connections: a pool for migrations, a few synchronous connections for single
//! statements and read snapshots, and one synchronous writer connection behind a gate that
//! queues this process's writers.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::SqlitePool;

use super::{StoreError, StoreResult};

/// SQLite: a pool for migrations, a few synchronous connections for single statements and read
/// snapshots ([`super::Db::read`], [`super::Db::snapshot`]), and one synchronous connection for
/// write transactions ([`super::Db::write`]).
///
/// The statement connections are synchronous (rusqlite, on the same SQLite library sqlx links):
/// a statement runs on the request's own worker thread. sqlx runs each SQLite connection on a
/// thread of its own, so every query through it costs two thread switches (the query there, the
/// rows back), and on two cores shared with the load those switches were most of a one-row read
/// (docs/benchmarks.md). Reads in WAL mode never wait for a lock, so a read holds its worker only
/// for the statement's own work; writes keep the async pool, where waiting for the write lock
/// blocks no worker.
///
/// Write transactions run on one synchronous connection, taken through the writer gate: SQLite
/// admits one writer at a time anyway, and a writer queued on the gate starts the moment the
/// previous one commits (one refused by the database lock would sleep in its busy handler: 1, 2,
/// 5, 10 … ms). Being one connection, its page cache stays warm; being synchronous, each of a
/// booking's ~20 statements costs no thread switches (through sqlx's per-connection thread they
/// cost ~0.15 ms each, while the write lock was held: docs/benchmarks.md). A statement blocks
/// its worker only for its own work, and `COMMIT` for the fsync.
#[derive(Clone, Debug)]
pub struct SqliteDb {
    pub pool: SqlitePool,
    statements: Arc<StatementConnections>,
    writer: Arc<tokio::sync::Mutex<Option<rusqlite::Connection>>>,
}

/// The writer connection inside a `BEGIN IMMEDIATE` transaction; rolled back when dropped
/// without [`SqliteWriter::commit`].
pub struct SqliteWriter {
    guard: tokio::sync::OwnedMutexGuard<Option<rusqlite::Connection>>,
    open: bool,
}

#[derive(Debug)]
struct StatementConnections {
    file: PathBuf,
    busy_timeout: Duration,
    slots: Vec<tokio::sync::Mutex<Option<rusqlite::Connection>>>,
    /// One permit per slot: holding one guarantees a free slot.
    permits: tokio::sync::Semaphore,
}

/// A statement connection in use; back to its slot when dropped.
pub struct StatementSlot<'a> {
    // Field order matters: the slot is unlocked before the permit is returned.
    guard: tokio::sync::MutexGuard<'a, Option<rusqlite::Connection>>,
    _permit: tokio::sync::SemaphorePermit<'a>,
}

/// Statement connections beside the pool (4, for transactions): 8 SQLite connections and 64 MB
/// of page cache at most. A handler may hold one across awaits, so they are not per worker.
const STATEMENT_CONNECTIONS: usize = 4;

/// Prepared statements kept per statement connection (a few dozen distinct reads exist).
const STATEMENT_CACHE: usize = 64;

impl SqliteDb {
    /// `file` is the pool's database file; in-memory databases are refused before this (each
    /// connection would see a database of its own).
    pub(super) fn new(pool: SqlitePool, file: PathBuf, busy_timeout: Duration) -> Self {
        SqliteDb {
            pool,
            statements: Arc::new(StatementConnections {
                file,
                busy_timeout,
                slots: (0..STATEMENT_CONNECTIONS)
                    .map(|_| tokio::sync::Mutex::new(None))
                    .collect(),
                permits: tokio::sync::Semaphore::new(STATEMENT_CONNECTIONS),
            }),
            writer: Arc::new(tokio::sync::Mutex::new(None)),
        }
    }

    /// Waits for this process's previous writer to finish (see the type's documentation), then
    /// begins a write transaction on the writer connection.
    pub(super) async fn writer(&self) -> StoreResult<SqliteWriter> {
        let mut guard = self.writer.clone().lock_owned().await;
        if guard.is_none() {
            *guard = Some(self.statements.open()?);
        }
        let mut writer = SqliteWriter { guard, open: false };
        if let Err(e) = writer.connection().execute_batch("BEGIN IMMEDIATE") {
            // A connection that cannot begin is not trusted again.
            *writer.guard = None;
            return Err(e.into());
        }
        writer.open = true;
        Ok(writer)
    }

    /// A free statement connection, opened on first use.
    pub(super) async fn statement_connection(&self) -> StoreResult<StatementSlot<'_>> {
        let permit = self
            .statements
            .permits
            .acquire()
            .await
            .map_err(|_| StoreError::Unavailable("the database is closed".to_owned()))?;
        let mut guard = self
            .statements
            .slots
            .iter()
            .find_map(|slot| slot.try_lock().ok())
            .ok_or_else(|| StoreError::Unavailable("no free statement connection".to_owned()))?;
        if guard.is_none() {
            *guard = Some(self.statements.open()?);
        }
        Ok(StatementSlot {
            guard,
            _permit: permit,
        })
    }

    /// A free statement connection inside a read transaction: the statements run on it see
    /// one committed state (WAL: the snapshot is taken at its first read).
    pub(super) async fn snapshot_connection(&self) -> StoreResult<SnapshotSlot<'_>> {
        let mut slot = self.statement_connection().await?;
        if let Err(e) = slot.connection().execute_batch("BEGIN") {
            slot.discard();
            return Err(e.into());
        }
        Ok(SnapshotSlot { slot, open: true })
    }

    pub(super) async fn close(&self) {
        self.statements.permits.close();
        for slot in &self.statements.slots {
            slot.lock().await.take();
        }
        self.writer.lock().await.take();
        self.pool.close().await;
    }
}

impl StatementConnections {
    /// Opens a connection with the pool's settings (the journal mode is the file's, set by the
    /// pool; the rest is per connection).
    fn open(&self) -> StoreResult<rusqlite::Connection> {
        let conn = rusqlite::Connection::open_with_flags(
            &self.file,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(self.busy_timeout)?;
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; \
             PRAGMA temp_store = MEMORY; PRAGMA cache_size = -8000;",
        )?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(conn)
    }
}

/// A statement connection inside a read transaction; the transaction ends when it is finished
/// or dropped, before the connection goes back to its slot.
pub struct SnapshotSlot<'a> {
    slot: StatementSlot<'a>,
    open: bool,
}

impl SnapshotSlot<'_> {
    pub(super) fn connection(&mut self) -> &mut rusqlite::Connection {
        self.slot.connection()
    }

    /// Ends the read transaction (nothing was written: `COMMIT` only releases the snapshot).
    pub(super) fn finish(mut self) -> StoreResult<()> {
        self.open = false;
        let result = self.slot.connection().execute_batch("COMMIT");
        if result.is_err() {
            self.slot.discard();
        }
        Ok(result?)
    }
}

impl Drop for SnapshotSlot<'_> {
    fn drop(&mut self) {
        if self.open {
            let conn = self.slot.connection();
            if conn.execute_batch("COMMIT").is_err() && !conn.is_autocommit() {
                // Never hand the next reader a connection stuck in a transaction.
                self.slot.discard();
            }
        }
    }
}

impl SqliteWriter {
    pub(super) fn connection(&mut self) -> &mut rusqlite::Connection {
        self.guard.as_mut().expect("opened before use")
    }

    pub(super) fn commit(mut self) -> StoreResult<()> {
        let result = self.connection().execute_batch("COMMIT");
        if result.is_ok() {
            self.open = false;
        }
        // On failure the drop rolls back.
        Ok(result?)
    }
}

impl Drop for SqliteWriter {
    fn drop(&mut self) {
        if self.open {
            let rolled_back = self
                .guard
                .as_mut()
                .is_some_and(|c| c.execute_batch("ROLLBACK").is_ok() || c.is_autocommit());
            if !rolled_back {
                // Never hand the next writer a connection stuck in a transaction.
                *self.guard = None;
            }
        }
    }
}

impl StatementSlot<'_> {
    pub(super) fn connection(&mut self) -> &mut rusqlite::Connection {
        self.guard.as_mut().expect("opened before use")
    }

    /// Drops a connection an error left unusable: the next user opens a fresh one.
    pub(super) fn discard(&mut self) {
        *self.guard = None;
    }
}
