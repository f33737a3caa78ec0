//! SQLite connections: a pool for migrations, a few synchronous connections for single
//! statements and read snapshots, and one synchronous writer connection behind a gate that
//! queues this process's writers.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
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
/// previous one finishes (one refused by the database lock would sleep in its busy handler: 1, 2,
/// 5, 10 … ms). Being one connection, its page cache stays warm; being synchronous, each of a
/// booking's ~20 statements costs no thread switches (through sqlx's per-connection thread they
/// cost ~0.15 ms each, while the write lock was held: docs/benchmarks.md).
///
/// **Group commit.** Each operation runs under a savepoint of a transaction that the writers
/// queued one behind another share (a *batch*): an operation that finishes releases its
/// savepoint and, while another writer is queued, hands the connection on and waits for the
/// batch's `COMMIT`; the last one of the batch (no writer queued, or [`MAX_BATCH`] finished)
/// commits for all and wakes them. Nobody is answered before the `COMMIT` that keeps their
/// writes has returned, so an acknowledged write survives power loss as before, but one fsync
/// and one write of each shared page serve the whole batch (they were most of a booking's cost
/// under load: docs/benchmarks.md). An operation that fails rolls back to its savepoint, and
/// only itself; if SQLite abandons the whole transaction (an I/O error, a full disk), every
/// operation waiting in the batch gets the error.
///
/// **Checkpoints off the writer.** The writer connection does not checkpoint the WAL into the
/// database file (SQLite's default does it inside the `COMMIT` that crosses 1,000 pages, holding
/// the write lock, with an fsync of the database file: the slowest commits, and 20 % of booking
/// throughput, docs/benchmarks.md). A thread of its own does, on a connection of its own, after
/// commits, at most every [`CHECKPOINT_PAUSE`]: a passive checkpoint waits for no writer or reader.
/// The WAL file is only started afresh by a writer that begins when every frame is in the
/// database: once the WAL holds [`RESTART_AFTER_FRAMES`] and all of them were copied, the thread
/// takes the writer gate between two operations, commits the open batch, copies the few frames
/// left and lets the next writer begin, so the WAL stays some megabytes (without, it grew past
/// 600 MB on an 11 MB database).
#[derive(Clone, Debug)]
pub struct SqliteDb {
    pub pool: SqlitePool,
    statements: Arc<StatementConnections>,
    writer: Arc<Writer>,
}

/// Operations one `COMMIT` keeps at most: bounds how long the first of a batch waits.
const MAX_BATCH: usize = 32;

/// How long an operation waits for its batch's `COMMIT` before it checks that the batch is still
/// being carried on: the writer it was handed to may have been cancelled while queued.
const BATCH_BACKSTOP: Duration = Duration::from_millis(20);

/// The least time between two checkpoints: the WAL grows by at most this much writing.
const CHECKPOINT_PAUSE: Duration = Duration::from_millis(100);

/// WAL frames (pages) after which the checkpointer stops the writers for the WAL to restart
/// (SQLite's own checkpoints run at 1,000 frames).
const RESTART_AFTER_FRAMES: i64 = 4_000;

#[derive(Debug, Default)]
struct Writer {
    state: Arc<tokio::sync::Mutex<WriterState>>,
    /// Writers waiting for the state: while one is, a finished operation leaves the batch open.
    queued: AtomicUsize,
    /// The checkpointer thread, joined on close: its connection may be the database's last.
    checkpointer: std::sync::Mutex<Option<std::thread::JoinHandle<()>>>,
}

#[derive(Debug, Default)]
struct WriterState {
    conn: Option<rusqlite::Connection>,
    /// Open exactly while the connection is inside a transaction.
    batch: Option<Batch>,
    /// Wakes the checkpointer after a commit; dropped to stop it.
    checkpoints: Option<std::sync::mpsc::SyncSender<()>>,
}

/// The shared transaction and the operations in it that wait for its `COMMIT`. A batch leaves
/// the state only with its outcome sent: one still without an outcome is the open one.
#[derive(Debug)]
struct Batch {
    finished: usize,
    outcome: tokio::sync::watch::Sender<Option<Result<(), Arc<str>>>>,
}

/// The writer connection inside the savepoint of one operation; rolled back to it when dropped
/// without [`SqliteWriter::commit`].
pub struct SqliteWriter {
    guard: tokio::sync::OwnedMutexGuard<WriterState>,
    writer: Arc<Writer>,
    open: bool,
}

/// Counts a writer as queued until it has the state (or is cancelled while waiting).
struct Queued<'a>(&'a AtomicUsize);

impl<'a> Queued<'a> {
    fn new(count: &'a AtomicUsize) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Queued(count)
    }
}

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
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
        let file_for_checkpoints = file.clone();
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
            writer: Arc::new(Writer::default()),
        }
        .with_checkpointer(file_for_checkpoints, busy_timeout)
    }

    /// Starts the checkpointer thread (see the type's documentation). Without it (the thread
    /// could not start) the writer keeps SQLite's own checkpoints.
    fn with_checkpointer(self, file: PathBuf, busy_timeout: Duration) -> Self {
        let (wake, woken) = std::sync::mpsc::sync_channel::<()>(1);
        // Weak: the thread must not keep the writer (and so its own sender) alive.
        let gate = Arc::downgrade(&self.writer.state);
        let started = std::thread::Builder::new()
            .name("bizd-checkpoint".to_owned())
            .spawn(move || checkpoint_after_commits(&file, busy_timeout, &woken, &gate));
        match started {
            Ok(thread) => {
                self.writer
                    .state
                    .try_lock()
                    .expect("nobody else has it yet")
                    .checkpoints = Some(wake);
                *self.writer.checkpointer.lock().expect("not poisoned") = Some(thread);
            }
            Err(e) => tracing::warn!(error = %e, "no checkpoint thread: the writer checkpoints"),
        }
        self
    }

    /// Waits for this process's previous writer to finish (see the type's documentation), then
    /// begins an operation on the writer connection: a savepoint in the open batch, or in a new
    /// one (`BEGIN IMMEDIATE`).
    pub(super) async fn writer(&self) -> StoreResult<SqliteWriter> {
        let queued = Queued::new(&self.writer.queued);
        let mut guard = self.writer.state.clone().lock_owned().await;
        drop(queued);
        if guard.conn.is_none() {
            let conn = self.statements.open()?;
            if guard.checkpoints.is_some() {
                conn.execute_batch("PRAGMA wal_autocheckpoint = 0")?;
            }
            guard.conn = Some(conn);
        }
        if guard.batch.is_none() {
            let conn = guard.conn.as_mut().expect("opened above");
            if let Err(e) = conn.execute_batch("BEGIN IMMEDIATE") {
                // A connection that cannot begin is not trusted again.
                guard.conn = None;
                return Err(e.into());
            }
            let (outcome, _) = tokio::sync::watch::channel(None);
            guard.batch = Some(Batch {
                finished: 0,
                outcome,
            });
        }
        let conn = guard.conn.as_mut().expect("opened above");
        if let Err(e) = conn.execute_batch("SAVEPOINT bizd_operation") {
            guard.abandon_batch(&e.to_string());
            return Err(e.into());
        }
        Ok(SqliteWriter {
            guard,
            writer: self.writer.clone(),
            open: true,
        })
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
        let mut state = self.writer.state.lock().await;
        if state.batch.is_some() {
            // Operations waiting for it were answered by now or are cancelled: keep their work.
            state.commit_batch().ok();
        }
        state.conn.take();
        state.checkpoints.take();
        drop(state);
        let checkpointer = self
            .writer
            .checkpointer
            .lock()
            .expect("not poisoned")
            .take();
        if let Some(thread) = checkpointer {
            // It ends at once now that its sender is gone (at most a checkpoint in progress).
            tokio::task::spawn_blocking(move || thread.join().ok())
                .await
                .ok();
        }
        self.pool.close().await;
    }
}

/// The checkpointer thread's loop: a passive checkpoint after a wake-up, at most one per
/// [`CHECKPOINT_PAUSE`], and the WAL's restart when it is long (see [`SqliteDb`]); it ends when
/// the database is closed or dropped (the sender goes).
fn checkpoint_after_commits(
    file: &std::path::Path,
    busy_timeout: Duration,
    woken: &std::sync::mpsc::Receiver<()>,
    gate: &std::sync::Weak<tokio::sync::Mutex<WriterState>>,
) {
    use std::sync::mpsc::RecvTimeoutError;
    let mut conn: Option<rusqlite::Connection> = None;
    let mut next = std::time::Instant::now();
    while woken.recv().is_ok() {
        while let Some(pause) = next.checked_duration_since(std::time::Instant::now()) {
            if let Err(RecvTimeoutError::Disconnected) = woken.recv_timeout(pause) {
                return;
            }
        }
        next = std::time::Instant::now() + CHECKPOINT_PAUSE;
        if conn.is_none() {
            match open_connection(file, busy_timeout) {
                Ok(c) => conn = Some(c),
                Err(e) => tracing::warn!(error = %e, "cannot open the database to checkpoint it"),
            }
        }
        let Some(c) = &conn else { continue };
        match checkpoint(c) {
            Ok((frames, copied)) if frames >= RESTART_AFTER_FRAMES && copied == frames => {
                let Some(gate) = gate.upgrade() else { return };
                // SQLite syncs the database file only after a checkpoint that copied the whole
                // WAL, which under load happens in the one below: the pages copied by the
                // checkpoints before it are put on disk first, outside the gate (they made it
                // hold the writers for 60-80 ms).
                if let Err(e) = std::fs::File::open(file).and_then(|f| f.sync_data()) {
                    tracing::warn!(error = %e, "cannot sync the database file");
                }
                // Between two operations: nothing is being written while the last frames are
                // copied, and the next writer starts the WAL afresh.
                let mut state = gate.blocking_lock();
                if state.batch.is_some() {
                    state.commit_batch().ok();
                }
                if let Err(e) = checkpoint(c) {
                    tracing::warn!(error = %e, "WAL checkpoint failed");
                    conn = None;
                }
            }
            Ok(_) => {}
            Err(e) => {
                // An I/O error: the next wake-up tries again, on a fresh connection.
                tracing::warn!(error = %e, "WAL checkpoint failed");
                conn = None;
            }
        }
    }
}

/// A passive checkpoint: the WAL's frames, and how many of them are in the database now.
fn checkpoint(conn: &rusqlite::Connection) -> rusqlite::Result<(i64, i64)> {
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| {
        Ok((row.get(1)?, row.get(2)?))
    })
}

impl StatementConnections {
    /// Opens a connection with the pool's settings (the journal mode is the file's, set by the
    /// pool; the rest is per connection).
    fn open(&self) -> StoreResult<rusqlite::Connection> {
        Ok(open_connection(&self.file, self.busy_timeout)?)
    }
}

/// A synchronous connection with the pool's settings (the journal mode is the file's, set by
/// the pool; the rest is per connection): statements, the writer, the checkpointer.
fn open_connection(
    file: &std::path::Path,
    busy_timeout: Duration,
) -> rusqlite::Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open_with_flags(
        file,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(busy_timeout)?;
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; \
         PRAGMA temp_store = MEMORY; PRAGMA cache_size = -8000;",
    )?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(conn)
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
        self.guard.conn.as_mut().expect("opened before use")
    }

    /// Keeps the operation's writes: returns once the `COMMIT` of its batch has (see
    /// [`SqliteDb`]).
    pub(super) async fn commit(mut self) -> StoreResult<()> {
        let conn = self.connection();
        if conn.is_autocommit() {
            // SQLite abandoned the transaction on an error the operation did not pass on; the
            // drop reports it to the batch.
            return Err(StoreError::Unavailable(
                "the write transaction was rolled back by the database".to_owned(),
            ));
        }
        // On failure the drop rolls back.
        conn.execute_batch("RELEASE SAVEPOINT bizd_operation")?;
        self.open = false;
        let batch = self
            .guard
            .batch
            .as_mut()
            .expect("open while in a transaction");
        batch.finished += 1;
        if self.writer.queued.load(Ordering::SeqCst) == 0 || batch.finished >= MAX_BATCH {
            return self.guard.commit_batch();
        }
        let mut outcome = batch.outcome.subscribe();
        let writer = self.writer.clone();
        drop(self);
        loop {
            // The outcome is copied out at once: the channel's read guard may not cross an await.
            let heard = tokio::time::timeout(BATCH_BACKSTOP, outcome.wait_for(Option::is_some))
                .await
                .map(|r| r.map(|outcome| outcome.clone().expect("waited for it")));
            match heard {
                Ok(Ok(Ok(()))) => return Ok(()),
                Ok(Ok(Err(message))) => {
                    return Err(StoreError::Unavailable(format!(
                        "the write was not kept: {message}"
                    )))
                }
                Ok(Err(_)) => {
                    return Err(StoreError::Unavailable(
                        "the write transaction ended without an outcome".to_owned(),
                    ))
                }
                Err(_) => {
                    // Nobody took the batch on (the queued writer was cancelled, or works long):
                    // once the connection is free, commit the batch if it is still open (no
                    // outcome yet: the open batch is this one).
                    let mut state = writer.state.lock().await;
                    if outcome.borrow().is_none() {
                        return state.commit_batch();
                    }
                }
            }
        }
    }
}

impl WriterState {
    /// Commits the open batch and tells its waiting operations how it went.
    fn commit_batch(&mut self) -> StoreResult<()> {
        let batch = self.batch.take().expect("a batch is open");
        let conn = self.conn.as_mut().expect("opened before use");
        match conn.execute_batch("COMMIT") {
            Ok(()) => {
                batch.outcome.send_replace(Some(Ok(())));
                if let Some(wake) = &self.checkpoints {
                    // Full: a wake-up is pending already.
                    wake.try_send(()).ok();
                }
                Ok(())
            }
            Err(e) => {
                if !conn.is_autocommit() && conn.execute_batch("ROLLBACK").is_err() {
                    self.conn = None;
                }
                batch.outcome.send_replace(Some(Err(e.to_string().into())));
                Err(e.into())
            }
        }
    }

    /// Ends the open batch without keeping it: its waiting operations get `message`.
    fn abandon_batch(&mut self, message: &str) {
        if let Some(conn) = self.conn.as_mut() {
            if !conn.is_autocommit() && conn.execute_batch("ROLLBACK").is_err() {
                // Never hand the next writer a connection stuck in a transaction.
                self.conn = None;
            }
        }
        if let Some(batch) = self.batch.take() {
            batch.outcome.send_replace(Some(Err(message.into())));
        }
    }
}

impl Drop for SqliteWriter {
    /// An operation that did not commit: undo it alone, and commit the batch when it was the
    /// last one in it.
    fn drop(&mut self) {
        if !self.open {
            return;
        }
        let state = &mut *self.guard;
        let undone = state.conn.as_mut().is_some_and(|c| {
            c.execute_batch(
                "ROLLBACK TO SAVEPOINT bizd_operation; RELEASE SAVEPOINT bizd_operation",
            )
            .is_ok()
                && !c.is_autocommit()
        });
        if !undone {
            state.abandon_batch("the write transaction was rolled back by the database");
            return;
        }
        let finished = state.batch.as_ref().map_or(0, |b| b.finished);
        if finished == 0 {
            state.abandon_batch("nothing to keep");
        } else if self.writer.queued.load(Ordering::SeqCst) == 0 {
            // The waiting operations hear the outcome; this one has nothing to keep.
            state.commit_batch().ok();
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
