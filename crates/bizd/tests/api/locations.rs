//! Locations: `POST/GET /companies`, `GET/PUT/DELETE /company/{location_id}`.

use axum::http::StatusCode;
use serde_json::json;

use crate::common::{As, TestApp};

#[tokio::test]
async fn create_read_update_delete_round_trip() {
    let app = TestApp::new().await;
    let owner = app.user("owner@example.com").await;
    let created = app
        .post(
            "/api/v1/companies",
            owner.as_(),
            json!({
                "title": "Studio One", "country_id": 7.0, "city_id": "181", "address": "New York, 787 Jackson Drive",
                "site": "studio.example", "coordinate_lat": 40.73061, "coordinate_lot": -73.935242,
                "business_type_id": 1, "short_descr": "Beauty studio", "timezone_name": "America/New_York",
                "currency": "usd", "phones": ["+13155550175", 13155550176u64], "zip": 11435
            }),
        )
        .await;
    created.expect(StatusCode::CREATED);
    let id = created.data()["id"].as_i64().unwrap();
    let d = created.data();
    assert_eq!(d["title"], "Studio One");
    assert_eq!(d["country_id"], 7);
    assert_eq!(d["city_id"], 181);
    assert_eq!(d["coordinate_lon"], -73.935242);
    assert_eq!(d["timezone_name"], "America/New_York");
    assert_eq!(d["currency_short_title"], "$");
    assert_eq!(d["zip"], "11435");
    assert_eq!(d["phones"], json!(["+13155550175", "13155550176"]));
    assert_eq!(created.body["meta"], json!([]));

    let read = app.get(&format!("/api/v1/company/{id}"), owner.as_()).await;
    read.expect(StatusCode::OK);
    for field in [
        "title",
        "country_id",
        "city_id",
        "address",
        "site",
        "coordinate_lat",
        "coordinate_lon",
        "timezone_name",
        "short_descr",
        "zip",
        "phones",
    ] {
        assert_eq!(read.data()[field], created.data()[field], "field {field}");
    }
    assert!(read.data().get("access").is_none(), "access only with my=1");
    let mine = app
        .get(
            &format!("/api/v1/company/{id}?my=1&show_groups=1"),
            owner.as_(),
        )
        .await;
    assert_eq!(mine.data()["access"]["settings_access"], "1");
    let chain_id = mine.data()["main_group_id"].as_i64().unwrap();
    assert_eq!(mine.data()["groups"][chain_id.to_string()]["id"], chain_id);

    let updated = app
        .put(
            &format!("/api/v1/company/{id}/"),
            owner.as_(),
            json!({"title": "Studio Two", "city": "Boston", "social": {"instagram": "insta/x"}, "timezone_name": "Europe/London"}),
        )
        .await;
    updated.expect(StatusCode::OK);
    let read = app.get(&format!("/api/v1/company/{id}"), owner.as_()).await;
    assert_eq!(read.data()["title"], "Studio Two");
    assert_eq!(read.data()["city"], "Boston");
    assert_eq!(read.data()["social"]["instagram"], "insta/x");
    assert_eq!(read.data()["timezone_name"], "Europe/London");
    assert_eq!(
        read.data()["address"],
        "New York, 787 Jackson Drive",
        "unsent fields stay"
    );

    app.delete(&format!("/api/v1/company/{id}"), owner.as_())
        .await
        .expect(StatusCode::ACCEPTED);
    app.get(&format!("/api/v1/company/{id}"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.put(
        &format!("/api/v1/company/{id}"),
        owner.as_(),
        json!({"title": "x"}),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
    let list = app.get("/api/v1/companies?my=1", owner.as_()).await;
    assert!(list
        .data()
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["id"] != id));
    let with_deleted = app
        .get("/api/v1/companies?my=1&show_deleted=1", owner.as_())
        .await;
    let deleted = with_deleted
        .data()
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == id)
        .expect("listed with show_deleted");
    assert_eq!(deleted["active"], 0);
}

#[tokio::test]
async fn my_list_shows_only_own_locations_with_pagination() {
    let app = TestApp::new().await;
    let (alice, a1) = app.owner_with_location("alice@example.com", "A1").await;
    let a2 = app
        .post("/api/v1/companies", alice.as_(), json!({"title": "A2"}))
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let (bob, b1) = app.owner_with_location("bob@example.com", "B1").await;

    let list = app.get("/api/v1/companies?my=1", alice.as_()).await;
    list.expect(StatusCode::OK);
    let ids: Vec<i64> = list
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [a1, a2]);
    assert_eq!(list.body["meta"]["total_count"], 2);

    let page2 = app
        .get("/api/v1/companies?my=1&count=1&page=2", alice.as_())
        .await;
    let ids: Vec<i64> = page2
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [a2]);
    assert_eq!(page2.body["meta"]["total_count"], 2);

    // A user token limits the list to the user's locations even without my=1.
    let bobs = app.get("/api/v1/companies", bob.as_()).await;
    let ids: Vec<i64> = bobs
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [b1]);
    // Filtering by another user's location id finds nothing.
    let foreign = app
        .get(&format!("/api/v1/companies?id={a1}"), bob.as_())
        .await;
    assert_eq!(foreign.data(), &json!([]));

    // The partner-only directory lists every live location.
    let all = app.get("/api/v1/companies", As::Partner).await;
    assert_eq!(all.body["meta"]["total_count"], 3);
    let by_chain = app
        .get(
            &format!(
                "/api/v1/companies?group_id={}",
                all.data()[0]["main_group_id"]
            ),
            As::Partner,
        )
        .await;
    assert_eq!(
        by_chain.body["meta"]["total_count"], 2,
        "alice's two locations share her chain"
    );
}

#[tokio::test]
async fn list_rejects_bad_paging_and_my_without_user() {
    let app = TestApp::new().await;
    let (alice, _) = app.owner_with_location("alice@example.com", "A1").await;
    app.get("/api/v1/companies?my=1", As::Partner)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    let bad = app.get("/api/v1/companies?count=0", alice.as_()).await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["count"]);
    let bad = app.get("/api/v1/companies?page=abc", alice.as_()).await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["page"]);
    app.get("/api/v1/companies", As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn foreign_location_is_forbidden_and_missing_is_not_found() {
    let app = TestApp::new().await;
    let (_alice, a1) = app.owner_with_location("alice@example.com", "A1").await;
    let (bob, _b1) = app.owner_with_location("bob@example.com", "B1").await;
    let path = format!("/api/v1/company/{a1}");
    app.get(&path, bob.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    app.put(&path, bob.as_(), json!({"title": "hijacked"}))
        .await
        .expect(StatusCode::FORBIDDEN);
    app.delete(&path, bob.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    app.get("/api/v1/company/999999", bob.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.put("/api/v1/company/999999", bob.as_(), json!({"title": "x"}))
        .await
        .expect(StatusCode::NOT_FOUND);
    app.delete("/api/v1/company/999999", bob.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.get("/api/v1/company/abc", bob.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    // Unauthenticated requests are refused before anything is looked up.
    app.get(&path, As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.put(&path, As::Partner, json!({"title": "x"}))
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.delete(&path, As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    // A partner token alone reads the public view.
    let public = app.get(&path, As::Partner).await;
    public.expect(StatusCode::OK);
    assert_eq!(public.data()["title"], "A1");
    // Nothing changed.
    assert_eq!(app.location(a1).await.fields.title, "A1");
}

#[tokio::test]
async fn invalid_input_is_422_with_field_errors() {
    let app = TestApp::new().await;
    let (owner, id) = app.owner_with_location("owner@example.com", "A1").await;
    let bad = app
        .post("/api/v1/companies", owner.as_(), json!({"country_id": 7}))
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["title"]);
    let bad = app
        .post("/api/v1/companies", owner.as_(), json!({"title": "x", "timezone_name": "Mars/Base", "coordinate_lat": 91, "currency": "dollars"}))
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.error_fields(),
        ["coordinate_lat", "currency", "timezone_name"]
    );
    let bad = app
        .put(
            &format!("/api/v1/company/{id}"),
            owner.as_(),
            json!({"title": "", "country_id": "seven"}),
        )
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["country_id"]);
    let bad = app
        .put(
            &format!("/api/v1/company/{id}"),
            owner.as_(),
            json!({"title": "  "}),
        )
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["title"]);
    let bad = app
        .post(
            "/api/v1/companies",
            owner.as_(),
            json!({"title": "x", "chain_id": 424242}),
        )
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["chain_id"]);
    app.post("/api/v1/companies", As::Partner, json!({"title": "x"}))
        .await
        .expect(StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn chains_and_roles_limit_what_a_user_may_do() {
    let app = TestApp::new().await;
    let (alice, a1) = app.owner_with_location("alice@example.com", "A1").await;
    let (bob, _) = app.owner_with_location("bob@example.com", "B1").await;
    let chain = app
        .get(&format!("/api/v1/company/{a1}"), alice.as_())
        .await
        .data()["main_group_id"]
        .as_i64()
        .unwrap();
    // Bob cannot add a location to Alice's chain.
    app.post(
        "/api/v1/companies",
        bob.as_(),
        json!({"title": "intruder", "company_group_id": chain}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    // Alice can, by any alias of the chain id.
    let a2 = app
        .post(
            "/api/v1/companies",
            alice.as_(),
            json!({"title": "A2", "salon_group_id": chain as f64}),
        )
        .await;
    a2.expect(StatusCode::CREATED);
    assert_eq!(a2.data()["main_group_id"], chain);

    // A manager may edit but not delete.
    let carol = app.user("carol@example.com").await;
    app.grant(carol.id, a1, "manager").await;
    app.put(
        &format!("/api/v1/company/{a1}"),
        carol.as_(),
        json!({"city": "Paris"}),
    )
    .await
    .expect(StatusCode::OK);
    app.delete(&format!("/api/v1/company/{a1}"), carol.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    // An employee may read but not edit.
    let dave = app.user("+1 315 555 0199").await;
    app.grant(dave.id, a1, "employee").await;
    app.get(&format!("/api/v1/company/{a1}"), dave.as_())
        .await
        .expect(StatusCode::OK);
    app.put(
        &format!("/api/v1/company/{a1}"),
        dave.as_(),
        json!({"city": "Rome"}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
}
