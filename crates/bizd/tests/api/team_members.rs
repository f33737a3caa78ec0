//! Team Members: team members and positions.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::common::{As, TestApp};

#[tokio::test]
async fn team_member_round_trip() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let created = app
        .post(
            &format!("/api/v1/staff/{loc}/"),
            owner.as_(),
            json!({"name": "Basil", "specialization": "the hairdresser", "weight": 10, "information": "Three hands",
                   "api_id": 42, "hidden": 0, "fired": "0", "user_id": owner.id as f64}),
        )
        .await;
    created.expect(StatusCode::CREATED);
    let d = created.data().clone();
    let id = d["id"].as_i64().unwrap();
    assert_eq!(d["name"], "Basil");
    assert_eq!(d["company_id"], loc);
    assert_eq!(d["api_id"], "42");
    assert_eq!(d["weight"], 10);
    assert_eq!(d["hidden"], 0);
    assert_eq!(d["fired"], 0);
    assert_eq!(d["status"], 0);
    assert_eq!(d["user_id"], owner.id);
    assert_eq!(d["position"]["id"], 0, "the neutral position object");
    assert_eq!(d["user"]["id"], owner.id);
    assert_eq!(d["bookable"], false, "no services yet");
    assert_eq!(d["avatar"], "");
    assert_eq!(d["rating"], 0.0);
    assert_eq!(d["services_links"], json!([]));

    let list = app.get(&format!("/api/v1/staff/{loc}"), owner.as_()).await;
    list.expect(StatusCode::OK);
    assert_eq!(list.data(), &json!([d.clone()]));
    assert_eq!(list.body["meta"], json!([]));
    let company = app
        .get(&format!("/api/v1/company/{loc}/staff/{id}"), owner.as_())
        .await;
    company.expect(StatusCode::OK);
    assert_eq!(company.data(), &d);
    let company_list = app
        .get(&format!("/api/v1/company/{loc}/staff"), owner.as_())
        .await;
    assert_eq!(company_list.data(), &json!([d.clone()]));
    let legacy = app
        .get(&format!("/api/v1/staff/{loc}/{id}"), owner.as_())
        .await;
    legacy.expect(StatusCode::OK);
    assert_eq!(legacy.data()["weight"], "10");
    assert_eq!(legacy.data()["hidden"], "0");
    assert_eq!(legacy.data()["status"], "0");
    assert_eq!(legacy.data()["image_group"], json!({}));
    assert_eq!(legacy.data()["name"], "Basil");

    let second = app
        .post(
            &format!("/api/v1/staff/{loc}"),
            owner.as_(),
            json!({"name": "Zoe", "weight": 20}),
        )
        .await;
    let second_id = second.data()["id"].as_i64().unwrap();
    let list = app.get(&format!("/api/v1/staff/{loc}"), owner.as_()).await;
    let order: Vec<i64> = list
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    assert_eq!(order, [second_id, id], "heaviest first");

    let updated = app
        .put(
            &format!("/api/v1/staff/{loc}/{id}"),
            owner.as_(),
            json!({"name": "Basil B.", "fired": true, "user_id": 0}),
        )
        .await;
    updated.expect(StatusCode::OK);
    let read = app
        .get(&format!("/api/v1/company/{loc}/staff/{id}"), owner.as_())
        .await;
    assert_eq!(read.data()["name"], "Basil B.");
    assert_eq!(read.data()["fired"], 1);
    assert!(read.data()["user_id"].is_null());
    assert_eq!(
        read.data()["specialization"],
        "the hairdresser",
        "unsent fields stay"
    );

    let deleted = app
        .delete(&format!("/api/v1/staff/{loc}/{id}"), owner.as_())
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let list = app.get(&format!("/api/v1/staff/{loc}"), owner.as_()).await;
    assert_eq!(list.data().as_array().unwrap().len(), 1, "gone from lists");
    let still = app
        .get(&format!("/api/v1/company/{loc}/staff/{id}"), owner.as_())
        .await;
    still.expect(StatusCode::OK);
    assert_eq!(still.data()["status"], 1, "readable, marked deleted");
    app.put(
        &format!("/api/v1/staff/{loc}/{id}"),
        owner.as_(),
        json!({"name": "x"}),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
    app.delete(&format!("/api/v1/staff/{loc}/{id}"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn team_member_errors_and_access() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let (stranger, other_loc) = app.owner_with_location("other@example.com", "Other").await;
    let uri = format!("/api/v1/staff/{loc}");
    app.get(&uri, As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.get(&uri, stranger.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    app.post(&uri, stranger.as_(), json!({"name": "x"}))
        .await
        .expect(StatusCode::FORBIDDEN);
    app.get(&format!("{uri}/999"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.get(&format!("/api/v1/company/{loc}/staff/999"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    let theirs = app
        .post(
            &format!("/api/v1/staff/{other_loc}"),
            stranger.as_(),
            json!({"name": "Eve"}),
        )
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    app.get(&format!("{uri}/{theirs}"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    let their_position = app
        .post(
            &format!("/api/v1/positions/{other_loc}"),
            stranger.as_(),
            json!({"title": "Boss"}),
        )
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    for (body, field) in [
        (json!({}), "name"),
        (json!({"name": "x", "user_id": 999}), "user_id"),
        (
            json!({"name": "x", "position_id": their_position}),
            "position_id",
        ),
        (json!({"name": "x", "weight": "heavy"}), "weight"),
    ] {
        let a = app.post(&uri, owner.as_(), body.clone()).await;
        a.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.error_fields(), [field], "{body}");
    }
}

#[tokio::test]
async fn quick_create() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let (stranger, _) = app.owner_with_location("other@example.com", "Other").await;
    let uri = format!("/api/v1/company/{loc}/staff/quick");
    let position = app
        .post(
            &format!("/api/v1/company/{loc}/positions/quick"),
            owner.as_(),
            json!({"title": "Stylist"}),
        )
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let created = app
        .post(
            &uri,
            owner.as_(),
            json!({"name": "John Johnson", "specialization": "Cosmetologist", "position_id": position,
                   "phone_number": 11234567890u64, "user_email": "john@example.com", "user_phone": "11234567890",
                   "is_user_invite": false, "is_paid_staff": true}),
        )
        .await;
    created.expect(StatusCode::CREATED);
    let d = created.data();
    assert_eq!(d["name"], "John Johnson");
    assert_eq!(d["company_id"], loc);
    assert_eq!(d["position"]["id"], position);
    assert_eq!(d["position"]["title"], "Stylist");
    assert_eq!(d["phone_number"], "11234567890");
    assert_eq!(d["is_paid_staff"], true);
    let id = d["id"].as_i64().unwrap();
    let read = app
        .get(&format!("/api/v1/company/{loc}/staff/{id}"), owner.as_())
        .await;
    assert_eq!(read.data()["position_id"], position);

    let plain = app
        .post(&uri, owner.as_(), json!({"name": "Ann", "specialization": "Nails", "position_id": null, "phone_number": null}))
        .await;
    plain.expect(StatusCode::CREATED);
    assert_eq!(
        plain.data()["position"]["id"],
        0,
        "the neutral position object"
    );

    for (body, fields) in [
        (json!({"name": "Ann"}), vec!["specialization"]),
        (json!({"specialization": "x"}), vec!["name"]),
        (
            json!({"name": "Ann", "specialization": "x", "phone_number": "12-34"}),
            vec!["phone_number"],
        ),
        (
            json!({"name": "Ann", "specialization": "x", "user_phone": "1"}),
            vec!["user_phone"],
        ),
        (
            json!({"name": "Ann", "specialization": "x", "position_id": 999}),
            vec!["position_id"],
        ),
    ] {
        let a = app.post(&uri, owner.as_(), body.clone()).await;
        a.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.error_fields(), fields, "{body}");
    }
    app.post(
        &uri,
        As::Nobody,
        json!({"name": "A", "specialization": "B"}),
    )
    .await
    .expect(StatusCode::UNAUTHORIZED);
    app.post(
        &uri,
        stranger.as_(),
        json!({"name": "A", "specialization": "B"}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    app.post(
        "/api/v1/company/9999/staff/quick",
        owner.as_(),
        json!({"name": "A", "specialization": "B"}),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn positions() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let (stranger, _) = app.owner_with_location("other@example.com", "Other").await;
    // A second location of the owner's chain.
    let second = app
        .post("/api/v1/companies", owner.as_(), json!({"title": "Branch"}))
        .await
        .data()["id"]
        .as_i64()
        .unwrap();

    let quick = app
        .post(
            &format!("/api/v1/company/{loc}/positions/quick/"),
            owner.as_(),
            json!({"title": "Administrator"}),
        )
        .await;
    quick.expect(StatusCode::CREATED);
    let admin = quick.data()["id"].as_i64().unwrap();
    let chain = app
        .get(&format!("/api/v1/company/{loc}"), owner.as_())
        .await
        .data()["main_group_id"]
        .clone();
    assert_eq!(quick.data()["chain_id"], chain);
    assert_eq!(quick.data()["title"], "Administrator");
    assert_eq!(quick.data()["services_binding_type"], 0);
    assert_eq!(quick.data()["rules_required_fields"], json!([]));

    let created = app
        .post(
            &format!("/api/v1/positions/{loc}"),
            owner.as_(),
            json!({"title": "Barber", "api_id": 7}),
        )
        .await;
    created.expect(StatusCode::CREATED);
    let barber = created.data()["id"].as_i64().unwrap();
    assert_eq!(
        created.data(),
        &json!({"id": barber, "title": "Barber", "api_id": "7"})
    );

    let list = app
        .get(
            &format!("/api/v1/company/{loc}/staff/positions"),
            owner.as_(),
        )
        .await;
    list.expect(StatusCode::OK);
    assert_eq!(
        list.data(),
        &json!([{"id": admin, "title": "Administrator", "api_id": ""}, {"id": barber, "title": "Barber", "api_id": "7"}])
    );
    let crud_list = app
        .get(&format!("/api/v1/positions/{loc}"), owner.as_())
        .await;
    assert_eq!(crud_list.data(), list.data());
    assert_eq!(crud_list.body["meta"]["total_count"], 2);

    // A chain position used in the second location becomes linked to it.
    let none = app
        .get(&format!("/api/v1/positions/{second}"), owner.as_())
        .await;
    assert_eq!(none.data(), &json!([]));
    let member = app
        .post(
            &format!("/api/v1/staff/{second}"),
            owner.as_(),
            json!({"name": "Kim", "position_id": barber}),
        )
        .await;
    member.expect(StatusCode::CREATED);
    assert_eq!(member.data()["position"]["id"], barber);
    assert_eq!(member.data()["position"]["title"], "Barber");
    let linked = app
        .get(&format!("/api/v1/positions/{second}"), owner.as_())
        .await;
    assert_eq!(linked.data().as_array().unwrap().len(), 1);

    let renamed = app
        .put(
            &format!("/api/v1/positions/{loc}/{barber}"),
            owner.as_(),
            json!({"title": "Senior barber"}),
        )
        .await;
    renamed.expect(StatusCode::OK);
    assert_eq!(renamed.data()["api_id"], "7");
    let member_id = member.data()["id"].as_i64().unwrap();
    let kim = app
        .get(
            &format!("/api/v1/company/{second}/staff/{member_id}"),
            owner.as_(),
        )
        .await;
    assert_eq!(
        kim.data()["position"]["title"],
        "Senior barber",
        "one chain position"
    );

    let refused = app
        .delete(&format!("/api/v1/positions/{loc}/{barber}"), owner.as_())
        .await;
    refused.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.error_fields(), ["position_id"]);
    let ok = app
        .delete(&format!("/api/v1/positions/{loc}/{admin}"), owner.as_())
        .await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT);
    app.put(
        &format!("/api/v1/positions/{loc}/{admin}"),
        owner.as_(),
        json!({"title": "x"}),
    )
    .await
    .expect(StatusCode::NOT_FOUND);

    let bad = app
        .post(
            &format!("/api/v1/positions/{loc}"),
            owner.as_(),
            json!({"title": ""}),
        )
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["title"]);
    let bad = app
        .post(
            &format!("/api/v1/company/{loc}/positions/quick"),
            owner.as_(),
            json!({}),
        )
        .await;
    assert_eq!(bad.error_fields(), ["title"]);
    app.get(
        &format!("/api/v1/company/{loc}/staff/positions"),
        As::Nobody,
    )
    .await
    .expect(StatusCode::UNAUTHORIZED);
    app.get(
        &format!("/api/v1/company/{loc}/staff/positions"),
        stranger.as_(),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    app.post(
        &format!("/api/v1/company/{loc}/positions/quick"),
        stranger.as_(),
        json!({"title": "x"}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    app.get("/api/v1/positions/9999", owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn employee_reads_but_cannot_write() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let employee = app.user("employee@example.com").await;
    app.grant(employee.id, loc, "employee").await;
    app.post(
        &format!("/api/v1/staff/{loc}"),
        owner.as_(),
        json!({"name": "Anna"}),
    )
    .await
    .expect(StatusCode::CREATED);
    app.get(&format!("/api/v1/staff/{loc}"), employee.as_())
        .await
        .expect(StatusCode::OK);
    app.post(
        &format!("/api/v1/staff/{loc}"),
        employee.as_(),
        json!({"name": "Bob"}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    app.post(
        &format!("/api/v1/services/{loc}"),
        employee.as_(),
        json!({"title": "x", "category_id": 1}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
}

/// (method, path after `/api/v1` with `{L}` for the location, a good body, a bad body and the
/// field it names)
type Endpoint = (Method, String, Value, Option<(Value, &'static str)>);

/// Every Team Members endpoint: 401 without a user, 403 for a user of another location, 404 for
/// an unknown location or entity, and 422 for bad input on every write.
#[tokio::test]
async fn every_endpoint_checks_access_and_input() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let (stranger, _) = app.owner_with_location("other@example.com", "Other").await;
    let member = app
        .post(
            &format!("/api/v1/staff/{loc}"),
            owner.as_(),
            json!({"name": "Anna"}),
        )
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let position = app
        .post(
            &format!("/api/v1/positions/{loc}"),
            owner.as_(),
            json!({"title": "Stylist"}),
        )
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let endpoints: Vec<Endpoint> = vec![
        (Method::GET, "/staff/{L}".into(), Value::Null, None),
        (
            Method::POST,
            "/staff/{L}".into(),
            json!({"name": "Bob"}),
            Some((json!({"name": ""}), "name")),
        ),
        (
            Method::GET,
            format!("/staff/{{L}}/{member}"),
            Value::Null,
            None,
        ),
        (
            Method::PUT,
            format!("/staff/{{L}}/{member}"),
            json!({"weight": 5}),
            Some((json!({"hidden": 7}), "hidden")),
        ),
        (
            Method::POST,
            "/company/{L}/staff/quick".into(),
            json!({"name": "Cy", "specialization": "Nails"}),
            Some((json!({"name": "Cy"}), "specialization")),
        ),
        (Method::GET, "/company/{L}/staff".into(), Value::Null, None),
        (
            Method::GET,
            format!("/company/{{L}}/staff/{member}"),
            Value::Null,
            None,
        ),
        (
            Method::GET,
            "/company/{L}/staff/positions".into(),
            Value::Null,
            None,
        ),
        (
            Method::POST,
            "/company/{L}/positions/quick".into(),
            json!({"title": "Boss"}),
            Some((json!({"title": null}), "title")),
        ),
        (Method::GET, "/positions/{L}".into(), Value::Null, None),
        (
            Method::POST,
            "/positions/{L}".into(),
            json!({"title": "Chief"}),
            Some((json!({"api_id": "x"}), "title")),
        ),
        (
            Method::PUT,
            format!("/positions/{{L}}/{position}"),
            json!({"api_id": "p1"}),
            Some((json!({"title": " "}), "title")),
        ),
        (
            Method::DELETE,
            format!("/positions/{{L}}/{position}"),
            Value::Null,
            None,
        ),
        (
            Method::DELETE,
            format!("/staff/{{L}}/{member}"),
            Value::Null,
            None,
        ),
    ];
    for (method, path, good, bad) in &endpoints {
        let body = |v: &Value| (!v.is_null()).then(|| v.to_string().into_bytes());
        let at = |l: &str| format!("/api/v1{}", path.replace("{L}", l));
        let send = |uri: String, who: As, b: Option<Vec<u8>>| {
            let method = method.clone();
            let app = &app;
            async move {
                app.send(
                    method,
                    &uri,
                    who,
                    b,
                    &[("content-type", "application/json")],
                )
                .await
            }
        };
        send(at(&loc.to_string()), As::Nobody, body(good))
            .await
            .expect(StatusCode::UNAUTHORIZED);
        send(at(&loc.to_string()), stranger.as_(), body(good))
            .await
            .expect(StatusCode::FORBIDDEN);
        send(at("9999"), owner.as_(), body(good))
            .await
            .expect(StatusCode::NOT_FOUND);
        if let Some((bad, field)) = bad {
            let a = send(at(&loc.to_string()), owner.as_(), body(bad)).await;
            a.expect(StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(a.error_fields(), [*field], "{method} {path}");
        }
        let a = send(at(&loc.to_string()), owner.as_(), body(good)).await;
        assert!(a.status.is_success(), "{method} {path}: {}", a.body);
    }
    // The reads the reference documents for a partner token alone; the rest need a user.
    let kept = app
        .post(
            &format!("/api/v1/staff/{loc}"),
            owner.as_(),
            json!({"name": "Kept"}),
        )
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let list = app.get(&format!("/api/v1/staff/{loc}"), As::Partner).await;
    list.expect(StatusCode::OK);
    assert!(!list.data().as_array().unwrap().is_empty());
    app.get(&format!("/api/v1/staff/{loc}/{kept}"), As::Partner)
        .await
        .expect(StatusCode::OK);
    app.get(&format!("/api/v1/company/{loc}/staff/{kept}"), As::Partner)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.put(
        &format!("/api/v1/staff/{loc}/{kept}"),
        As::Partner,
        json!({"name": "x"}),
    )
    .await
    .expect(StatusCode::UNAUTHORIZED);
    for (method, path, body) in [
        (Method::GET, "/staff/{L}/999", Value::Null),
        (Method::PUT, "/staff/{L}/999", json!({"name": "x"})),
        (Method::DELETE, "/staff/{L}/999", Value::Null),
        (Method::GET, "/company/{L}/staff/999", Value::Null),
        (Method::PUT, "/positions/{L}/999", json!({"title": "x"})),
        (Method::DELETE, "/positions/{L}/999", Value::Null),
    ] {
        let uri = format!("/api/v1{}", path.replace("{L}", &loc.to_string()));
        let b = (!body.is_null()).then(|| body.to_string().into_bytes());
        app.send(method.clone(), &uri, owner.as_(), b, &[])
            .await
            .expect(StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn an_id_of_zero_reads_the_team_member_list() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    for name in ["Basil", "Zoe"] {
        app.post(
            &format!("/api/v1/staff/{loc}"),
            owner.as_(),
            json!({"name": name}),
        )
        .await
        .expect(StatusCode::CREATED);
    }
    let company = app
        .get(&format!("/api/v1/company/{loc}/staff"), owner.as_())
        .await;
    company.expect(StatusCode::OK);
    assert_eq!(company.body["meta"], json!({"count": 2}));
    let zero = app
        .get(&format!("/api/v1/company/{loc}/staff/0"), owner.as_())
        .await;
    assert_eq!(zero.body, company.body);
    let staff = app.get(&format!("/api/v1/staff/{loc}"), owner.as_()).await;
    staff.expect(StatusCode::OK);
    assert_eq!(staff.body["meta"], json!([]));
    let zero = app
        .get(&format!("/api/v1/staff/{loc}/0"), owner.as_())
        .await;
    assert_eq!(zero.body, staff.body);
}
