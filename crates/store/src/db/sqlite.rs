//! SQLite connections: a pool for transactions, a few connections held outside it for single
//! statements, and a gate that queues this process's writers.

use std::sync::Arc;

use sqlx::sqlite::SqlitePool;
use sqlx::{ConnectOptions, Connection};

/// SQLite: a pool for transactions, migrations and catalog reads, plus a few connections held
/// outside it for single statements ([`super::Db::read`]). sqlx runs each SQLite connection on
/// its own thread, and a pooled connection costs a round trip to that thread when it is handed
/// back (a ping) besides the query's own; on two cores those thread switches were most of a
/// one-row read. A statement connection is used and handed back without one.
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
    slots: Vec<tokio::sync::Mutex<Option<sqlx::SqliteConnection>>>,
    /// One permit per slot: holding one guarantees a free slot.
    permits: tokio::sync::Semaphore,
}

/// A statement connection in use; back to its slot when dropped.
pub struct StatementSlot<'a> {
    // Field order matters: the slot is unlocked before the permit is returned.
    guard: tokio::sync::MutexGuard<'a, Option<sqlx::SqliteConnection>>,
    _permit: tokio::sync::SemaphorePermit<'a>,
}

/// Statement connections beside the pool (4, for transactions): 8 SQLite connections and 64 MB
/// of page cache at most. Few on purpose: each is a thread, and on a small machine more threads
/// than cores cost switches (6 were slower than 3 or 4 for one-row reads).
const STATEMENT_CONNECTIONS: usize = 4;

impl SqliteDb {
    pub(super) fn new(pool: SqlitePool) -> Self {
        SqliteDb {
            pool,
            statements: Arc::new(StatementConnections {
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

    /// A free statement connection, opened (with the pool's options) on first use.
    pub(super) async fn statement_connection(&self) -> Result<StatementSlot<'_>, sqlx::Error> {
        let permit = self
            .statements
            .permits
            .acquire()
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        let mut guard = self
            .statements
            .slots
            .iter()
            .find_map(|slot| slot.try_lock().ok())
            .ok_or(sqlx::Error::PoolTimedOut)?;
        if guard.is_none() {
            *guard = Some(self.pool.connect_options().connect().await?);
        }
        Ok(StatementSlot {
            guard,
            _permit: permit,
        })
    }

    pub(super) async fn close(&self) {
        self.statements.permits.close();
        for slot in &self.statements.slots {
            if let Some(conn) = slot.lock().await.take() {
                conn.close().await.ok();
            }
        }
        self.pool.close().await;
    }
}

impl StatementSlot<'_> {
    pub(super) fn connection(&mut self) -> &mut sqlx::SqliteConnection {
        self.guard.as_mut().expect("opened before use")
    }

    /// Drops a connection an error left unusable: the next user opens a fresh one.
    pub(super) fn discard(&mut self) {
        *self.guard = None;
    }
}
