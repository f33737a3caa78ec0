//! The two backends: the migrated schemas agree, and `bizd migrate-data` moves a business from
//! SQLite to PostgreSQL with the API answering exactly as before. The PostgreSQL halves need
//! `TEST_DATABASE_URL` (the PostgreSQL pass of `scripts/test.sh`) and are skipped without it.

use std::process::Command;

use axum::http::StatusCode;
use bizd_store::db::NAMED_CONSTRAINTS;
use bizd_store::schema::{Index, Table};
use bizd_store::transfer::summarize;
use bizd_store::Db;
use serde_json::{json, Value};

use crate::common::{fresh_postgres_database, postgres_url, As, TestApp};

async fn sqlite_db(dir: &std::path::Path) -> Db {
    Db::connect(&format!("sqlite://{}", dir.join("parity.db").display()))
        .await
        .expect("sqlite")
}

async fn migration_versions(db: &Db) -> Vec<(i64, String)> {
    let sql = "SELECT version, description FROM _sqlx_migrations ORDER BY version";
    match db {
        Db::Sqlite(sqlite) => sqlx::query_as(sql).fetch_all(&sqlite.pool).await.unwrap(),
        Db::Postgres(p) => sqlx::query_as(sql).fetch_all(p).await.unwrap(),
    }
}

#[tokio::test]
async fn schema_is_the_same_on_sqlite_and_postgres() {
    // Indexes one backend has on purpose: substring search is an FTS5 virtual table on SQLite
    // (not a plain table, so not compared) and a pg_trgm GIN index on PostgreSQL.
    const POSTGRES_ONLY_INDEXES: [(&str, &str); 2] = [
        ("clients", "clients_search_trgm"),
        ("products", "products_search_trgm"),
    ];

    // The two migration trees hold the same file names (one migration, two dialects).
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/migrations");
    let names = |backend: &str| {
        let mut v: Vec<String> = std::fs::read_dir(root.join(backend))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(names("sqlite"), names("postgres"));

    // Every SQLite column has a portable type (tables() refuses others) and a key.
    let dir = tempfile::tempdir().unwrap();
    let sqlite = sqlite_db(dir.path()).await;
    let lite: Vec<Table> = sqlite.tables().await.expect("portable SQLite schema");
    assert!(lite.iter().any(|t| t.name == "locations"), "{lite:?}");
    for t in &lite {
        assert!(
            !t.primary_key.is_empty(),
            "table {} has no primary key",
            t.name
        );
    }
    // The catalog is read in full on SQLite alone too: defaults, indexes with their predicates.
    let clients = lite.iter().find(|t| t.name == "clients").unwrap();
    let default_of = |name: &str| {
        let column = clients.columns.iter().find(|c| c.name == name).unwrap();
        column.default.clone()
    };
    assert_eq!(default_of("id"), None);
    assert_eq!(default_of("custom_fields").as_deref(), Some("'{}'"));
    assert_eq!(default_of("sms_check").as_deref(), Some("false"));
    assert_eq!(default_of("discount").as_deref(), Some("0"));
    assert_eq!(default_of("birth_date"), None);
    let phone = clients
        .indexes
        .iter()
        .find(|i| i.name == "clients_location_phone")
        .unwrap();
    assert!(phone.unique);
    assert_eq!(phone.columns, ["location_id", "phone"]);
    assert_eq!(
        phone.predicate.as_deref(),
        Some("deleted_at is null and phone <> ''")
    );
    assert!(lite
        .iter()
        .flat_map(|t| &t.indexes)
        .all(|i| !i.name.starts_with("sqlite_autoindex_")));

    let Some(maintenance) = postgres_url() else {
        eprintln!("TEST_DATABASE_URL unset: PostgreSQL side skipped");
        return;
    };
    let pg = Db::connect(&fresh_postgres_database(&maintenance).await)
        .await
        .expect("postgres");
    let big: Vec<Table> = pg.tables().await.expect("portable PostgreSQL schema");
    assert_eq!(
        lite.iter().map(|t| &t.name).collect::<Vec<_>>(),
        big.iter().map(|t| &t.name).collect::<Vec<_>>(),
        "tables"
    );
    for (l, b) in lite.iter().zip(&big) {
        // Columns: name, type class, nullability and default (normalised), in order; then keys
        // and references.
        assert_eq!(l.columns, b.columns, "columns of {}", l.name);
        assert_eq!(l.primary_key, b.primary_key, "primary key of {}", l.name);
        assert_eq!(l.references, b.references, "foreign keys of {}", l.name);
        // Indexes: name, key columns in order, uniqueness and partial-index predicate.
        let shared: Vec<&Index> = b
            .indexes
            .iter()
            .filter(|i| !POSTGRES_ONLY_INDEXES.contains(&(b.name.as_str(), i.name.as_str())))
            .collect();
        assert_eq!(
            l.indexes.iter().collect::<Vec<_>>(),
            shared,
            "indexes of {}",
            l.name
        );
        // CHECK constraints, normalised (an empty list on both sides compares too).
        assert_eq!(l.checks, b.checks, "checks of {}", l.name);
    }
    // Each exemption is still needed: a stale one would hide an index added on one side only.
    for (table, index) in POSTGRES_ONLY_INDEXES {
        assert!(
            big.iter()
                .any(|t| t.name == table && t.indexes.iter().any(|i| i.name == index)),
            "{table}.{index} is no longer a PostgreSQL-only index: drop the exemption"
        );
    }
    assert_eq!(
        migration_versions(&sqlite).await,
        migration_versions(&pg).await
    );
}

#[tokio::test]
async fn named_constraints_are_unique_indexes_of_the_schema() {
    // What the error mapping relies on (bizd_store::db::NAMED_CONSTRAINTS): PostgreSQL reports
    // the index name, SQLite the "table.column, …" list; both must name the same unique index.
    let dir = tempfile::tempdir().unwrap();
    let mut schemas = vec![(
        "SQLite",
        sqlite_db(dir.path()).await.tables().await.unwrap(),
    )];
    match postgres_url() {
        Some(maintenance) => {
            let pg = Db::connect(&fresh_postgres_database(&maintenance).await)
                .await
                .expect("postgres");
            schemas.push(("PostgreSQL", pg.tables().await.unwrap()));
        }
        None => eprintln!("TEST_DATABASE_URL unset: PostgreSQL side skipped"),
    }
    assert!(!NAMED_CONSTRAINTS.is_empty());
    for (backend, tables) in &schemas {
        for (constraint, index, sqlite_columns) in NAMED_CONSTRAINTS {
            let qualified: Vec<(&str, &str)> = sqlite_columns
                .split(", ")
                .map(|c| c.split_once('.').expect("table.column"))
                .collect();
            let table = qualified[0].0;
            assert!(
                qualified.iter().all(|(t, _)| *t == table),
                "{constraint:?}: {sqlite_columns:?} names more than one table"
            );
            let found = tables
                .iter()
                .find(|t| t.name == table)
                .and_then(|t| t.indexes.iter().find(|i| i.name == *index))
                .unwrap_or_else(|| panic!("{backend}: no index {index} on table {table}"));
            assert!(found.unique, "{backend}: index {index} is not unique");
            let columns: Vec<&str> = qualified.iter().map(|(_, c)| *c).collect();
            assert_eq!(found.columns, columns, "{backend}: columns of {index}");
        }
    }
}

/// Everything a client can read back about the seeded business, per caller.
async fn snapshot(app: &TestApp, users: &[(&str, As)], locations: &[i64]) -> Vec<(String, Value)> {
    let mut requests = vec![(
        "partner".to_owned(),
        As::Partner,
        "/api/v1/companies".to_owned(),
    )];
    for (name, who) in users {
        for uri in [
            "/api/v1/companies?my=1&show_deleted=1",
            "/api/v1/companies?my=1",
            "/api/v1/groups",
        ] {
            requests.push((name.to_string(), who.clone(), uri.to_owned()));
        }
        for id in locations {
            let uri = format!("/api/v1/company/{id}?my=1&show_groups=1");
            requests.push((name.to_string(), who.clone(), uri));
        }
    }
    let mut out = Vec::new();
    for (label, who, uri) in requests {
        let answer = app.get(&uri, who).await;
        out.push((
            format!("{label} GET {uri} -> {}", answer.status),
            answer.body,
        ));
    }
    out
}

fn migrate_data(from: &str, to: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bizd"))
        .args(["migrate-data", "--from", from, "--to", to])
        .env("BIZD_LOG", "warn")
        .output()
        .expect("run bizd migrate-data")
}

#[tokio::test(flavor = "multi_thread")]
async fn migrate_data_moves_a_business_from_sqlite_to_postgres() {
    let Some(maintenance) = postgres_url() else {
        eprintln!("TEST_DATABASE_URL unset: skipped");
        return;
    };
    // Seed through the API on SQLite.
    let dir = tempfile::tempdir().unwrap();
    let sqlite_url = format!("sqlite://{}", dir.path().join("source.db").display());
    let app = TestApp::on(&sqlite_url, tempfile::tempdir().unwrap()).await;
    let (alice, a1) = app.owner_with_location("alice@example.com", "A1").await;
    let (bob, b1) = app.owner_with_location("bob@example.com", "B1").await;
    let a2 = app
        .post(
            "/api/v1/companies",
            alice.as_(),
            json!({"title": "A2 «Ünïcode» 'quoted'", "coordinate_lat": 51.5136, "coordinate_lon": -0.1318,
                   "phones": ["+44 20 7946 0000", "+44 20 7946 0001"], "currency": "GBP",
                   "timezone_name": "Europe/London", "description": "line one\nline two"}),
        )
        .await;
    a2.expect(StatusCode::CREATED);
    let a2 = a2.data()["id"].as_i64().unwrap();
    app.put(
        &format!("/api/v1/company/{a1}"),
        alice.as_(),
        json!({"city": "Paris", "phone_confirmation": true}),
    )
    .await
    .expect(StatusCode::OK);
    app.delete(&format!("/api/v1/company/{b1}"), bob.as_())
        .await
        .expect(StatusCode::ACCEPTED);
    let carol = app.user("+1 315 555 0199").await;
    app.grant(carol.id, a2, "manager").await;
    let users = [
        ("alice", alice.as_()),
        ("bob", bob.as_()),
        ("carol", carol.as_()),
    ];
    let locations = [a1, b1, a2];
    let before = snapshot(&app, &users, &locations).await;
    app.db.close().await;
    drop(app);

    // Copy to a fresh PostgreSQL database.
    let pg_url = fresh_postgres_database(&maintenance).await;
    let out = migrate_data(&sqlite_url, &pg_url);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for table in [
        "partner_tokens",
        "users",
        "user_tokens",
        "chains",
        "locations",
        "location_users",
    ] {
        assert!(
            stdout.lines().any(|l| l.starts_with(table)),
            "{table} in the report:\n{stdout}"
        );
    }
    assert!(stdout.contains("verified: "), "{stdout}");
    let locations_line = stdout
        .lines()
        .find(|l| l.starts_with("locations "))
        .unwrap();
    assert_eq!(locations_line.split_whitespace().nth(1), Some("3"));

    // The same answers from PostgreSQL, to the same tokens.
    let app = TestApp::on(&pg_url, tempfile::tempdir().unwrap()).await;
    assert_eq!(app.db.backend(), bizd_store::Backend::Postgres);
    let after = snapshot(&app, &users, &locations).await;
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b, a);
    }
    // Identity sequences were moved past the copied ids: new rows get fresh ids.
    let created = app
        .post(
            "/api/v1/companies",
            alice.as_(),
            json!({"title": "A3 on PostgreSQL"}),
        )
        .await;
    created.expect(StatusCode::CREATED);
    assert_eq!(created.data()["id"], a2 + 1);
    let dave = app.user("dave@example.com").await;
    assert!(dave.id > carol.id);

    // A second run refuses the non-empty target and changes nothing.
    let again = migrate_data(&sqlite_url, &pg_url);
    assert!(!again.status.success());
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("not empty"), "{err}");
    app.get("/api/v1/companies", As::Partner)
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/companies", As::Partner).await.body["meta"]["total_count"],
        3
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn migrate_data_works_between_any_two_databases() {
    // SQLite → SQLite runs on every pass: the generic copy, the report and the refusal.
    let dir = tempfile::tempdir().unwrap();
    let from = format!("sqlite://{}", dir.path().join("a.db").display());
    let to = match postgres_url() {
        Some(m) => fresh_postgres_database(&m).await,
        None => format!("sqlite://{}", dir.path().join("b.db").display()),
    };
    let app = TestApp::on(&from, tempfile::tempdir().unwrap()).await;
    let (owner, id) = app.owner_with_location("owner@example.com", "Only").await;
    app.db.close().await;
    drop(app);
    let out = migrate_data(&from, &to);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let app = TestApp::on(&to, tempfile::tempdir().unwrap()).await;
    let one = app.get(&format!("/api/v1/company/{id}"), owner.as_()).await;
    one.expect(StatusCode::OK);
    assert_eq!(one.data()["title"], "Only");
    assert!(!migrate_data(&from, &to).status.success());

    // The checksum sees content, not just counts: one changed field changes it.
    let source = Db::connect(&from).await.unwrap();
    let tables = source.tables().await.unwrap();
    let locations = tables.iter().find(|t| t.name == "locations").unwrap();
    let before = summarize(&source, locations).await.unwrap();
    assert_eq!(before, summarize(&app.db, locations).await.unwrap());
    app.put(
        &format!("/api/v1/company/{id}"),
        owner.as_(),
        json!({"title": "Only!"}),
    )
    .await
    .expect(StatusCode::OK);
    let after = summarize(&app.db, locations).await.unwrap();
    assert_eq!(after.rows, before.rows);
    assert_ne!(after.checksum, before.checksum);
    // A mistyped source is an error, not an empty copy.
    let missing = format!("sqlite://{}", dir.path().join("typo.db").display());
    let out = migrate_data(&missing, &to);
    assert!(!out.status.success());
    assert!(!dir.path().join("typo.db").exists());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--from"), "{err}");
}

#[tokio::test]
async fn text_the_backends_would_store_differently_is_refused_on_both() {
    // PostgreSQL TEXT cannot hold U+0000 (SQLite can): refuse it before it reaches either, so
    // the answer is the same 422 on both instead of a 500 on one.
    let app = TestApp::new().await;
    let (owner, id) = app.owner_with_location("owner@example.com", "Nul").await;
    let created = app
        .post(
            "/api/v1/companies",
            owner.as_(),
            json!({"title": "a\u{0}b"}),
        )
        .await;
    created.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(created.error_fields(), ["title"]);
    let updated = app
        .put(
            &format!("/api/v1/company/{id}"),
            owner.as_(),
            json!({"phones": ["+1", "x\u{0}"]}),
        )
        .await;
    updated.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(updated.error_fields(), ["phones[1]"]);
    app.get("/api/v1/companies?city_id=1%00", As::Partner)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    // A literal backslash-u sequence is ordinary text.
    app.put(
        &format!("/api/v1/company/{id}"),
        owner.as_(),
        json!({"description": "\\u0000"}),
    )
    .await
    .expect(StatusCode::OK);
}

/// Lock, read, think for `pause`, write: the location's group priority one higher; the value written.
async fn bump_group_priority(
    tx: &mut bizd_store::db::Conn<'_>,
    id: i64,
    pause: std::time::Duration,
) -> i64 {
    tx.lock(&[bizd_store::Lock::Location(id)]).await.unwrap();
    let mut location = bizd_store::locations::get(tx, id).await.unwrap().unwrap();
    tokio::time::sleep(pause).await;
    location.fields.group_priority += 1;
    bizd_store::locations::update(tx, id, &location.fields, 1)
        .await
        .unwrap();
    location.fields.group_priority
}

#[tokio::test(flavor = "multi_thread")]
async fn row_lock_serializes_read_modify_write_on_both_backends() {
    // The booking mechanism of docs/scaling.md in miniature: lock a row, read, think, write.
    // Without the lock, PostgreSQL's READ COMMITTED would let the writers overwrite each other.
    let app = TestApp::new().await;
    let (_, id) = app.owner_with_location("owner@example.com", "Busy").await;
    let writers = 8;
    let mut tasks = Vec::new();
    for _ in 0..writers {
        let db = app.db.clone();
        tasks.push(tokio::spawn(async move {
            let mut tx = db.write().await.unwrap();
            let pause = std::time::Duration::from_millis(20);
            bump_group_priority(&mut tx, id, pause).await;
            tx.commit().await.unwrap();
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(app.location(id).await.fields.group_priority, writers);
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_writes_keep_exactly_the_committed_ones_on_both_backends() {
    // On SQLite writers queued one behind another share a transaction (group commit,
    // docs/benchmarks.md): one that gives up after writing undoes only itself, one cancelled
    // while queued leaves the others' commit to come, and a commit that has returned is seen by
    // every reader at once.
    let app = TestApp::new().await;
    let (_, id) = app.owner_with_location("owner@example.com", "Busy").await;
    let writers = 48;
    let mut tasks = Vec::new();
    for i in 0..writers {
        let db = app.db.clone();
        tasks.push(tokio::spawn(async move {
            if i % 8 == 7 {
                // Gives up while queued (or, rarely, just after beginning: nothing written).
                let attempt = tokio::time::timeout(std::time::Duration::from_micros(50), async {
                    db.write().await.unwrap()
                });
                drop(attempt.await);
                return false;
            }
            let mut tx = db.write().await.unwrap();
            let written = bump_group_priority(&mut tx, id, std::time::Duration::ZERO).await;
            if i % 3 == 0 {
                return false; // rolled back when dropped
            }
            tx.commit().await.unwrap();
            let mut reader = db.read().await.unwrap();
            let seen = bizd_store::locations::get(&mut reader, id)
                .await
                .unwrap()
                .unwrap()
                .fields
                .group_priority;
            assert!(seen >= written, "committed {written}, a reader saw {seen}");
            true
        }));
    }
    let mut committed = 0;
    for t in tasks {
        committed += i64::from(t.await.unwrap());
    }
    assert_eq!(app.location(id).await.fields.group_priority, committed);
}
