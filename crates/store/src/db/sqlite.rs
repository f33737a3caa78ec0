//! SQLite connections: a pool for transactions, a few synchronous connections held outside it
//! for single statements, and a gate that queues this process's writers.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::SqlitePool;

use super::{StoreError, StoreResult};

/// SQLite: a pool for transactions, migrations and snapshots, plus a few connections held outside
/// it for single statements ([`super::Db::read`]).
///
/// The statement connections are synchronous (rusqlite, on the same SQLite library sqlx links):
/// a statement runs on the request's own worker thread. sqlx runs each SQLite connection on a
/// thread of its own, so every query through it costs two thread switches (the query there, the
/// rows back), and on two cores shared with the load those switches were most of a one-row read
/// (docs/benchmarks.md). Reads in WAL mode never wait for a lock, so a read holds its worker only
/// for the statement's own work; writes keep the async pool, where waiting for the write lock
/// blocks no worker.
///
/// Write transactions first pass the writer gate: SQLite admits one writer at a time, and a
/// writer refused by the database lock waits in its busy handler by sleeping (1, 2, 5, 10 … ms),
/// while one queued on the gate starts the moment the previous one commits.
#[derive(Clone, Debug)]
pub struct SqliteDb {
    pub pool: SqlitePool,
    statements: Arc<StatementConnections>,
    writer_gate: Arc<tokio::sync::Mutex<()>>,
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
            writer_gate: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    /// Waits for this process's previous writer to finish (see the type's documentation).
    pub(super) async fn writer_turn(&self) -> tokio::sync::OwnedMutexGuard<()> {
        self.writer_gate.clone().lock_owned().await
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

    pub(super) async fn close(&self) {
        self.statements.permits.close();
        for slot in &self.statements.slots {
            slot.lock().await.take();
        }
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

impl StatementSlot<'_> {
    pub(super) fn connection(&mut self) -> &mut rusqlite::Connection {
        self.guard.as_mut().expect("opened before use")
    }

    /// Drops a connection an error left unusable: the next user opens a fresh one.
    pub(super) fn discard(&mut self) {
        *self.guard = None;
    }
}
