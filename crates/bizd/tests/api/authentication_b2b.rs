//! `POST /auth` and how tokens are checked.

use axum::http::StatusCode;
use bizd::security::hash_password;
use serde_json::json;

use crate::common::{As, TestApp, PARTNER, PASSWORD};

#[tokio::test]
async fn login_by_email_or_phone_returns_a_working_token() {
    let app = TestApp::new().await;
    let by_email = app.user("Owner@Example.com").await;
    let answer = app
        .post(
            "/api/v1/auth",
            As::Partner,
            json!({"login": "owner@example.com", "password": PASSWORD}),
        )
        .await;
    answer.expect(StatusCode::CREATED);
    let d = answer.data();
    assert_eq!(d["id"], by_email.id);
    assert_eq!(d["email"], "owner@example.com");
    assert!(d["user_token"].as_str().unwrap().len() >= 32);
    for field in ["name", "phone", "login", "avatar"] {
        assert!(d[field].is_string(), "{field} is a string");
    }
    assert!(d["is_approved"].is_boolean());
    assert_eq!(answer.body["meta"], json!([]));

    let by_phone = app.user("+1 (315) 555-0175").await;
    // A phone given as a number logs in too.
    let answer = app
        .post(
            "/api/v1/auth",
            As::Partner,
            json!({"login": 13155550175u64, "password": PASSWORD}),
        )
        .await;
    answer.expect(StatusCode::CREATED);
    assert_eq!(answer.data()["id"], by_phone.id);

    app.get("/api/v1/groups", by_email.as_())
        .await
        .expect(StatusCode::OK);
}

#[tokio::test]
async fn wrong_credentials_are_401_and_missing_fields_422() {
    let app = TestApp::new().await;
    app.user("owner@example.com").await;
    let wrong = app
        .post(
            "/api/v1/auth",
            As::Partner,
            json!({"login": "owner@example.com", "password": "nope"}),
        )
        .await;
    wrong.expect(StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.body["meta"]["code"], "invalid_credentials");
    app.post(
        "/api/v1/auth",
        As::Partner,
        json!({"login": "ghost@example.com", "password": "nope"}),
    )
    .await
    .expect(StatusCode::UNAUTHORIZED);
    let missing = app.post("/api/v1/auth", As::Partner, json!({})).await;
    missing.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.error_fields(), ["login", "password"]);
    // The partner token is required even to sign in.
    app.post(
        "/api/v1/auth",
        As::Nobody,
        json!({"login": "owner@example.com", "password": PASSWORD}),
    )
    .await
    .expect(StatusCode::UNAUTHORIZED);
    app.post(
        "/api/v1/auth",
        As::Raw("Bearer wrong".into()),
        json!({"login": "owner@example.com", "password": PASSWORD}),
    )
    .await
    .expect(StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn bad_tokens_are_401_in_the_envelope() {
    let app = TestApp::new().await;
    let user = app.user("owner@example.com").await;
    for header in [
        "Bearer nope".to_owned(),
        format!("Bearer {PARTNER}, User nope"),
        format!("Bearer nope, User {}", user.token),
        format!("Basic {PARTNER}"),
        String::new(),
    ] {
        let answer = app.get("/api/v1/groups", As::Raw(header.clone())).await;
        answer.expect(StatusCode::UNAUTHORIZED);
        assert_eq!(
            answer.body["meta"]["message"], "Authentication needed.",
            "header {header:?}"
        );
    }
    // Scheme names are case-insensitive and the order does not matter.
    app.get(
        "/api/v1/groups",
        As::Raw(format!("user {}, bearer {PARTNER}", user.token)),
    )
    .await
    .expect(StatusCode::OK);
}

#[tokio::test]
async fn changing_the_password_revokes_user_tokens() {
    let app = TestApp::new().await;
    let user = app.user("owner@example.com").await;
    app.get("/api/v1/groups", user.as_())
        .await
        .expect(StatusCode::OK);
    let mut tx = app.db.write().await.unwrap();
    bizd_store::auth::set_user_password(&mut tx, user.id, &hash_password("a new password"), 1)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    app.get("/api/v1/groups", user.as_())
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.post(
        "/api/v1/auth",
        As::Partner,
        json!({"login": "owner@example.com", "password": PASSWORD}),
    )
    .await
    .expect(StatusCode::UNAUTHORIZED);
    app.post(
        "/api/v1/auth",
        As::Partner,
        json!({"login": "owner@example.com", "password": "a new password"}),
    )
    .await
    .expect(StatusCode::CREATED);
}
