//! bizd-bench: generates a deterministic dataset, starts the real server on it as a child process
//! (`bizd serve`, on a loopback socket) and drives it with concurrent HTTP requests. Prints
//! throughput and p50/p99/p99.9 per scenario, each also as a ratio of the `GET /healthz` baseline
//! measured in the same run, and the server's resident memory: idle, and its peak under load.
//!
//! `cargo run --release --features bench --bin bizd-bench -- --clients 1000000`
//!
//! The child is this same executable started as `bizd-bench serve …`, which runs bizd's own
//! command line: the server code is bizd's, and no second build has to be kept in step.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bizd::bootstrap::{ensure_partner_token, ensure_user};
use bizd_domain::client::{ClientChanges, ClientFields};
use bizd_domain::location::{LocationChanges, LocationFields};
use bizd_store::locations::ChainChoice;
use bizd_store::Db;
use clap::Parser;
use serde_json::{json, Value};

#[derive(Parser)]
struct Args {
    /// Clients to generate in the one location.
    #[arg(long, default_value_t = 1_000_000)]
    clients: usize,
    /// Requests per scenario.
    #[arg(long, default_value_t = 4000)]
    requests: usize,
    /// Concurrent connections.
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Database URL; a temporary SQLite file when absent.
    #[arg(long)]
    database: Option<String>,
    /// Scenarios to run besides the baseline (comma-separated): get, search, create, bulk, and
    /// `reference` (SQLite only; not bizd: a bare axum handler reading one client row by primary
    /// key with a default sqlx pool, against a bare JSON handler — the physical limit GET one
    /// client is measured against).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "get,search,create,bulk,reference"
    )]
    only: Vec<String>,
}

const FIRST: [&str; 16] = [
    "James", "Olivia", "Liam", "Emma", "Noah", "Ava", "Lucas", "Mia", "Ethan", "Sofia", "Mason",
    "Isla", "Leo", "Zoe", "Omar", "Yuki",
];
const LAST: [&str; 16] = [
    "Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Wilson", "Moore", "Taylor",
    "Thomas", "Lee", "Martin", "Clark", "Lewis", "Walker", "Young",
];

/// Deterministic client number `i`: a name from the lists plus a unique suffix, a unique phone.
fn client(i: usize) -> ClientFields {
    ClientChanges {
        name: Some(FIRST[i % 16].to_owned()),
        surname: Some(format!("{}{}", LAST[(i / 16) % 16], i)),
        phone: Some(format!("1{:010}", 2_000_000_000 + i)),
        email: Some(format!("client{i}@example.com")),
        ..Default::default()
    }
    .apply(ClientFields::default(), true)
    .expect("valid generated client")
}

struct Stats {
    name: String,
    throughput: f64,
    p50: Duration,
    p99: Duration,
    p999: Duration,
    errors: usize,
}

async fn run<F, Fut>(name: &str, requests: usize, concurrency: usize, make: F) -> Stats
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let make = Arc::new(make);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (make, next) = (make.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut times = Vec::new();
            let mut errors = 0;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= requests {
                    break;
                }
                let t = Instant::now();
                if !make(i).await {
                    errors += 1;
                }
                times.push(t.elapsed());
            }
            (times, errors)
        }));
    }
    let mut times = Vec::with_capacity(requests);
    let mut errors = 0;
    for w in workers {
        let (t, e) = w.await.expect("worker");
        times.extend(t);
        errors += e;
    }
    let elapsed = started.elapsed();
    times.sort();
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    Stats {
        name: name.to_owned(),
        throughput: requests as f64 / elapsed.as_secs_f64(),
        p50: pct(0.50),
        p99: pct(0.99),
        p999: pct(0.999),
        errors,
    }
}

/// `VmRSS` (now) or `VmHWM` (peak) of a process, in MB.
fn memory_mb(pid: u32, field: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with(field)).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<f64>()
                    .unwrap_or(0.0)
            })
        })
        .unwrap_or(0.0)
        / 1024.0
}

/// Starts `bizd serve` on the database and waits for the address it prints.
fn spawn_server(url: &str, dir: &std::path::Path) -> anyhow::Result<(std::process::Child, String)> {
    use std::io::BufRead;
    let mut child = std::process::Command::new(std::env::current_exe()?)
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(dir.join("data"))
        .args(["--database", url])
        .env("BIZD_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .spawn()?;
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = std::io::BufReader::new(stdout).lines();
    let addr = loop {
        let Some(line) = lines.next().transpose()? else {
            anyhow::bail!("the server exited before printing its address");
        };
        if let Some(rest) = line.strip_prefix("bizd listening on http://") {
            break rest
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned();
        }
    };
    // Keep draining its output so the child never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Ok((child, addr))
}

fn main() -> anyhow::Result<()> {
    // `bizd-bench serve …` is the server child: bizd's own command line.
    if std::env::args().nth(1).as_deref() == Some("serve") {
        let cli = <bizd::cli::Cli as clap::Parser>::parse_from(
            std::iter::once("bizd".to_owned()).chain(std::env::args().skip(1)),
        );
        return tokio::runtime::Runtime::new()?.block_on(bizd::cli::run(cli));
    }
    tokio::runtime::Runtime::new()?.block_on(bench())
}

async fn bench() -> anyhow::Result<()> {
    let args = Args::parse();
    let dir = tempfile_dir()?;
    let url = args
        .database
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}/bench.db", dir.display()));
    let db = Db::connect(&url).await?;
    println!(
        "bizd-bench: {} clients, {} requests per scenario, concurrency {}, {}",
        args.clients,
        args.requests,
        args.concurrency,
        db_kind(&url)
    );

    ensure_partner_token(&db, "bench-partner", "bench", 0).await?;
    let user = ensure_user(&db, "bench@example.com", "bench-password", "Bench", 0).await?;
    let fields = LocationChanges {
        title: Some("Bench".into()),
        ..Default::default()
    }
    .apply(LocationFields::default(), true)
    .unwrap();
    let mut tx = db.write().await?;
    let location =
        bizd_store::locations::insert(&mut tx, &fields, ChainChoice::New("Bench".into()), user, 0)
            .await?;
    tx.commit().await?;

    let t = Instant::now();
    let chunk = 10_000;
    let mut i = 0;
    while i < args.clients {
        let items: Vec<ClientFields> = (i..(i + chunk).min(args.clients)).map(client).collect();
        let mut tx = db.write().await?;
        bizd_store::clients::insert_many(&mut tx, location, &items, 1_767_225_600).await?;
        tx.commit().await?;
        i += chunk;
    }
    let generated = t.elapsed();
    println!(
        "generated {} clients in {:.1} s ({:.0}/s)",
        args.clients,
        generated.as_secs_f64(),
        args.clients as f64 / generated.as_secs_f64()
    );

    db.close().await;

    let started = Instant::now();
    let (mut server, addr) = spawn_server(&url, &dir)?;
    let pid = server.id();
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(args.concurrency)
        .build()?;
    let base = format!("http://{addr}");
    loop {
        if http.get(format!("{base}/healthz")).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    println!(
        "start to first answer (process start included): {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let idle_rss = memory_mb(pid, "VmRSS:");
    let login: Value = http
        .post(format!("{base}/api/v1/auth"))
        .header("Authorization", "Bearer bench-partner")
        .json(&json!({"login": "bench@example.com", "password": "bench-password"}))
        .send()
        .await?
        .json()
        .await?;
    let auth = format!(
        "Bearer bench-partner, User {}",
        login["data"]["user_token"].as_str().unwrap_or_default()
    );
    let ctx = Arc::new((http, base, auth, location, args.clients));

    let (n, c) = (args.requests, args.concurrency);
    let mut results = Vec::new();
    let x = ctx.clone();
    let baseline = run("GET /healthz (baseline)", n, c, move |_| {
        let x = x.clone();
        async move {
            x.0.get(format!("{}/healthz", x.1))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
        }
    })
    .await;
    let wanted = |name: &str| args.only.iter().any(|o| o == name);
    let x = ctx.clone();
    if wanted("get") {
        results.push(
            run("GET one client", n, c, move |i| {
                let x = x.clone();
                async move {
                    let id = (i * 7919) % x.4 + 1;
                    let url = format!("{}/api/v1/client/{}/{id}", x.1, x.3);
                    x.0.get(url)
                        .header("Authorization", &x.2)
                        .send()
                        .await
                        .is_ok_and(|r| r.status().is_success())
                }
            })
            .await,
        );
    }
    for (name, term) in [("search by name part", 0usize), ("search by phone part", 1)] {
        if !wanted("search") {
            continue;
        }
        let x = ctx.clone();
        results.push(
            run(name, n, c, move |i| {
                let x = x.clone();
                async move {
                    let value = if term == 0 {
                        // A surname with its unique suffix part: e.g. "ith12345".
                        let k = (i * 104_729) % x.4;
                        format!("{}{}", &LAST[(k / 16) % 16][2..], k)
                    } else {
                        format!("{:07}", 2_000_000 + (i * 7919) % x.4).chars().skip(1).collect::<String>()
                    };
                    let body = json!({"page_size": 25, "filters": [{"type": "quick_search", "state": {"value": value}}]});
                    let url = format!("{}/api/v1/company/{}/clients/search", x.1, x.3);
                    x.0.post(url).header("Authorization", &x.2).json(&body).send().await.is_ok_and(|r| r.status().is_success())
                }
            })
            .await,
        );
    }
    let x = ctx.clone();
    if wanted("create") {
        results.push(
        run("create client", n, c, move |i| {
            let x = x.clone();
            async move {
                let body = json!({"name": "New", "surname": format!("Client{i}"), "phone": format!("1{:010}", 8_000_000_000u64 + i as u64)});
                let url = format!("{}/api/v1/clients/{}", x.1, x.3);
                x.0.post(url).header("Authorization", &x.2).json(&body).send().await.is_ok_and(|r| r.status().is_success())
            }
        })
        .await,
    );
    }

    let load_rss = memory_mb(pid, "VmHWM:");

    // The reference reads SQLite; on PostgreSQL there is no in-process equivalent to compare.
    if wanted("reference") && url.starts_with("sqlite:") {
        let (json, row, sync_row) = reference(&url, ctx.0.clone(), args.clients, n, c).await?;
        println!(
            "\nreference (bare axum, in the bench process): JSON handler {:.0} req/s, one row by \
             primary key through sqlx {:.0} req/s = {:.0} % (p99 {:.2} ms), through a synchronous \
             rusqlite connection {:.0} req/s = {:.0} % (p99 {:.2} ms)",
            json.throughput,
            row.throughput,
            100.0 * row.throughput / json.throughput,
            row.p99.as_secs_f64() * 1000.0,
            sync_row.throughput,
            100.0 * sync_row.throughput / json.throughput,
            sync_row.p99.as_secs_f64() * 1000.0
        );
    }

    // One bulk request of 100,000 new clients, timed end to end (serialising, sending, answer).
    if wanted("bulk") {
        let bulk: Vec<Value> = (0..100_000u64)
            .map(|i| json!({"name": "Bulk", "surname": format!("Client{i}"), "phone": format!("1{:010}", 9_000_000_000u64 + i)}))
            .collect();
        let t = Instant::now();
        let answer: Value = ctx
            .0
            .post(format!("{}/api/v1/clients/{}/bulk", ctx.1, ctx.3))
            .header("Authorization", &ctx.2)
            .json(&bulk)
            .send()
            .await?
            .json()
            .await?;
        let bulk_time = t.elapsed();
        let created = answer["data"]["created"].as_array().map_or(0, Vec::len);
        println!();
        println!(
            "bulk create of 100,000 clients in one request: {:.2} s ({created} created)",
            bulk_time.as_secs_f64()
        );
    }
    println!();
    println!("| scenario | req/s | vs healthz | p50 ms | p99 ms | p99.9 ms | errors |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    for s in std::iter::once(&baseline).chain(results.iter()) {
        println!(
            "| {} | {:.0} | {:.0} % | {:.2} | {:.2} | {:.2} | {} |",
            s.name,
            s.throughput,
            100.0 * s.throughput / baseline.throughput,
            ms(s.p50),
            ms(s.p99),
            ms(s.p999),
            s.errors
        );
    }
    print!(
        "\nserver RSS: {idle_rss:.0} MB idle after start; peak {load_rss:.0} MB under the request \
         scenarios"
    );
    if wanted("bulk") {
        print!(
            ", {:.0} MB after the 100,000-client bulk request",
            memory_mb(pid, "VmHWM:")
        );
    }
    println!();
    server.kill()?;
    server.wait()?;
    // The dataset is hundreds of MB at a million clients: never leave it behind.
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

/// The yardstick: a bare JSON handler and bare handlers reading one client by primary
/// key — through a default sqlx pool, and through synchronous rusqlite connections stepped on
/// the request's worker (what bizd's SQLite read path does) — on the same database, driven the
/// same way as bizd.
async fn reference(
    url: &str,
    http: reqwest::Client,
    clients: usize,
    n: usize,
    c: usize,
) -> anyhow::Result<(Stats, Stats, Stats)> {
    use axum::extract::{Path, State};
    use axum::routing::get;
    let pool = sqlx::SqlitePool::connect(url).await?;
    let file = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    let sync_conns: Arc<Vec<std::sync::Mutex<rusqlite::Connection>>> = Arc::new(
        (0..4)
            .map(|_| rusqlite::Connection::open(&file).map(std::sync::Mutex::new))
            .collect::<Result<_, _>>()?,
    );
    let sync_app = axum::Router::new()
        .route(
            "/sync_row/{id}",
            get(
                |State(conns): State<Arc<Vec<std::sync::Mutex<rusqlite::Connection>>>>,
                 Path(id): Path<i64>| async move {
                    // Held for one indexed lookup (microseconds): a plain mutex is fine here.
                    let conn = conns[id.unsigned_abs() as usize % conns.len()]
                        .lock()
                        .map_err(|_| axum::http::StatusCode::INTERNAL_SERVER_ERROR)?;
                    let row: (i64, String, String) = conn
                        .prepare_cached("SELECT id, name, phone FROM clients WHERE id = ?1")
                        .and_then(|mut st| {
                            st.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                        })
                        .map_err(|_| axum::http::StatusCode::NOT_FOUND)?;
                    Ok::<_, axum::http::StatusCode>(axum::Json(
                        json!({"id": row.0, "name": row.1, "phone": row.2}),
                    ))
                },
            ),
        )
        .with_state(sync_conns);
    let app = axum::Router::new()
        .route(
            "/json",
            get(|| async { axum::Json(json!({"status": "ok"})) }),
        )
        .route(
            "/row/{id}",
            get(
                |State(pool): State<sqlx::SqlitePool>, Path(id): Path<i64>| async move {
                    let row: (i64, String, String) =
                        sqlx::query_as("SELECT id, name, phone FROM clients WHERE id = $1")
                            .bind(id)
                            .fetch_one(&pool)
                            .await
                            .map_err(|_| axum::http::StatusCode::NOT_FOUND)?;
                    Ok::<_, axum::http::StatusCode>(axum::Json(
                        json!({"id": row.0, "name": row.1, "phone": row.2}),
                    ))
                },
            ),
        )
        .with_state(pool)
        .merge(sync_app);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    let x = Arc::new((http, base));
    let y = x.clone();
    let json = run("reference JSON", n, c, move |_| {
        let y = y.clone();
        async move {
            y.0.get(format!("{}/json", y.1))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
        }
    })
    .await;
    let z = x.clone();
    let row = run("reference row", n, c, move |i| {
        let x = x.clone();
        async move {
            let id = (i * 7919) % clients + 1;
            x.0.get(format!("{}/row/{id}", x.1))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
        }
    })
    .await;
    let sync_row = run("reference sync row", n, c, move |i| {
        let z = z.clone();
        async move {
            let id = (i * 7919) % clients + 1;
            z.0.get(format!("{}/sync_row/{id}", z.1))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
        }
    })
    .await;
    Ok((json, row, sync_row))
}

fn db_kind(url: &str) -> &'static str {
    if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    }
}

fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("bizd-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
