//! Tenant isolation, swept over every operation of the generated OpenAPI document, so a new
//! route is covered the day it is mounted. User A owns location A; user B owns location B, which
//! holds a client, a comment and a file with distinctive strings. A calls every operation with
//! B's ids and must get 403/404 (401/405 where right) and never one of B's strings; B's data is
//! unchanged afterwards.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::common::{As, TestApp, TestUser, PASSWORD};

/// Strings only B's data contains.
const B_TITLE: &str = "Zebulon Bistro Q7781";
const B_CLIENT: &str = "Quixotic Bartholomew";
const B_PHONE: &str = "13155557781";
const B_EMAIL: &str = "bart.quixotic@zebulon.example";
const B_COMMENT: &str = "Comment Zulu-Kappa-55";
const B_FILE_NAME: &str = "zulu-dossier.pdf";
const B_FILE_BYTES: &str = "ZULU FILE BYTES 9931";
const B_LOGIN: &str = "bee.owner@zebulon.example";

const SECRETS: [&str; 8] = [
    B_TITLE,
    B_CLIENT,
    B_PHONE,
    B_EMAIL,
    B_COMMENT,
    B_FILE_NAME,
    B_FILE_BYTES,
    B_LOGIN,
];

const BOUNDARY: &str = "bizdIsolationBoundary42";

fn multipart(filename: &str, content: &str) -> Vec<u8> {
    format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n\
         Content-Type: application/pdf\r\n\r\n{content}\r\n--{BOUNDARY}--\r\n"
    )
    .into_bytes()
}

/// A tenant's ids.
#[derive(Debug, Clone, Copy)]
struct Ids {
    location: i64,
    chain: i64,
    client: i64,
    comment: i64,
    file: i64,
}

async fn tenant(
    app: &TestApp,
    login: &str,
    title: &str,
    client: Value,
    comment: &str,
    file: (&str, &str),
) -> (TestUser, Ids) {
    let (user, location) = app.owner_with_location(login, title).await;
    let loc = app
        .get(&format!("/api/v1/company/{location}"), user.as_())
        .await;
    loc.expect(StatusCode::OK);
    let chain = loc.data()["main_group_id"].as_i64().unwrap_or(0);
    let created = app
        .post(&format!("/api/v1/clients/{location}"), user.as_(), client)
        .await;
    created.expect(StatusCode::CREATED);
    let client = created.data()["id"].as_i64().unwrap();
    let comment = app
        .post(
            &format!("/api/v1/clients/{location}/clients/{client}/comments"),
            user.as_(),
            json!({ "text": comment }),
        )
        .await;
    comment.expect(StatusCode::CREATED);
    let comment = comment.data()["id"].as_i64().unwrap();
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let uploaded = app
        .send(
            Method::POST,
            &format!("/api/v1/company/{location}/clients/files/{client}"),
            user.as_(),
            Some(multipart(file.0, file.1)),
            &[("content-type", &content_type)],
        )
        .await;
    uploaded.expect(StatusCode::CREATED);
    let file = uploaded.data()["id"].as_i64().unwrap();
    (
        user,
        Ids {
            location,
            chain,
            client,
            comment,
            file,
        },
    )
}

struct Operation {
    /// A partner token alone is enough (the security list names `BearerPartner` by itself).
    partner_only: bool,
    /// The public booking flow (tag `Online Booking`): any partner token may book at any
    /// location, so A is not refused — but still sees none of B's private data.
    public_flow: bool,
    method: Method,
    path: String,
    id: String,
    query: Vec<String>,
    multipart: bool,
    array_body: bool,
}

fn operations(doc: &Value) -> Vec<Operation> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Ok(method) = Method::from_bytes(method.to_uppercase().as_bytes()) else {
                continue;
            };
            let query = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query")
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect();
            let content = &op["requestBody"]["content"];
            let schema = content["application/json"]["schema"].to_string();
            let partner_only = op["security"]
                .as_array()
                .is_some_and(|s| s.iter().any(|r| r.get("BearerPartner").is_some()));
            out.push(Operation {
                partner_only,
                public_flow: op["tags"]
                    .as_array()
                    .is_some_and(|t| t.iter().any(|t| t == "Online Booking")),
                method,
                path: path.clone(),
                id: op["operationId"].as_str().unwrap_or("?").to_owned(),
                query,
                multipart: content.get("multipart/form-data").is_some(),
                array_body: schema.contains("\"type\":\"array\""),
            });
        }
    }
    out
}

/// The path with `{location_id}` → `location` and every other `{…}` → the matching id of
/// `ids` (an id that exists nowhere when B has no such record).
fn fill(path: &str, location: i64, ids: &Ids) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = start + rest[start..].find('}').unwrap();
        let value = match &rest[start + 1..end] {
            "location_id" => location,
            "client_id" => ids.client,
            "id" if path.starts_with("/client/") => ids.client,
            "comment_id" => ids.comment,
            "file_id" => ids.file,
            "chain_id" | "group_id" => ids.chain,
            // Ids B has none of here (services, team members, positions, categories): an id that
            // exists nowhere, so an answer other than 403/404 can only come from a missing check
            // (a small id could be one of A's own records and rightly answer 200).
            _ => 987_654_321,
        };
        out.push_str(&value.to_string());
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    format!("/api/v1{out}")
}

/// Every query parameter set to one of B's ids, to tempt filters into leaking.
fn query(op: &Operation, ids: &Ids) -> String {
    op.query
        .iter()
        .map(|name| {
            let value = match name.as_str() {
                "id" | "client_id" => ids.client,
                "group_id" | "chain_id" => ids.chain,
                "my" | "show_deleted" | "show_groups" | "showBookforms" | "active" => 1,
                "phone" => return format!("phone={B_PHONE}"),
                "fullname" => return "fullname=Quixotic".to_owned(),
                "email" => return "email=zebulon".to_owned(),
                _ => ids.location,
            };
            format!("{name}={value}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A body naming B's ids and strings under every plausible field name.
fn body(op: &Operation, a_login: &str, ids: &Ids) -> (Vec<u8>, String) {
    if op.multipart {
        return (
            multipart("probe.pdf", "probe"),
            format!("multipart/form-data; boundary={BOUNDARY}"),
        );
    }
    let object = json!({
        "login": a_login, "password": PASSWORD,
        "title": "Probe", "name": "Probe", "text": "Probe",
        "chain_id": ids.chain, "group_id": ids.chain, "main_group_id": ids.chain,
        "location_id": ids.location, "company_id": ids.location,
        "client_id": ids.client, "id": ids.client,
        "quick_search": "Quixotic", "page_size": 50,
        "filters": [{"type": "id", "state": {"value": [ids.client]}},
                    {"type": "quick_search", "state": {"value": "Quixotic"}}],
    });
    let body = if op.array_body {
        json!([{"name": "Probe", "phone": "13155550000"}])
    } else {
        object
    };
    (body.to_string().into_bytes(), "application/json".to_owned())
}

/// Sends `op` to `uri` as `who`; the status and the body as text.
async fn call(
    app: &TestApp,
    who: &TestUser,
    op: &Operation,
    uri: &str,
    probe: &Ids,
) -> (StatusCode, String) {
    let (bytes, content_type) = body(op, A_LOGIN, probe);
    let answer = app
        .send(
            op.method.clone(),
            uri,
            who.as_(),
            Some(bytes),
            &[("content-type", &content_type)],
        )
        .await;
    let text = answer.body.to_string();
    assert!(
        !answer.status.is_server_error(),
        "{} {uri}: {} {text}",
        op.id,
        answer.status
    );
    for secret in SECRETS {
        assert!(
            !text.contains(secret),
            "{} {uri} leaked {secret:?}: {text}",
            op.id
        );
    }
    if !answer.status.is_success() {
        answer.expect(answer.status);
    }
    (answer.status, text)
}

const A_LOGIN: &str = "alpha.owner@alpha.example";

#[tokio::test]
async fn no_operation_lets_one_tenant_reach_another() {
    let app = TestApp::new().await;
    let (b, b_ids) = tenant(
        &app,
        B_LOGIN,
        B_TITLE,
        json!({"name": B_CLIENT, "phone": B_PHONE, "email": B_EMAIL}),
        B_COMMENT,
        (B_FILE_NAME, B_FILE_BYTES),
    )
    .await;
    let (a, a_ids) = tenant(
        &app,
        A_LOGIN,
        "Alpha Salon",
        json!({"name": "Ann Alpha", "phone": "13155550001"}),
        "Alpha comment",
        ("alpha.pdf", "alpha bytes"),
    )
    .await;
    assert_ne!(a_ids.chain, b_ids.chain, "separate chains");

    let doc = app.get("/api/v1/openapi.json", As::Nobody).await.body;
    let ops = operations(&doc);
    assert!(ops.len() >= 20, "only {} operations", ops.len());
    let allowed_refusals = [
        StatusCode::FORBIDDEN,
        StatusCode::NOT_FOUND,
        StatusCode::UNAUTHORIZED,
        StatusCode::METHOD_NOT_ALLOWED,
    ];
    let mut checked = 0;
    for op in &ops {
        let q = query(op, &b_ids);
        if op.path.contains("{location_id}") {
            // 1. B's location and B's ids: refused, whatever the method.
            for uri in [
                fill(&op.path, b_ids.location, &b_ids),
                format!("{}?{q}", fill(&op.path, b_ids.location, &b_ids)),
            ] {
                let (status, _) = call(&app, &a, op, &uri, &b_ids).await;
                assert!(
                    op.public_flow || allowed_refusals.contains(&status),
                    "{} {uri}: A got {status}",
                    op.id
                );
                checked += 1;
            }
            // 2. A's own location with B's ids in the other path parameters: 404.
            let has_other_ids = op.path.matches('{').count() > 1;
            let uri = fill(&op.path, a_ids.location, &b_ids);
            if has_other_ids {
                let (status, _) = call(&app, &a, op, &uri, &b_ids).await;
                if !op.public_flow {
                    assert_eq!(status, StatusCode::NOT_FOUND, "{} {uri}", op.id);
                }
                checked += 1;
            } else if op.method != Method::DELETE {
                // A's own collection, probed with B's ids in the query and body: A's data only.
                call(&app, &a, op, &format!("{uri}?{q}"), &b_ids).await;
                checked += 1;
            }
        } else {
            // 3. Operations without a location: A's view only (no B string anywhere).
            for uri in [
                fill(&op.path, a_ids.location, &b_ids),
                format!("{}?{q}", fill(&op.path, a_ids.location, &b_ids)),
            ] {
                call(&app, &a, op, &uri, &b_ids).await;
                checked += 1;
            }
        }
    }
    assert!(checked >= 3 * ops.len() / 2, "{checked} calls");

    // B's data is untouched: the location, the client, the comment and the file.
    let loc = b_ids.location;
    let client = app
        .get(&format!("/api/v1/client/{loc}/{}", b_ids.client), b.as_())
        .await;
    client.expect(StatusCode::OK);
    assert_eq!(client.data()["name"], B_CLIENT);
    let comments = app
        .get(
            &format!("/api/v1/clients/{loc}/clients/{}/comments", b_ids.client),
            b.as_(),
        )
        .await;
    comments.expect(StatusCode::OK);
    assert!(comments.body.to_string().contains(B_COMMENT));
    let file = app
        .get(
            &format!(
                "/api/v1/company/{loc}/clients/files/{}/{}",
                b_ids.client, b_ids.file
            ),
            b.as_(),
        )
        .await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.body, Value::String(B_FILE_BYTES.to_owned()));
    let location = app.get(&format!("/api/v1/company/{loc}"), b.as_()).await;
    location.expect(StatusCode::OK);
    assert_eq!(location.data()["title"], B_TITLE);
    let found = app
        .get(&format!("/api/v1/clients/{loc}?count=200"), b.as_())
        .await;
    found.expect(StatusCode::OK);
    assert_eq!(found.body["meta"]["total_count"], 1, "{}", found.body);
}

#[tokio::test]
async fn a_partner_token_alone_reaches_only_the_public_directory() {
    let app = TestApp::new().await;
    let (_b, b_ids) = tenant(
        &app,
        B_LOGIN,
        B_TITLE,
        json!({"name": B_CLIENT, "phone": B_PHONE, "email": B_EMAIL}),
        B_COMMENT,
        (B_FILE_NAME, B_FILE_BYTES),
    )
    .await;
    let doc = app.get("/api/v1/openapi.json", As::Nobody).await.body;
    // The public directory shows a location's title; nothing else of B's may appear.
    let private = [
        B_CLIENT,
        B_PHONE,
        B_EMAIL,
        B_COMMENT,
        B_FILE_NAME,
        B_FILE_BYTES,
        B_LOGIN,
    ];
    let garbage_user = As::Raw(format!(
        "Bearer {}, User 0123456789abcdef",
        crate::common::PARTNER
    ));
    for op in operations(&doc) {
        let uri = format!(
            "{}?{}",
            fill(&op.path, b_ids.location, &b_ids),
            query(&op, &b_ids)
        );
        let (bytes, content_type) = body(&op, "nobody@example.com", &b_ids);
        for who in [As::Partner, garbage_user.clone(), As::Nobody] {
            let answer = app
                .send(
                    op.method.clone(),
                    &uri,
                    who.clone(),
                    Some(bytes.clone()),
                    &[("content-type", &content_type)],
                )
                .await;
            let text = answer.body.to_string();
            for secret in private {
                assert!(!text.contains(secret), "{} {uri} leaked {secret:?}", op.id);
            }
            let must_refuse = !matches!(who, As::Partner) || !op.partner_only;
            if must_refuse {
                answer.expect(StatusCode::UNAUTHORIZED);
            } else {
                assert!(!answer.status.is_server_error(), "{} {uri}", op.id);
            }
        }
    }
}
