//! The database: opening it (SQLite or PostgreSQL, chosen by the URL scheme), migrating it, and
//! handing out connections ([`Conn`]) for reads, snapshots and write transactions.

mod conn;
mod error;
mod lock;
mod prepared;
mod sqlite;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection};

pub use conn::{column_at, Conn, FromSqliteRow, Row, RowRef, Scalar};
pub use error::{Constraint, StoreError, StoreResult, NAMED_CONSTRAINTS};
pub use lock::Lock;
pub use prepared::{Bound, Prepared};
pub use sqlite::SqliteDb;

use conn::Inner;

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

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// A short digest of both migration trees: databases migrated by binaries with the same
/// fingerprint have the same schema (test kits key their template databases by it).
/// `updated_at` (the column given) for a change at `now`: strictly later than the row's last
/// change, so that an incremental sync (`changed_after`) never misses two changes within one
/// second.
pub(crate) fn touched(
    updated_at: impl sea_query::IntoColumnRef + Copy,
    now: i64,
) -> sea_query::SimpleExpr {
    use sea_query::Expr;
    Expr::case(Expr::col(updated_at).gte(now), Expr::col(updated_at).add(1))
        .finally(now)
        .into()
}

pub fn migrations_fingerprint() -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for m in SQLITE_MIGRATIONS.iter().chain(POSTGRES_MIGRATIONS.iter()) {
        h.update(m.version.to_be_bytes());
        h.update(&m.checksum);
    }
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

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
    /// How long a write waits for a row lock (PostgreSQL `lock_timeout`) or the database lock
    /// (SQLite busy timeout) before giving up with [`StoreError::Busy`].
    pub lock_timeout: Duration,
}

impl Default for DbOptions {
    fn default() -> Self {
        DbOptions {
            connect_timeout: Duration::from_secs(10),
            max_connections: 16,
            create_if_missing: true,
            lock_timeout: Duration::from_secs(5),
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
                .busy_timeout(opts.lock_timeout)
                .pragma("temp_store", "memory")
                // 8 MB of page cache per connection, 64 MB for the pool at most: the OS page
                // cache holds the rest of a large database without counting against the
                // server's memory (32 MB each let a busy server grow past 250 MB).
                .pragma("cache_size", "-8000");
            let file = options.get_filename().to_path_buf();
            let name = file.to_string_lossy();
            if name.starts_with("file:") || name == ":memory:" || url.contains("mode=memory") {
                return Err(StoreError::Config(format!(
                    "in-memory SQLite databases are not supported ({SETTING}): name a file, e.g. sqlite:///tmp/bizd.db"
                )));
            }
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
            Db::Sqlite(SqliteDb::new(pool, file, opts.lock_timeout))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            // The URL is not repeated in messages: it may carry a password.
            let options = PgConnectOptions::from_str(url)
                .map_err(|e| {
                    StoreError::Config(format!("invalid PostgreSQL URL ({SETTING}): {e}"))
                })?
                // Set per session: a write never waits unboundedly for another's row locks.
                .options([(
                    "lock_timeout",
                    format!("{}ms", opts.lock_timeout.as_millis()),
                )]);
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

    /// A connection for reads, outside any transaction: each statement sees the latest committed
    /// data. On SQLite one of the statement connections, on PostgreSQL a pooled one.
    pub async fn read(&self) -> StoreResult<Conn<'_>> {
        Ok(Conn::new(match self {
            Db::Sqlite(s) => Inner::SqliteStatement(s.statement_connection().await?),
            Db::Postgres(p) => Inner::PgPooled(p.acquire().await?),
        }))
    }

    /// A read-only transaction: every statement sees the same committed state (for answers
    /// assembled from several queries).
    pub async fn snapshot(&self) -> StoreResult<Conn<'_>> {
        Ok(Conn::new(match self {
            Db::Sqlite(s) => Inner::SqliteSnapshot(s.snapshot_connection().await?),
            Db::Postgres(p) => Inner::PgTx(
                p.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?,
            ),
        }))
    }

    /// A write transaction: the operation's reads, checks and writes run in it, and
    /// [`Conn::commit`] keeps them. On SQLite it holds the database's write lock from the start
    /// (`BEGIN IMMEDIATE`, after this process's earlier writers); on PostgreSQL the rows it
    /// depends on are locked with [`Conn::lock`].
    pub async fn write(&self) -> StoreResult<Conn<'_>> {
        Ok(Conn::new(match self {
            Db::Sqlite(s) => Inner::SqliteWrite(s.writer().await?),
            Db::Postgres(p) => Inner::PgTx(p.begin().await?),
        }))
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(s) => s.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }

    /// Cheap liveness probe.
    pub async fn ping(&self) -> StoreResult<()> {
        self.read()
            .await?
            .raw_all::<(i64,)>("SELECT 1", sea_query::Values(Vec::new()))
            .await?;
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
