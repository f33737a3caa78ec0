//! `GET /groups`.

use axum::http::StatusCode;
use serde_json::json;

use crate::common::{As, TestApp};

#[tokio::test]
async fn lists_the_users_chains_with_their_locations() {
    let app = TestApp::new().await;
    let (alice, a1) = app.owner_with_location("alice@example.com", "A1").await;
    let a2 = app
        .post("/api/v1/companies", alice.as_(), json!({"title": "A2"}))
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let (bob, b1) = app.owner_with_location("bob@example.com", "B1").await;

    let groups = app.get("/api/v1/groups", alice.as_()).await;
    groups.expect(StatusCode::OK);
    let chains = groups.data().as_array().unwrap();
    assert_eq!(chains.len(), 1);
    assert_eq!(
        chains[0]["companies"],
        json!([{"id": a1, "title": "A1"}, {"id": a2, "title": "A2"}])
    );
    assert_eq!(chains[0]["access"]["settings_access"], "1");

    let groups = app.get("/api/v1/groups/", bob.as_()).await;
    assert_eq!(
        groups.data()[0]["companies"],
        json!([{"id": b1, "title": "B1"}])
    );

    app.get("/api/v1/groups", As::Partner)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.get("/api/v1/groups", As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
}
