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
    /// Scenarios to run besides the baseline (comma-separated): get, search, create, bulk,
    /// `reference` (SQLite only; not bizd: a bare axum handler reading one client row by primary
    /// key with a default sqlx pool, against a bare JSON handler — the physical limit GET one
    /// client is measured against), and the booking engine's: records (one team member's day),
    /// seances (the calendar sessions of a team member's day), book (`POST /records` into free
    /// slots), and online booking's book_times (one team member's day) and book_dates (the
    /// 60-day window over every team member). The appointments dataset is generated only when
    /// one of the last five is chosen. `goods_search`: product search by term over `--products`
    /// generated products (generated only then).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "get,search,create,bulk,reference"
    )]
    only: Vec<String>,
    /// Appointments to generate (for records, seances, book), spread over as many days as
    /// `--team-members` need at 8–15 appointments a day each.
    #[arg(long, default_value_t = 1_000_000)]
    appointments: usize,
    /// Team members of the appointments dataset, each working 09:00–21:00 every day of its span.
    #[arg(long, default_value_t = 100)]
    team_members: usize,
    /// Products to generate for `goods_search` (`GET /goods/search` by a term).
    #[arg(long, default_value_t = 100_000)]
    products: usize,
    /// Keep the temporary SQLite dataset (its path is printed), e.g. for `EXPLAIN QUERY PLAN`.
    #[arg(long)]
    keep: bool,
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
    let wants_booking = ["records", "seances", "book", "book_times", "book_dates"]
        .iter()
        .any(|s| args.only.iter().any(|o| o == s));
    let booking = if wants_booking {
        Some(Arc::new(generate_appointments(&db, location, &args).await?))
    } else {
        None
    };

    if args.only.iter().any(|o| o == "goods_search") {
        generate_products(&db, location, args.products).await?;
    }

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

    if wanted("goods_search") {
        let x = ctx.clone();
        let products = args.products.max(1);
        results.push(
            run("goods search by term", n, c, move |i| {
                let x = x.clone();
                async move {
                    // Part of one product's title (its number makes it unique), e.g. "own 1234".
                    let k = (i * 104_729) % products;
                    let term = format!("{} {k}", &LAST[(k / 16) % 16][2..]);
                    let url = format!("{}/api/v1/goods/search/{}", x.1, x.3);
                    x.0.get(url)
                        .query(&[("term", term.as_str()), ("count", "20")])
                        .header("Authorization", &x.2)
                        .send()
                        .await
                        .is_ok_and(|r| r.status().is_success())
                }
            })
            .await,
        );
    }

    let mut booked = None;
    if let Some(b) = &booking {
        booked = booking_scenarios(&ctx, b, &args, &mut results).await;
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
    if let Some((created, conflicts, other)) = booked {
        println!("book: {created} created, {conflicts} answered 409, {other} other failures");
    }
    server.kill()?;
    server.wait()?;
    if args.keep && args.database.is_none() {
        println!("dataset kept: {}", dir.display());
        return Ok(());
    }
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

type Ctx = Arc<(reqwest::Client, String, String, i64, usize)>;

/// The appointments dataset: team members working 09:00–21:00 every day from 2026-01-05 on,
/// appointments of one 30-minute service on a half-hour grid (`SLOTS` a day), 8–15 a day per
/// team member, and the free slots left, from which `book` draws.
struct Booking {
    members: Vec<i64>,
    service: i64,
    /// Whole days generated (every team member's appointments written).
    days: i64,
    free: Vec<(u32, u32, u8)>,
}

/// 2026-01-05T00:00:00Z, the first day of the dataset (the bench location's zone is UTC).
const FIRST_DAY: i64 = 1_767_571_200;
const OPENS: i64 = 9 * 3600;
const SLOT: i64 = 1800;
const SLOTS: i64 = 24;

/// Whether slot `s` of team member `m` on day `d` holds an appointment: `7s + 3d + m` runs over
/// every residue mod 24 as `s` does, so exactly `8 + (m + 5d) % 8` slots of the day are taken.
fn taken(m: i64, d: i64, s: i64) -> bool {
    (s * 7 + d * 3 + m) % SLOTS < 8 + (m + d * 5) % 8
}

fn date_of(day: i64) -> String {
    jiff::civil::date(2026, 1, 5)
        .checked_add(jiff::Span::new().days(day))
        .expect("date in range")
        .to_string()
}

/// `n` products in one category, written directly (multi-row INSERTs in one transaction): titles
/// `"{First} {Last} {k}"`, articles `ART{k}`, barcodes from 4600000000000.
async fn generate_products(db: &Db, location: i64, n: usize) -> anyhow::Result<()> {
    let t = Instant::now();
    let now = 1_767_225_600;
    let mut tx = db.write().await?;
    let category = bizd_store::products::insert_category(
        &mut tx,
        location,
        &bizd_store::products::CategoryFields {
            title: "Retail".into(),
            ..Default::default()
        },
        now,
    )
    .await?;
    let head = "INSERT INTO products (location_id, category_id, title, print_title, article, \
                barcode, sale_unit_id, service_unit_id, unit_equals, cost, actual_cost, \
                search_text, created_at, updated_at) VALUES ";
    insert_rows(
        &mut tx,
        head,
        (0..n).map(|k| {
            let title = format!("{} {} {k}", FIRST[k % 16], LAST[(k / 16) % 16]);
            let article = format!("ART{k}");
            let barcode = 4_600_000_000_000u64 + k as u64;
            let search = format!("{title}\n{article}\n{barcode}").to_lowercase();
            format!(
                "({location}, {category}, '{title}', '{title}', '{article}', '{barcode}', 1, 1, \
                 1000, {}, {}, '{search}', {now}, {now})",
                1000 + k % 5000,
                500 + k % 2000
            )
        }),
    )
    .await?;
    if tx.backend() == bizd_store::Backend::Postgres {
        tx.raw_execute("ANALYZE products", bizd_store::Values(Vec::new()))
            .await?;
    }
    tx.commit().await?;
    println!(
        "generated {n} products in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Multi-row `INSERT … VALUES` of integer and fixed literals, 500 rows a statement.
async fn insert_rows(
    c: &mut bizd_store::Conn<'_>,
    head: &str,
    rows: impl Iterator<Item = String>,
) -> anyhow::Result<()> {
    let mut sql = String::new();
    let mut n = 0;
    for row in rows {
        sql.push_str(if n == 0 { head } else { "," });
        sql.push_str(&row);
        n += 1;
        if n == 500 {
            c.raw_execute(&sql, bizd_store::Values(Vec::new())).await?;
            sql.clear();
            n = 0;
        }
    }
    if n > 0 {
        c.raw_execute(&sql, bizd_store::Values(Vec::new())).await?;
    }
    Ok(())
}

/// Writes the appointments dataset directly (batched INSERTs in one transaction): team members
/// and the service through the store, then schedules, visits, appointments and their service
/// lines as plain rows. Clients `1..=clients` (the clients dataset) are the appointments'.
async fn generate_appointments(db: &Db, location: i64, args: &Args) -> anyhow::Result<Booking> {
    use bizd_domain::catalog::{CategoryFields, ServiceFields};
    use bizd_domain::money::Money;
    use bizd_domain::staff::TeamMemberFields;
    let t = Instant::now();
    let now = 1_767_225_600;
    let mut c = db.write().await?;
    let mut members = Vec::new();
    for i in 0..args.team_members {
        let fields = TeamMemberFields {
            name: format!("Member {i}"),
            specialization: "Stylist".into(),
            ..TeamMemberFields::default()
        };
        members.push(bizd_store::team_members::insert(&mut c, location, &fields, now).await?);
    }
    let category = CategoryFields {
        title: "Bench".into(),
        api_id: String::new(),
        weight: 1,
    };
    let category =
        bizd_store::services::insert_category(&mut c, location, &category, &[], now).await?;
    let fields = ServiceFields {
        category_id: category,
        title: "Bench cut".into(),
        price_min: Money::from_minor(3000),
        price_max: Money::from_minor(3000),
        duration: SLOT,
        weight: 1,
        ..ServiceFields::default()
    };
    let staff: Vec<(i64, i64)> = members.iter().map(|&m| (m, SLOT)).collect();
    let service = bizd_store::services::insert(&mut c, location, &fields, &staff, now).await?;

    let per_day = (0..members.len() as i64)
        .map(|m| 8 + (m % 8))
        .sum::<i64>()
        .max(1);
    let days = ((args.appointments as i64 + per_day - 1) / per_day).max(1);
    let members_list: Vec<String> = members.iter().map(i64::to_string).collect();
    insert_rows(
        &mut c,
        "INSERT INTO schedule_intervals (location_id, team_member_id, date, from_seconds, to_seconds) VALUES ",
        (0..days).flat_map(|d| {
            let date = date_of(d);
            members_list
                .iter()
                .map(move |m| format!("({location},{m},'{date}',{OPENS},{})", OPENS + SLOTS * SLOT))
                .collect::<Vec<_>>()
        }),
    )
    .await?;

    let max = |table: &'static str| format!("SELECT COALESCE(MAX(id), 0) FROM {table}");
    let visit0: i64 = c
        .raw_all::<(i64,)>(&max("visits"), bizd_store::Values(Vec::new()))
        .await?[0]
        .0;
    let record0: i64 = c
        .raw_all::<(i64,)>(&max("records"), bizd_store::Values(Vec::new()))
        .await?[0]
        .0;
    // (team member index, day, slot) of every appointment, day by day.
    let n = args.appointments;
    let slots = (0..days)
        .flat_map(|d| {
            (0..members.len() as i64).flat_map(move |m| {
                (0..SLOTS)
                    .filter(move |&s| taken(m, d, s))
                    .map(move |s| (m, d, s))
            })
        })
        .take(n);
    let client = |k: usize| {
        if args.clients == 0 {
            "NULL".to_owned()
        } else {
            ((k * 7919) % args.clients + 1).to_string()
        }
    };
    let starts = |d: i64, s: i64| FIRST_DAY + d * 86_400 + OPENS + s * SLOT;
    let rows: Vec<(i64, i64, i64)> = slots.collect();
    let written_days = rows.last().map_or(0, |r| r.1);
    insert_rows(
        &mut c,
        "INSERT INTO visits (id, location_id, client_id, attendance, starts_at, created_at, updated_at, cost) VALUES ",
        rows.iter().enumerate().map(|(k, &(_, d, s))| {
            format!(
                "({},{location},{},0,{},{now},{now},3000)",
                visit0 + 1 + k as i64,
                client(k),
                starts(d, s)
            )
        }),
    )
    .await?;
    insert_rows(
        &mut c,
        "INSERT INTO records (id, location_id, visit_id, client_id, team_member_id, starts_at, length, attendance, created_at, updated_at) VALUES ",
        rows.iter().enumerate().map(|(k, &(m, d, s))| {
            format!(
                "({},{location},{},{},{},{},{SLOT},0,{now},{now})",
                record0 + 1 + k as i64,
                visit0 + 1 + k as i64,
                client(k),
                members[m as usize],
                starts(d, s)
            )
        }),
    )
    .await?;
    insert_rows(
        &mut c,
        "INSERT INTO record_services (record_id, service_id, title, first_cost, cost_to_pay, cost, amount) VALUES ",
        (0..rows.len()).map(|k| {
            format!("({},{service},'Bench cut',3000,3000,3000,1)", record0 + 1 + k as i64)
        }),
    )
    .await?;
    // Every visit has its sale document (type 7), as the server writes it.
    c.raw_execute(
        &format!(
            "INSERT INTO sale_documents (location_id, type_id, visit_id, created_at) \
             SELECT location_id, 7, id, created_at FROM visits WHERE id > {visit0} ORDER BY id"
        ),
        bizd_store::Values(Vec::new()),
    )
    .await?;
    if matches!(db.backend(), bizd_store::Backend::Postgres) {
        for table in ["visits", "records"] {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            );
            c.raw_all::<(i64,)>(&sql, bizd_store::Values(Vec::new()))
                .await?;
        }
    }
    c.commit().await?;
    if matches!(db.backend(), bizd_store::Backend::Postgres) {
        // A database that grew to this size has statistics; one just bulk-loaded has none until
        // autovacuum comes by, and plans made without them (seen: 2.5 s for the appointments'
        // service lines) would be measured instead of bizd.
        db.read()
            .await?
            .raw_execute("ANALYZE", bizd_store::Values(Vec::new()))
            .await?;
    }
    // Only whole days are offered to `book`: on the last, partly written day a slot marked
    // taken may be free, but none marked free is taken.
    let mut free = Vec::new();
    for d in 0..written_days {
        for m in 0..members.len() as i64 {
            for s in 0..SLOTS {
                if !taken(m, d, s) {
                    free.push((m as u32, d as u32, s as u8));
                }
            }
        }
    }
    let took = t.elapsed();
    println!(
        "generated {} appointments of {} team members over {} days in {:.1} s ({:.0}/s); {} free slots",
        rows.len(),
        members.len(),
        written_days + 1,
        took.as_secs_f64(),
        rows.len() as f64 / took.as_secs_f64(),
        free.len()
    );
    Ok(Booking {
        members,
        service,
        days: written_days,
        free,
    })
}

/// `records`, `seances` and `book` on the appointments dataset. Returns book's
/// (created, 409s, other failures).
async fn booking_scenarios(
    ctx: &Ctx,
    b: &Arc<Booking>,
    args: &Args,
    results: &mut Vec<Stats>,
) -> Option<(usize, usize, usize)> {
    let wanted = |name: &str| args.only.iter().any(|o| o == name);
    let (n, c) = (args.requests, args.concurrency);
    let days = b.days.max(1) as usize;
    if wanted("records") {
        let (x, b) = (ctx.clone(), b.clone());
        results.push(
            run("records of a team member's day", n, c, move |i| {
                let (x, b) = (x.clone(), b.clone());
                async move {
                    let member = b.members[(i * 31) % b.members.len()];
                    let date = date_of(((i * 7919) % days) as i64);
                    let url = format!(
                        "{}/api/v1/records/{}?staff_id={member}&start_date={date}&end_date={date}",
                        x.1, x.3
                    );
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
    if wanted("seances") {
        let (x, b) = (ctx.clone(), b.clone());
        results.push(
            run("calendar sessions of a day", n, c, move |i| {
                let (x, b) = (x.clone(), b.clone());
                async move {
                    let member = b.members[(i * 31) % b.members.len()];
                    let date = date_of(((i * 7919) % days) as i64);
                    let url = format!("{}/api/v1/timetable/seances/{}/{member}/{date}", x.1, x.3);
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
    online_scenarios(ctx, b, args, results).await;
    if !wanted("book") {
        return None;
    }
    // Distinct free slots, spread over team members and days: a stride coprime with their count.
    let total = b.free.len();
    if total == 0 {
        eprintln!("book: no free slot in the dataset");
        return None;
    }
    let gcd = |mut a: usize, mut b: usize| {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a
    };
    let stride = (1_000_003..).find(|s| gcd(*s, total) == 1).unwrap_or(1);
    let n = n.min(total);
    let conflicts = Arc::new(AtomicUsize::new(0));
    let other = Arc::new(AtomicUsize::new(0));
    let (x, b2, conf, oth) = (ctx.clone(), b.clone(), conflicts.clone(), other.clone());
    let stats = run("book (POST /records)", n, c, move |i| {
        let (x, b, conf, oth) = (x.clone(), b2.clone(), conf.clone(), oth.clone());
        async move {
            let (m, d, s) = b.free[(i * stride) % total];
            let at = FIRST_DAY + d as i64 * 86_400 + OPENS + s as i64 * SLOT;
            let datetime = jiff::Timestamp::from_second(at)
                .map(|t| t.to_string())
                .unwrap_or_default();
            let mut body = json!({
                "staff_id": b.members[m as usize],
                "services": [{"id": b.service}],
                "datetime": datetime,
            });
            if x.4 > 0 {
                body["client_id"] = json!((i * 104_729) % x.4 + 1);
            }
            let url = format!("{}/api/v1/records/{}", x.1, x.3);
            match x
                .0
                .post(url)
                .header("Authorization", &x.2)
                .json(&body)
                .send()
                .await
            {
                Ok(r) if r.status() == reqwest::StatusCode::CREATED => true,
                Ok(r) if r.status() == reqwest::StatusCode::CONFLICT => {
                    conf.fetch_add(1, Ordering::Relaxed);
                    false
                }
                Ok(r) => {
                    if oth.fetch_add(1, Ordering::Relaxed) < 3 {
                        let status = r.status();
                        eprintln!("book: {status} {}", r.text().await.unwrap_or_default());
                    }
                    false
                }
                Err(e) => {
                    oth.fetch_add(1, Ordering::Relaxed);
                    eprintln!("book: {e}");
                    false
                }
            }
        }
    })
    .await;
    let failed = stats.errors;
    results.push(stats);
    let (conflicts, other) = (
        conflicts.load(Ordering::Relaxed),
        other.load(Ordering::Relaxed),
    );
    Some((n - failed, conflicts, other))
}

/// The public flow on the appointments dataset, with the partner token alone: `book_times` of
/// one team member's day and `book_dates` over the booking window (60 days by default) for
/// every team member, on dates from today (the server's clock) on.
async fn online_scenarios(ctx: &Ctx, b: &Arc<Booking>, args: &Args, results: &mut Vec<Stats>) {
    let wanted = |name: &str| args.only.iter().any(|o| o == name);
    let (n, c) = (args.requests, args.concurrency);
    let today = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::UTC)
        .date();
    if wanted("book_times") {
        let (x, b) = (ctx.clone(), b.clone());
        results.push(
            run("book_times of a team member's day", n, c, move |i| {
                let (x, b) = (x.clone(), b.clone());
                async move {
                    let member = b.members[(i * 31) % b.members.len()];
                    let date = today
                        .checked_add(jiff::Span::new().days(((i * 7) % 60) as i64))
                        .expect("date in range");
                    let url = format!(
                        "{}/api/v1/book_times/{}/{member}/{date}?service_ids[]={}",
                        x.1, x.3, b.service
                    );
                    x.0.get(url)
                        .header("Authorization", "Bearer bench-partner")
                        .send()
                        .await
                        .is_ok_and(|r| r.status().is_success())
                }
            })
            .await,
        );
    }
    if wanted("book_dates") {
        let (x, b) = (ctx.clone(), b.clone());
        results.push(
            run(
                "book_dates, window × every team member",
                n.min(2_000),
                c,
                move |_| {
                    let (x, b) = (x.clone(), b.clone());
                    async move {
                        let url = format!(
                            "{}/api/v1/book_dates/{}?service_ids[]={}",
                            x.1, x.3, b.service
                        );
                        x.0.get(url)
                            .header("Authorization", "Bearer bench-partner")
                            .send()
                            .await
                            .is_ok_and(|r| r.status().is_success())
                    }
                },
            )
            .await,
        );
    }
}
