//! Rules that must hold at the moment of the write, under concurrent requests (on SQLite, and
//! on PostgreSQL in the suite's second pass): two partial updates of different fields of one
//! record never lose each other's change.

use axum::http::StatusCode;
use serde_json::json;

use crate::common::{TestApp, TestUser};

const ROUNDS: usize = 200;

/// `ROUNDS` times: two concurrent partial updates of `uri`, one sending `(field_a, value)`, the
/// other `(field_b, value)`; then a read of `read_uri`. Returns how many rounds lost a change.
async fn lost_updates(
    app: &TestApp,
    who: &TestUser,
    method: axum::http::Method,
    uri: &str,
    read_uri: &str,
    (field_a, field_b): (&str, &str),
) -> usize {
    let mut lost = 0;
    for round in 0..ROUNDS {
        let (a, b) = (format!("A{round}"), format!("B{round}"));
        let send = |field: &str, value: &str| {
            let body = json!({ field: value }).to_string().into_bytes();
            let method = method.clone();
            async move {
                app.send(
                    method,
                    uri,
                    who.as_(),
                    Some(body),
                    &[("content-type", "application/json")],
                )
                .await
            }
        };
        let (first, second) = tokio::join!(send(field_a, &a), send(field_b, &b));
        first.expect(StatusCode::OK);
        second.expect(StatusCode::OK);
        let read = app.get(read_uri, who.as_()).await;
        read.expect(StatusCode::OK);
        if read.data()[field_a] != a.as_str() || read.data()[field_b] != b.as_str() {
            lost += 1;
        }
    }
    lost
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_partial_updates_of_different_fields_lose_nothing() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Busy").await;
    let created = app
        .post(
            &format!("/api/v1/clients/{loc}"),
            owner.as_(),
            json!({"name": "Race", "phone": "13155550100"}),
        )
        .await;
    created.expect(StatusCode::CREATED);
    let client = created.data()["id"].as_i64().unwrap();
    let member = app
        .post(
            &format!("/api/v1/staff/{loc}"),
            owner.as_(),
            json!({"name": "Rae"}),
        )
        .await;
    member.expect(StatusCode::CREATED);
    let member = member.data()["id"].as_i64().unwrap();
    let category = app
        .post(
            &format!("/api/v1/service_categories/{loc}"),
            owner.as_(),
            json!({"title": "Cuts"}),
        )
        .await;
    category.expect(StatusCode::CREATED);
    let category = category.data()["id"].as_i64().unwrap();
    let service = app
        .post(
            &format!("/api/v1/services/{loc}"),
            owner.as_(),
            json!({"title": "Cut", "category_id": category}),
        )
        .await;
    service.expect(StatusCode::CREATED);
    let service = service.data()["id"].as_i64().unwrap();

    use axum::http::Method;
    let cases = [
        (
            "client",
            Method::PUT,
            format!("/api/v1/client/{loc}/{client}"),
            format!("/api/v1/client/{loc}/{client}"),
            ("name", "comment"),
        ),
        (
            "service",
            Method::PATCH,
            format!("/api/v1/company/{loc}/services/{service}"),
            format!("/api/v1/company/{loc}/services/{service}"),
            ("title", "comment"),
        ),
        (
            "team member",
            Method::PUT,
            format!("/api/v1/staff/{loc}/{member}"),
            format!("/api/v1/company/{loc}/staff/{member}"),
            ("name", "specialization"),
        ),
        (
            "location",
            Method::PUT,
            format!("/api/v1/company/{loc}"),
            format!("/api/v1/company/{loc}"),
            ("title", "short_descr"),
        ),
    ];
    for (what, method, uri, read, fields) in cases {
        let lost = lost_updates(&app, &owner, method, &uri, &read, fields).await;
        assert_eq!(lost, 0, "{what}: {lost} of {ROUNDS} rounds lost an update");
    }
}
