//! The memory of access decisions (`http::access_cache`): this server's own writes take effect
//! on the very next request; writes it cannot see take effect once an answer expires.

use std::time::Duration;

use axum::http::StatusCode;
use bizd::http::access_cache::AccessCache;
use serde_json::json;

use crate::common::TestApp;

async fn app_with_cache_ttl(ttl: Duration) -> TestApp {
    TestApp::with(|s| s.access_cache = AccessCache::new(ttl)).await
}

#[tokio::test]
async fn own_writes_take_effect_on_the_next_request() {
    let app = TestApp::new().await;
    let (owner, location) = app.owner_with_location("owner@example.com", "Main").await;
    let staff = app.user("staff@example.com").await;
    let clients = format!("/api/v1/clients/{location}");

    app.grant(staff.id, location, "administrator").await;
    app.get(&clients, staff.as_()).await.expect(StatusCode::OK);
    app.grant(staff.id, location, "employee").await;
    app.get(&clients, staff.as_())
        .await
        .expect(StatusCode::FORBIDDEN);

    // The location's time zone, cached with the access decision, follows an update at once.
    let client = app
        .post(
            &clients,
            owner.as_(),
            json!({"name": "Ann", "phone": "13155550101"}),
        )
        .await;
    client.expect(StatusCode::CREATED);
    let one = format!("/api/v1/client/{location}/{}", client.data()["id"]);
    let before = app.get(&one, owner.as_()).await;
    assert!(before.data()["last_change_date"]
        .as_str()
        .unwrap()
        .ends_with("00"));
    app.put(
        &format!("/api/v1/company/{location}"),
        owner.as_(),
        json!({"timezone_name": "Asia/Kolkata"}),
    )
    .await
    .expect(StatusCode::OK);
    let after = app.get(&one, owner.as_()).await;
    assert!(
        after.data()["last_change_date"]
            .as_str()
            .unwrap()
            .ends_with("+0530"),
        "{:?}",
        after.body
    );

    app.delete(&format!("/api/v1/company/{location}"), owner.as_())
        .await
        .expect(StatusCode::ACCEPTED);
    app.get(&one, owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn writes_by_another_process_take_effect_when_the_answer_expires() {
    let app = app_with_cache_ttl(Duration::from_millis(200)).await;
    let (owner, location) = app.owner_with_location("owner@example.com", "Main").await;
    let clients = format!("/api/v1/clients/{location}");
    app.get(&clients, owner.as_()).await.expect(StatusCode::OK);

    app.raw_write(&format!(
        "UPDATE location_users SET role = 'employee' WHERE user_id = {}",
        owner.id
    ))
    .await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    app.get(&clients, owner.as_())
        .await
        .expect(StatusCode::FORBIDDEN);

    app.raw_write("DELETE FROM user_tokens").await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    app.get(&clients, owner.as_())
        .await
        .expect(StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_zero_ttl_turns_the_cache_off() {
    let app = app_with_cache_ttl(Duration::ZERO).await;
    let (owner, location) = app.owner_with_location("owner@example.com", "Main").await;
    let clients = format!("/api/v1/clients/{location}");
    app.get(&clients, owner.as_()).await.expect(StatusCode::OK);
    app.raw_write("DELETE FROM user_tokens").await;
    app.get(&clients, owner.as_())
        .await
        .expect(StatusCode::UNAUTHORIZED);
}
