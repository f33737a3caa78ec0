//! Shape tests: answers checked against JSON Schemas of the live objects strict clients require
//! (`../shared/WIRE-NOTES.md`, "Live object shapes"; the schemas are the files in `shapes/`).
//! Every listed field must be present with its exact type, and `null` only where allowed, so a
//! change that drops or retypes a field fails here.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::common::{Answer, As, TestApp, TestUser, PASSWORD};

fn schema(name: &str) -> Value {
    let path = format!(
        "{}/tests/api/shapes/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Paths of the JSON numbers written with a fraction or exponent (`1.0`), outside `floats`.
fn stray_floats(value: &Value, path: &str, floats: &[&str], out: &mut Vec<String>) {
    match value {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            let field = path.rsplit('/').next().unwrap_or_default();
            if !floats.contains(&field) {
                out.push(path.to_owned());
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                stray_floats(v, &format!("{path}/{i}"), floats, out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                stray_floats(v, &format!("{path}/{k}"), floats, out);
            }
        }
        _ => {}
    }
}

/// Asserts that `value` has the shape of `schema`, and that its only floats are `floats`
/// (JSON Schema's `integer` would also take `1.0`).
#[track_caller]
fn assert_shape(schema: &Value, value: &Value, floats: &[&str], what: &str) {
    let validator = jsonschema::validator_for(schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\n{value:#}");
    let mut floats_found = Vec::new();
    stray_floats(value, "", floats, &mut floats_found);
    assert!(
        floats_found.is_empty(),
        "{what}: integers written as floats at {floats_found:?}"
    );
}

/// The envelope of a single object: `meta` is `[]`.
#[track_caller]
fn one(answer: &Answer, status: StatusCode) -> Value {
    answer.expect(status);
    assert_eq!(answer.body["meta"], json!([]), "{}", answer.body);
    answer.data().clone()
}

/// The envelope of a list whose `meta` is the object `expected_meta`.
#[track_caller]
fn list(answer: &Answer, expected_meta: Value) -> Vec<Value> {
    answer.expect(StatusCode::OK);
    assert_eq!(answer.body["meta"], expected_meta, "{}", answer.body);
    answer.data().as_array().expect("a list").clone()
}

struct Catalog {
    owner: TestUser,
    loc: i64,
    chain_id: i64,
    position: i64,
    /// Linked to the owner, with a position and a service (at its own price).
    basil: i64,
    /// No user, no position, fired.
    zoe: i64,
    category: i64,
    service: i64,
}

/// A location with a position, two team members (one complete, one bare) and a service.
async fn catalog(app: &TestApp) -> Catalog {
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let chain_id = app.location(loc).await.chain_id;
    let position = app
        .post(
            &format!("/api/v1/company/{loc}/positions/quick"),
            owner.as_(),
            json!({"title": "Stylist"}),
        )
        .await;
    position.expect(StatusCode::CREATED);
    let position = position.data()["id"].as_i64().unwrap();
    let member = |body: Value| {
        let owner = owner.as_();
        async move {
            let a = app.post(&format!("/api/v1/staff/{loc}"), owner, body).await;
            a.expect(StatusCode::CREATED);
            a.data()["id"].as_i64().unwrap()
        }
    };
    let basil = member(
        json!({"name": "Basil", "specialization": "Hairdresser", "phone": "+13155550100",
                              "user_id": owner.id, "position_id": position}),
    )
    .await;
    let zoe = member(json!({"name": "Zoe", "specialization": "Colorist", "fired": 1})).await;
    let category = app
        .post(
            &format!("/api/v1/service_categories/{loc}"),
            owner.as_(),
            json!({"title": "Haircuts", "api_id": "c-1"}),
        )
        .await;
    category.expect(StatusCode::CREATED);
    let category = category.data()["id"].as_i64().unwrap();
    let service = app
        .post(
            &format!("/api/v1/services/{loc}"),
            owner.as_(),
            json!({"title": "Cut", "category_id": category, "price_min": 30, "price_max": 45}),
        )
        .await;
    service.expect(StatusCode::CREATED);
    let service = service.data()["id"].as_i64().unwrap();
    app.post(
        &format!("/api/v1/company/{loc}/services/links"),
        owner.as_(),
        json!({"service_id": service, "master_settings": [
            {"master_id": basil, "seance_length": 2700, "price": {"min": 40, "max": 50}}
        ]}),
    )
    .await
    .expect(StatusCode::OK);
    Catalog {
        owner,
        loc,
        chain_id,
        position,
        basil,
        zoe,
        category,
        service,
    }
}

#[tokio::test]
async fn team_members_have_the_live_shape() {
    let app = TestApp::new().await;
    let c = catalog(&app).await;
    let shape = schema("team_member");
    let staff = list(
        &app.get(&format!("/api/v1/company/{}/staff", c.loc), c.owner.as_())
            .await,
        json!({"count": 2}),
    );
    for m in &staff {
        assert_shape(&shape, m, &["rating"], "GET /company/{id}/staff item");
    }
    let by_id = |id: i64| {
        let owner = c.owner.as_();
        let uri = format!("/api/v1/company/{}/staff/{id}", c.loc);
        let app = &app;
        async move { one(&app.get(&uri, owner).await, StatusCode::OK) }
    };
    let basil = by_id(c.basil).await;
    assert_shape(&shape, &basil, &["rating"], "GET /company/{id}/staff/{id}");
    assert!(staff.contains(&basil), "the list holds the same object");

    // Real values where bizd has them.
    assert_eq!(basil["is_fired"], false);
    assert_eq!(basil["is_deleted"], false);
    assert_eq!(basil["is_bookable"], true);
    assert_eq!(basil["is_online"], true);
    assert_eq!(basil["position"]["id"], c.position);
    assert_eq!(basil["position"]["chain_id"], c.chain_id);
    assert_eq!(basil["position"]["title"], "Stylist");
    assert_eq!(basil["user"]["id"], c.owner.id);
    assert_eq!(basil["user"]["name"], "owner@example.com");
    assert_eq!(basil["user"]["is_approved"], true);
    assert_eq!(basil["employee"]["id"], c.basil);
    assert_eq!(basil["employee"]["name"], "Basil");
    assert_eq!(basil["employee"]["phone"], "13155550100");
    assert_eq!(
        basil["services_links"],
        json!([{"service_id": c.service, "master_id": c.basil, "length": 2700, "technological_card_id": 0,
                "api_id": "", "is_online": true, "is_offline_records_allowed": true,
                "price": {"min": 40, "max": 50}}])
    );

    // Neutral values of the right type where it has none.
    let zoe = by_id(c.zoe).await;
    assert_shape(&shape, &zoe, &["rating"], "a bare team member");
    assert_eq!(zoe["fired"], 1);
    assert_eq!(zoe["is_fired"], true);
    assert_eq!(zoe["is_bookable"], false);
    assert_eq!(zoe["user"], Value::Null);
    assert_eq!(zoe["user_id"], Value::Null);
    assert_eq!(zoe["position"]["id"], 0);
    assert_eq!(zoe["position"]["chain_id"], 0);
    assert_eq!(zoe["services_links"], json!([]));

    // Every other team member answer is built the same way: the same fields.
    let legacy = one(
        &app.get(&format!("/api/v1/staff/{}/{}", c.loc, c.basil), As::Partner)
            .await,
        StatusCode::OK,
    );
    assert_eq!(legacy["weight"], "0");
    assert_eq!(legacy["image_group"], json!({}));
    let keys = |v: &Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&legacy), keys(&basil));
    let plain = list(
        &app.get(&format!("/api/v1/staff/{}", c.loc), c.owner.as_())
            .await,
        json!([]),
    );
    assert_eq!(plain, staff);
}

#[tokio::test]
async fn a_deleted_team_member_reads_as_deleted_and_leaves_every_list() {
    let app = TestApp::new().await;
    let c = catalog(&app).await;
    app.delete(
        &format!("/api/v1/staff/{}/{}", c.loc, c.basil),
        c.owner.as_(),
    )
    .await;
    let company = one(
        &app.get(
            &format!("/api/v1/company/{}/staff/{}", c.loc, c.basil),
            c.owner.as_(),
        )
        .await,
        StatusCode::OK,
    );
    assert_shape(&schema("team_member"), &company, &["rating"], "deleted");
    assert_eq!(company["is_deleted"], true);
    assert_eq!(company["status"], 1);
    assert_eq!(company["is_bookable"], false);
    let legacy = one(
        &app.get(&format!("/api/v1/staff/{}/{}", c.loc, c.basil), As::Partner)
            .await,
        StatusCode::OK,
    );
    assert_eq!(legacy["is_deleted"], true);
    assert_eq!(legacy["status"], "1");

    let ids = |v: &[Value], key: &str| -> Vec<i64> {
        v.iter().map(|m| m[key].as_i64().unwrap()).collect()
    };
    let company_list = list(
        &app.get(&format!("/api/v1/company/{}/staff", c.loc), c.owner.as_())
            .await,
        json!({"count": 1}),
    );
    assert_eq!(ids(&company_list, "id"), [c.zoe]);
    let staff_list = list(
        &app.get(&format!("/api/v1/staff/{}", c.loc), c.owner.as_())
            .await,
        json!([]),
    );
    assert_eq!(ids(&staff_list, "id"), [c.zoe]);
    let service = one(
        &app.get(
            &format!("/api/v1/company/{}/services/{}", c.loc, c.service),
            c.owner.as_(),
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(service["staff"], json!([]));
    let category = one(
        &app.get(
            &format!("/api/v1/service_category/{}/{}", c.loc, c.category),
            c.owner.as_(),
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(category["staff"], json!([]));
}

#[tokio::test]
async fn services_have_the_live_shape() {
    let app = TestApp::new().await;
    let c = catalog(&app).await;
    let shape = schema("service");
    let services = list(
        &app.get(
            &format!("/api/v1/company/{}/services", c.loc),
            c.owner.as_(),
        )
        .await,
        json!({"total_count": 1}),
    );
    assert_shape(&shape, &services[0], &[], "GET /company/{id}/services item");
    let service = one(
        &app.get(
            &format!("/api/v1/company/{}/services/{}", c.loc, c.service),
            c.owner.as_(),
        )
        .await,
        StatusCode::OK,
    );
    assert_shape(&shape, &service, &[], "GET /company/{id}/services/{id}");
    assert_eq!(services[0], service);
    assert_eq!(
        service["staff"],
        json!([{"id": c.basil, "seance_length": 2700, "technological_card_id": 0, "image_url": "",
                "price": {"min": 40, "max": 50}, "name": "Basil"}])
    );
    assert_eq!(service["repeat_visit_days_step"], Value::Null);
    assert_eq!(service["resources"], json!([]));
    // The other service endpoints answer the same object.
    let legacy = one(
        &app.get(
            &format!("/api/v1/services/{}/{}", c.loc, c.service),
            As::Partner,
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(legacy, service);
}

#[tokio::test]
async fn service_categories_have_the_live_shape() {
    let app = TestApp::new().await;
    let c = catalog(&app).await;
    let shape = schema("service_category");
    let mut created_shape = shape.clone();
    created_shape["required"]
        .as_array_mut()
        .unwrap()
        .push(json!("is_chain"));
    created_shape["properties"]["is_chain"] = json!({"type": "boolean"});
    let created = one(
        &app.post(
            &format!("/api/v1/service_categories/{}", c.loc),
            c.owner.as_(),
            json!({"title": "Coloring", "weight": 3, "staff": [c.zoe]}),
        )
        .await,
        StatusCode::CREATED,
    );
    assert_shape(
        &created_shape,
        &created,
        &[],
        "POST /service_categories/{id}",
    );
    assert_eq!(created["api_id"], "");
    assert_eq!(created["staff"], json!([c.zoe]));
    for uri in [
        format!("/api/v1/service_category/{}/{}", c.loc, c.category),
        format!(
            "/api/v1/company/{}/service_categories/{}",
            c.loc, c.category
        ),
        format!("/api/v1/service_categories/{}/{}", c.loc, c.category),
    ] {
        let got = one(&app.get(&uri, c.owner.as_()).await, StatusCode::OK);
        assert_shape(&shape, &got, &[], &uri);
        assert_eq!(got["api_id"], "c-1");
        assert_eq!(got["staff"], json!([c.basil]), "{uri}");
    }
}

#[tokio::test]
async fn the_authorized_user_has_the_live_shape() {
    let app = TestApp::new().await;
    let user = app.user("owner@example.com").await;
    let answer = app
        .post(
            "/api/v1/auth",
            As::Partner,
            json!({"login": "owner@example.com", "password": PASSWORD}),
        )
        .await;
    let data = one(&answer, StatusCode::CREATED);
    assert_shape(&schema("auth_user"), &data, &[], "POST /auth");
    assert_eq!(data["id"], user.id);
    assert_eq!(data["login"], "owner@example.com");
}

#[tokio::test]
async fn appointments_have_the_live_shape() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let member = app
        .post(
            &format!("/api/v1/staff/{loc}"),
            owner.as_(),
            json!({"name": "Anna"}),
        )
        .await
        .data()["id"]
        .clone();
    let category = app
        .post(
            &format!("/api/v1/service_categories/{loc}"),
            owner.as_(),
            json!({"title": "Hair"}),
        )
        .await
        .data()["id"]
        .clone();
    let service = app
        .post(
            &format!("/api/v1/services/{loc}"),
            owner.as_(),
            json!({"title": "Cut", "category_id": category, "price_min": 40, "price_max": 60,
                   "staff": [{"id": member, "seance_length": 3600}]}),
        )
        .await
        .data()["id"]
        .clone();
    app.put(
        &format!("/api/v1/company/{loc}/staff/schedule"),
        owner.as_(),
        json!({"schedules_to_set": [{"team_member_id": member, "dates": ["2026-03-10"],
                                       "slots": [{"from": "09:00", "to": "18:00"}]}]}),
    )
    .await
    .expect(StatusCode::OK);
    let schema = schema("appointment");
    let booked = app
        .post(
            &format!("/api/v1/records/{loc}"),
            owner.as_(),
            json!({"staff_id": member, "services": [{"id": service, "discount": 10}],
                   "client": {"phone": "+13155550175", "name": "James"},
                   "datetime": "2026-03-10T10:00:00-04:00"}),
        )
        .await;
    booked.expect(StatusCode::CREATED);
    assert_shape(&schema, booked.data(), &["rating"], "created appointment");
    assert_eq!(booked.data()["client"]["phone"], "+13155550175");
    assert_eq!(booked.data()["services"][0]["cost"], 36);
    assert_eq!(
        booked.data()["services"][0]["staff_service_link"]["length"],
        3600
    );
    let id = booked.data()["id"].as_i64().unwrap();
    let one = app
        .get(&format!("/api/v1/record/{loc}/{id}"), owner.as_())
        .await;
    assert_shape(&schema, one.data(), &["rating"], "one appointment");
    let list = app
        .get(&format!("/api/v1/records/{loc}"), owner.as_())
        .await;
    assert_shape(&schema, &list.data()[0], &["rating"], "listed appointment");
    assert_eq!(list.body["meta"], json!({"page": 1, "total_count": 1}));
    // Without a client, `client` is null.
    let alone = app
        .post(
            &format!("/api/v1/records/{loc}"),
            owner.as_(),
            json!({"staff_id": member, "services": [{"id": service}],
                   "datetime": "2026-03-10T12:00:00-04:00"}),
        )
        .await;
    alone.expect(StatusCode::CREATED);
    assert_eq!(alone.data()["client"], Value::Null);
    assert_shape(
        &schema,
        alone.data(),
        &["rating"],
        "appointment without a client",
    );
}
