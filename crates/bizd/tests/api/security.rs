//! What docs/security.md promises and no other module proves: secrets at rest, SQL injection
//! attempts in every text filter, and one answer for every failed login.

use axum::http::StatusCode;
use bizd::security::token_hash;
use serde_json::json;

use crate::common::{As, TestApp, PARTNER};

#[tokio::test]
async fn tokens_are_stored_as_digests_and_passwords_as_argon2id() {
    let app = TestApp::new().await;
    let user = app.user("owner@example.com").await;
    assert_eq!(user.token.len(), 40, "160-bit hex token");
    // Found by digest only: the token itself is not in the database.
    assert!(bizd_store::auth::user_by_token_hash(
        &mut app.db.read().await.unwrap(),
        &token_hash(&user.token)
    )
    .await
    .unwrap()
    .is_some());
    assert!(
        bizd_store::auth::user_by_token_hash(&mut app.db.read().await.unwrap(), &user.token)
            .await
            .unwrap()
            .is_none()
    );
    assert!(bizd_store::auth::partner_by_token_hash(
        &mut app.db.read().await.unwrap(),
        &token_hash(PARTNER)
    )
    .await
    .unwrap()
    .is_some());
    assert!(
        bizd_store::auth::partner_by_token_hash(&mut app.db.read().await.unwrap(), PARTNER)
            .await
            .unwrap()
            .is_none()
    );
    let stored = bizd_store::auth::user_by_login(
        &mut app.db.read().await.unwrap(),
        "owner@example.com",
        None,
    )
    .await
    .unwrap()
    .unwrap();
    assert!(stored.password_hash.starts_with("$argon2id$"));
    assert!(!stored.password_hash.contains(crate::common::PASSWORD));
    // Each sign-in issues a new token.
    let again = app.user("owner@example.com").await;
    assert_ne!(again.token, user.token);
}

#[tokio::test]
async fn failed_logins_all_answer_the_same() {
    let app = TestApp::new().await;
    app.user("owner@example.com").await;
    let mut bodies = Vec::new();
    for (login, password) in [
        ("owner@example.com", "wrong password"),
        ("nobody@example.com", "wrong password"),
        ("nobody@example.com", crate::common::PASSWORD),
    ] {
        let answer = app
            .post(
                "/api/v1/auth",
                As::Partner,
                json!({"login": login, "password": password}),
            )
            .await;
        answer.expect(StatusCode::UNAUTHORIZED);
        bodies.push(answer.body.to_string());
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "{bodies:?}");
}

#[tokio::test]
async fn sql_injection_attempts_are_plain_text() {
    let app = TestApp::new().await;
    let (a, a_loc) = app.owner_with_location("a@example.com", "A").await;
    let (b, b_loc) = app.owner_with_location("b@example.com", "B").await;
    app.post(
        &format!("/api/v1/clients/{b_loc}"),
        b.as_(),
        json!({"name": "Secret Bob", "phone": "13155550999"}),
    )
    .await
    .expect(StatusCode::CREATED);
    let payloads = [
        "' OR '1'='1",
        "' OR 1=1 --",
        "\" OR \"\"=\"",
        "1; DROP TABLE clients; --",
        "%' OR client_id > 0 OR '%'='",
        "') UNION SELECT name, phone FROM clients --",
        "%",
        "_",
        "\\",
    ];
    for payload in payloads {
        let q: String = form_urlencoded::byte_serialize(payload.as_bytes()).collect();
        for uri in [
            format!("/api/v1/clients/{a_loc}?fullname={q}"),
            format!("/api/v1/clients/{a_loc}?phone={q}"),
            format!("/api/v1/clients/{a_loc}?email={q}"),
            format!("/api/v1/clients/{a_loc}?card={q}"),
            format!("/api/v1/companies?my=1&city_id={q}"),
        ] {
            let answer = app.get(&uri, a.as_()).await;
            assert!(!answer.status.is_server_error(), "{uri}: {}", answer.body);
            assert!(!answer.body.to_string().contains("Secret Bob"), "{uri}");
        }
        let answer = app
            .post(
                &format!("/api/v1/company/{a_loc}/clients/search"),
                a.as_(),
                json!({"filters": [{"type": "quick_search", "state": {"value": payload}}]}),
            )
            .await;
        answer.expect(StatusCode::OK);
        assert_eq!(answer.body["meta"]["total_count"], 0, "{payload}");
        // Stored as given, read back as given.
        let created = app
            .post(
                &format!("/api/v1/clients/{a_loc}"),
                a.as_(),
                json!({"name": payload, "phone": format!("1315555{:04}", payload.len())}),
            )
            .await;
        if created.status == StatusCode::CREATED {
            assert_eq!(created.data()["name"], payload);
            let id = created.data()["id"].as_i64().unwrap();
            app.delete(&format!("/api/v1/client/{a_loc}/{id}"), a.as_())
                .await
                .expect(StatusCode::OK);
        }
    }
    // Every table is still there and B's client with it.
    let answer = app.get(&format!("/api/v1/clients/{b_loc}"), b.as_()).await;
    answer.expect(StatusCode::OK);
    assert_eq!(answer.body["meta"]["total_count"], 1);
}
