//! Services: service categories, services, and team member ↔ service links.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::common::{Answer, As, TestApp, TestUser};

async fn patch(app: &TestApp, uri: &str, who: As, body: Value) -> Answer {
    app.send(
        Method::PATCH,
        uri,
        who,
        Some(body.to_string().into_bytes()),
        &[("content-type", "application/json")],
    )
    .await
}

async fn category(app: &TestApp, owner: &TestUser, loc: i64, title: &str) -> i64 {
    let a = app
        .post(
            &format!("/api/v1/service_categories/{loc}"),
            owner.as_(),
            json!({"title": title}),
        )
        .await;
    a.expect(StatusCode::CREATED);
    a.data()["id"].as_i64().unwrap()
}

async fn service(app: &TestApp, owner: &TestUser, loc: i64, body: Value) -> Value {
    let a = app
        .post(&format!("/api/v1/services/{loc}"), owner.as_(), body)
        .await;
    a.expect(StatusCode::CREATED);
    a.data().clone()
}

fn ids(list: &Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn category_round_trip() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let anna = app.team_member(&owner, loc, "Anna").await;
    let created = app
        .post(
            &format!("/api/v1/service_categories/{loc}/"),
            owner.as_(),
            json!({"title": "Haircuts", "api_id": 42, "weight": "10", "staff": [anna as f64]}),
        )
        .await;
    created.expect(StatusCode::CREATED);
    let id = created.data()["id"].as_i64().unwrap();
    assert_eq!(created.data()["api_id"], "42");
    assert_eq!(created.data()["weight"], 10);
    assert_eq!(created.data()["staff"], json!([anna]));
    assert_eq!(created.body["meta"], json!([]));

    let read = app
        .get(&format!("/api/v1/service_category/{loc}/{id}"), owner.as_())
        .await;
    read.expect(StatusCode::OK);
    assert_eq!(read.data(), created.data());

    let other = category(&app, &owner, loc, "Colour").await;
    let list = app
        .get(
            &format!("/api/v1/company/{loc}/service_categories"),
            owner.as_(),
        )
        .await;
    list.expect(StatusCode::OK);
    assert_eq!(ids(list.data()), [id, other], "heaviest first");
    assert_eq!(list.body["meta"]["total_count"], 2);
    let one = app
        .get(
            &format!("/api/v1/company/{loc}/service_categories/{id}"),
            owner.as_(),
        )
        .await;
    assert_eq!(one.data()["title"], "Haircuts");
    let of_anna = app
        .get(
            &format!("/api/v1/company/{loc}/service_categories?staff_id={anna}"),
            owner.as_(),
        )
        .await;
    assert_eq!(ids(of_anna.data()), [id]);
    let deprecated = app
        .get(&format!("/api/v1/service_categories/{loc}"), owner.as_())
        .await;
    deprecated.expect(StatusCode::OK);
    assert_eq!(deprecated.data().as_array().unwrap().len(), 2);
    assert_eq!(deprecated.body["meta"], json!([]));
    app.get(
        &format!("/api/v1/service_categories/{loc}/{other}"),
        owner.as_(),
    )
    .await
    .expect(StatusCode::OK);

    let updated = app
        .put(
            &format!("/api/v1/service_category/{loc}/{id}"),
            owner.as_(),
            json!({"title": "Cuts", "staff": []}),
        )
        .await;
    updated.expect(StatusCode::OK);
    let read = app
        .get(&format!("/api/v1/service_category/{loc}/{id}"), owner.as_())
        .await;
    assert_eq!(read.data()["title"], "Cuts");
    assert_eq!(read.data()["api_id"], "42", "unsent fields stay");
    assert_eq!(read.data()["staff"], json!([]));

    let deleted = app
        .delete(&format!("/api/v1/service_category/{loc}/{id}"), owner.as_())
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    app.get(&format!("/api/v1/service_category/{loc}/{id}"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.delete(&format!("/api/v1/service_category/{loc}/{id}"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn category_errors_and_access() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let (stranger, _) = app.owner_with_location("other@example.com", "Other").await;
    let id = category(&app, &owner, loc, "Haircuts").await;
    let uri = format!("/api/v1/service_category/{loc}/{id}");
    app.get(&uri, As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.get(&uri, stranger.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    app.post(
        &format!("/api/v1/service_categories/{loc}"),
        stranger.as_(),
        json!({"title": "x"}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    app.get(&format!("/api/v1/service_category/{loc}/999"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.get(&format!("/api/v1/service_category/999/{id}"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    let bad = app
        .post(
            &format!("/api/v1/service_categories/{loc}"),
            owner.as_(),
            json!({"title": " ", "staff": [12345]}),
        )
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["title"]);
    let bad = app
        .post(
            &format!("/api/v1/service_categories/{loc}"),
            owner.as_(),
            json!({"title": "x", "staff": [12345]}),
        )
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["staff.0"]);
    app.get(
        &format!("/api/v1/company/{loc}/service_categories?staff_id=999"),
        owner.as_(),
    )
    .await
    .expect(StatusCode::NOT_FOUND);

    // A category that still holds a service is kept.
    service(
        &app,
        &owner,
        loc,
        json!({"title": "Cut", "category_id": id}),
    )
    .await;
    let refused = app.delete(&uri, owner.as_()).await;
    refused.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.error_fields(), ["id"]);
    app.get(&uri, owner.as_()).await.expect(StatusCode::OK);
}

#[tokio::test]
async fn service_round_trip() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let cat = category(&app, &owner, loc, "Haircuts").await;
    let cat2 = category(&app, &owner, loc, "Colour").await;
    let anna = app.team_member(&owner, loc, "Anna").await;
    let created = app
        .post(
            &format!("/api/v1/services/{loc}/"),
            owner.as_(),
            json!({
                "title": "Men's haircut", "category_id": cat as f64, "price_min": 1300, "price_max": "1450.55",
                "duration": 3600, "discount": 5.5, "comment": "Classic", "weight": 6, "active": 1,
                "api_id": "00000000042", "staff": [{"id": anna, "seance_length": 2700}]
            }),
        )
        .await;
    created.expect(StatusCode::CREATED);
    let d = created.data().clone();
    let id = d["id"].as_i64().unwrap();
    assert_eq!(d["title"], "Men's haircut");
    assert_eq!(d["booking_title"], "Men's haircut");
    assert_eq!(d["category_id"], cat);
    assert_eq!(d["price_min"], 1300);
    assert_eq!(d["price_max"], 1450.55);
    assert_eq!(d["discount"], 5.5);
    assert_eq!(d["duration"], 3600);
    assert_eq!(d["active"], 1);
    assert_eq!(d["is_online"], true);
    assert_eq!(d["api_id"], "00000000042");
    assert!(d["technical_break_duration"].is_null());
    assert_eq!(
        d["staff"],
        json!([{"id": anna, "seance_length": 2700, "technological_card_id": 0, "image_url": "",
                "price": null, "name": "Anna"}])
    );

    for uri in [
        format!("/api/v1/company/{loc}/services/{id}"),
        format!("/api/v1/services/{loc}/{id}"),
    ] {
        let read = app.get(&uri, owner.as_()).await;
        read.expect(StatusCode::OK);
        assert_eq!(read.data(), &d, "{uri}");
        assert_eq!(read.body["meta"], json!([]));
    }
    let list = app
        .get(&format!("/api/v1/services/{loc}"), owner.as_())
        .await;
    list.expect(StatusCode::OK);
    assert_eq!(list.data().as_array().unwrap()[0], d);
    assert_eq!(list.body["meta"], json!([]));
    let company = app
        .get(&format!("/api/v1/company/{loc}/services"), owner.as_())
        .await;
    assert_eq!(company.body["meta"]["total_count"], 1);

    let other = service(
        &app,
        &owner,
        loc,
        json!({"title": "Colour", "category_id": cat2, "price_min": 10}),
    )
    .await;
    assert_eq!(other["price_max"], 10, "one price sets both ends");
    let other_id = other["id"].as_i64().unwrap();
    let by_cat = app
        .get(
            &format!("/api/v1/company/{loc}/services?category_id={cat2}"),
            owner.as_(),
        )
        .await;
    assert_eq!(ids(by_cat.data()), [other_id]);
    let by_staff = app
        .get(
            &format!("/api/v1/services/{loc}?staff_id={anna}"),
            owner.as_(),
        )
        .await;
    assert_eq!(ids(by_staff.data()), [id]);

    // PUT, and PATCH under both paths: only what is sent changes.
    let put = app
        .put(
            &format!("/api/v1/services/{loc}/{id}"),
            owner.as_(),
            json!({"title": "Haircut", "technical_break_duration": 600}),
        )
        .await;
    put.expect(StatusCode::OK);
    assert_eq!(put.data()["title"], "Haircut");
    assert_eq!(put.data()["technical_break_duration"], 600);
    assert_eq!(put.data()["price_max"], 1450.55);
    assert_eq!(put.data()["staff"][0]["seance_length"], 2700, "staff kept");
    let patched = patch(
        &app,
        &format!("/api/v1/services/{loc}/{id}"),
        owner.as_(),
        json!({"booking_title": "Haircut (men)", "is_need_limit_date": true, "date_from": "2026-09-19", "date_to": "2026-09-21"}),
    )
    .await;
    patched.expect(StatusCode::OK);
    assert_eq!(patched.data()["booking_title"], "Haircut (men)");
    assert_eq!(
        patched.data()["dates"],
        json!(["2026-09-19", "2026-09-20", "2026-09-21"])
    );
    let patched = patch(
        &app,
        &format!("/api/v1/company/{loc}/services/{id}"),
        owner.as_(),
        json!({"active": 0, "staff": [], "technical_break_duration": null}),
    )
    .await;
    patched.expect(StatusCode::OK);
    assert_eq!(patched.data()["active"], 0);
    assert_eq!(patched.data()["staff"], json!([]));
    assert!(patched.data()["technical_break_duration"].is_null());
    let read = app
        .get(&format!("/api/v1/company/{loc}/services/{id}"), owner.as_())
        .await;
    assert_eq!(read.data(), patched.data());

    let deleted = app
        .delete(&format!("/api/v1/services/{loc}/{id}"), owner.as_())
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    app.get(&format!("/api/v1/company/{loc}/services/{id}"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.delete(&format!("/api/v1/services/{loc}/{id}"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    patch(
        &app,
        &format!("/api/v1/services/{loc}/{id}"),
        owner.as_(),
        json!({"title": "x"}),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn service_errors_and_access() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let (stranger, other_loc) = app.owner_with_location("other@example.com", "Other").await;
    let cat = category(&app, &owner, loc, "Haircuts").await;
    let foreign_cat = category(&app, &stranger, other_loc, "Theirs").await;
    let foreign_member = app.team_member(&stranger, other_loc, "Bob").await;
    let anna = app.team_member(&owner, loc, "Anna").await;
    let uri = format!("/api/v1/services/{loc}");
    app.get(&uri, As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.get(&uri, As::Partner)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.get(&uri, stranger.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    app.post(
        &uri,
        stranger.as_(),
        json!({"title": "x", "category_id": cat}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    app.get("/api/v1/services/99999", owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.get(&format!("/api/v1/company/{loc}/services/999"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);

    let cases = [
        (json!({}), vec!["category_id", "title"]),
        (
            json!({"title": "x", "category_id": foreign_cat}),
            vec!["category_id"],
        ),
        (
            json!({"title": "x", "category_id": cat, "price_min": 20, "price_max": 10}),
            vec!["price_max"],
        ),
        (
            json!({"title": "x", "category_id": cat, "price_min": -1}),
            vec!["price_min"],
        ),
        (
            json!({"title": "x", "category_id": cat, "duration": 0}),
            vec!["duration"],
        ),
        (
            json!({"title": "x", "category_id": cat, "technical_break_duration": 100}),
            vec!["technical_break_duration"],
        ),
        (
            json!({"title": "x", "category_id": cat, "staff": [{"id": anna, "seance_length": 299}]}),
            vec!["staff.0.seance_length"],
        ),
        (
            json!({"title": "x", "category_id": cat, "staff": [{"id": anna, "seance_length": 86101}]}),
            vec!["staff.0.seance_length"],
        ),
        (
            json!({"title": "x", "category_id": cat, "staff": [{"id": foreign_member}]}),
            vec!["staff.0.id"],
        ),
        (
            json!({"title": "x", "category_id": "abc"}),
            vec!["category_id"],
        ),
        (
            json!({"title": "", "category_id": cat, "staff": [{"id": anna, "seance_length": 60}]}),
            vec!["staff.0.seance_length", "title"],
        ),
    ];
    for (body, fields) in cases {
        let answer = app.post(&uri, owner.as_(), body.clone()).await;
        answer.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(answer.error_fields(), fields, "{body}");
    }
    let list = app.get(&uri, owner.as_()).await;
    assert_eq!(list.data(), &json!([]), "nothing was created");
}

#[tokio::test]
async fn staff_links_by_one_and_in_bulk() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let (stranger, other_loc) = app.owner_with_location("other@example.com", "Other").await;
    let cat = category(&app, &owner, loc, "Haircuts").await;
    let anna = app.team_member(&owner, loc, "Anna").await;
    let bob = app.team_member(&owner, loc, "Bob").await;
    let foreign = app.team_member(&stranger, other_loc, "Eve").await;
    let sid = service(
        &app,
        &owner,
        loc,
        json!({"title": "Cut", "category_id": cat, "price_min": 10}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let link_uri = format!("/api/v1/company/{loc}/services/{sid}/staff");

    let created = app
        .post(
            &link_uri,
            owner.as_(),
            json!({"master_id": anna as f64, "seance_length": "3600", "technological_card_id": null}),
        )
        .await;
    created.expect(StatusCode::CREATED);
    assert_eq!(created.data()["service_id"], sid);
    assert_eq!(created.data()["master_id"], anna);
    assert_eq!(created.data()["length"], 3600);
    assert_eq!(created.data()["technological_card_id"], 0);
    assert_eq!(created.data()["api_id"], "");

    for (body, field) in [
        (
            json!({"master_id": anna, "seance_length": 1800}),
            "master_id",
        ),
        (
            json!({"master_id": bob, "seance_length": 299}),
            "seance_length",
        ),
        (
            json!({"master_id": bob, "seance_length": 86101}),
            "seance_length",
        ),
        (
            json!({"master_id": foreign, "seance_length": 600}),
            "master_id",
        ),
        (json!({"seance_length": 600}), "master_id"),
    ] {
        let a = app.post(&link_uri, owner.as_(), body.clone()).await;
        a.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.error_fields(), [field], "{body}");
    }
    app.post(
        &link_uri,
        As::Nobody,
        json!({"master_id": bob, "seance_length": 600}),
    )
    .await
    .expect(StatusCode::UNAUTHORIZED);
    app.post(
        &link_uri,
        stranger.as_(),
        json!({"master_id": bob, "seance_length": 600}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    app.post(
        &format!("/api/v1/company/{loc}/services/999/staff"),
        owner.as_(),
        json!({"master_id": bob, "seance_length": 600}),
    )
    .await
    .expect(StatusCode::NOT_FOUND);

    let one = format!("{link_uri}/{anna}");
    // The card is a real reference: an unknown one is a 422, a bill of materials of the
    // location is kept.
    let unknown = app
        .put(
            &one,
            owner.as_(),
            json!({"seance_length": 5400, "technological_card_id": 987654}),
        )
        .await;
    unknown.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.error_fields(), ["technological_card_id"]);
    let card = app
        .post(
            &format!("/api/v1/technological_cards/{loc}"),
            owner.as_(),
            json!({"title": "Cut card"}),
        )
        .await;
    card.expect(StatusCode::CREATED);
    let card = card.data()["id"].as_i64().unwrap();
    let updated = app
        .put(
            &one,
            owner.as_(),
            json!({"seance_length": 5400, "technological_card_id": card}),
        )
        .await;
    updated.expect(StatusCode::OK);
    assert_eq!(updated.data()["length"], 5400);
    assert_eq!(updated.data()["technological_card_id"], card);
    let bad = app
        .put(&one, owner.as_(), json!({"seance_length": 100}))
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["seance_length"]);
    app.put(
        &format!("{link_uri}/{bob}"),
        owner.as_(),
        json!({"seance_length": 600}),
    )
    .await
    .expect(StatusCode::NOT_FOUND);

    // Bulk: Bob joins with hours/minutes and his own price, Anna keeps her card.
    let bulk_uri = format!("/api/v1/company/{loc}/services/links");
    let bulk = app
        .post(
            &bulk_uri,
            owner.as_(),
            json!({"service_id": sid, "master_settings": [
                {"master_id": anna, "seance_length": 3000},
                {"master_id": bob, "hours": 1, "minutes": 30, "price": {"min": 15.5, "max": 20}, "is_online": false}
            ], "resource_ids": [], "translations": []}),
        )
        .await;
    bulk.expect(StatusCode::OK);
    assert_eq!(
        bulk.data(),
        &json!([
            {"service_id": sid, "master_id": anna, "length": 3000, "technological_card_id": card, "api_id": "",
             "is_online": true, "is_offline_records_allowed": true, "price": null},
            {"service_id": sid, "master_id": bob, "length": 5400, "technological_card_id": 0, "api_id": "",
             "is_online": false, "is_offline_records_allowed": true, "price": {"min": 15.5, "max": 20}},
        ])
    );
    let bad = app
        .post(
            &bulk_uri,
            owner.as_(),
            json!({"service_id": sid, "master_settings": [{"master_id": bob, "minutes": 2}, {"master_id": foreign}]}),
        )
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["master_settings.0.seance_length"]);
    let bad = app
        .post(
            &bulk_uri,
            owner.as_(),
            json!({"service_id": 999, "master_settings": []}),
        )
        .await;
    assert_eq!(bad.error_fields(), ["service_id"]);
    app.post(
        &bulk_uri,
        stranger.as_(),
        json!({"service_id": sid, "master_settings": []}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);

    // Only Anna: Bob is unlinked.
    app.post(
        &bulk_uri,
        owner.as_(),
        json!({"service_id": sid, "master_settings": [{"master_id": anna}]}),
    )
    .await
    .expect(StatusCode::OK);
    let svc = app
        .get(
            &format!("/api/v1/company/{loc}/services/{sid}"),
            owner.as_(),
        )
        .await;
    assert_eq!(
        svc.data()["staff"],
        json!([{"id": anna, "seance_length": 3000, "technological_card_id": card, "image_url": "",
                "price": null, "name": "Anna"}])
    );

    let removed = app.delete(&one, owner.as_()).await;
    removed.expect(StatusCode::OK);
    assert_eq!(
        removed.body,
        json!({"success": true, "data": null, "meta": {}})
    );
    app.delete(&one, owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.delete(&one, stranger.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn chain_service_categories() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let (stranger, _) = app.owner_with_location("other@example.com", "Other").await;
    let cat = category(&app, &owner, loc, "Haircuts").await;
    let sid = service(
        &app,
        &owner,
        loc,
        json!({"title": "Cut", "category_id": cat}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let chain = app
        .get(&format!("/api/v1/company/{loc}"), owner.as_())
        .await
        .data()["main_group_id"]
        .as_i64()
        .unwrap();
    let uri = format!("/api/v1/chain/{chain}/service_categories");
    let plain = app.get(&uri, owner.as_()).await;
    plain.expect(StatusCode::OK);
    assert_eq!(plain.data(), &json!([{"id": cat, "title": "Haircuts"}]));
    let with = app
        .get(&format!("{uri}?include=services"), owner.as_())
        .await;
    assert_eq!(
        with.data(),
        &json!([{"id": cat, "title": "Haircuts", "services": [{"id": sid, "title": "Cut"}]}])
    );
    app.get(&uri, As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.get(&uri, As::Partner)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.get(&uri, stranger.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    app.get("/api/v1/chain/9999/service_categories", owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
}

/// The flow: a category, two services, two team members linked with their own
/// durations; the links read back from both sides; one link changes; one service goes and its
/// links with it.
#[tokio::test]
async fn catalog_flow() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let cat = category(&app, &owner, loc, "Haircuts").await;
    let cut = service(
        &app,
        &owner,
        loc,
        json!({"title": "Cut", "category_id": cat, "price_min": 30}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let colour = service(
        &app,
        &owner,
        loc,
        json!({"title": "Colour", "category_id": cat, "price_min": 50, "price_max": 80, "duration": 7200}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let anna = app.team_member(&owner, loc, "Anna").await;
    let bob = app.team_member(&owner, loc, "Bob").await;
    for (service, member, length) in [(cut, anna, 1800), (cut, bob, 2700), (colour, anna, 6300)] {
        app.post(
            &format!("/api/v1/company/{loc}/services/{service}/staff"),
            owner.as_(),
            json!({"master_id": member, "seance_length": length, "technological_card_id": null}),
        )
        .await
        .expect(StatusCode::CREATED);
    }

    // The service side.
    let staff_of = |service: i64| {
        let app = &app;
        let owner = &owner;
        async move {
            let a = app
                .get(
                    &format!("/api/v1/company/{loc}/services/{service}"),
                    owner.as_(),
                )
                .await;
            a.expect(StatusCode::OK);
            a.data()["staff"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    (
                        s["id"].as_i64().unwrap(),
                        s["seance_length"].as_i64().unwrap(),
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(staff_of(cut).await, [(anna, 1800), (bob, 2700)]);
    assert_eq!(staff_of(colour).await, [(anna, 6300)]);

    // The team member side: the same rows.
    let links_of = |member: i64| {
        let app = &app;
        let owner = &owner;
        async move {
            let a = app
                .get(
                    &format!("/api/v1/company/{loc}/staff/{member}"),
                    owner.as_(),
                )
                .await;
            a.expect(StatusCode::OK);
            a.data()["services_links"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    (
                        s["service_id"].as_i64().unwrap(),
                        s["length"].as_i64().unwrap(),
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(links_of(anna).await, [(cut, 1800), (colour, 6300)]);
    assert_eq!(links_of(bob).await, [(cut, 2700)]);
    let bobs = app
        .get(
            &format!("/api/v1/services/{loc}?staff_id={bob}"),
            owner.as_(),
        )
        .await;
    assert_eq!(ids(bobs.data()), [cut]);
    let cats = app
        .get(
            &format!("/api/v1/company/{loc}/service_categories/{cat}"),
            owner.as_(),
        )
        .await;
    assert_eq!(cats.data()["staff"], json!([anna, bob]));
    let staff = app.get(&format!("/api/v1/staff/{loc}"), owner.as_()).await;
    assert!(staff
        .data()
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["bookable"] == true));
    let active = || {
        let (app, uri, who) = (&app, format!("/api/v1/company/{loc}"), owner.as_());
        async move { app.get(&uri, who).await.data()["active_staff_count"].clone() }
    };
    assert_eq!(active().await, 2);

    // Change one link.
    app.put(
        &format!("/api/v1/company/{loc}/services/{cut}/staff/{bob}"),
        owner.as_(),
        json!({"seance_length": 3600, "technological_card_id": null}),
    )
    .await
    .expect(StatusCode::OK);
    assert_eq!(staff_of(cut).await, [(anna, 1800), (bob, 3600)]);
    assert_eq!(links_of(bob).await, [(cut, 3600)]);

    // Delete a service: its links are gone from both sides.
    let gone = app
        .delete(&format!("/api/v1/services/{loc}/{cut}"), owner.as_())
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    assert_eq!(links_of(anna).await, [(colour, 6300)]);
    assert_eq!(links_of(bob).await, []);
    let bob_now = app
        .get(&format!("/api/v1/company/{loc}/staff/{bob}"), owner.as_())
        .await;
    assert_eq!(bob_now.data()["bookable"], false, "no services left");
    assert_eq!(active().await, 1);
    let cats = app
        .get(
            &format!("/api/v1/company/{loc}/service_categories/{cat}"),
            owner.as_(),
        )
        .await;
    assert_eq!(cats.data()["staff"], json!([anna]));
    app.put(
        &format!("/api/v1/company/{loc}/services/{cut}/staff/{anna}"),
        owner.as_(),
        json!({"seance_length": 600}),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn demo_business_has_a_catalog() {
    let app = TestApp::new().await;
    assert!(bizd::demo::seed(&app.db, &app.state.settings.data_dir)
        .await
        .unwrap());
    let auth = app
        .post(
            "/api/v1/auth",
            As::Partner,
            json!({"login": bizd::demo::LOGIN, "password": bizd::demo::PASSWORD}),
        )
        .await;
    let owner = As::User(auth.data()["user_token"].as_str().unwrap().to_owned());
    for (loc, members, services) in [(1, 3, 4), (2, 2, 2)] {
        let staff = app
            .get(&format!("/api/v1/staff/{loc}"), owner.clone())
            .await;
        staff.expect(StatusCode::OK);
        assert_eq!(staff.data().as_array().unwrap().len(), members);
        assert!(staff.data()[0]["position"]["title"].is_string());
        let list = app
            .get(&format!("/api/v1/company/{loc}/services"), owner.clone())
            .await;
        assert_eq!(list.body["meta"]["total_count"], services);
        assert!(!list.data()[0]["staff"].as_array().unwrap().is_empty());
        let location = app
            .get(&format!("/api/v1/company/{loc}"), owner.clone())
            .await;
        assert_eq!(location.data()["active_staff_count"], members);
        let categories = app
            .get(
                &format!("/api/v1/company/{loc}/service_categories"),
                owner.clone(),
            )
            .await;
        assert_eq!(categories.body["meta"]["total_count"], 2);
    }
    let positions = app
        .get("/api/v1/company/2/staff/positions", owner.clone())
        .await;
    assert_eq!(
        positions.data().as_array().unwrap().len(),
        2,
        "chain positions in use"
    );
}

/// (method, path after `/api/v1` with `{L}` for the location, a good body, a bad body and the
/// field it names)
type Endpoint = (Method, String, Value, Option<(Value, &'static str)>);

/// Every Services endpoint: 401 without a user, 403 for a user of another location, 404 for an
/// unknown location or entity, and 422 for bad input on every write.
#[tokio::test]
async fn every_endpoint_checks_access_and_input() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let (stranger, _) = app.owner_with_location("other@example.com", "Other").await;
    let cat = category(&app, &owner, loc, "Haircuts").await;
    let anna = app.team_member(&owner, loc, "Anna").await;
    let sid = service(
        &app,
        &owner,
        loc,
        json!({"title": "Cut", "category_id": cat, "staff": [{"id": anna, "seance_length": 1800}]}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let ok_service = json!({"title": "Cut", "category_id": cat});
    let ok_link = json!({"master_id": anna, "seance_length": 1800});
    let ok_links = json!({"service_id": sid, "master_settings": [{"master_id": anna}]});
    let endpoints: Vec<Endpoint> = vec![
        (
            Method::POST,
            "/service_categories/{L}".into(),
            json!({"title": "x"}),
            Some((json!({"title": ""}), "title")),
        ),
        (
            Method::GET,
            format!("/service_category/{{L}}/{cat}"),
            Value::Null,
            None,
        ),
        (
            Method::PUT,
            format!("/service_category/{{L}}/{cat}"),
            json!({"weight": 1}),
            Some((json!({"staff": [999]}), "staff.0")),
        ),
        (
            Method::GET,
            "/company/{L}/service_categories".into(),
            Value::Null,
            None,
        ),
        (
            Method::GET,
            format!("/company/{{L}}/service_categories/{cat}"),
            Value::Null,
            None,
        ),
        (
            Method::GET,
            "/service_categories/{L}".into(),
            Value::Null,
            None,
        ),
        (
            Method::GET,
            format!("/service_categories/{{L}}/{cat}"),
            Value::Null,
            None,
        ),
        (Method::GET, "/services/{L}".into(), Value::Null, None),
        (
            Method::POST,
            "/services/{L}".into(),
            ok_service.clone(),
            Some((json!({"title": "x"}), "category_id")),
        ),
        (
            Method::GET,
            format!("/services/{{L}}/{sid}"),
            Value::Null,
            None,
        ),
        (
            Method::PUT,
            format!("/services/{{L}}/{sid}"),
            json!({"weight": 2}),
            Some((json!({"price_min": "cheap"}), "price_min")),
        ),
        (
            Method::PATCH,
            format!("/services/{{L}}/{sid}"),
            json!({"weight": 3}),
            Some((json!({"duration": -5}), "duration")),
        ),
        (
            Method::PATCH,
            format!("/company/{{L}}/services/{sid}"),
            json!({"weight": 4}),
            Some((json!({"category_id": 999}), "category_id")),
        ),
        (
            Method::GET,
            "/company/{L}/services".into(),
            Value::Null,
            None,
        ),
        (
            Method::GET,
            format!("/company/{{L}}/services/{sid}"),
            Value::Null,
            None,
        ),
        (
            Method::PUT,
            format!("/company/{{L}}/services/{sid}/staff/{anna}"),
            json!({"seance_length": 2400}),
            Some((json!({"seance_length": 86400}), "seance_length")),
        ),
        (
            Method::POST,
            "/company/{L}/services/links".into(),
            ok_links.clone(),
            Some((
                json!({"service_id": sid, "master_settings": [{"master_id": anna, "seance_length": 1}]}),
                "master_settings.0.seance_length",
            )),
        ),
        (
            Method::DELETE,
            format!("/company/{{L}}/services/{sid}/staff/{anna}"),
            Value::Null,
            None,
        ),
        (
            Method::POST,
            format!("/company/{{L}}/services/{sid}/staff"),
            ok_link.clone(),
            Some((
                json!({"master_id": anna, "seance_length": 200}),
                "seance_length",
            )),
        ),
        (
            Method::DELETE,
            format!("/services/{{L}}/{sid}"),
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
    let cat2 = category(&app, &owner, loc, "Colour").await;
    let sid2 = service(
        &app,
        &owner,
        loc,
        json!({"title": "Dye", "category_id": cat2}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    for path in [
        format!("/service_category/{loc}/{cat2}"),
        format!("/service_categories/{loc}"),
        format!("/service_categories/{loc}/{cat2}"),
        format!("/services/{loc}/{sid2}"),
    ] {
        let a = app.get(&format!("/api/v1{path}"), As::Partner).await;
        a.expect(StatusCode::OK);
    }
    for path in [
        format!("/services/{loc}"),
        format!("/company/{loc}/services/{sid2}"),
        format!("/company/{loc}/service_categories"),
    ] {
        app.get(&format!("/api/v1{path}"), As::Partner)
            .await
            .expect(StatusCode::UNAUTHORIZED);
    }
    app.post(
        &format!("/api/v1/service_categories/{loc}"),
        As::Partner,
        json!({"title": "x"}),
    )
    .await
    .expect(StatusCode::UNAUTHORIZED);

    // Unknown entities in a known location.
    for (method, path, body) in [
        (Method::GET, "/service_category/{L}/999", Value::Null),
        (
            Method::PUT,
            "/service_category/{L}/999",
            json!({"title": "x"}),
        ),
        (Method::DELETE, "/service_category/{L}/999", Value::Null),
        (
            Method::GET,
            "/company/{L}/service_categories/999",
            Value::Null,
        ),
        (Method::GET, "/service_categories/{L}/999", Value::Null),
        (Method::GET, "/services/{L}/999", Value::Null),
        (Method::PUT, "/services/{L}/999", json!({"title": "x"})),
        (Method::PATCH, "/services/{L}/999", json!({"title": "x"})),
        (Method::DELETE, "/services/{L}/999", Value::Null),
        (Method::GET, "/company/{L}/services/999", Value::Null),
        (
            Method::POST,
            "/company/{L}/services/999/staff",
            ok_link.clone(),
        ),
        (
            Method::PUT,
            "/company/{L}/services/999/staff/1",
            json!({"seance_length": 600}),
        ),
        // An unknown service is 404 whatever the body.
        (Method::POST, "/company/{L}/services/999/staff", json!({})),
        (Method::PUT, "/company/{L}/services/999/staff/1", json!({})),
        (
            Method::DELETE,
            "/company/{L}/services/999/staff/1",
            Value::Null,
        ),
        (Method::GET, "/services/{L}/abc", Value::Null),
    ] {
        let uri = format!("/api/v1{}", path.replace("{L}", &loc.to_string()));
        let b = (!body.is_null()).then(|| body.to_string().into_bytes());
        app.send(method.clone(), &uri, owner.as_(), b, &[])
            .await
            .expect(StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn an_id_of_zero_in_an_optional_id_read_answers_the_list() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let cuts = category(&app, &owner, loc, "Haircuts").await;
    let color = category(&app, &owner, loc, "Color").await;
    service(
        &app,
        &owner,
        loc,
        json!({"title": "Cut", "category_id": cuts}),
    )
    .await;
    service(
        &app,
        &owner,
        loc,
        json!({"title": "Tint", "category_id": color}),
    )
    .await;
    for (zero, list, who) in [
        // The official MCP server lists categories this way.
        (
            "service_categories/{loc}/0",
            "service_categories/{loc}",
            As::Partner,
        ),
        (
            "company/{loc}/service_categories/0",
            "company/{loc}/service_categories",
            owner.as_(),
        ),
        (
            "company/{loc}/services/0",
            "company/{loc}/services",
            owner.as_(),
        ),
        (
            "company/{loc}/services/0?category_id={color}",
            "company/{loc}/services?category_id={color}",
            owner.as_(),
        ),
        ("services/{loc}/0", "services/{loc}", owner.as_()),
    ] {
        let uri = |p: &str| {
            format!("/api/v1/{p}")
                .replace("{loc}", &loc.to_string())
                .replace("{color}", &color.to_string())
        };
        let listed = app.get(&uri(list), who.clone()).await;
        listed.expect(StatusCode::OK);
        assert!(!listed.data().as_array().unwrap().is_empty(), "{list}");
        let zero_answer = app.get(&uri(zero), who).await;
        zero_answer.expect(StatusCode::OK);
        assert_eq!(zero_answer.body, listed.body, "{zero}");
    }
    // The singular category read has no list: 0 is an unknown id there.
    app.get(&format!("/api/v1/service_category/{loc}/0"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
}
