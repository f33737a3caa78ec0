//! `Idempotency-Key`: a retried write runs once, its answer is replayed byte for byte, and a key
//! reused for another request is refused.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::common::{Answer, TestApp, TestUser};

async fn create(app: &TestApp, who: &TestUser, location: i64, key: &str, body: &Value) -> Answer {
    app.send(
        Method::POST,
        &format!("/api/v1/clients/{location}"),
        who.as_(),
        Some(body.to_string().into_bytes()),
        &[
            ("content-type", "application/json"),
            ("idempotency-key", key),
        ],
    )
    .await
}

async fn client_count(app: &TestApp, who: &TestUser, location: i64) -> i64 {
    let found = app
        .post(
            &format!("/api/v1/company/{location}/clients/search"),
            who.as_(),
            json!({}),
        )
        .await;
    found.expect(StatusCode::OK);
    found.body["meta"]["total_count"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_with_one_key_create_one_client_and_replay_its_answer() {
    let app = TestApp::new().await;
    let (owner, location) = app.owner_with_location("owner@example.com", "Main").await;
    let body = json!({"name": "Once", "phone": "13155550111"});
    let key = "9f1c2a4e-5b6d-4c7e-8f90-123456789abc";
    let answers =
        futures_util::future::join_all((0..8).map(|_| create(&app, &owner, location, key, &body)))
            .await;
    for a in &answers {
        a.expect(StatusCode::CREATED);
    }
    // Every answer is the first one: the same client, byte for byte.
    let first = &answers[0];
    for a in &answers[1..] {
        assert_eq!(a.raw, first.raw, "replays are byte for byte");
    }
    let replayed = answers
        .iter()
        .filter(|a| a.headers.get("idempotent-replayed").is_some())
        .count();
    assert_eq!(replayed, 7, "one ran, seven replayed");
    assert_eq!(client_count(&app, &owner, location).await, 1);

    // A later retry is a replay too.
    let later = create(&app, &owner, location, key, &body).await;
    assert_eq!(later.raw, first.raw);
    assert_eq!(later.headers["idempotent-replayed"], "true");

    // The same key for a different request is refused, and changes nothing.
    let other = create(
        &app,
        &owner,
        location,
        key,
        &json!({"name": "Twice", "phone": "13155550112"}),
    )
    .await;
    other.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(other.body["meta"]["code"], "idempotency_key_reused");
    assert_eq!(client_count(&app, &owner, location).await, 1);

    // Keys are per caller: another user's identical key is a different key.
    let (stranger, theirs) = app.owner_with_location("other@example.com", "Other").await;
    create(&app, &stranger, theirs, key, &body)
        .await
        .expect(StatusCode::CREATED);
}

#[tokio::test]
async fn failed_requests_keep_no_answer_and_bad_keys_are_refused() {
    let app = TestApp::new().await;
    let (owner, location) = app.owner_with_location("owner@example.com", "Main").await;
    // A 422 is an answer like any other: replayed, not re-run.
    let invalid = json!({"name": ""});
    let first = create(&app, &owner, location, "k-invalid", &invalid).await;
    first.expect(StatusCode::UNPROCESSABLE_ENTITY);
    let again = create(&app, &owner, location, "k-invalid", &invalid).await;
    assert_eq!(again.raw, first.raw);
    assert_eq!(again.headers["idempotent-replayed"], "true");

    let bad = create(&app, &owner, location, "has space", &json!({"name": "X"})).await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["Idempotency-Key"]);

    // Reads ignore the header.
    let read = app
        .send(
            Method::GET,
            &format!("/api/v1/company/{location}"),
            owner.as_(),
            None,
            &[("idempotency-key", "any")],
        )
        .await;
    read.expect(StatusCode::OK);
    assert!(read.headers.get("idempotent-replayed").is_none());
}

#[tokio::test]
async fn answers_are_kept_for_a_day() {
    let clock = bizd_domain::time::Clock::fixed(1_767_225_600);
    let app = TestApp::new().await.with_clock(clock.clone());
    let (owner, location) = app.owner_with_location("owner@example.com", "Main").await;
    let body = json!({"name": "Daily", "phone": "13155550121"});
    create(&app, &owner, location, "k-day", &body)
        .await
        .expect(StatusCode::CREATED);
    clock.advance(23 * 3600);
    let replay = create(&app, &owner, location, "k-day", &body).await;
    assert_eq!(replay.headers["idempotent-replayed"], "true");
    // A day later the key is forgotten: the request runs again (and meets the phone it took).
    clock.advance(2 * 3600);
    let rerun = create(&app, &owner, location, "k-day", &body).await;
    rerun.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(rerun.error_fields(), ["phone"]);
    assert!(rerun.headers.get("idempotent-replayed").is_none());
}
