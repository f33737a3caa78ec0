//! `TestApp`: a migrated fresh database, the real router, and request helpers.
//! The database is a fresh PostgreSQL database when `TEST_DATABASE_URL` is set (a maintenance
//! URL, e.g. `postgres://bizd@127.0.0.1:5432/postgres`), else a fresh SQLite file.
//!
//! Fast by construction: the migrations run once per machine and schema version into a template
//! (a SQLite file, or a PostgreSQL database used as `CREATE DATABASE … TEMPLATE`), and each test
//! starts from a copy; the router and its OpenAPI document are built once per app; password
//! hashes use the cheapest argon2id parameters.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use bizd::app::{self, AppState, Settings};
use bizd::bootstrap::{ensure_partner_token, ensure_user};
use bizd_domain::time::Clock;
use bizd_store::Db;
use serde_json::Value;
use tower::ServiceExt;

type Service =
    tower::util::MapRequest<axum::Router, fn(axum::extract::Request) -> axum::extract::Request>;

pub const PARTNER: &str = "test-partner-token-0123456789";
pub const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    pub db: Db,
    pub state: AppState,
    service: Service,
    /// Removed (with the database) when the app is dropped.
    _dir: tempfile::TempDir,
}

/// Who a request is sent as.
#[derive(Clone, Debug)]
pub enum As {
    Nobody,
    Partner,
    User(String),
    Raw(String),
}

#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub body: Value,
    pub headers: axum::http::HeaderMap,
    /// The body as sent.
    pub raw: axum::body::Bytes,
}

impl Answer {
    pub fn data(&self) -> &Value {
        &self.body["data"]
    }

    /// Asserts a `204 No Content` (no body, so no envelope).
    #[track_caller]
    pub fn expect_no_content(&self) {
        assert_eq!(self.status, StatusCode::NO_CONTENT, "body: {}", self.body);
    }

    /// Asserts the status and that the body is the envelope with the matching `success`.
    #[track_caller]
    pub fn expect(&self, status: StatusCode) -> &Self {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.body
        );
        assert_eq!(
            self.body["success"],
            Value::Bool(status.is_success()),
            "envelope: {}",
            self.body
        );
        assert!(
            self.body.get("meta").is_some(),
            "envelope without meta: {}",
            self.body
        );
        if !status.is_success() {
            assert!(
                self.body["data"].is_null(),
                "error data not null: {}",
                self.body
            );
            assert!(
                self.body["meta"]["message"].is_string(),
                "error without message: {}",
                self.body
            );
            assert!(
                self.body["meta"]["code"].is_string(),
                "error without code: {}",
                self.body
            );
        }
        self
    }

    /// Field names of a 422 answer.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["meta"]["errors"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }
}

pub struct TestUser {
    pub id: i64,
    pub token: String,
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::with(|_| {}).await
    }

    /// A fresh app whose settings `adjust` changes first.
    pub async fn with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = migrated_database_url(dir.path()).await;
        TestApp::on_with(&url, dir, adjust).await
    }

    /// The app on the database at `url` (created and migrated if needed); `dir` holds the
    /// uploaded files and is removed with the app.
    pub async fn on(url: &str, dir: tempfile::TempDir) -> TestApp {
        TestApp::on_with(url, dir, |_| {}).await
    }

    async fn on_with(
        url: &str,
        dir: tempfile::TempDir,
        adjust: impl FnOnce(&mut Settings),
    ) -> TestApp {
        bizd::security::use_cheap_password_hashes_for_tests();
        let db = Db::connect(url).await.expect("database");
        ensure_partner_token(&db, PARTNER, "tests", 0)
            .await
            .expect("partner");
        let mut settings = Settings {
            data_dir: dir.path().join("data"),
            body_limit: 64 * 1024,
            ..Settings::default()
        };
        adjust(&mut settings);
        let state = AppState::from_parts(db.clone(), Arc::new(settings), Clock::system());
        TestApp {
            db,
            service: app::service(state.clone()),
            state,
            _dir: dir,
        }
    }

    /// The same app with a fixed clock at `unix` (clone the clock to move it).
    pub fn with_clock(mut self, clock: Clock) -> TestApp {
        self.state =
            AppState::from_parts(self.state.db.clone(), self.state.settings.clone(), clock);
        self.service = app::service(self.state.clone());
        self
    }

    /// Gives `user_id` the role in the location (as `bizd admin grant` does).
    pub async fn grant(&self, user_id: i64, location_id: i64, role: &str) {
        let mut tx = self.db.write().await.unwrap();
        bizd_store::auth::upsert_membership(&mut tx, user_id, location_id, role, 0)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }

    /// Runs hand-written SQL for its effect (to change data behind the server's back).
    pub async fn raw_write(&self, sql: &str) {
        let mut tx = self.db.write().await.unwrap();
        tx.raw_execute(sql, bizd_store::Values(Vec::new()))
            .await
            .expect(sql);
        tx.commit().await.unwrap();
    }

    /// A client tag of the location (the API has no operation for them yet).
    pub async fn client_tag(&self, location_id: i64, title: &str, color: &str) -> i64 {
        let mut tx = self.db.write().await.unwrap();
        let id = bizd_store::clients::insert_tag(&mut tx, location_id, title, color, 0)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id
    }

    /// A location as stored.
    pub async fn location(&self, id: i64) -> bizd_domain::location::Location {
        bizd_store::locations::get(&mut self.db.read().await.unwrap(), id)
            .await
            .unwrap()
            .expect("location")
    }

    /// A user who signed in through `POST /auth`.
    pub async fn user(&self, login: &str) -> TestUser {
        let id = ensure_user(&self.db, login, PASSWORD, login, 0)
            .await
            .expect("user");
        let answer = self
            .post(
                "/api/v1/auth",
                As::Partner,
                serde_json::json!({"login": login, "password": PASSWORD}),
            )
            .await;
        answer.expect(StatusCode::CREATED);
        TestUser {
            id,
            token: answer.data()["user_token"].as_str().unwrap().to_owned(),
        }
    }

    /// A team member (`Stylist`) of the location, created by `owner`; returns its id.
    pub async fn team_member(&self, owner: &TestUser, loc: i64, name: &str) -> i64 {
        let a = self
            .post(
                &format!("/api/v1/staff/{loc}"),
                owner.as_(),
                serde_json::json!({"name": name, "specialization": "Stylist"}),
            )
            .await;
        a.expect(StatusCode::CREATED);
        a.data()["id"].as_i64().unwrap()
    }

    /// A signed-in user who owns a fresh location; returns (user, location id).
    pub async fn owner_with_location(&self, login: &str, title: &str) -> (TestUser, i64) {
        let user = self.user(login).await;
        let answer = self
            .post(
                "/api/v1/companies",
                As::User(user.token.clone()),
                serde_json::json!({"title": title, "timezone_name": "America/New_York"}),
            )
            .await;
        answer.expect(StatusCode::CREATED);
        let id = answer.data()["id"].as_i64().unwrap();
        (user, id)
    }

    pub async fn send(
        &self,
        method: Method,
        uri: &str,
        who: As,
        body: Option<Vec<u8>>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut req = Request::builder().method(method).uri(uri);
        let auth = match who {
            As::Nobody => None,
            As::Partner => Some(format!("Bearer {PARTNER}")),
            As::User(token) => Some(format!("Bearer {PARTNER}, User {token}")),
            As::Raw(value) => Some(value),
        };
        if let Some(auth) = auth {
            req = req.header("authorization", auth);
        }
        req = req.header("accept", "application/vnd.api.v2+json");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req
            .body(body.map(Body::from).unwrap_or_else(Body::empty))
            .unwrap();
        let response = self.service.clone().oneshot(req).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        Answer {
            status,
            body,
            headers,
            raw: bytes,
        }
    }

    pub async fn get(&self, uri: &str, who: As) -> Answer {
        self.send(Method::GET, uri, who, None, &[]).await
    }

    pub async fn post(&self, uri: &str, who: As, body: Value) -> Answer {
        self.send(
            Method::POST,
            uri,
            who,
            Some(body.to_string().into_bytes()),
            &[("content-type", "application/json")],
        )
        .await
    }

    pub async fn put(&self, uri: &str, who: As, body: Value) -> Answer {
        self.send(
            Method::PUT,
            uri,
            who,
            Some(body.to_string().into_bytes()),
            &[("content-type", "application/json")],
        )
        .await
    }

    pub async fn delete(&self, uri: &str, who: As) -> Answer {
        self.send(Method::DELETE, uri, who, None, &[]).await
    }
}

/// The maintenance URL of the PostgreSQL server under test, when the suite runs on PostgreSQL.
pub fn postgres_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// A URL for a new database that already holds the migrated schema: a copy of the template of
/// this schema version (made by the first test that needs it).
pub async fn migrated_database_url(dir: &std::path::Path) -> String {
    match postgres_url() {
        Some(url) => cloned_postgres_database(&url).await,
        None => {
            let target = dir.join("test.db");
            std::fs::copy(sqlite_template().await, &target).expect("copy the template database");
            format!("sqlite://{}", target.display())
        }
    }
}

/// The migrated SQLite template of this schema version, made once per machine: written under a
/// temporary name and renamed into place, so a concurrent test never sees half a file.
async fn sqlite_template() -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!(
        "bizd-test-template-{}.db",
        bizd_store::migrations_fingerprint()
    ));
    if path.exists() {
        return path;
    }
    let scratch = tempfile::tempdir().expect("temp dir");
    let building = scratch.path().join("template.db");
    let db = Db::connect(&format!("sqlite://{}", building.display()))
        .await
        .expect("migrate the template");
    // One self-contained file: the WAL folded in.
    let copy = scratch.path().join("vacuumed.db");
    db.read()
        .await
        .expect("connection")
        .raw_execute(
            &format!("VACUUM INTO '{}'", copy.display()),
            bizd_store::Values(Vec::new()),
        )
        .await
        .expect("vacuum into");
    db.close().await;
    let staged = path.with_extension(format!("{}.tmp", std::process::id()));
    std::fs::copy(&copy, &staged).expect("stage the template");
    std::fs::rename(&staged, &path).expect("publish the template");
    path
}

/// `bizd_test_<random>` created as a copy of the migrated template database of this schema
/// version (which the first caller creates, under an advisory lock).
pub async fn cloned_postgres_database(maintenance_url: &str) -> String {
    use sqlx::Connection;
    let template = format!("bizd_tpl_{}", bizd_store::migrations_fingerprint());
    let mut conn = sqlx::PgConnection::connect(maintenance_url)
        .await
        .expect("connect to TEST_DATABASE_URL");
    let present: Option<i32> = sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(&template)
        .fetch_optional(&mut conn)
        .await
        .expect("look up the template");
    if present.is_none() {
        // One creator; the others wait here and then find it.
        sqlx::query("SELECT pg_advisory_lock(7247013)")
            .execute(&mut conn)
            .await
            .expect("template lock");
        let present: Option<i32> =
            sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
                .bind(&template)
                .fetch_optional(&mut conn)
                .await
                .expect("look up the template");
        if present.is_none() {
            let building = format!("{template}_building");
            sqlx::query(&format!("DROP DATABASE IF EXISTS {building}"))
                .execute(&mut conn)
                .await
                .expect("drop a half-built template");
            sqlx::query(&format!("CREATE DATABASE {building}"))
                .execute(&mut conn)
                .await
                .expect("create the template");
            let db = Db::connect(&with_database(maintenance_url, &building))
                .await
                .expect("migrate the template");
            db.close().await;
            sqlx::query(&format!("ALTER DATABASE {building} RENAME TO {template}"))
                .execute(&mut conn)
                .await
                .expect("publish the template");
        }
        sqlx::query("SELECT pg_advisory_unlock(7247013)")
            .execute(&mut conn)
            .await
            .expect("template unlock");
    }
    let name = format!("bizd_test_{}", uuid::Uuid::new_v4().simple());
    let mut attempts = 0;
    loop {
        let created = sqlx::query(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
            .execute(&mut conn)
            .await;
        match created {
            Ok(_) => break,
            // "source database is being accessed by other users": a moment later it is not.
            Err(e) if attempts < 50 => {
                attempts += 1;
                let _ = e;
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            Err(e) => panic!("create test database from the template: {e}"),
        }
    }
    conn.close().await.ok();
    with_database(maintenance_url, &name)
}

/// Creates `bizd_test_<random>` on the server of `maintenance_url` and returns its URL. The
/// databases are left to the throwaway cluster of `scripts/test.sh`: dropping them would need a
/// second connection per test for no gain.
pub async fn fresh_postgres_database(maintenance_url: &str) -> String {
    use sqlx::Connection;
    let name = format!("bizd_test_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(maintenance_url)
        .await
        .expect("connect to TEST_DATABASE_URL");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create test database");
    conn.close().await.ok();
    with_database(maintenance_url, &name)
}

/// `url` with its database name replaced by `name` (query parameters kept).
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    let mut out = format!("{}/{name}", &base[..host_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

impl TestUser {
    pub fn as_(&self) -> As {
        As::User(self.token.clone())
    }
}
