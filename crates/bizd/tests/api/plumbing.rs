//! What every endpoint shares: the envelope on every answer, routing tolerance, limits, OpenAPI.

use axum::http::{Method, StatusCode};
use serde_json::Value;

use crate::common::{As, TestApp};

#[tokio::test]
async fn unknown_paths_and_methods_answer_in_the_envelope() {
    let app = TestApp::new().await;
    let answer = app.get("/api/v1/no/such/thing", As::Partner).await;
    answer.expect(StatusCode::NOT_FOUND);
    assert_eq!(answer.body["meta"]["code"], "not_found");
    app.get("/nothing-here", As::Nobody)
        .await
        .expect(StatusCode::NOT_FOUND);
    let answer = app
        .send(Method::PATCH, "/api/v1/companies", As::Partner, None, &[])
        .await;
    answer.expect(StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(answer.body["meta"]["code"], "method_not_allowed");
}

#[tokio::test]
async fn healthz_answers_without_auth() {
    let app = TestApp::new().await;
    let answer = app.get("/healthz", As::Nobody).await;
    answer.expect(StatusCode::OK);
    assert_eq!(answer.data()["status"], "ok");
}

#[tokio::test]
async fn tolerates_trailing_slashes_accept_headers_and_float_ids() {
    let app = TestApp::new().await;
    let (owner, id) = app.owner_with_location("owner@example.com", "A1").await;
    app.get(&format!("/api/v1/company/{id}/"), owner.as_())
        .await
        .expect(StatusCode::OK);
    app.get(&format!("/api/v1/company/{id}.0"), owner.as_())
        .await
        .expect(StatusCode::OK);
    app.get("/api/v1/companies/?my=1", owner.as_())
        .await
        .expect(StatusCode::OK);
    for accept in ["application/json", "*/*", "text/html"] {
        app.send(
            Method::GET,
            &format!("/api/v1/company/{id}"),
            owner.as_(),
            None,
            &[("accept", accept)],
        )
        .await
        .expect(StatusCode::OK);
    }
    // A body without Content-Type is still read as JSON.
    let answer = app
        .send(
            Method::PUT,
            &format!("/api/v1/company/{id}"),
            owner.as_(),
            Some(br#"{"city":"Oslo"}"#.to_vec()),
            &[],
        )
        .await;
    answer.expect(StatusCode::OK);
    assert_eq!(answer.data()["city"], "Oslo");
}

#[tokio::test]
async fn bad_bodies_are_client_errors_in_the_envelope() {
    let app = TestApp::new().await;
    let (owner, _) = app.owner_with_location("owner@example.com", "A1").await;
    let cases: Vec<(&[u8], StatusCode)> = vec![
        (b"{not json", StatusCode::UNPROCESSABLE_ENTITY),
        (b"[1, 2, 3]", StatusCode::UNPROCESSABLE_ENTITY),
        (b"\"just a string\"", StatusCode::UNPROCESSABLE_ENTITY),
        (
            b"{\"title\": \"a\"} trailing",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            b"{\"title\": {\"nested\": true}}",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (body, status) in cases {
        let answer = app
            .send(
                Method::POST,
                "/api/v1/companies",
                owner.as_(),
                Some(body.to_vec()),
                &[],
            )
            .await;
        answer.expect(status);
        assert!(
            !answer.error_fields().is_empty(),
            "field errors for {:?}",
            String::from_utf8_lossy(body)
        );
    }
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    app.send(
        Method::POST,
        "/api/v1/companies",
        owner.as_(),
        Some(deep.into_bytes()),
        &[],
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let huge = format!("{{\"title\": \"{}\"}}", "x".repeat(200 * 1024));
    let answer = app
        .send(
            Method::POST,
            "/api/v1/companies",
            owner.as_(),
            Some(huge.into_bytes()),
            &[],
        )
        .await;
    answer.expect(StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.body["meta"]["code"], "payload_too_large");
}

#[tokio::test]
async fn every_answer_carries_a_request_id() {
    let app = TestApp::new().await;
    let answer = app.get("/api/v1/companies", As::Nobody).await;
    assert!(answer.headers.get("x-request-id").is_some());
    let answer = app
        .send(
            Method::GET,
            "/healthz",
            As::Nobody,
            None,
            &[("x-request-id", "abc-123")],
        )
        .await;
    assert_eq!(answer.headers.get("x-request-id").unwrap(), "abc-123");
}

#[tokio::test]
async fn openapi_document_lists_every_operation_and_the_router_serves_them() {
    let app = TestApp::new().await;
    let answer = app.get("/api/v1/openapi.json", As::Nobody).await;
    assert_eq!(answer.status, StatusCode::OK);
    let doc = &answer.body;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert_eq!(doc["servers"][0]["url"], "/api/v1");
    let mut operations = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            assert!(
                op["responses"].as_object().is_some_and(|r| !r.is_empty()),
                "{id} documents responses"
            );
            operations.push((method.to_uppercase(), path.clone(), id.to_owned()));
        }
    }
    let ids: Vec<&str> = operations.iter().map(|(_, _, id)| id.as_str()).collect();
    for expected in [
        "authorize_user",
        "get_location_list",
        "create_location",
        "get_location",
        "update_location",
        "delete_location",
        "get_chain_list",
    ] {
        assert!(ids.contains(&expected), "{expected} missing from {ids:?}");
    }
    // Each documented operation is routed: never 404 "no route" or 405 for its own method.
    for (method, path, id) in &operations {
        let uri = format!("/api/v1{}", path.replace("{location_id}", "1"));
        let answer = app
            .send(
                Method::from_bytes(method.as_bytes()).unwrap(),
                &uri,
                As::Nobody,
                None,
                &[],
            )
            .await;
        assert_ne!(answer.status, StatusCode::METHOD_NOT_ALLOWED, "{id}");
        assert_eq!(
            answer.status,
            StatusCode::UNAUTHORIZED,
            "{id} must require authentication"
        );
    }
    // The schemas referenced by operations exist.
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let text = doc.to_string();
    for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap();
        assert!(
            schemas.contains_key(name),
            "schema {name} referenced but missing"
        );
    }
}

#[tokio::test]
async fn docs_page_renders() {
    let app = TestApp::new().await;
    let answer = app.get("/docs/", As::Nobody).await;
    assert_eq!(answer.status, StatusCode::OK);
    let Value::String(html) = &answer.body else {
        panic!("html expected")
    };
    assert!(html.contains("swagger"), "swagger ui page");
    let config = app.get("/docs/swagger-initializer.js", As::Nobody).await;
    assert_eq!(config.status, StatusCode::OK);
    assert!(config
        .body
        .as_str()
        .unwrap()
        .contains("/api/v1/openapi.json"));
}
