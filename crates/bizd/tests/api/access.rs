//! Declared access, over the whole route table: every operation states what it needs in its
//! signature (an access extractor), and what it states is enforced.

use axum::http::{Method, StatusCode};
use bizd_domain::access::{Permission, Role};
use serde_json::Value;

use crate::common::{As, TestApp};

/// Every operation of the OpenAPI document: (operation id, method, path template, security).
fn operations(doc: &Value) -> Vec<(String, Method, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Ok(method) = Method::from_bytes(method.to_uppercase().as_bytes()) else {
                continue;
            };
            out.push((
                op["operationId"].as_str().unwrap_or("?").to_owned(),
                method,
                path.clone(),
                op["security"].clone(),
            ));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// `template` with `{location_id}` and `{chain_id}` filled in and every other id `1`.
fn fill(template: &str, location: i64, chain: i64) -> String {
    let mut out = String::from("/api/v1");
    for segment in template.split('/').filter(|s| !s.is_empty()) {
        out.push('/');
        out.push_str(&match segment {
            "{location_id}" => location.to_string(),
            "{chain_id}" => chain.to_string(),
            s if s.starts_with('{') => "1".to_owned(),
            s => s.to_owned(),
        });
    }
    out
}

/// Each operation's declared access, asked of the operation itself (the probe header makes its
/// access extractor answer with its declaration instead of running).
async fn declarations(app: &TestApp) -> Vec<(String, Method, String, Value, Option<String>)> {
    let doc = app.get("/api/v1/openapi.json", As::Nobody).await.body;
    let mut out = Vec::new();
    for (id, method, path, security) in operations(&doc) {
        let answer = app
            .send(
                method.clone(),
                &fill(&path, 1, 1),
                As::Nobody,
                Some(b"{}".to_vec()),
                &[
                    ("content-type", "application/json"),
                    ("x-bizd-access-probe", "1"),
                ],
            )
            .await;
        let declared = (answer.status == StatusCode::IM_A_TEAPOT).then(|| {
            answer.body["meta"]["errors"]["access"]
                .as_str()
                .unwrap()
                .to_owned()
        });
        out.push((id, method, path, security, declared));
    }
    out
}

#[tokio::test]
async fn every_operation_declares_its_access_and_documents_it() {
    let app = TestApp::with(|s| s.access_probe = true).await;
    let table = declarations(&app).await;
    assert!(table.len() > 50, "{} operations", table.len());
    let undeclared: Vec<&str> = table
        .iter()
        .filter(|t| t.4.is_none())
        .map(|t| t.0.as_str())
        .collect();
    assert!(
        undeclared.is_empty(),
        "operations without an access extractor: {undeclared:?}"
    );
    for (id, _, _, security, declared) in &table {
        let declared = declared.as_deref().unwrap();
        let schemes: Vec<&str> = security
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r.as_object())
            .flat_map(|r| r.keys().map(String::as_str))
            .collect();
        let partner_only = declared.starts_with("partner");
        assert_eq!(
            schemes.contains(&"BearerPartner"),
            partner_only,
            "{id}: declared {declared}, documented {schemes:?}"
        );
        if !partner_only {
            assert_eq!(schemes, ["BearerPartnerUser"], "{id}: declared {declared}");
        }
    }
    // The table itself, for review: a change of anyone's access shows in the diff.
    let listing: String = table
        .iter()
        .map(|(id, method, path, _, declared)| {
            format!(
                "{id:45} {method:6} {path:70} {}\n",
                declared.as_deref().unwrap()
            )
        })
        .collect();
    insta::assert_snapshot!("declared_access", listing);
}

fn permission_of(declared: &str) -> Option<Permission> {
    let slug = declared.split_once(':')?.1;
    Permission::ALL.into_iter().find(|p| p.slug() == slug)
}

#[tokio::test]
async fn what_an_operation_declares_is_what_it_enforces() {
    let app = TestApp::with(|s| s.access_probe = true).await;
    let (_owner, location) = app.owner_with_location("owner@example.com", "Main").await;
    let chain = app.location(location).await.chain_id;
    let employee = app.user("employee@example.com").await;
    app.grant(employee.id, location, "employee").await;
    let (stranger, _) = app
        .owner_with_location("stranger@example.com", "Other")
        .await;

    // `{visit_id}` routes are decided by the visit's location: the visit `fill` names (1).
    app.raw_write(&format!(
        "INSERT INTO visits (location_id, starts_at, created_at, updated_at) VALUES ({location}, 0, 0, 0)"
    ))
    .await;
    // `{document_id}` routes likewise, by the document's location: its sale document (1).
    app.raw_write(&format!(
        "INSERT INTO sale_documents (location_id, type_id, visit_id, created_at) VALUES ({location}, 7, 1, 0)"
    ))
    .await;

    let mut checked = 0;
    for (id, method, path, _, declared) in declarations(&app).await {
        let declared = declared.unwrap();
        let scoped = declared.starts_with("location") || declared.starts_with("chain");
        if !scoped {
            continue;
        }
        let uri = fill(&path, location, chain);
        let send = |who: As| {
            let (method, uri) = (method.clone(), uri.clone());
            let app = &app;
            async move {
                app.send(
                    method,
                    &uri,
                    who,
                    Some(b"{}".to_vec()),
                    &[("content-type", "application/json")],
                )
                .await
            }
        };
        // Not a member: 403 `forbidden`, whatever the operation.
        let answer = send(stranger.as_()).await;
        answer.expect(StatusCode::FORBIDDEN);
        assert_eq!(
            answer.body["meta"]["code"], "forbidden",
            "{id} as a stranger"
        );
        // A member whose role lacks the declared permission: 403 `permission_denied`.
        if permission_of(&declared).is_some_and(|p| !Role::Employee.grants(p)) {
            let answer = send(employee.as_()).await;
            answer.expect(StatusCode::FORBIDDEN);
            assert_eq!(
                answer.body["meta"]["code"], "permission_denied",
                "{id} as an employee"
            );
        }
        // No user token at all: 401.
        send(As::Partner).await.expect(StatusCode::UNAUTHORIZED);
        checked += 1;
    }
    assert!(checked > 40, "{checked} scoped operations");
}

/// The permission matrix: for every role, every scoped operation is called by a member with
/// that role (and no values of its own) through the real router, and whether it was let through
/// (anything but 403) must be what the role grants for the operation's declared permission. The
/// table is a snapshot, so a new route — or a changed default — shows up for review.
#[tokio::test]
async fn the_permission_matrix_of_every_role_holds_on_every_route() {
    let app = TestApp::with(|s| s.access_probe = true).await;
    let (owner, location) = app.owner_with_location("owner@example.com", "Main").await;
    let chain = app.location(location).await.chain_id;
    app.raw_write(&format!(
        "INSERT INTO visits (location_id, starts_at, created_at, updated_at) VALUES ({location}, 0, 0, 0)"
    ))
    .await;
    app.raw_write(&format!(
        "INSERT INTO sale_documents (location_id, type_id, visit_id, created_at) VALUES ({location}, 7, 1, 0)"
    ))
    .await;
    // The owner goes last: its calls may delete the location.
    let mut members = Vec::new();
    for role in Role::ALL.into_iter().filter(|r| *r != Role::Owner) {
        let user = app.user(&format!("{}@example.com", role.as_str())).await;
        app.grant(user.id, location, role.as_str()).await;
        members.push((role, user));
    }
    members.push((Role::Owner, owner));

    let mut declared = declarations(&app).await;
    // Deleting the location goes last (the owner's call succeeds).
    declared.sort_by_key(|d| d.0 == "delete_location");
    let mut rows: Vec<(String, Vec<bool>)> = Vec::new();
    for (id, method, path, _, declared) in &declared {
        let declared = declared.clone().unwrap();
        if !(declared.starts_with("location") || declared.starts_with("chain")) {
            continue;
        }
        // Every operation of a location or chain maps to a permission of the tree, except
        // reading one's own rights there.
        assert!(
            permission_of(&declared).is_some() || id == "get_permission_list",
            "{id} declares no permission ({declared})"
        );
        rows.push((format!("{id} ({declared})"), Vec::new()));
        let _ = (method, path);
    }
    for (role, user) in &members {
        let mut row = 0;
        for (id, method, path, _, declared) in &declared {
            let declared = declared.clone().unwrap();
            if !(declared.starts_with("location") || declared.starts_with("chain")) {
                continue;
            }
            let answer = app
                .send(
                    method.clone(),
                    &fill(path, location, chain),
                    user.as_(),
                    Some(b"{}".to_vec()),
                    &[("content-type", "application/json")],
                )
                .await;
            let allowed = answer.status != StatusCode::FORBIDDEN;
            let expected = permission_of(&declared).is_none_or(|p| role.grants(p));
            assert_eq!(
                allowed, expected,
                "{id} ({declared}) as {role}: {} {}",
                answer.status, answer.body
            );
            rows[row].1.push(allowed);
            row += 1;
        }
    }
    let header: String = members
        .iter()
        .map(|(r, _)| format!("{:>14}", r.slug()))
        .collect();
    let mut table = format!("{:80}{header}\n", "operation (declared access)");
    for (op, allowed) in rows {
        let cells: String = allowed
            .iter()
            .map(|a| format!("{:>14}", if *a { "yes" } else { "-" }))
            .collect();
        table.push_str(&format!("{op:80}{cells}\n"));
    }
    insta::assert_snapshot!("permission_matrix", table);
}
