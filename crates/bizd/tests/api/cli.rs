//! The real binary over a real socket: bootstrap, restart durability, demo data, shutdown.
//! SQLite by default; tests named `postgres` run against a fresh PostgreSQL database (they are
//! the ones `scripts/test.sh` keeps in its PostgreSQL pass) and skip without `TEST_DATABASE_URL`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

struct Server {
    child: Child,
    base: String,
}

const TOKEN: &str = "e2e-partner-token-abcdef";

fn start(dir: &std::path::Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bizd"));
    cmd.arg("serve")
        .arg("--listen")
        .arg("127.0.0.1:0")
        .args(extra)
        .env(
            "BIZD_DATABASE_URL",
            format!("sqlite://{}", dir.join("bizd.db").display()),
        )
        .env("BIZD_DATA_DIR", dir.join("data"))
        .env("BIZD_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("start bizd");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let base = loop {
        let line = lines.next().expect("bizd exited before listening").unwrap();
        if let Some(addr) = line.strip_prefix("bizd listening on ") {
            break addr.trim().to_owned();
        }
    };
    // Keep draining stdout so the child never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, base }
}

impl Server {
    fn stop(mut self) {
        Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        for _ in 0..100 {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "graceful shutdown exits 0, got {status}");
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.child.kill().unwrap();
        panic!("bizd did not stop on SIGTERM");
    }
}

async fn call(
    method: reqwest::Method,
    url: String,
    auth: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let client = reqwest::Client::new();
    let mut req = client
        .request(method, url)
        .header("Authorization", auth)
        .header("Accept", "application/vnd.api.v2+json");
    if let Some(body) = body {
        req = req.json(&body);
    }
    let res = req.send().await.expect("request");
    (res.status().as_u16(), res.json().await.expect("json body"))
}

fn bootstrap_env() -> Vec<(&'static str, &'static str)> {
    vec![
        ("BIZD_BOOTSTRAP_PARTNER_TOKEN", TOKEN),
        ("BIZD_BOOTSTRAP_LOGIN", "admin@example.com"),
        ("BIZD_BOOTSTRAP_PASSWORD", "bootstrap-password"),
        ("BIZD_BOOTSTRAP_TIMEZONE", "Europe/Berlin"),
    ]
}

async fn login(base: &str) -> String {
    let (status, body) = call(
        reqwest::Method::POST,
        format!("{base}/api/v1/auth"),
        &format!("Bearer {TOKEN}"),
        Some(json!({"login": "admin@example.com", "password": "bootstrap-password"})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body["data"]["user_token"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn bootstrap_serves_persists_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    bootstrap_scenario(dir.path(), &[]).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn postgres_bootstrap_serves_persists_and_is_idempotent() {
    let Some(maintenance) = crate::common::postgres_url() else {
        eprintln!("TEST_DATABASE_URL unset: skipped");
        return;
    };
    let url = crate::common::fresh_postgres_database(&maintenance).await;
    let dir = tempfile::tempdir().unwrap();
    bootstrap_scenario(dir.path(), &["--database", &url]).await;
}

/// Start with bootstrap, use the API, restart: the data and the user token survive, and the
/// second bootstrap adds nothing. `db_args` chooses the database (default: SQLite in `dir`).
async fn bootstrap_scenario(dir: &std::path::Path, db_args: &[&str]) {
    let server = start(dir, db_args, &bootstrap_env());
    let base = server.base.clone();
    let user_token = login(&base).await;
    let auth = format!("Bearer {TOKEN}, User {user_token}");

    let (status, list) = call(
        reqwest::Method::GET,
        format!("{base}/api/v1/companies?my=1"),
        &auth,
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    let id = list["data"][0]["id"].as_i64().unwrap();
    let (status, one) = call(
        reqwest::Method::GET,
        format!("{base}/api/v1/company/{id}"),
        &auth,
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(one["data"]["timezone_name"], "Europe/Berlin");
    assert_eq!(one["data"]["title"], "Main location");

    let (status, created) = call(
        reqwest::Method::POST,
        format!("{base}/api/v1/companies"),
        &auth,
        Some(json!({"title": "Second"})),
    )
    .await;
    assert_eq!(status, 201);
    let second = created["data"]["id"].as_i64().unwrap();
    let (status, _) = call(
        reqwest::Method::PUT,
        format!("{base}/api/v1/company/{second}"),
        &auth,
        Some(json!({"city": "Bonn"})),
    )
    .await;
    assert_eq!(status, 200);
    server.stop();

    // Restart with the same bootstrap: everything is still there and nothing was added.
    let server = start(dir, db_args, &bootstrap_env());
    let base = server.base.clone();
    let (status, _) = call(
        reqwest::Method::GET,
        format!("{base}/api/v1/groups"),
        &auth,
        None,
    )
    .await;
    assert_eq!(status, 200, "a user token survives a restart");
    let (_, list) = call(
        reqwest::Method::GET,
        format!("{base}/api/v1/companies?my=1"),
        &auth,
        None,
    )
    .await;
    let titles: Vec<&str> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Main location", "Second"]);
    assert_eq!(list["data"][1]["city"], "Bonn");
    let (_, all) = call(
        reqwest::Method::GET,
        format!("{base}/api/v1/companies"),
        &format!("Bearer {TOKEN}"),
        None,
    )
    .await;
    assert_eq!(all["meta"]["total_count"], 2);
    server.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_data_is_the_same_on_every_fresh_run() {
    demo_scenario(None).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn postgres_demo_data_is_the_same_on_every_fresh_run() {
    let Some(maintenance) = crate::common::postgres_url() else {
        eprintln!("TEST_DATABASE_URL unset: skipped");
        return;
    };
    demo_scenario(Some(&maintenance)).await;
}

/// Two fresh databases seeded with `--demo` answer identically. `postgres`: the maintenance URL
/// to create them on, else SQLite files.
async fn demo_scenario(postgres: Option<&str>) {
    let mut snapshots = Vec::new();
    for _ in 0..2 {
        let dir = tempfile::tempdir().unwrap();
        let url = match postgres {
            Some(m) => crate::common::fresh_postgres_database(m).await,
            None => format!("sqlite://{}", dir.path().join("bizd.db").display()),
        };
        let server = start(dir.path(), &["--demo", "--database", &url], &[]);
        let base = server.base.clone();
        let partner = format!("Bearer {}", bizd::demo::PARTNER_TOKEN);
        let (status, body) = call(
            reqwest::Method::POST,
            format!("{base}/api/v1/auth"),
            &partner,
            Some(json!({"login": bizd::demo::LOGIN, "password": bizd::demo::PASSWORD})),
        )
        .await;
        assert_eq!(status, 201, "{body}");
        let auth = format!(
            "{partner}, User {}",
            body["data"]["user_token"].as_str().unwrap()
        );
        let (_, locations) = call(
            reqwest::Method::GET,
            format!("{base}/api/v1/companies?my=1"),
            &auth,
            None,
        )
        .await;
        let (_, groups) = call(
            reqwest::Method::GET,
            format!("{base}/api/v1/groups"),
            &auth,
            None,
        )
        .await;
        assert_eq!(
            locations["meta"]["total_count"], 2,
            "a chain with two locations"
        );
        assert_eq!(groups["data"].as_array().unwrap().len(), 1);
        let (_, clients) = call(
            reqwest::Method::GET,
            format!("{base}/api/v1/clients/1"),
            &auth,
            None,
        )
        .await;
        assert_eq!(clients["meta"]["total_count"], 6, "demo clients");
        let first = clients["data"][0]["id"].as_i64().unwrap();
        let (_, comments) = call(
            reqwest::Method::GET,
            format!("{base}/api/v1/clients/1/clients/{first}/comments"),
            &auth,
            None,
        )
        .await;
        assert_eq!(
            comments["meta"]["count"], 2,
            "a text comment and a file comment"
        );
        let (_, files) = call(
            reqwest::Method::GET,
            format!("{base}/api/v1/company/1/clients/files/{first}"),
            &auth,
            None,
        )
        .await;
        let (_, history) = call(
            reqwest::Method::POST,
            format!("{base}/api/v1/company/1/clients/visits/search"),
            &auth,
            Some(json!({"client_id": first, "payment_statuses": []})),
        )
        .await;
        let visit = &history["data"]["records"][0];
        assert!(
            visit["staff"]["name"]
                .as_str()
                .is_some_and(|n| !n.is_empty()),
            "{history}"
        );
        assert!(
            visit["services"][0]["title"]
                .as_str()
                .is_some_and(|t| !t.is_empty()),
            "{history}"
        );
        // The demo week's appointments, booked through the booking rules: 10 live in New
        // York and a cancelled one, arrivals and a no-show among them.
        let (status, records) = call(
            reqwest::Method::GET,
            format!("{base}/api/v1/records/1?start_date=2026-01-05&end_date=2026-01-11&count=100"),
            &auth,
            None,
        )
        .await;
        assert_eq!(status, 200, "{records}");
        assert_eq!(records["meta"]["total_count"], 10, "{records}");
        let list = records["data"].as_array().unwrap();
        assert!(list.iter().any(|r| r["attendance"] == 1), "{records}");
        assert!(list.iter().any(|r| r["attendance"] == -1), "{records}");
        assert!(
            list.iter().all(|r| r["services"][0]["title"]
                .as_str()
                .is_some_and(|t| !t.is_empty())),
            "{records}"
        );
        let (_, with_deleted) = call(
            reqwest::Method::GET,
            format!("{base}/api/v1/records/1?start_date=2026-01-05&end_date=2026-01-11&with_deleted=1&count=100"),
            &auth,
            None,
        )
        .await;
        assert_eq!(with_deleted["meta"]["total_count"], 11, "{with_deleted}");
        let (_, london) = call(
            reqwest::Method::GET,
            format!("{base}/api/v1/records/2?start_date=2026-01-05&end_date=2026-01-11"),
            &auth,
            None,
        )
        .await;
        assert_eq!(london["meta"]["total_count"], 4, "{london}");
        let link = files["data"][0]["link"].as_str().unwrap().to_owned();
        let bytes = reqwest::Client::new()
            .get(&link)
            .header("Authorization", &auth)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(bytes.starts_with("Consent form of James Smith"), "{bytes}");
        // Links carry the (random) port; everything else must be identical.
        let rest = json!([groups, clients, comments, history, with_deleted, london])
            .to_string()
            .replace(&base, "BASE");
        snapshots.push((locations, rest));
        server.stop();
    }
    assert_eq!(snapshots[0], snapshots[1]);
}

#[test]
fn unknown_database_scheme_fails_with_a_clear_message() {
    let out = Command::new(env!("CARGO_BIN_EXE_bizd"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database",
            "mysql://localhost/x",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("BIZD_DATABASE_URL"), "{err}");
    assert!(err.contains("--database"), "{err}");
}

#[test]
fn unreachable_postgres_fails_at_start_naming_the_setting() {
    // A port nobody listens on: bound, then released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_bizd"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database-timeout",
            "1",
        ])
        .arg("--database")
        .arg(format!("postgres://bizd:secret-pw@127.0.0.1:{port}/bizd"))
        .env("BIZD_LOG", "off")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "gave up after {:?}",
        started.elapsed()
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("BIZD_DATABASE_URL"), "{err}");
    assert!(err.contains("--database"), "{err}");
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(
        !err.contains("secret-pw"),
        "the password is not printed: {err}"
    );
}

#[test]
fn admin_commands_manage_tokens_users_and_access() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("a.db").display());
    admin_scenario(dir.path(), &db);
}

#[tokio::test(flavor = "multi_thread")]
async fn postgres_admin_commands_manage_tokens_users_and_access() {
    let Some(maintenance) = crate::common::postgres_url() else {
        eprintln!("TEST_DATABASE_URL unset: skipped");
        return;
    };
    let db = crate::common::fresh_postgres_database(&maintenance).await;
    let dir = tempfile::tempdir().unwrap();
    tokio::task::spawn_blocking(move || admin_scenario(dir.path(), &db))
        .await
        .unwrap();
}

/// The operator commands against the database at `db`, with a server started in between.
fn admin_scenario(dir: &std::path::Path, db: &str) {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_bizd"))
            .args(args)
            .args(["--database", db])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let printed = run(&["admin", "create-partner-token", "--name", "ci"]);
    let token = printed
        .lines()
        .next()
        .unwrap()
        .rsplit(' ')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(token.len(), 40, "{printed}");
    run(&[
        "admin",
        "create-user",
        "--login",
        "ops@example.com",
        "--password",
        "long enough pw",
    ]);
    run(&[
        "admin",
        "set-password",
        "--login",
        "ops@example.com",
        "--password",
        "another long pw",
    ]);
    // Granting needs a location: a bootstrap run makes one for a second user.
    let server = start(
        dir,
        &["--database", db],
        &[
            ("BIZD_BOOTSTRAP_PARTNER_TOKEN", TOKEN),
            ("BIZD_BOOTSTRAP_LOGIN", "admin@example.com"),
            ("BIZD_BOOTSTRAP_PASSWORD", "bootstrap-password"),
        ],
    );
    server.stop();
    run(&[
        "admin",
        "grant",
        "--login",
        "ops@example.com",
        "--location",
        "1",
        "--role",
        "manager",
    ]);
    let out = Command::new(env!("CARGO_BIN_EXE_bizd"))
        .args([
            "admin",
            "grant",
            "--login",
            "ops@example.com",
            "--location",
            "99",
            "--role",
            "manager",
            "--database",
            db,
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let fails = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_bizd"))
            .args(args)
            .args(["--database", db])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{args:?} succeeded");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // The same rules as the API: the owner's membership stays; an unknown invitation is refused.
    let refused = fails(&[
        "admin",
        "grant",
        "--login",
        "admin@example.com",
        "--location",
        "1",
        "--role",
        "worker",
    ]);
    assert!(refused.contains("owner"), "{refused}");
    let refused = fails(&[
        "admin",
        "accept-invite",
        "--token",
        "not-a-token",
        "--password",
        "long enough pw",
    ]);
    assert!(refused.contains("Invitation not found"), "{refused}");
    assert!(run(&["admin", "outbox"]).contains("the outbox is empty"));
}

#[tokio::test(flavor = "multi_thread")]
async fn rate_limit_from_the_environment_limits_the_real_server() {
    let dir = tempfile::tempdir().unwrap();
    let mut env = bootstrap_env();
    env.push(("BIZD_RATE_LIMIT", "ip=3/m"));
    let server = start(dir.path(), &[], &env);
    let client = reqwest::Client::new();
    let get = |path: &str| {
        client
            .get(format!("{}{path}", server.base))
            .header("Authorization", format!("Bearer {TOKEN}"))
            .send()
    };
    for remaining in ["2", "1", "0"] {
        let res = get("/api/v1/companies").await.unwrap();
        assert_eq!(res.status().as_u16(), 200);
        assert_eq!(res.headers()["x-ratelimit-limit"], "3");
        assert_eq!(res.headers()["x-ratelimit-remaining"], remaining);
    }
    let res = get("/api/v1/companies").await.unwrap();
    assert_eq!(res.status().as_u16(), 429);
    assert!(res.headers().contains_key("retry-after"));
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["meta"]["code"], "rate_limited");
    assert_eq!(get("/healthz").await.unwrap().status().as_u16(), 200);
    server.stop();

    // A spec that does not parse stops start-up with a clear message.
    let out = Command::new(env!("CARGO_BIN_EXE_bizd"))
        .args(["serve", "--rate-limit", "ip=lots"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad limit"));
}

/// The booking rule across processes: two bizd processes on one PostgreSQL database, 64
/// simultaneous bookings of one slot split between them — exactly one succeeds.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_two_processes_book_one_slot_exactly_once() {
    let Some(maintenance) = crate::common::postgres_url() else {
        eprintln!("TEST_DATABASE_URL unset: skipped");
        return;
    };
    let url = crate::common::fresh_postgres_database(&maintenance).await;
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = start(dir_a.path(), &["--database", &url], &bootstrap_env());
    let b = start(dir_b.path(), &["--database", &url], &[]);
    let auth = format!("Bearer {TOKEN}, User {}", login(&a.base).await);
    let post = |base: &str, path: String, body: Value| {
        call(
            reqwest::Method::POST,
            format!("{base}/api/v1{path}"),
            &auth,
            Some(body),
        )
    };
    let (status, loc) = post(
        &a.base,
        "/companies".into(),
        json!({"title": "Two processes", "timezone_name": "America/New_York"}),
    )
    .await;
    assert_eq!(status, 201, "{loc}");
    let loc = loc["data"]["id"].as_i64().unwrap();
    let (_, member) = post(&a.base, format!("/staff/{loc}"), json!({"name": "Anna"})).await;
    let member = member["data"]["id"].as_i64().unwrap();
    let (_, cat) = post(
        &b.base,
        format!("/service_categories/{loc}"),
        json!({"title": "Hair"}),
    )
    .await;
    let (status, service) = post(
        &b.base,
        format!("/services/{loc}"),
        json!({"title": "Cut", "category_id": cat["data"]["id"],
               "staff": [{"id": member, "seance_length": 3600}]}),
    )
    .await;
    assert_eq!(status, 201, "{service}");
    let service = service["data"]["id"].as_i64().unwrap();
    let (status, body) = call(
        reqwest::Method::PUT,
        format!("{}/api/v1/company/{loc}/staff/schedule", a.base),
        &auth,
        Some(
            json!({"schedules_to_set": [{"team_member_id": member, "dates": ["2026-03-10"],
                                             "slots": [{"from": "09:00", "to": "18:00"}]}]}),
        ),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    let statuses = futures_util::future::join_all((0..64).map(|i| {
        let base = if i % 2 == 0 { &a.base } else { &b.base };
        post(
            base,
            format!("/records/{loc}"),
            json!({"staff_id": member, "services": [{"id": service}],
                   "client": {"phone": format!("+1315555{i:04}"), "name": "Racer"},
                   "datetime": "2026-03-10T10:00:00-04:00", "seance_length": 3600}),
        )
    }))
    .await;
    let created = statuses.iter().filter(|(s, _)| *s == 201).count();
    let refused = statuses.iter().filter(|(s, _)| *s == 409).count();
    assert_eq!(
        (created, refused),
        (1, 63),
        "{:?}",
        statuses.iter().map(|s| s.0).collect::<Vec<_>>()
    );
    let (_, list) = call(
        reqwest::Method::GET,
        format!("{}/api/v1/records/{loc}", b.base),
        &auth,
        None,
    )
    .await;
    assert_eq!(list["meta"]["total_count"], 1);
    a.stop();
    b.stop();
}
