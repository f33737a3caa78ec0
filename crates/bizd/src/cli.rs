//! The command line: `bizd serve` and the operators' `bizd admin …` commands.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use bizd_domain::access::Role;
use bizd_domain::time::Clock;
use bizd_store::{Db, DbOptions};
use clap::{Args, Parser, Subcommand};

use crate::app::{self, AppState, Settings};
use crate::bootstrap::{self, Bootstrap};
use crate::demo;
use crate::http::access_cache::AccessCache;
use crate::http::rate_limit::{RateLimitSpec, RateLimits};
use crate::security::{hash_password_blocking, new_token, phone_digits, token_hash};

#[derive(Debug, Parser)]
#[command(
    name = "bizd",
    version,
    about = "Self-hosted server for the Altegio / YCLIENTS Business Management B2B API v1"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server.
    Serve(ServeArgs),
    /// Operator commands: tokens, users, access.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Print the OpenAPI document (the same as GET /api/v1/openapi.json).
    Openapi,
    /// Copy every table of one database into another, empty one (e.g. SQLite → PostgreSQL),
    /// then verify row counts and checksums. Stop the server on the source first.
    MigrateData(MigrateDataArgs),
}

#[derive(Debug, Args)]
pub struct MigrateDataArgs {
    /// Source database URL (migrated to this version's schema first).
    #[arg(long)]
    pub from: String,
    /// Target database URL; its tables must be empty. It is migrated first (a SQLite file is
    /// created; a PostgreSQL database must exist, e.g. `createdb bizd`).
    #[arg(long)]
    pub to: String,
    /// Seconds to wait for a PostgreSQL server to answer.
    #[arg(
        long = "database-timeout",
        env = "BIZD_DATABASE_TIMEOUT",
        default_value_t = 10
    )]
    pub timeout_secs: u64,
}

#[derive(Debug, Args)]
pub struct DatabaseArg {
    /// Database URL: sqlite://PATH (created if missing) or postgres://USER:PASS@HOST:PORT/DB.
    #[arg(
        long = "database",
        env = "BIZD_DATABASE_URL",
        default_value = "sqlite://./bizd.db"
    )]
    pub url: String,
    /// Seconds start-up waits for the PostgreSQL server to answer before failing.
    #[arg(
        long = "database-timeout",
        env = "BIZD_DATABASE_TIMEOUT",
        default_value_t = 10
    )]
    pub timeout_secs: u64,
    /// Largest number of PostgreSQL connections (SQLite ignores it).
    #[arg(
        long = "database-max-connections",
        env = "BIZD_DATABASE_MAX_CONNECTIONS",
        default_value_t = 16
    )]
    pub max_connections: u32,
}

impl DatabaseArg {
    /// Opens and migrates the database.
    pub async fn connect(&self) -> anyhow::Result<Db> {
        Ok(Db::connect_with(&self.url, &self.options()).await?)
    }

    fn options(&self) -> DbOptions {
        DbOptions {
            connect_timeout: Duration::from_secs(self.timeout_secs.max(1)),
            max_connections: self.max_connections,
            ..DbOptions::default()
        }
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (the log prints the bound address).
    #[arg(long, env = "BIZD_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    #[command(flatten)]
    pub database: DatabaseArg,
    /// Directory for uploaded files.
    #[arg(long, env = "BIZD_DATA_DIR", default_value = "./bizd-data")]
    pub data_dir: PathBuf,
    /// Seed the demo business into an empty database and print how to use it.
    #[arg(long, env = "BIZD_DEMO")]
    pub demo: bool,
    /// Largest accepted request body, in bytes.
    #[arg(long, env = "BIZD_BODY_LIMIT", default_value_t = 1024 * 1024)]
    pub body_limit: usize,
    /// Rate limits: `off`, `altegio` (200 requests a minute or 5 a second per IP), or a spec
    /// such as `ip=5/s,200/m;partner=1000/m`.
    #[arg(long, env = "BIZD_RATE_LIMIT", default_value = "off")]
    pub rate_limit: RateLimitSpec,
    /// How long a token and location check may be answered from memory, in milliseconds (0: off).
    /// This server's own writes take effect at once; this bounds how long a change made by another
    /// process (`bizd admin`, another server on the same PostgreSQL) takes to be seen.
    #[arg(long, env = "BIZD_ACCESS_CACHE_TTL_MS", default_value_t = 2000)]
    pub access_cache_ttl_ms: u64,
    /// Log format: `text` or `json`.
    #[arg(long, env = "BIZD_LOG_FORMAT", default_value = "text")]
    pub log_format: String,
    /// Bootstrap: partner token to ensure at start (with login and password).
    #[arg(long, env = "BIZD_BOOTSTRAP_PARTNER_TOKEN", hide_env_values = true)]
    pub bootstrap_partner_token: Option<String>,
    /// Bootstrap: login (e-mail or phone) of the user to ensure.
    #[arg(long, env = "BIZD_BOOTSTRAP_LOGIN")]
    pub bootstrap_login: Option<String>,
    /// Bootstrap: that user's password.
    #[arg(long, env = "BIZD_BOOTSTRAP_PASSWORD", hide_env_values = true)]
    pub bootstrap_password: Option<String>,
    /// Bootstrap: time zone of the user's first location.
    #[arg(long, env = "BIZD_BOOTSTRAP_TIMEZONE", default_value = "UTC")]
    pub bootstrap_timezone: String,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a partner token; it is printed once and stored only as a digest.
    CreatePartnerToken {
        #[arg(long, default_value = "partner")]
        name: String,
        #[command(flatten)]
        database: DatabaseArg,
    },
    /// Create a user who can sign in with POST /auth.
    CreateUser {
        /// E-mail address or phone number.
        #[arg(long)]
        login: String,
        #[arg(long, env = "BIZD_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
        #[arg(long, default_value = "")]
        name: String,
        #[command(flatten)]
        database: DatabaseArg,
    },
    /// Give a user access to a location with a role (owner, administrator, manager, accountant,
    /// worker or employee). The owner's own membership is not changed (as over the API).
    Grant {
        #[arg(long)]
        login: String,
        #[arg(long)]
        location: i64,
        #[arg(long)]
        role: Role,
        #[command(flatten)]
        database: DatabaseArg,
    },
    /// Accept an invitation to a location (as `POST /user/invitations/accept`): the token from
    /// the invitation message; the password sets the first one of an account the invitation
    /// created, or must be the account's own.
    AcceptInvite {
        #[arg(long)]
        token: String,
        #[arg(long, env = "BIZD_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        database: DatabaseArg,
    },
    /// Show the messages waiting in the outbox (booking codes and the like), newest first,
    /// until the notifications section sends them through a gateway.
    Outbox {
        /// How many messages.
        #[arg(long, default_value_t = 20)]
        limit: u64,
        #[command(flatten)]
        database: DatabaseArg,
    },
    /// Change a user's password; their user tokens stop working.
    SetPassword {
        #[arg(long)]
        login: String,
        #[arg(long, env = "BIZD_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
        #[command(flatten)]
        database: DatabaseArg,
    },
}

impl ServeArgs {
    fn bootstrap(&self) -> anyhow::Result<Option<Bootstrap>> {
        match (&self.bootstrap_partner_token, &self.bootstrap_login, &self.bootstrap_password) {
            (Some(token), Some(login), Some(password)) => Ok(Some(Bootstrap {
                partner_token: token.clone(),
                login: login.clone(),
                password: password.clone(),
                timezone: self.bootstrap_timezone.clone(),
            })),
            (None, None, None) => Ok(None),
            _ => anyhow::bail!(
                "set all three of BIZD_BOOTSTRAP_PARTNER_TOKEN, BIZD_BOOTSTRAP_LOGIN and BIZD_BOOTSTRAP_PASSWORD, or none"
            ),
        }
    }
}

fn init_tracing(format: &str) {
    init_tracing_with(format, "info,sqlx=warn");
}

fn init_tracing_with(format: &str, default_filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("BIZD_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_filter));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => serve(args).await,
        Command::Admin(cmd) => {
            init_tracing("text");
            admin(cmd).await
        }
        Command::Openapi => {
            println!("{}", serde_json::to_string_pretty(&app::openapi())?);
            Ok(())
        }
        Command::MigrateData(args) => {
            // A copy reads whole tables in one statement: sqlx's slow-statement warnings are
            // expected there, not news.
            init_tracing_with("text", "info,sqlx=error");
            migrate_data(args).await
        }
    }
}

async fn migrate_data(args: MigrateDataArgs) -> anyhow::Result<()> {
    let options = DbOptions {
        connect_timeout: Duration::from_secs(args.timeout_secs.max(1)),
        ..DbOptions::default()
    };
    // A missing source file is a typo, not an empty business.
    let source_options = DbOptions {
        create_if_missing: false,
        ..options.clone()
    };
    let from = Db::connect_with(&args.from, &source_options)
        .await
        .context("source (--from)")?;
    let to = Db::connect_with(&args.to, &options)
        .await
        .context("target (--to)")?;
    println!(
        "copying {} -> {}",
        redact_password(&args.from),
        redact_password(&args.to)
    );
    let report = bizd_store::transfer::copy_database(&from, &to).await?;
    let width = report
        .tables
        .iter()
        .map(|t| t.table.len())
        .max()
        .unwrap_or(5)
        .max(5);
    println!("{:width$}  {:>10}  checksum", "table", "rows");
    for t in &report.tables {
        println!("{:width$}  {:>10}  {}", t.table, t.rows, t.checksum);
    }
    for sequence in &report.sequences_reset {
        println!("sequence {sequence} moved past the copied ids");
    }
    let rows: u64 = report.tables.iter().map(|t| t.rows).sum();
    println!(
        "verified: {} tables, {rows} rows, identical row counts and checksums in source and target",
        report.tables.len()
    );
    from.close().await;
    to.close().await;
    Ok(())
}

/// A database URL fit for printing: the password, if any, replaced by `***`.
fn redact_password(url: &str) -> String {
    let Some(start) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let authority_end = url[start..].find('/').map_or(url.len(), |i| start + i);
    let authority = &url[start..authority_end];
    match (authority.rfind('@'), authority.find(':')) {
        (Some(at), Some(colon)) if colon < at => format!(
            "{}{}:***{}",
            &url[..start],
            &authority[..colon],
            &url[start + at..]
        ),
        _ => url.to_owned(),
    }
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    init_tracing(&args.log_format);
    let bootstrap = args.bootstrap()?;
    std::fs::create_dir_all(&args.data_dir).with_context(|| {
        format!(
            "cannot create data directory {} (BIZD_DATA_DIR)",
            args.data_dir.display()
        )
    })?;
    let db = args.database.connect().await?;
    let clock = Clock::system();
    if args.demo && demo::seed(&db, &args.data_dir).await? {
        tracing::info!("demo business seeded");
    }
    if let Some(b) = &bootstrap {
        bootstrap::run(&db, &clock, b)
            .await
            .context("bootstrap failed")?;
    }
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {} (BIZD_LISTEN)", args.listen))?;
    let addr = listener.local_addr()?;
    let shutdown = app::shutdown_signal();
    tracing::info!(%addr, backend = ?db.backend(), rate_limit = %args.rate_limit, "bizd listening on http://{addr}");
    println!("bizd listening on http://{addr}");
    if args.demo {
        println!(
            "demo: base URL http://{addr}/api/v1  partner token {}  login {}  password {}\n\
             demo: try  curl -H 'Authorization: Bearer {}' http://{addr}/api/v1/companies   docs: http://{addr}/docs",
            demo::PARTNER_TOKEN, demo::LOGIN, demo::PASSWORD, demo::PARTNER_TOKEN
        );
    }
    let state = AppState::from_parts(
        db.clone(),
        Arc::new(Settings {
            data_dir: args.data_dir,
            body_limit: args.body_limit,
            rate_limit: RateLimits::new(&args.rate_limit),
            access_cache: AccessCache::new(Duration::from_millis(args.access_cache_ttl_ms)),
            ..Settings::default()
        }),
        clock,
    );
    app::serve(listener, state, shutdown).await?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn user_id_by_login(db: &Db, login: &str) -> anyhow::Result<i64> {
    bizd_store::auth::user_by_login(&mut db.read().await?, login, phone_digits(login).as_deref())
        .await?
        .map(|u| u.id)
        .with_context(|| format!("no user with login {login:?}"))
}

async fn admin(cmd: AdminCommand) -> anyhow::Result<()> {
    let now = Clock::system().now();
    match cmd {
        AdminCommand::CreatePartnerToken { name, database } => {
            let db = database.connect().await?;
            let token = new_token();
            let mut tx = db.write().await?;
            let id =
                bizd_store::auth::insert_partner_token(&mut tx, &name, &token_hash(&token), now)
                    .await?;
            tx.commit().await?;
            println!("partner token #{id} ({name}): {token}");
            println!("store it now: only its digest is kept");
        }
        AdminCommand::CreateUser {
            login,
            password,
            name,
            database,
        } => {
            let db = database.connect().await?;
            anyhow::ensure!(
                password.len() >= 8,
                "the password must be at least 8 characters"
            );
            let hash = hash_password_blocking(password).await;
            let mut tx = db.write().await?;
            let id = bizd_store::auth::insert_user(
                &mut tx,
                &bootstrap::new_user(&login, &name, hash),
                now,
            )
            .await
            .with_context(|| format!("cannot create user {login:?} (does it exist already?)"))?;
            tx.commit().await?;
            println!("user #{id} created: {login}");
        }
        AdminCommand::Grant {
            login,
            location,
            role,
            database,
        } => {
            let db = database.connect().await?;
            let user_id = user_id_by_login(&db, &login).await?;
            let mut tx = db.write().await?;
            anyhow::ensure!(
                bizd_store::locations::get(&mut tx, location)
                    .await?
                    .is_some_and(|l| l.deleted_at.is_none()),
                "no location #{location}"
            );
            let current = bizd_store::users::member(&mut tx, location, user_id).await?;
            anyhow::ensure!(
                current.is_none_or(|m| m.role == Role::Owner.as_str() && role == Role::Owner
                    || m.role != Role::Owner.as_str()),
                "{login} owns location #{location}; the owner's membership is not changed"
            );
            bizd_store::auth::upsert_membership(&mut tx, user_id, location, role.as_str(), now)
                .await?;
            tx.commit().await?;
            println!("user {login} is now {role} of location #{location}");
        }
        AdminCommand::AcceptInvite {
            token,
            password,
            name,
            database,
        } => {
            let db = database.connect().await?;
            let acceptance = crate::sections::users_and_permissions::rules::Acceptance {
                token,
                password: Some(password),
                name,
            };
            let user = crate::sections::users_and_permissions::rules::accept(&db, &acceptance, now)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("invitation accepted: user #{} ({})", user.id, user.login);
        }
        AdminCommand::Outbox { limit, database } => {
            let db = database.connect().await?;
            let messages =
                bizd_store::online_booking::codes::outbox(&mut db.read().await?, limit).await?;
            if messages.is_empty() {
                println!("the outbox is empty");
            }
            for m in messages {
                let location = m.location_id.map_or("-".to_owned(), |l| format!("#{l}"));
                println!(
                    "#{} {} {} to {} (location {location}): {}",
                    m.id,
                    bizd_domain::time::iso8601(m.created_at, &jiff::tz::TimeZone::UTC),
                    m.channel,
                    m.recipient,
                    m.body
                );
            }
        }
        AdminCommand::SetPassword {
            login,
            password,
            database,
        } => {
            let db = database.connect().await?;
            anyhow::ensure!(
                password.len() >= 8,
                "the password must be at least 8 characters"
            );
            let user_id = user_id_by_login(&db, &login).await?;
            let hash = hash_password_blocking(password).await;
            let mut tx = db.write().await?;
            bizd_store::auth::set_user_password(&mut tx, user_id, &hash, now).await?;
            tx.commit().await?;
            println!("password of {login} changed; their user tokens are revoked");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_only_the_password() {
        use super::redact_password as r;
        assert_eq!(
            r("postgres://bizd:secret@db:5432/bizd"),
            "postgres://bizd:***@db:5432/bizd"
        );
        assert_eq!(r("postgres://bizd@db/bizd"), "postgres://bizd@db/bizd");
        assert_eq!(r("sqlite://./bizd.db"), "sqlite://./bizd.db");
    }
}
