use std::borrow::Cow;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{ConnectOptions, Connection};

/// Runs the same tokens against whichever database `$db` is: on PostgreSQL `$pool` is the pool,
/// on SQLite one of the [`SqliteDb`] statement connections (`&mut SqliteConnection`). The body
/// must evaluate to `Result<_, sqlx::Error>`.
#[macro_export]
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite(sqlite) => match sqlite.statement_connection().await {
                Ok(mut slot) => {
                    let $pool = slot.connection();
                    let result = $body;
                    slot.keep_unless_broken(&result);
                    result
                }
                Err(e) => Err(e),
            },
            $crate::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs the same tokens against whichever transaction `$tx` holds (use `&mut **$conn`).
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::Tx::Sqlite($conn) => $body,
            $crate::Tx::Postgres($conn) => $body,
        }
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The database: a pool for one of the supported backends, chosen by the URL scheme.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqliteDb),
    Postgres(PgPool),
}

/// SQLite: a pool for transactions, migrations and catalog reads, plus a few connections held
/// outside it for single statements ([`on_db!`]). sqlx runs each SQLite connection on its own
/// thread, and a pooled connection costs a round trip to that thread when it is handed back
/// (a ping) besides the query's own; on two cores those thread switches were most of a
/// one-row read. A statement connection is used and handed back without one.
#[derive(Clone, Debug)]
pub struct SqliteDb {
    pub pool: SqlitePool,
    statements: Arc<StatementConnections>,
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

/// Statement connections beside the pool (4, for write transactions): 8 SQLite connections and
/// 64 MB of page cache at most. Few on purpose: each is a thread, and on a small machine more
/// threads than cores cost switches (6 were slower than 3 or 4 for one-row reads).
const STATEMENT_CONNECTIONS: usize = 4;

impl SqliteDb {
    fn new(pool: SqlitePool) -> Self {
        SqliteDb {
            pool,
            statements: Arc::new(StatementConnections {
                slots: (0..STATEMENT_CONNECTIONS)
                    .map(|_| tokio::sync::Mutex::new(None))
                    .collect(),
                permits: tokio::sync::Semaphore::new(STATEMENT_CONNECTIONS),
            }),
        }
    }

    /// A free statement connection, opened (with the pool's options) on first use.
    pub async fn statement_connection(&self) -> Result<StatementSlot<'_>, sqlx::Error> {
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

    async fn close(&self) {
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
    pub fn connection(&mut self) -> &mut sqlx::SqliteConnection {
        self.guard.as_mut().expect("opened before use")
    }

    /// Drops the connection after an error that says it is unusable (its thread is gone, the
    /// file could not be read): the next user opens a fresh one. Database errors (constraints,
    /// a busy lock) leave it as good as before.
    pub fn keep_unless_broken<T>(&mut self, result: &Result<T, sqlx::Error>) {
        if let Err(sqlx::Error::Io(_) | sqlx::Error::WorkerCrashed | sqlx::Error::Protocol(_)) =
            result
        {
            *self.guard = None;
        }
    }
}

pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique or foreign-key constraint refused the write; the text names it, differently per
    /// backend (PostgreSQL: the constraint or index name; SQLite: its message naming
    /// `table.column`), so it is for logs, not for decisions.
    #[error("constraint violated: {0}")]
    Constraint(String),
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Database(sqlx::Error),
    #[error("{0}")]
    Config(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                StoreError::Unavailable(e.to_string())
            }
            sqlx::Error::Database(d) if d.is_unique_violation() || d.is_foreign_key_violation() => {
                StoreError::Constraint(
                    d.constraint()
                        .map(str::to_owned)
                        .unwrap_or_else(|| d.message().to_owned()),
                )
            }
            _ => StoreError::Database(e),
        }
    }
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Where a bad database URL comes from, named in every start-up error.
const SETTING: &str = "BIZD_DATABASE_URL / --database";

/// How to open the database; [`Db::connect`] uses the defaults.
#[derive(Debug, Clone)]
pub struct DbOptions {
    /// How long start-up waits for an unreachable or starting PostgreSQL server before failing
    /// (it may start beside bizd, e.g. in a compose file). Also the pool's acquire timeout.
    pub connect_timeout: Duration,
    /// Pool size on PostgreSQL. SQLite keeps 4 for transactions plus 4 statement connections.
    pub max_connections: u32,
    /// Create a missing SQLite file (off for the source of a copy, where it means a typo).
    pub create_if_missing: bool,
}

impl Default for DbOptions {
    fn default() -> Self {
        DbOptions {
            connect_timeout: Duration::from_secs(10),
            max_connections: 16,
            create_if_missing: true,
        }
    }
}

impl Db {
    /// Opens the database named by `url` (`sqlite://path` or `postgres://…`) and applies the
    /// migrations. A SQLite file is created when missing.
    pub async fn connect(url: &str) -> StoreResult<Db> {
        Db::connect_with(url, &DbOptions::default()).await
    }

    /// [`Db::connect`] with explicit options.
    pub async fn connect_with(url: &str, opts: &DbOptions) -> StoreResult<Db> {
        let db = if let Some(rest) = url.strip_prefix("sqlite:") {
            if rest.trim_start_matches('/').is_empty() {
                return Err(StoreError::Config(format!(
                    "database URL {url:?} names no SQLite file ({SETTING})"
                )));
            }
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| {
                    StoreError::Config(format!("invalid SQLite URL {url:?} ({SETTING}): {e}"))
                })?
                .create_if_missing(opts.create_if_missing)
                .journal_mode(SqliteJournalMode::Wal)
                // FULL: an acknowledged write survives power loss, not only a process crash.
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .pragma("temp_store", "memory")
                // 8 MB of page cache per connection, 64 MB for the pool at most: the OS page
                // cache holds the rest of a large database without counting against the
                // server's memory (32 MB each let a busy server grow past 250 MB).
                .pragma("cache_size", "-8000");
            let pool = SqlitePoolOptions::new()
                .max_connections(4)
                .min_connections(1)
                .acquire_timeout(Duration::from_secs(10))
                // A ping is a round trip to the connection's worker thread, and a local file
                // cannot drop a connection the way a network can: without it a query costs
                // one hop less (sqlx still checks each connection when it comes back).
                .test_before_acquire(false)
                .connect_with(options)
                .await
                .map_err(|e| {
                    StoreError::Config(format!(
                        "cannot open SQLite database {url:?} ({SETTING}): {e}"
                    ))
                })?;
            Db::Sqlite(SqliteDb::new(pool))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            // The URL is not repeated in messages: it may carry a password.
            let options = PgConnectOptions::from_str(url).map_err(|e| {
                StoreError::Config(format!("invalid PostgreSQL URL ({SETTING}): {e}"))
            })?;
            wait_for_postgres(&options, opts.connect_timeout).await?;
            let pool = PgPoolOptions::new()
                .max_connections(opts.max_connections.max(1))
                .acquire_timeout(opts.connect_timeout)
                .connect_with(options.clone())
                .await
                .map_err(|e| postgres_unreachable(&options, e))?;
            warn_about_collation(&pool).await;
            Db::Postgres(pool)
        } else {
            let scheme = url.split(':').next().unwrap_or_default();
            return Err(StoreError::Config(format!(
                "unsupported database URL scheme {scheme:?} in {SETTING}: use sqlite://PATH or postgres://USER:PASS@HOST:PORT/DB"
            )));
        };
        db.migrate().await?;
        Ok(db)
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn migrate(&self) -> StoreResult<()> {
        let result = match self {
            Db::Sqlite(s) => SQLITE_MIGRATIONS.run(&s.pool).await,
            Db::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await,
        };
        result.map_err(|e| StoreError::Config(format!("database migration failed: {e}")))
    }

    /// Starts a write transaction. On SQLite it takes the write lock up front (`BEGIN IMMEDIATE`)
    /// so concurrent writers wait on `busy_timeout` instead of failing on lock upgrade.
    pub async fn begin(&self) -> StoreResult<Tx> {
        Ok(match self {
            Db::Sqlite(s) => Tx::Sqlite(s.pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(s) => s.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }

    /// Cheap liveness probe.
    pub async fn ping(&self) -> StoreResult<()> {
        on_db!(self, p => sqlx::query("SELECT 1").execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }
}

/// One connection attempt after another until the server answers or `timeout` passes: the pool
/// would retry a refused connection silently and then report only "pool timed out", hiding why.
async fn wait_for_postgres(options: &PgConnectOptions, timeout: Duration) -> StoreResult<()> {
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let attempt = tokio::time::timeout_at(deadline, options.connect()).await;
        let error = match attempt {
            Ok(Ok(conn)) => {
                conn.close().await.ok();
                return Ok(());
            }
            Ok(Err(e)) => e,
            Err(_) => {
                return Err(postgres_unreachable(
                    options,
                    format!("no answer within {}s", timeout.as_secs_f32()),
                ))
            }
        };
        // Refused or reset: not up yet. 57P03: "the database system is starting up".
        let transient = matches!(&error, sqlx::Error::Io(_))
            || matches!(&error, sqlx::Error::Database(d) if d.code().as_deref() == Some("57P03"));
        let pause = Duration::from_millis(250);
        if !transient || tokio::time::Instant::now() + pause >= deadline {
            return Err(postgres_unreachable(options, error));
        }
        tokio::time::sleep(pause).await;
    }
}

/// SQLite compares text bytewise; a PostgreSQL database with a linguistic collation sorts and
/// case-folds text differently. Not fatal (ids, not text, order every list today), but worth saying.
async fn warn_about_collation(pool: &PgPool) {
    let sql = "SELECT datcollate::text FROM pg_database WHERE datname = current_database()";
    if let Ok(collation) = sqlx::query_scalar::<_, String>(sql).fetch_one(pool).await {
        let c = collation.to_ascii_lowercase();
        if !(c == "c" || c == "posix" || c.starts_with("c.")) {
            tracing::warn!(
                %collation,
                "the PostgreSQL database does not use the C collation: text ordering may differ from SQLite (see docs/scaling.md)"
            );
        }
    }
}

fn postgres_unreachable(options: &PgConnectOptions, e: impl std::fmt::Display) -> StoreError {
    StoreError::Config(format!(
        "cannot connect to PostgreSQL at {}:{} database {:?} ({SETTING}): {e}",
        options.get_host(),
        options.get_port(),
        options.get_database().unwrap_or("(default)"),
    ))
}

impl Tx {
    pub async fn commit(self) -> StoreResult<()> {
        on_tx!(self, t => t.commit().await)?;
        Ok(())
    }

    /// Locks the row of `table` with this `id` until the transaction ends, so that a
    /// check-then-write on what hangs off it (e.g. a team member's appointments, see
    /// docs/scaling.md) cannot interleave with another transaction doing the same. Returns
    /// whether the row exists.
    ///
    /// The one per-backend fragment: PostgreSQL locks just this row with `FOR UPDATE`; SQLite has
    /// no `FOR UPDATE` and needs none, since `Db::begin` took the database write lock already.
    pub async fn lock_row(&mut self, table: &str, id: i64) -> StoreResult<bool> {
        let suffix = match self {
            Tx::Sqlite(_) => "",
            Tx::Postgres(_) => " FOR UPDATE",
        };
        let sql = format!(
            "SELECT id FROM {} WHERE id = $1{suffix}",
            crate::schema::quote_ident(table)
        );
        let found = on_tx!(self, c => sqlx::query_scalar::<_, i64>(&sql).bind(id).fetch_optional(&mut **c).await)?;
        Ok(found.is_some())
    }
}

/// A bind value of a statement assembled at run time (filters, sorting).
#[derive(Debug, Clone)]
pub enum Arg {
    Int(i64),
    Text(String),
    Bool(bool),
}

/// A statement assembled at run time: text with `$N` placeholders plus its values in order.
#[derive(Debug, Default)]
pub struct Sql {
    pub text: String,
    pub args: Vec<Arg>,
}

impl Sql {
    pub fn new(text: impl Into<String>) -> Self {
        Sql {
            text: text.into(),
            args: Vec::new(),
        }
    }

    /// Appends `text`, replacing each `?` in it by the next placeholder bound to `args`.
    pub fn push(&mut self, text: &str, args: impl IntoIterator<Item = Arg>) -> &mut Self {
        let mut args = args.into_iter();
        for (i, part) in text.split('?').enumerate() {
            if i > 0 {
                self.args
                    .push(args.next().expect("one argument per placeholder"));
                self.text.push_str(&format!("${}", self.args.len()));
            }
            self.text.push_str(part);
        }
        debug_assert!(args.next().is_none(), "more arguments than placeholders");
        self
    }

    /// The text as `conn`'s backend binds it fastest; see [`placeholders_for`].
    pub fn text_for<C: Dialect + ?Sized>(&self, conn: &C) -> Cow<'_, str> {
        placeholders_for(&self.text, self.args.len(), conn)
    }
}

/// `text`, whose placeholders are `$1…$args`, as `conn`'s backend binds it fastest. PostgreSQL
/// gets it as it is. SQLite gets anonymous `?` placeholders when the text numbers them in order,
/// one per argument (what [`Sql::push`] writes): the same statement, but sqlx looks every
/// parameter up by name, and SQLite finds a name by walking a list of all of them — quadratic in
/// the parameters of a statement, which made multi-row inserts spend half their time binding.
/// Anything else is left alone.
pub fn placeholders_for<'a, C: Dialect + ?Sized>(
    text: &'a str,
    args: usize,
    _conn: &C,
) -> Cow<'a, str> {
    match C::POSITIONAL.then(|| positional_text(text, args)).flatten() {
        Some(text) => text.into(),
        None => text.into(),
    }
}

/// `text` with `$1…$args` (in that order, each once) spelled `?`; `None` otherwise.
fn positional_text(text: &str, args: usize) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut expected = 1usize;
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        let digits = rest[at + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if rest[at + 1..at + 1 + digits].parse::<usize>().ok() != Some(expected) {
            return None;
        }
        out.push_str(&rest[..at]);
        out.push('?');
        rest = &rest[at + 1 + digits..];
        expected += 1;
    }
    out.push_str(rest);
    (expected - 1 == args).then_some(out)
}

/// How a backend's connections want placeholders spelled; see [`Sql::text_for`].
pub trait Dialect {
    const POSITIONAL: bool;
}

impl Dialect for sqlx::SqliteConnection {
    const POSITIONAL: bool = true;
}

impl Dialect for sqlx::PgConnection {
    const POSITIONAL: bool = false;
}

impl Dialect for PgPool {
    const POSITIONAL: bool = false;
}

/// Binds every [`Arg`] of a [`Sql`] to a query, for either backend.
#[macro_export]
macro_rules! bind_args {
    ($query:expr, $args:expr) => {{
        let mut q = $query;
        for arg in $args.iter() {
            q = match arg {
                $crate::db::Arg::Int(v) => q.bind(*v),
                $crate::db::Arg::Text(v) => q.bind(v.as_str()),
                $crate::db::Arg::Bool(v) => q.bind(*v),
            };
        }
        q
    }};
}

#[cfg(test)]
mod tests {
    use super::{positional_text, Arg, Sql};

    #[test]
    fn positional_text_only_for_placeholders_in_order() {
        let mut sql = Sql::new("SELECT * FROM t WHERE a = ");
        sql.push("? AND b IN (?, ?)", [Arg::Int(1), Arg::Int(2), Arg::Int(3)]);
        assert_eq!(
            positional_text(&sql.text, sql.args.len()).as_deref(),
            Some("SELECT * FROM t WHERE a = ? AND b IN (?, ?)")
        );
        assert_eq!(positional_text("SELECT $1, $1", 1), None);
        assert_eq!(positional_text("SELECT '$x'", 0), None);
        assert_eq!(positional_text("SELECT $1", 2), None);
    }
}
