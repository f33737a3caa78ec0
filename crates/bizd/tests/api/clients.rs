//! Clients: CRUD, search, the deprecated list, bulk create, comments and files.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::common::{As, TestApp, TestUser};

async fn setup() -> (TestApp, TestUser, i64) {
    let app = TestApp::new().await;
    let (owner, location) = app.owner_with_location("owner@example.com", "Salon").await;
    (app, owner, location)
}

async fn create(app: &TestApp, who: &TestUser, location: i64, body: Value) -> i64 {
    let answer = app
        .post(&format!("/api/v1/clients/{location}"), who.as_(), body)
        .await;
    answer.expect(StatusCode::CREATED);
    answer.data()["id"].as_i64().unwrap()
}

fn ids(answer: &crate::common::Answer) -> Vec<i64> {
    answer
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn created_client_reads_back_the_same_everywhere() {
    let (app, owner, location) = setup().await;
    let vip = app.client_tag(location, "VIP", "#e8d313").await;
    let created = app
        .post(
            &format!("/api/v1/clients/{location}"),
            owner.as_(),
            json!({
                "name": "James", "surname": "Smith", "patronymic": "Martel", "phone": "+1 (315) 555-0177",
                "email": "J.Smith@Example.com", "sex_id": 1, "importance_id": 3.0, "discount": "15.5", "card": 555888666,
                "birth_date": "1990-03-02", "comment": "likes tea", "spent": 1000.77, "balance": -200, "sms_check": 1,
                "sms_not": "0", "categories": [vip], "custom_fields": {"key-1": "value-1"}
            }),
        )
        .await;
    created.expect(StatusCode::CREATED);
    let d = created.data().clone();
    let id = d["id"].as_i64().unwrap();
    assert_eq!(d["phone"], json!(13155550177u64));
    assert_eq!(d["middle_name"], "Martel");
    assert_eq!(d["email"], "j.smith@example.com");
    assert_eq!(
        (d["gender_id"].clone(), d["gender"].clone()),
        (json!(1), json!("Male"))
    );
    assert_eq!(
        (d["importance_id"].clone(), d["importance"].clone()),
        (json!(3), json!("Gold"))
    );
    assert_eq!(d["discount"], json!(15.5));
    // `spent` follows paid visits (the sales section): what a client sends is ignored.
    assert_eq!(d["spent"], json!(0));
    assert_eq!(d["balance"], json!(-200));
    assert_eq!(d["card"], "555888666");
    assert_eq!(d["birth_date"], "1990-03-02");
    assert_eq!(
        d["categories"],
        json!([{"id": vip, "title": "VIP", "color": "#e8d313"}])
    );
    assert_eq!(d["custom_fields"], json!({"key-1": "value-1"}));
    assert_eq!(d["sms_check"], 1);
    assert!(
        d["last_change_date"].as_str().unwrap().ends_with("-0500")
            || d["last_change_date"].as_str().unwrap().ends_with("-0400")
    );
    assert_eq!(created.body["meta"], json!([]));

    let got = app
        .get(&format!("/api/v1/client/{location}/{id}"), owner.as_())
        .await;
    got.expect(StatusCode::OK);
    assert_eq!(got.data(), &d);

    for term in ["555-01", "ames Smi", "SMITH"] {
        let found = app
            .post(
                &format!("/api/v1/company/{location}/clients/search"),
                owner.as_(),
                json!({"filters": [{"type": "quick_search", "state": {"value": term}}]}),
            )
            .await;
        found.expect(StatusCode::OK);
        assert_eq!(
            found.data().as_array().unwrap(),
            &vec![d.clone()],
            "search {term}"
        );
        assert_eq!(found.body["meta"]["total_count"], 1);
    }
    let by_id = format!("id={id}");
    for query in [
        "phone=3155550",
        "fullname=jam",
        "email=smith@",
        "card=58886",
        by_id.as_str(),
    ] {
        let listed = app
            .get(&format!("/api/v1/clients/{location}?{query}"), owner.as_())
            .await;
        listed.expect(StatusCode::OK);
        assert_eq!(
            listed.data().as_array().unwrap(),
            &vec![d.clone()],
            "deprecated list {query}"
        );
        assert_eq!(listed.body["meta"]["total_count"], 1);
    }
    let none = app
        .get(
            &format!("/api/v1/clients/{location}?fullname=nobody"),
            owner.as_(),
        )
        .await;
    assert_eq!(none.data(), &json!([]));
}

#[tokio::test]
async fn update_changes_only_what_is_sent_and_moves_last_change_date() {
    let (app, owner, location) = setup().await;
    let tag = app.client_tag(location, "Regular", "#000000").await;
    let id = create(
        &app,
        &owner,
        location,
        json!({"name": "Ann", "phone": "13155550101", "email": "ann@example.com"}),
    )
    .await;
    let before = app
        .get(&format!("/api/v1/client/{location}/{id}"), owner.as_())
        .await
        .data()
        .clone();
    let updated = app
        .put(
            &format!("/api/v1/client/{location}/{id}"),
            owner.as_(),
            json!({"surname": "Lee", "labels": [tag], "birth_date": null}),
        )
        .await;
    updated.expect(StatusCode::OK);
    let after = app
        .get(&format!("/api/v1/client/{location}/{id}"), owner.as_())
        .await
        .data()
        .clone();
    assert_eq!(after["surname"], "Lee");
    assert_eq!(after["email"], "ann@example.com");
    assert_eq!(after["categories"][0]["id"], tag);
    assert_ne!(
        after["last_change_date"], before["last_change_date"],
        "moves on every change"
    );

    // Incremental sync sees the change.
    let stamp = after["last_change_date"].as_str().unwrap().to_owned();
    let since = app
        .get(
            &format!(
                "/api/v1/clients/{location}?changed_after={}",
                urlencode(&stamp)
            ),
            owner.as_(),
        )
        .await;
    assert_eq!(ids(&since), [id]);
    let before_it = app
        .get(
            &format!("/api/v1/clients/{location}?changed_before=2000-01-01T00:00:00"),
            owner.as_(),
        )
        .await;
    assert_eq!(ids(&before_it), Vec::<i64>::new());
}

fn urlencode(s: &str) -> String {
    s.replace('+', "%2B").replace(':', "%3A")
}

#[tokio::test]
async fn phones_are_unique_per_location_and_deleted_clients_are_gone() {
    let (app, owner, location) = setup().await;
    let id = create(
        &app,
        &owner,
        location,
        json!({"name": "Ann", "phone": "13155550101"}),
    )
    .await;
    let dup = app
        .post(
            &format!("/api/v1/clients/{location}"),
            owner.as_(),
            json!({"name": "Other", "phone": "+1 315 555 0101"}),
        )
        .await;
    dup.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(dup.error_fields(), ["phone"]);
    let other = create(
        &app,
        &owner,
        location,
        json!({"name": "Bob", "phone": "13155550102"}),
    )
    .await;
    let dup = app
        .put(
            &format!("/api/v1/client/{location}/{other}"),
            owner.as_(),
            json!({"phone": "13155550101"}),
        )
        .await;
    dup.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(dup.error_fields(), ["phone"]);
    // Another location may hold the same phone.
    let second = app
        .post("/api/v1/companies", owner.as_(), json!({"title": "Second"}))
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    create(
        &app,
        &owner,
        second,
        json!({"name": "Ann elsewhere", "phone": "13155550101"}),
    )
    .await;

    app.delete(&format!("/api/v1/client/{location}/{id}"), owner.as_())
        .await
        .expect(StatusCode::OK);
    app.get(&format!("/api/v1/client/{location}/{id}"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.delete(&format!("/api/v1/client/{location}/{id}"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    let search = app
        .post(
            &format!("/api/v1/company/{location}/clients/search"),
            owner.as_(),
            json!({"filters": [{"type": "quick_search", "state": {"value": "ann"}}]}),
        )
        .await;
    assert_eq!(search.body["meta"]["total_count"], 0);
    let list = app
        .get(&format!("/api/v1/clients/{location}"), owner.as_())
        .await;
    assert_eq!(ids(&list), [other]);
    // The phone is free again.
    create(
        &app,
        &owner,
        location,
        json!({"name": "Ann again", "phone": "13155550101"}),
    )
    .await;
}

#[tokio::test]
async fn search_filters_sorting_fields_and_paging() {
    let (app, owner, location) = setup().await;
    let tag = app.client_tag(location, "VIP", "").await;
    let a = create(&app, &owner, location, json!({"name": "Alice", "phone": "10000000001", "importance_id": 1, "gender_id": 2, "spent": 50, "birth_date": "1990-05-01"})).await;
    let b = create(&app, &owner, location, json!({"name": "Bob", "phone": "10000000002", "importance_id": 2, "gender_id": 1, "spent": 150, "categories": [tag]})).await;
    let c = create(
        &app,
        &owner,
        location,
        json!({"name": "Carol", "phone": "10000000003", "importance_id": 3, "spent": 250.5}),
    )
    .await;
    // `spent` is not writable through the API (it follows payments): set it behind its back.
    for (id, spent) in [(a, 5_000), (b, 15_000), (c, 25_050)] {
        app.raw_write(&format!(
            "UPDATE clients SET spent = {spent} WHERE id = {id}"
        ))
        .await;
    }
    let search = |body: Value| {
        let app = &app;
        let who = owner.as_();
        async move {
            app.post(
                &format!("/api/v1/company/{location}/clients/search"),
                who,
                body,
            )
            .await
        }
    };
    let r = search(json!({"order_by": "name", "order_by_direction": "desc"})).await;
    assert_eq!(ids(&r), [c, b, a]);
    let r = search(json!({"page": 2, "page_size": 2})).await;
    assert_eq!(ids(&r), [c]);
    assert_eq!(r.body["meta"]["total_count"], 3);
    let r = search(
        json!({"fields": ["id", "name"], "filters": [{"type": "id", "state": {"value": [a, c]}}]}),
    )
    .await;
    assert_eq!(
        r.data(),
        &json!([{"id": a, "name": "Alice"}, {"id": c, "name": "Carol"}])
    );
    let r = search(json!({"filters": [{"type": "importance", "state": {"value": [2, 3]}}, {"type": "sold_amount", "state": {"from": 100, "to": 200}}]})).await;
    assert_eq!(ids(&r), [b]);
    let r = search(json!({"operation": "OR", "filters": [{"type": "gender", "state": {"value": [2]}}, {"type": "category", "state": {"value": [tag]}}]})).await;
    assert_eq!(ids(&r), [a, b]);
    let r = search(json!({"filters": [{"type": "birthday", "state": {"from": "1990-01-01 00:00:00", "to": "1990-12-31 23:59:59"}}]})).await;
    assert_eq!(ids(&r), [a]);
    let r = search(json!({"filters": [{"type": "client", "state": {"id": {"value": [a, b]}}}, {"type": "has_mobile_app", "state": {"value": false}}]})).await;
    assert_eq!(ids(&r), [a, b]);
    let r =
        search(json!({"order_by": "sold_amount", "order_by_direction": "DESC", "page_size": 200}))
            .await;
    assert_eq!(ids(&r), [c, b, a]);

    for (body, field) in [
        (json!({"page_size": 201}), "page_size"),
        (json!({"page": 0}), "page"),
        (json!({"order_by": "shoe_size"}), "order_by"),
        (
            json!({"order_by_direction": "sideways"}),
            "order_by_direction",
        ),
        (json!({"fields": ["id", "password"]}), "fields"),
        (
            json!({"filters": [{"type": "astrology", "state": {}}]}),
            "filters",
        ),
        (
            json!({"filters": [{"type": "record", "state": {}}]}),
            "filters",
        ),
        (
            json!({"filters": [{"type": "id", "state": {"value": "x"}}]}),
            "filters",
        ),
        (json!({"filters": "none"}), "filters"),
    ] {
        let r = search(body.clone()).await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.error_fields(), [field], "{body}");
    }
}

#[tokio::test]
async fn bulk_create_keeps_good_items_and_reports_bad_ones_by_index() {
    let (app, owner, location) = setup().await;
    create(
        &app,
        &owner,
        location,
        json!({"name": "Existing", "phone": "13155550100"}),
    )
    .await;
    let answer = app
        .post(
            &format!("/api/v1/clients/{location}/bulk"),
            owner.as_(),
            json!([
                {"name": "Ann", "phone": "13155550101"},
                {"name": "Dup of existing", "phone": 13155550100u64},
                {"phone": "13155550103"},
                {"name": "Short phone", "phone": "123"},
                {"name": "Bob", "phone": "13155550104", "email": "bob@example.com"},
                {"name": "Dup inside", "phone": "13155550101"},
                "not an object"
            ]),
        )
        .await;
    answer.expect(StatusCode::OK);
    let created: Vec<&str> = answer.data()["created"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(created, ["Ann", "Bob"]);
    let errors = answer.data()["errors"].as_array().unwrap();
    let indexes: Vec<i64> = errors
        .iter()
        .map(|e| e["index"].as_i64().unwrap())
        .collect();
    assert_eq!(indexes, [1, 2, 3, 5, 6]);
    assert_eq!(errors[0]["phone"], json!(13155550100u64));
    assert!(errors[0]["errors"]["phone"].is_array());
    assert!(errors[1]["errors"]["name"].is_array());
    let list = app
        .get(&format!("/api/v1/clients/{location}"), owner.as_())
        .await;
    assert_eq!(list.body["meta"]["total_count"], 3);
    let bad = app
        .post(
            &format!("/api/v1/clients/{location}/bulk"),
            owner.as_(),
            json!({"name": "not a list"}),
        )
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn bulk_answer_is_what_reading_the_clients_back_gives() {
    let (app, owner, location) = setup().await;
    let vip = app.client_tag(location, "VIP", "#e8d313").await;
    let regular = app.client_tag(location, "Regular", "#000000").await;
    let answer = app
        .post(
            &format!("/api/v1/clients/{location}/bulk"),
            owner.as_(),
            json!([
                {"name": "Ann", "surname": "Lee", "patronymic": "M", "phone": "13155550101",
                 "email": "ann@example.com", "sex_id": 2, "importance_id": 3, "discount": 12.5,
                 "card": "C-1", "birth_date": "1990-04-05", "comment": "first", "spent": 100,
                 "balance": "20.25", "sms_check": 1, "sms_not": 0,
                 "categories": [regular, vip], "custom_fields": {"favourite": "tea"}},
                {"name": "Bob", "phone": 13155550102u64, "categories": [vip]},
                {"name": "Cy", "phone": "13155550103"}
            ]),
        )
        .await;
    answer.expect(StatusCode::OK);
    let created = answer.data()["created"].as_array().unwrap();
    assert_eq!(created.len(), 3);
    for client in created {
        let read = app
            .get(
                &format!("/api/v1/client/{location}/{}", client["id"]),
                owner.as_(),
            )
            .await;
        read.expect(StatusCode::OK);
        assert_eq!(client, read.data());
    }
    let tags: Vec<&Value> = created[0]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(tags.len(), 2);
}

#[tokio::test]
async fn create_and_update_reject_bad_input() {
    let (app, owner, location) = setup().await;
    let bad = app
        .post(
            &format!("/api/v1/clients/{location}"),
            owner.as_(),
            json!({}),
        )
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["name", "phone"]);
    let bad = app
        .post(&format!("/api/v1/clients/{location}"), owner.as_(), json!({"name": "X", "phone": "13155550101", "categories": [999], "custom_fields": "nope"}))
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["custom_fields"]);
    let bad = app
        .post(
            &format!("/api/v1/clients/{location}"),
            owner.as_(),
            json!({"name": "X", "phone": "13155550101", "categories": [999]}),
        )
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["categories"]);
    // A tag of another location is unknown here.
    let (_other_owner, other) = app.owner_with_location("other@example.com", "Other").await;
    let foreign_tag = app.client_tag(other, "Theirs", "").await;
    let bad = app
        .post(
            &format!("/api/v1/clients/{location}"),
            owner.as_(),
            json!({"name": "X", "phone": "13155550101", "categories": [foreign_tag]}),
        )
        .await;
    assert_eq!(bad.error_fields(), ["categories"]);
    let id = create(
        &app,
        &owner,
        location,
        json!({"name": "X", "phone": "13155550101"}),
    )
    .await;
    let bad = app
        .put(
            &format!("/api/v1/client/{location}/{id}"),
            owner.as_(),
            json!({"name": "", "phone": "", "gender_id": 9}),
        )
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["phone"]);
    let bad = app
        .put(
            &format!("/api/v1/client/{location}/{id}"),
            owner.as_(),
            json!({"name": "", "gender_id": 9}),
        )
        .await;
    assert_eq!(bad.error_fields(), ["gender_id", "name"]);
    let bad = app
        .get(
            &format!("/api/v1/clients/{location}?count=500"),
            owner.as_(),
        )
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    let bad = app
        .get(
            &format!("/api/v1/clients/{location}?changed_after=soon"),
            owner.as_(),
        )
        .await;
    assert_eq!(bad.error_fields(), ["changed_after"]);
}

fn multipart(filename: &str, content: &[u8], description: &str) -> (Vec<u8>, String) {
    let boundary = "bizdTestBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n{description}\r\n").as_bytes());
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (body, format!("multipart/form-data; boundary={boundary}"))
}

#[tokio::test]
async fn comments_and_files_round_trip() {
    let (app, owner, location) = setup().await;
    let id = create(
        &app,
        &owner,
        location,
        json!({"name": "Ann", "phone": "13155550101"}),
    )
    .await;
    let comments = format!("/api/v1/clients/{location}/clients/{id}/comments");
    let created = app
        .post(&comments, owner.as_(), json!({"text": "Prefers mornings"}))
        .await;
    created.expect(StatusCode::CREATED);
    assert_eq!(created.data()["type"], "default");
    assert_eq!(created.data()["user"]["id"], owner.id);
    let comment_id = created.data()["id"].as_i64().unwrap();
    app.post(&comments, owner.as_(), json!({"text": "  "}))
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);

    let files = format!("/api/v1/company/{location}/clients/files/{id}");
    let content = b"%PDF-1.4 fake but fine".to_vec();
    let (body, content_type) = multipart("../../etc/scan 1.pdf", &content, "Consent form");
    let uploaded = app
        .send(
            Method::POST,
            &files,
            owner.as_(),
            Some(body),
            &[("content-type", &content_type), ("host", "bizd.test")],
        )
        .await;
    uploaded.expect(StatusCode::CREATED);
    let file = uploaded.data().clone();
    assert_eq!(file["name"], "scan 1.pdf");
    assert_eq!(file["extension"], "pdf");
    assert_eq!(file["mime"], "application/pdf");
    assert_eq!(file["description"], "Consent form");
    assert_eq!(file["size"], format!("{} B", content.len()));
    let file_id = file["id"].as_i64().unwrap();
    let link = file["link"].as_str().unwrap();
    assert_eq!(
        link,
        format!("http://bizd.test/api/v1/company/{location}/clients/files/{id}/{file_id}")
    );

    let listed = app.get(&files, owner.as_()).await;
    listed.expect(StatusCode::OK);
    assert_eq!(listed.body["meta"]["count"], 1);
    assert_eq!(listed.data()[0]["id"], file_id);

    let download = app.get(&format!("{files}/{file_id}"), owner.as_()).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(
        download.body,
        Value::String(String::from_utf8(content.clone()).unwrap())
    );
    assert_eq!(
        download.headers["content-disposition"],
        "attachment; filename=\"scan 1.pdf\""
    );

    let all = app.get(&comments, owner.as_()).await;
    all.expect(StatusCode::OK);
    assert_eq!(all.body["meta"]["count"], 2);
    let kinds: Vec<&str> = all
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["file", "default"]);
    assert_eq!(all.data()[0]["files"][0]["filename"], "scan 1.pdf");
    assert_eq!(all.data()[0]["text"], "");

    // Deleting the file comment keeps the file; deleting the file removes the bytes.
    let file_comment = all.data()[0]["id"].as_i64().unwrap();
    app.delete(&format!("{comments}/{file_comment}"), owner.as_())
        .await
        .expect(StatusCode::OK);
    assert_eq!(app.get(&files, owner.as_()).await.body["meta"]["count"], 1);
    app.delete(&format!("{comments}/{comment_id}"), owner.as_())
        .await
        .expect(StatusCode::OK);
    app.delete(&format!("{comments}/{comment_id}"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&comments, owner.as_()).await.body["meta"]["count"],
        0
    );

    let deleted = app.delete(&format!("{files}/{file_id}"), owner.as_()).await;
    deleted.expect(StatusCode::ACCEPTED);
    assert_eq!(deleted.body["meta"]["message"], "Accepted");
    app.get(&format!("{files}/{file_id}"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.delete(&format!("{files}/{file_id}"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(app.get(&files, owner.as_()).await.body["meta"]["count"], 0);

    // Bad uploads.
    let no_file = app
        .send(
            Method::POST,
            &files,
            owner.as_(),
            Some(b"{}".to_vec()),
            &[("content-type", "application/json")],
        )
        .await;
    no_file.expect(StatusCode::UNPROCESSABLE_ENTITY);
    let (body, content_type) = multipart("empty.txt", b"", "");
    app.send(
        Method::POST,
        &files,
        owner.as_(),
        Some(body),
        &[("content-type", &content_type)],
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let (body, content_type) = multipart("big.bin", &vec![7u8; 11 * 1024 * 1024], "");
    app.send(
        Method::POST,
        &files,
        owner.as_(),
        Some(body),
        &[("content-type", &content_type)],
    )
    .await
    .expect(StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn every_client_endpoint_checks_auth_access_and_existence() {
    let (app, owner, location) = setup().await;
    let id = create(
        &app,
        &owner,
        location,
        json!({"name": "Ann", "phone": "13155550101"}),
    )
    .await;
    let (intruder, _) = app
        .owner_with_location("intruder@example.com", "Elsewhere")
        .await;
    let routes: Vec<(Method, String, Option<Value>)> = vec![
        (
            Method::POST,
            format!("/api/v1/clients/{location}"),
            Some(json!({"name": "N", "phone": "13155550199"})),
        ),
        (Method::GET, format!("/api/v1/clients/{location}"), None),
        (
            Method::POST,
            format!("/api/v1/company/{location}/clients/search"),
            Some(json!({})),
        ),
        (Method::GET, format!("/api/v1/client/{location}/{id}"), None),
        (
            Method::PUT,
            format!("/api/v1/client/{location}/{id}"),
            Some(json!({"name": "N"})),
        ),
        (
            Method::POST,
            format!("/api/v1/clients/{location}/bulk"),
            Some(json!([])),
        ),
        (
            Method::GET,
            format!("/api/v1/clients/{location}/clients/{id}/comments"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/clients/{location}/clients/{id}/comments"),
            Some(json!({"text": "t"})),
        ),
        (
            Method::GET,
            format!("/api/v1/company/{location}/clients/files/{id}"),
            None,
        ),
        (
            Method::DELETE,
            format!("/api/v1/client/{location}/{id}"),
            None,
        ),
    ];
    for (method, uri, body) in &routes {
        let bytes = body.as_ref().map(|b| b.to_string().into_bytes());
        app.send(method.clone(), uri, As::Nobody, bytes.clone(), &[])
            .await
            .expect(StatusCode::UNAUTHORIZED);
        app.send(method.clone(), uri, As::Partner, bytes.clone(), &[])
            .await
            .expect(StatusCode::UNAUTHORIZED);
        let foreign = app
            .send(method.clone(), uri, intruder.as_(), bytes.clone(), &[])
            .await;
        foreign.expect(StatusCode::FORBIDDEN);
        let missing_location = uri.replacen(&format!("/{location}"), "/987654", 1);
        app.send(method.clone(), &missing_location, owner.as_(), bytes, &[])
            .await
            .expect(StatusCode::NOT_FOUND);
    }
    // Missing client ids are 404 on every per-client route.
    for (method, uri) in [
        (Method::GET, format!("/api/v1/client/{location}/424242")),
        (Method::PUT, format!("/api/v1/client/{location}/424242")),
        (Method::DELETE, format!("/api/v1/client/{location}/424242")),
        (
            Method::GET,
            format!("/api/v1/clients/{location}/clients/424242/comments"),
        ),
        (
            Method::POST,
            format!("/api/v1/clients/{location}/clients/424242/comments"),
        ),
        (
            Method::DELETE,
            format!("/api/v1/clients/{location}/clients/{id}/comments/424242"),
        ),
        (
            Method::GET,
            format!("/api/v1/company/{location}/clients/files/424242"),
        ),
        (
            Method::GET,
            format!("/api/v1/company/{location}/clients/files/{id}/424242"),
        ),
        (
            Method::DELETE,
            format!("/api/v1/company/{location}/clients/files/{id}/424242"),
        ),
    ] {
        app.send(
            method,
            &uri,
            owner.as_(),
            Some(b"{\"text\": \"t\", \"name\": \"n\"}".to_vec()),
            &[],
        )
        .await
        .expect(StatusCode::NOT_FOUND);
    }
    // A client of another location is not reachable through this one.
    let (other_owner, other_location) = app.owner_with_location("other@example.com", "Other").await;
    let theirs = create(
        &app,
        &other_owner,
        other_location,
        json!({"name": "Theirs", "phone": "13155550177"}),
    )
    .await;
    app.get(&format!("/api/v1/client/{location}/{theirs}"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    // An employee has no access to clients.
    let employee = app.user("employee@example.com").await;
    app.grant(employee.id, location, "employee").await;
    app.get(&format!("/api/v1/client/{location}/{id}"), employee.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
}

mod visits {
    use axum::http::StatusCode;
    use bizd_domain::money::Money;
    use bizd_store::visits::{NewRecord, NewRecordService, NewVisit};
    use serde_json::{json, Value};

    use super::{create, setup};
    use crate::common::{As, TestApp};

    async fn insert_visit(app: &TestApp, location: i64, visit: &NewVisit) {
        let mut tx = app.db.write().await.unwrap();
        bizd_store::visits::insert(&mut tx, location, visit, 0)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }

    /// 2026-03-01T15:00:00Z (10:00 in New York).
    const DAY0: i64 = 1_772_377_200;
    const DAY: i64 = 86_400;

    fn record(at: i64, attendance: i64, cost: i64, paid: i64) -> NewRecord {
        NewRecord {
            team_member_id: None,
            starts_at: at,
            length: 3600,
            attendance,
            comment: format!("at {at}"),
            services: vec![NewRecordService {
                service_id: 7,
                title: "Haircut".into(),
                first_cost: Money::from_minor(cost),
                discount_percent: 0,
                cost_to_pay: Money::from_minor(cost),
                paid_sum: Money::from_minor(paid),
            }],
        }
    }

    fn visit(client_id: i64, at: i64, attendance: i64, cost: i64, paid: i64) -> NewVisit {
        NewVisit {
            client_id,
            attendance,
            starts_at: at,
            records: vec![record(at, attendance, cost, paid)],
        }
    }

    #[tokio::test]
    async fn history_pages_by_date_and_filters_by_payment_and_attendance() {
        let (app, owner, location) = setup().await;
        let client = create(
            &app,
            &owner,
            location,
            json!({"name": "Ann", "phone": "13155550101"}),
        )
        .await;
        let other = create(
            &app,
            &owner,
            location,
            json!({"name": "Bob", "phone": "13155550102"}),
        )
        .await;
        // 24 single-visit days, then a day with three visits: the first page must take all 27.
        for d in 0..24 {
            insert_visit(
                &app,
                location,
                &visit(client, DAY0 + d * DAY, 1, 10_000, 10_000),
            )
            .await;
        }
        for h in 0..3 {
            insert_visit(
                &app,
                location,
                &visit(client, DAY0 - 10 * DAY + h * 3600, -1, 10_000, 0),
            )
            .await;
        }
        for d in 11..14 {
            insert_visit(
                &app,
                location,
                &visit(client, DAY0 - d * DAY, 2, 10_000, 5_000),
            )
            .await;
        }
        // A product sale of its own (no visit), paid in full at the counter, and a visit of
        // another client.
        let storage = app
            .get(&format!("/api/v1/storages/{location}"), owner.as_())
            .await;
        let storage = storage.data()[0]["id"].as_i64().unwrap();
        let category = crate::products::category(&app, &owner, location, "Care", 0).await;
        let good = crate::products::product(
            &app,
            &owner,
            location,
            json!({"title": "Shampoo", "category_id": category, "cost": 20, "sale_unit_id": 1,
                   "service_unit_id": 1, "unit_equals": 1}),
        )
        .await;
        let accounts = app
            .get(&format!("/api/v1/accounts/{location}"), owner.as_())
            .await;
        let cash = accounts.data()[0]["id"].as_i64().unwrap();
        let operation = format!("/api/v1/storage_operations/operation/{location}");
        let tz = bizd_domain::time::parse_time_zone("America/New_York").unwrap();
        for (type_id, client_id, comment, account) in [(3, 0, "", 0), (1, client, "shampoo", cash)]
        {
            app.post(
                &operation,
                owner.as_(),
                json!({"type_id": type_id, "storage_id": storage, "account_id": account, "comment": comment,
                       "create_date": bizd_domain::time::iso8601(DAY0 - 20 * DAY, &tz),
                       "goods_transactions": [{"good_id": good, "amount": 1, "client_id": client_id}]}),
            )
            .await
            .expect(StatusCode::OK);
        }
        insert_visit(&app, location, &visit(other, DAY0, 1, 1, 1)).await;

        let path = format!("/api/v1/company/{location}/clients/visits/search");
        let search = |body: Value| {
            let (app, who, path) = (&app, owner.as_(), path.clone());
            async move { app.post(&path, who, body).await }
        };
        let day = |offset: i64| {
            bizd_domain::time::local_date(
                DAY0 + offset * DAY,
                &bizd_domain::time::parse_time_zone("America/New_York").unwrap(),
            )
        };
        let query = |from: Value, to: Value, statuses: Value, attendance: Value| json!({"client_id": client, "client_phone": null, "from": from, "to": to, "payment_statuses": statuses, "attendance": attendance});

        // 31 items; the 25th falls on a day with three visits, so the first page takes 27.
        let first = search(query(Value::Null, Value::Null, json!([]), Value::Null)).await;
        first.expect(StatusCode::OK);
        assert_eq!(first.data()["records"].as_array().unwrap().len(), 27);
        assert_eq!(first.data()["goods_transactions"], json!([]));
        let cursor = first.body["meta"]["dateCursor"].clone();
        assert_eq!(
            cursor["current"],
            json!({"from": day(-10), "to": day(23), "count": 27})
        );
        assert_eq!(
            cursor["next"],
            json!({"from": day(-20), "to": day(-11), "count": 4})
        );
        assert_eq!(
            cursor["previous"],
            json!({"from": null, "to": null, "count": 0})
        );
        let r0 = &first.data()["records"][0];
        assert_eq!(
            r0["date"],
            bizd_domain::time::iso8601(
                DAY0 + 23 * DAY,
                &bizd_domain::time::parse_time_zone("America/New_York").unwrap()
            )
        );
        assert_eq!(r0["services"][0]["payment_status"], "paid_full");
        assert_eq!(r0["services"][0]["cost_to_pay"], 100);
        assert_eq!(r0["company"]["id"], location);

        // The next page, through the cursor.
        let second = search(query(
            cursor["next"]["from"].clone(),
            cursor["next"]["to"].clone(),
            json!([]),
            Value::Null,
        ))
        .await;
        second.expect(StatusCode::OK);
        assert_eq!(second.data()["records"].as_array().unwrap().len(), 3);
        let sale = &second.data()["goods_transactions"][0];
        assert_eq!(sale["comment"], "shampoo");
        assert_eq!(sale["goods"][0]["amount"], -1);
        assert_eq!(sale["goods"][0]["first_cost"], -20);
        assert_eq!(sale["goods"][0]["payment_status"], "paid_full");
        assert_eq!(second.body["meta"]["dateCursor"]["current"]["count"], 4);
        assert_eq!(second.body["meta"]["dateCursor"]["next"]["count"], 0);
        assert_eq!(
            second.body["meta"]["dateCursor"]["previous"]["from"],
            json!(day(-10))
        );

        // Payment status follows payments; attendance filters appointments (and sales by their visit).
        let count = |answer: &crate::common::Answer| {
            answer.data()["records"].as_array().unwrap().len()
                + answer.data()["goods_transactions"]
                    .as_array()
                    .unwrap()
                    .len()
        };
        for (statuses, expected) in [
            (json!(["not_paid"]), 3),
            (json!(["paid_not_full"]), 3),
            (json!(["paid_over"]), 0),
            (json!(["paid_full"]), 25),
            (json!(["not_paid", "paid_not_full"]), 6),
        ] {
            let r = search(query(
                Value::Null,
                Value::Null,
                statuses.clone(),
                Value::Null,
            ))
            .await;
            assert_eq!(count(&r), expected, "{statuses}");
        }
        for (attendance, expected) in [(-1, 3), (2, 3), (0, 0)] {
            let r = search(query(
                Value::Null,
                Value::Null,
                json!([]),
                json!(attendance),
            ))
            .await;
            assert_eq!(count(&r), expected, "attendance {attendance}");
        }
        let by_phone =
            search(json!({"client_phone": "+1 315 555 0102", "payment_statuses": []})).await;
        assert_eq!(count(&by_phone), 1, "the other client's single visit");

        // Bad input, unknown and foreign clients.
        for (body, field) in [
            (json!({"payment_statuses": []}), "client_id"),
            (json!({"client_id": client, "from": "March"}), "from"),
            (
                json!({"client_id": client, "from": "2026-03-02", "to": "2026-03-01"}),
                "from",
            ),
            (
                json!({"client_id": client, "payment_statuses": ["free"]}),
                "payment_statuses",
            ),
            (json!({"client_id": client, "attendance": 5}), "attendance"),
            (json!({"client_phone": "12"}), "client_phone"),
        ] {
            let r = search(body.clone()).await;
            r.expect(StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(r.error_fields(), [field], "{body}");
        }
        search(json!({"client_id": 424242}))
            .await
            .expect(StatusCode::NOT_FOUND);
        search(json!({"client_phone": "19999999999"}))
            .await
            .expect(StatusCode::NOT_FOUND);
        let (intruder, _) = app
            .owner_with_location("intruder@example.com", "Elsewhere")
            .await;
        app.post(&path, intruder.as_(), json!({"client_id": client}))
            .await
            .expect(StatusCode::FORBIDDEN);
        app.post(&path, As::Partner, json!({"client_id": client}))
            .await
            .expect(StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn bulk_create_of_many_keeps_each_client_with_its_own_fields() {
    let (app, owner, location) = setup().await;
    let tag = app.client_tag(location, "Imported", "").await;
    // More than one insert batch, with tags on some items and one duplicate in the middle.
    let mut items: Vec<Value> = (0..250u64)
        .map(|i| {
            let mut item = json!({"name": format!("C{i}"), "phone": format!("1315550{i:04}")});
            if i.is_multiple_of(7) {
                item["categories"] = json!([tag]);
            }
            item
        })
        .collect();
    items.insert(120, json!({"name": "Repeat", "phone": "13155500005"}));
    let answer = app
        .post(
            &format!("/api/v1/clients/{location}/bulk"),
            owner.as_(),
            Value::Array(items),
        )
        .await;
    answer.expect(StatusCode::OK);
    let created = answer.data()["created"].as_array().unwrap();
    assert_eq!(created.len(), 250);
    assert_eq!(answer.data()["errors"][0]["index"], 120);
    for c in created {
        let i: u64 = c["name"].as_str().unwrap()[1..].parse().unwrap();
        assert_eq!(c["phone"], json!(13_155_500_000u64 + i), "{c}");
        assert_eq!(
            c["categories"].as_array().unwrap().len(),
            usize::from(i.is_multiple_of(7)),
            "{c}"
        );
        let read = app
            .get(
                &format!("/api/v1/client/{location}/{}", c["id"]),
                owner.as_(),
            )
            .await;
        assert_eq!(read.data(), c);
    }
}
