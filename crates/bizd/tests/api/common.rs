//! `TestApp`: a migrated fresh database, the real router, and request helpers.
//! The database is a fresh PostgreSQL database when `TEST_DATABASE_URL` is set (a maintenance
//! URL, e.g. `postgres://bizd@127.0.0.1:5432/postgres`), else a fresh SQLite file.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use bizd::app::{self, AppState, Settings};
use bizd::bootstrap::{ensure_partner_token, ensure_user};
use bizd_store::Db;
use serde_json::Value;
use tower::ServiceExt;

pub const PARTNER: &str = "test-partner-token-0123456789";
pub const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    pub db: Db,
    pub state: AppState,
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
}

impl Answer {
    pub fn data(&self) -> &Value {
        &self.body["data"]
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
        let dir = tempfile::tempdir().expect("temp dir");
        let url = fresh_database_url(dir.path()).await;
        TestApp::on(&url, dir).await
    }

    /// The app on the database at `url` (created and migrated if needed); `dir` holds the
    /// uploaded files and is removed with the app.
    pub async fn on(url: &str, dir: tempfile::TempDir) -> TestApp {
        let db = Db::connect(url).await.expect("database");
        ensure_partner_token(&db, PARTNER, "tests", 0)
            .await
            .expect("partner");
        let settings = Settings {
            data_dir: dir.path().join("data"),
            body_limit: 64 * 1024,
            ..Settings::default()
        };
        let state = AppState {
            db: db.clone(),
            settings: Arc::new(settings),
        };
        TestApp {
            db,
            state,
            _dir: dir,
        }
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
        let response = app::service(self.state.clone()).oneshot(req).await.unwrap();
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

/// A URL for a new, empty database: a fresh PostgreSQL database when the suite runs on
/// PostgreSQL, else a SQLite file in `dir`.
pub async fn fresh_database_url(dir: &std::path::Path) -> String {
    match postgres_url() {
        Some(url) => fresh_postgres_database(&url).await,
        None => format!("sqlite://{}", dir.join("test.db").display()),
    }
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
