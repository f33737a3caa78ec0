//! Inventory: storages from the start; stock derived from documents and transactions (arrivals,
//! sales, write-offs, a transfer, an inventory correction, a deleted document); stock never
//! below zero unless allowed, under 64 concurrent sales of the last unit; documents and
//! transactions read back; bills of materials and the consumables of a completed visit, written
//! off and reversed; refusals and access.

use std::collections::BTreeMap;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::appointments::salon;
use crate::common::{Answer, As, TestApp, TestUser};
use crate::products::{category, product, shampoo};
use crate::sales::booked;

/// The location's (sales, consumables) storage ids.
async fn storages(app: &TestApp, owner: &TestUser, loc: i64) -> (i64, i64) {
    let a = app
        .get(&format!("/api/v1/storages/{loc}"), owner.as_())
        .await;
    a.expect(StatusCode::OK);
    let list = a.data().as_array().unwrap();
    assert_eq!(list.len(), 2);
    let of = |field: &str| {
        list.iter().find(|s| s[field] == 1).unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    (of("for_sale"), of("for_services"))
}

/// A product's stock per storage, as its answer shows it (sale units, decimal text).
async fn stock(app: &TestApp, owner: &TestUser, loc: i64, id: i64) -> BTreeMap<i64, String> {
    let a = app
        .get(&format!("/api/v1/goods/{loc}/{id}"), owner.as_())
        .await;
    a.expect(StatusCode::OK);
    a.data()[0]["actual_amounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["storage_id"].as_i64().unwrap(), s["amount"].to_string()))
        .filter(|(_, a)| a != "0")
        .collect()
}

async fn operation(app: &TestApp, owner: &TestUser, loc: i64, body: Value) -> Answer {
    app.post(
        &format!("/api/v1/storage_operations/operation/{loc}"),
        owner.as_(),
        body,
    )
    .await
}

fn lines(product: i64, amount: Value) -> Value {
    json!([{"good_id": product, "amount": amount, "cost_per_unit": 5, "discount": 0, "operation_unit_type": 1}])
}

fn map(pairs: &[(i64, &str)]) -> BTreeMap<i64, String> {
    pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
}

#[tokio::test]
async fn stock_is_the_sum_of_live_transactions_per_storage() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Shop").await;
    let (sales, consumables) = storages(&app, &owner, loc).await;
    let cat = category(&app, &owner, loc, "Hair", 0).await;
    let p = product(&app, &owner, loc, shampoo(cat)).await;
    let date = "2026-03-10T10:00:00-04:00";

    // Arrival of 10 into sales, 4 into consumables.
    let arrival = operation(
        &app,
        &owner,
        loc,
        json!({"type_id": 3, "storage_id": sales, "create_date": date, "comment": "delivery",
               "goods_transactions": lines(p, json!(10))}),
    )
    .await;
    arrival.expect(StatusCode::OK);
    let arrival_doc = arrival.data()["document"]["id"].as_i64().unwrap();
    assert_eq!(
        arrival.data()["document"]["type"]["title"],
        "Arrival of goods"
    );
    assert_eq!(arrival.data()["transactions"][0]["amount"], 10);
    assert_eq!(arrival.data()["transactions"][0]["cost"], 50);
    operation(
        &app,
        &owner,
        loc,
        json!({"type_id": 3, "storage_id": consumables, "create_date": date, "goods_transactions": lines(p, json!(4))}),
    )
    .await
    .expect(StatusCode::OK);
    assert_eq!(
        stock(&app, &owner, loc, p).await,
        map(&[(sales, "10"), (consumables, "4")])
    );

    // A sale of 3 (sent positive, stored negative) and a write-off of 500 ml (2 bottles).
    let sale = operation(
        &app,
        &owner,
        loc,
        json!({"type_id": 1, "storage_id": sales, "create_date": date,
               "goods_transactions": [{"good_id": p, "amount": 3, "cost_per_unit": 12.5, "discount": 10}]}),
    )
    .await;
    sale.expect(StatusCode::OK);
    assert_eq!(sale.data()["transactions"][0]["amount"], -3);
    assert_eq!(sale.data()["transactions"][0]["cost"], 33.75);
    operation(
        &app,
        &owner,
        loc,
        json!({"type_id": 4, "storage_id": consumables, "create_date": date,
               "goods_transactions": [{"good_id": p, "amount": 500, "operation_unit_type": 2}]}),
    )
    .await
    .expect(StatusCode::OK);
    assert_eq!(
        stock(&app, &owner, loc, p).await,
        map(&[(sales, "7"), (consumables, "2")])
    );

    // A transfer of 5 from sales to consumables; an inventory correction of -1 in consumables.
    let transfer = operation(
        &app,
        &owner,
        loc,
        json!({"type_id": 5, "storage_id": sales, "to_storage_id": consumables, "create_date": date,
               "goods_transactions": lines(p, json!(5))}),
    )
    .await;
    transfer.expect(StatusCode::OK);
    assert_eq!(transfer.data()["transactions"].as_array().unwrap().len(), 2);
    operation(
        &app,
        &owner,
        loc,
        json!({"type_id": 6, "storage_id": consumables, "create_date": date, "goods_transactions": lines(p, json!(-1))}),
    )
    .await
    .expect(StatusCode::OK);
    assert_eq!(
        stock(&app, &owner, loc, p).await,
        map(&[(sales, "2"), (consumables, "6")])
    );

    // The transactions list and a document's transactions.
    let all = app
        .get(&format!("/api/v1/storages/transactions/{loc}"), owner.as_())
        .await;
    all.expect(StatusCode::OK);
    assert_eq!(all.body["meta"]["total_count"], 7);
    let of_doc = app
        .get(
            &format!("/api/v1/storages/transactions/{loc}?document_id={arrival_doc}&start_date=2026-03-10&end_date=2026-03-10"),
            owner.as_(),
        )
        .await;
    assert_eq!(of_doc.body["meta"]["total_count"], 1);
    let lines_of = app
        .get(
            &format!("/api/v1/storage_operations/documents/goods_transactions/{arrival_doc}"),
            owner.as_(),
        )
        .await;
    lines_of.expect(StatusCode::OK);
    assert_eq!(lines_of.data()[0]["good"]["title"], "Shampoo");
    assert_eq!(lines_of.data()[0]["storage_id"], sales);

    // Deleting the arrival would take sales below zero (2 - 10): refused; after a new arrival
    // of 8 it goes, and its stock with it.
    let refused = app
        .delete(
            &format!("/api/v1/storage_operations/documents/{loc}/{arrival_doc}"),
            owner.as_(),
        )
        .await;
    refused.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.body["meta"]["code"], "insufficient_stock");
    operation(
        &app,
        &owner,
        loc,
        json!({"type_id": 3, "storage_id": sales, "create_date": date, "goods_transactions": lines(p, json!(8))}),
    )
    .await
    .expect(StatusCode::OK);
    app.delete(
        &format!("/api/v1/storage_operations/documents/{loc}/{arrival_doc}"),
        owner.as_(),
    )
    .await
    .expect(StatusCode::ACCEPTED);
    assert_eq!(
        stock(&app, &owner, loc, p).await,
        map(&[(consumables, "6")])
    );
    app.get(
        &format!("/api/v1/storage_operations/documents/{loc}/{arrival_doc}"),
        owner.as_(),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
    let sales_left = operation(
        &app,
        &owner,
        loc,
        json!({"type_id": 1, "storage_id": sales, "create_date": date, "goods_transactions": lines(p, json!(1))}),
    )
    .await;
    sales_left.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(sales_left.body["meta"]["code"], "insufficient_stock");

    // Allowed by the location, stock may go below zero.
    app.put(
        &format!("/api/v1/storages/settings/{loc}"),
        owner.as_(),
        json!({"allow_negative_stock": true}),
    )
    .await
    .expect(StatusCode::OK);
    operation(
        &app,
        &owner,
        loc,
        json!({"type_id": 1, "storage_id": sales, "create_date": date, "goods_transactions": lines(p, json!(1))}),
    )
    .await
    .expect(StatusCode::OK);
    assert_eq!(
        stock(&app, &owner, loc, p).await,
        map(&[(sales, "-1"), (consumables, "6")])
    );
}

#[tokio::test]
async fn documents_and_transactions_read_back_and_change() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Shop").await;
    let (sales, consumables) = storages(&app, &owner, loc).await;
    let cat = category(&app, &owner, loc, "Hair", 0).await;
    let p = product(&app, &owner, loc, shampoo(cat)).await;
    let member = app.team_member(&owner, loc, "Anna").await;

    let docs = format!("/api/v1/storage_operations/documents/{loc}");
    let created = app
        .post(
            &docs,
            owner.as_(),
            json!({"type_id": 3, "storage_id": sales, "comment": "Delivery", "create_date": "2026-03-10T09:00:00-04:00"}),
        )
        .await;
    created.expect(StatusCode::OK);
    let doc = created.data()["id"].as_i64().unwrap();
    assert_eq!(created.data()["create_date"], "2026-03-10T09:00:00-04:00");
    assert_eq!(created.data()["storage"]["id"], sales);
    assert_eq!(created.data()["user"]["id"], owner.id);
    let one = format!("{docs}/{doc}");
    assert_eq!(app.get(&one, owner.as_()).await.data(), created.data());

    let txs = format!("/api/v1/storage_operations/goods_transactions/{loc}");
    let t = app
        .post(
            &txs,
            owner.as_(),
            json!({"document_id": doc, "good_id": p, "amount": 4, "cost_per_unit": 5, "discount": 0,
                   "cost": 20, "operation_unit_type": 1, "master_id": member, "comment": "first box"}),
        )
        .await;
    t.expect(StatusCode::OK);
    let tid = t.data()["id"].as_i64().unwrap();
    assert_eq!(t.data()["amount"], 4);
    assert_eq!(t.data()["master"], json!({"id": member, "name": "Anna"}));
    assert_eq!(t.data()["unit"]["short_title"], "pcs");
    let t_one = format!("{txs}/{tid}");
    assert_eq!(app.get(&t_one, owner.as_()).await.data(), t.data());
    let changed = app
        .put(
            &t_one,
            owner.as_(),
            json!({"amount": 6, "comment": "two more"}),
        )
        .await;
    changed.expect(StatusCode::OK);
    assert_eq!(changed.data()["amount"], 6);
    assert_eq!(changed.data()["cost"], 30);
    assert_eq!(changed.data()["master_id"], member, "fields not sent stay");
    assert_eq!(stock(&app, &owner, loc, p).await, map(&[(sales, "6")]));

    // Moving the document moves its lines.
    let moved = app
        .put(
            &one,
            owner.as_(),
            json!({"storage_id": consumables, "comment": "to the back"}),
        )
        .await;
    moved.expect(StatusCode::OK);
    assert_eq!(moved.data()["comment"], "to the back");
    assert_eq!(moved.data()["type_id"], 3);
    assert_eq!(
        stock(&app, &owner, loc, p).await,
        map(&[(consumables, "6")])
    );
    let retype = app.put(&one, owner.as_(), json!({"type_id": 1})).await;
    retype.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(retype.body["meta"]["code"], "document_has_transactions");

    app.delete(&t_one, owner.as_())
        .await
        .expect(StatusCode::ACCEPTED);
    app.get(&t_one, owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(stock(&app, &owner, loc, p).await, map(&[]));

    // 422s.
    for (body, fields) in [
        (json!({}), vec!["storage_id", "type_id"]),
        (json!({"type_id": 2, "storage_id": sales}), vec!["type_id"]),
        (
            json!({"type_id": 3, "storage_id": 999999}),
            vec!["storage_id"],
        ),
        (
            json!({"type_id": 3, "storage_id": sales, "create_date": "soon"}),
            vec!["create_date"],
        ),
    ] {
        let a = app.post(&docs, owner.as_(), body.clone()).await;
        a.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.error_fields(), fields, "{body}");
    }
    for (body, fields) in [
        (json!({"document_id": doc}), vec!["amount", "good_id"]),
        (
            json!({"document_id": doc, "good_id": 999999, "amount": 1}),
            vec!["good_id"],
        ),
        (
            json!({"document_id": doc, "good_id": p, "amount": 0}),
            vec!["amount"],
        ),
        (
            json!({"document_id": doc, "good_id": p, "amount": 1, "operation_unit_type": 3}),
            vec!["operation_unit_type"],
        ),
        (
            json!({"document_id": doc, "good_id": p, "amount": 1, "discount": 150}),
            vec!["discount"],
        ),
        (
            json!({"document_id": doc, "good_id": p, "amount": 1, "master_id": 999999}),
            vec!["master_id"],
        ),
        (
            json!({"document_id": 999999, "good_id": p, "amount": 1}),
            vec!["document_id"],
        ),
        (json!({"good_id": p, "amount": 1}), vec!["document_id"]),
    ] {
        let a = app.post(&txs, owner.as_(), body.clone()).await;
        a.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.error_fields(), fields, "{body}");
    }
    let a = operation(
        &app,
        &owner,
        loc,
        json!({"type_id": 3, "storage_id": sales, "goods_transactions": []}),
    )
    .await;
    assert_eq!(a.error_fields(), ["goods_transactions"]);
    let a = operation(
        &app,
        &owner,
        loc,
        json!({"type_id": 3, "storage_id": sales, "goods_transactions": [{"good_id": p}]}),
    )
    .await;
    assert_eq!(a.error_fields(), ["goods_transactions.0.amount"]);
    let a = operation(
        &app,
        &owner,
        loc,
        json!({"type_id": 1, "storage_id": sales, "to_storage_id": consumables, "goods_transactions": lines(p, json!(1))}),
    )
    .await;
    assert_eq!(a.error_fields(), ["to_storage_id"]);
    for uri in [format!("{docs}/999999"), format!("{txs}/999999")] {
        app.get(&uri, owner.as_())
            .await
            .expect(StatusCode::NOT_FOUND);
        app.delete(&uri, owner.as_())
            .await
            .expect(StatusCode::NOT_FOUND);
        app.put(&uri, owner.as_(), json!({"comment": "x"}))
            .await
            .expect(StatusCode::NOT_FOUND);
    }
    app.get(
        "/api/v1/storage_operations/documents/goods_transactions/999999",
        owner.as_(),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn inventory_answers_only_its_members_with_the_storages_permission() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Shop").await;
    let (stranger, _) = app.owner_with_location("other@example.com", "Other").await;
    let employee = app.user("employee@example.com").await;
    app.grant(employee.id, loc, "employee").await;
    let manager = app.user("manager@example.com").await;
    app.grant(manager.id, loc, "manager").await;
    let (sales, _) = storages(&app, &owner, loc).await;
    let cat = category(&app, &owner, loc, "Hair", 0).await;
    let p = product(&app, &owner, loc, shampoo(cat)).await;
    let op = operation(
        &app,
        &owner,
        loc,
        json!({"type_id": 3, "storage_id": sales, "goods_transactions": lines(p, json!(2))}),
    )
    .await;
    op.expect(StatusCode::OK);
    let doc = op.data()["document"]["id"].as_i64().unwrap();
    let tid = op.data()["transactions"][0]["id"].as_i64().unwrap();
    let card = app
        .post(
            &format!("/api/v1/technological_cards/{loc}"),
            owner.as_(),
            json!({"title": "Card"}),
        )
        .await;
    card.expect(StatusCode::CREATED);
    let card = card.data()["id"].as_i64().unwrap();
    let docs = format!("/api/v1/storage_operations/documents/{loc}");
    let txs = format!("/api/v1/storage_operations/goods_transactions/{loc}");
    let cards = format!("/api/v1/technological_cards/{loc}");
    for (m, u, body) in [
        (Method::GET, format!("/api/v1/storages/{loc}"), None),
        (
            Method::GET,
            format!("/api/v1/storages/transactions/{loc}"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/storage_operations/operation/{loc}"),
            Some(
                json!({"type_id": 3, "storage_id": sales, "goods_transactions": lines(p, json!(1))}),
            ),
        ),
        (
            Method::POST,
            docs.clone(),
            Some(json!({"type_id": 3, "storage_id": sales})),
        ),
        (Method::GET, format!("{docs}/{doc}"), None),
        (
            Method::PUT,
            format!("{docs}/{doc}"),
            Some(json!({"comment": "x"})),
        ),
        (Method::DELETE, format!("{docs}/{doc}"), None),
        (
            Method::GET,
            format!("/api/v1/storage_operations/documents/goods_transactions/{doc}"),
            None,
        ),
        (
            Method::POST,
            txs.clone(),
            Some(json!({"document_id": doc, "good_id": p, "amount": 1})),
        ),
        (Method::GET, format!("{txs}/{tid}"), None),
        (
            Method::PUT,
            format!("{txs}/{tid}"),
            Some(json!({"amount": 1})),
        ),
        (Method::DELETE, format!("{txs}/{tid}"), None),
        (Method::GET, cards.clone(), None),
        (Method::POST, cards.clone(), Some(json!({"title": "X"}))),
        (Method::GET, format!("{cards}/{card}"), None),
        (
            Method::PUT,
            format!("{cards}/{card}"),
            Some(json!({"title": "X"})),
        ),
        (Method::DELETE, format!("{cards}/{card}"), None),
        (
            Method::GET,
            format!("/api/v1/technological_cards/default_for_staff_and_service/{loc}/1/1"),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/storages/settings/{loc}"),
            None,
        ),
        (
            Method::PUT,
            format!("/api/v1/storages/settings/{loc}"),
            Some(json!({"allow_negative_stock": true})),
        ),
    ] {
        for (who, status) in [
            (As::Partner, StatusCode::UNAUTHORIZED),
            (stranger.as_(), StatusCode::FORBIDDEN),
            (employee.as_(), StatusCode::FORBIDDEN),
        ] {
            app.send(
                m.clone(),
                &u,
                who,
                body.as_ref().map(|b| b.to_string().into_bytes()),
                &[("content-type", "application/json")],
            )
            .await
            .expect(status);
        }
    }
    // A manager keeps the storages; unknown locations are 404.
    app.get(&format!("/api/v1/storages/{loc}"), manager.as_())
        .await
        .expect(StatusCode::OK);
    app.get("/api/v1/storages/999999", owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    let settings = app
        .get(&format!("/api/v1/storages/settings/{loc}"), owner.as_())
        .await;
    settings.expect(StatusCode::OK);
    assert_eq!(settings.data(), &json!({"allow_negative_stock": false}));
    let bad = app
        .put(
            &format!("/api/v1/storages/settings/{loc}"),
            owner.as_(),
            json!({"allow_negative_stock": "maybe"}),
        )
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(stock(&app, &owner, loc, p).await, map(&[(sales, "2")]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_four_simultaneous_sales_of_the_last_unit_sell_it_once() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Shop").await;
    let (sales, _) = storages(&app, &owner, loc).await;
    let cat = category(&app, &owner, loc, "Hair", 0).await;
    let p = product(&app, &owner, loc, shampoo(cat)).await;
    operation(
        &app,
        &owner,
        loc,
        json!({"type_id": 3, "storage_id": sales, "goods_transactions": lines(p, json!(1))}),
    )
    .await
    .expect(StatusCode::OK);
    const N: usize = 64;
    let statuses = futures_util::future::join_all((0..N).map(|_| {
        let (app, owner) = (&app, &owner);
        async move {
            operation(
                app,
                owner,
                loc,
                json!({"type_id": 1, "storage_id": sales, "goods_transactions": lines(p, json!(1))}),
            )
            .await
            .status
        }
    }))
    .await;
    let sold = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    assert_eq!((sold, refused), (1, N - 1), "{statuses:?}");
    assert_eq!(stock(&app, &owner, loc, p).await, map(&[]));
}

#[tokio::test]
async fn consumables_default_from_the_card_and_leave_stock_while_the_visit_is_completed() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let (owner, loc) = (&s.owner, s.loc);
    let (sales, consumables) = storages(&app, owner, loc).await;
    let cat = category(&app, owner, loc, "Color", 0).await;
    let dye = product(
        &app,
        owner,
        loc,
        json!({"title": "Dye", "category_id": cat, "sale_unit_id": 1, "service_unit_id": 2,
               "unit_equals": 100, "actual_cost": 10}),
    )
    .await;
    operation(
        &app,
        owner,
        loc,
        json!({"type_id": 3, "storage_id": consumables, "goods_transactions": lines(dye, json!(2))}),
    )
    .await
    .expect(StatusCode::OK);

    // A card for the service: 30 g of dye. It is the team member's default.
    let cards = format!("/api/v1/technological_cards/{loc}");
    let card = app
        .post(
            &cards,
            owner.as_(),
            json!({"title": "Coloring", "service_id": s.service,
                   "technological_card_items": [{"good_id": dye, "amount": 30}]}),
        )
        .await;
    card.expect(StatusCode::CREATED);
    let card_id = card.data()["id"].as_i64().unwrap();
    assert_eq!(
        card.data()["technological_card_items"][0]["storage_id"],
        consumables
    );
    assert_eq!(card.data()["technological_card_items"][0]["price"], 3);
    assert_eq!(card.data()["technological_card_items"][0]["unit"], "g");
    let listed = app.get(&cards, owner.as_()).await;
    listed.expect(StatusCode::OK);
    assert_eq!(listed.data()[0], card.data().clone());
    let default = app
        .get(
            &format!(
                "/api/v1/technological_cards/default_for_staff_and_service/{loc}/{}/{}",
                s.member, s.service
            ),
            owner.as_(),
        )
        .await;
    default.expect(StatusCode::OK);
    assert_eq!(default.data()["id"], card_id);

    let b = booked(&app, &s, "2026-03-10T10:00:00-04:00").await;
    let rc = format!(
        "/api/v1/technological_cards/record_consumables/{loc}/{}",
        b.record
    );
    let got = app.get(&rc, owner.as_()).await;
    got.expect(StatusCode::OK);
    assert_eq!(got.data()[0]["technological_cards"][0]["id"], card_id);
    assert_eq!(got.data()[0]["consumables"][0]["amount"], 30);
    assert_eq!(got.data()[0]["consumables"][0]["goods_transaction_id"], 0);

    // Completed: 30 g leave the consumables storage; undone: they come back.
    let visit = format!("/api/v1/visits/{}/{}", b.visit, b.record);
    app.put(&visit, owner.as_(), json!({"attendance": 1}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        stock(&app, owner, loc, dye).await,
        map(&[(consumables, "1.7")])
    );
    let got = app.get(&rc, owner.as_()).await;
    let tx = got.data()[0]["consumables"][0]["goods_transaction_id"]
        .as_i64()
        .unwrap();
    assert!(tx > 0);
    let written = app
        .get(
            &format!(
                "/api/v1/storage_operations/documents/goods_transactions/{}",
                b.document
            ),
            owner.as_(),
        )
        .await;
    assert_eq!(written.data()[0]["type_id"], 2);
    assert_eq!(written.data()[0]["amount"], -30);
    assert_eq!(written.data()[0]["record_id"], b.record);
    let direct = app
        .delete(
            &format!("/api/v1/storage_operations/goods_transactions/{loc}/{tx}"),
            owner.as_(),
        )
        .await;
    direct.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(direct.body["meta"]["code"], "consumables_follow_visit");

    // Edited on the completed appointment: the write-off follows.
    let edit = format!(
        "/api/v1/technological_cards/record_consumables/consumables/{loc}/{}/{}",
        b.record, s.service
    );
    let edited = app
        .put(
            &edit,
            owner.as_(),
            json!({"consumables": [{"good_id": dye, "storage_id": consumables, "amount": 50, "price": 4}]}),
        )
        .await;
    edited.expect(StatusCode::OK);
    assert_eq!(edited.data()[0]["consumables"][0]["amount"], 50);
    assert_eq!(edited.data()[0]["consumables"][0]["price"], 4);
    assert_eq!(
        stock(&app, owner, loc, dye).await,
        map(&[(consumables, "1.5")])
    );
    let too_much = app
        .put(
            &edit,
            owner.as_(),
            json!({"consumables": [{"good_id": dye, "amount": 500}]}),
        )
        .await;
    too_much.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_much.body["meta"]["code"], "insufficient_stock");

    app.put(&visit, owner.as_(), json!({"attendance": 0}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        stock(&app, owner, loc, dye).await,
        map(&[(consumables, "2")])
    );

    // Unlinking the card keeps the edited consumables unless asked to remove them.
    let unlink = format!(
        "/api/v1/technological_cards/record_consumables/technological_cards/{loc}/{}/{}",
        b.record, s.service
    );
    let u = app.delete(&unlink, owner.as_()).await;
    u.expect(StatusCode::OK);
    assert_eq!(u.body["meta"], json!({"count": 1}));
    assert_eq!(u.data()[0]["technological_cards"], json!([]));
    assert_eq!(u.data()[0]["consumables"][0]["amount"], 50);
    let u = app
        .delete(&format!("{unlink}?delete_consumables=1"), owner.as_())
        .await;
    assert_eq!(u.data()[0]["consumables"], json!([]));
    app.put(&visit, owner.as_(), json!({"attendance": 1}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        stock(&app, owner, loc, dye).await,
        map(&[(consumables, "2")])
    );
    assert_eq!(stock(&app, owner, loc, dye).await.get(&sales), None);

    // Refusals and unknown ids.
    let a = app
        .put(
            &edit,
            owner.as_(),
            json!({"consumables": [{"good_id": 999999, "amount": 0}]}),
        )
        .await;
    assert_eq!(
        a.error_fields(),
        ["consumables.0.amount", "consumables.0.good_id"]
    );
    let a = app
        .post(
            &cards,
            owner.as_(),
            json!({"service_id": 999999, "technological_card_items": [{"good_id": dye}]}),
        )
        .await;
    assert_eq!(
        a.error_fields(),
        ["service_id", "technological_card_items.0.amount", "title"]
    );
    for uri in [
        format!("/api/v1/technological_cards/record_consumables/{loc}/999999"),
        format!(
            "/api/v1/technological_cards/default_for_staff_and_service/{loc}/{}/999999",
            s.member
        ),
        format!("{cards}/999999"),
    ] {
        app.get(&uri, owner.as_())
            .await
            .expect(StatusCode::NOT_FOUND);
    }
    app.put(
        &format!(
            "/api/v1/technological_cards/record_consumables/consumables/{loc}/{}/999999",
            b.record
        ),
        owner.as_(),
        json!({"consumables": []}),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
    let (stranger, _) = app.owner_with_location("other@example.com", "Other").await;
    for (m, u) in [
        (Method::GET, rc.clone()),
        (Method::PUT, edit.clone()),
        (Method::DELETE, unlink.clone()),
    ] {
        for (who, status) in [
            (As::Partner, StatusCode::UNAUTHORIZED),
            (stranger.as_(), StatusCode::FORBIDDEN),
        ] {
            app.send(
                m.clone(),
                &u,
                who,
                Some(b"{\"consumables\": []}".to_vec()),
                &[("content-type", "application/json")],
            )
            .await
            .expect(status);
        }
    }
    // Deleting the card unlinks it from nothing and leaves the list.
    app.delete(&format!("{cards}/{card_id}"), owner.as_())
        .await
        .expect_no_content();
    assert_eq!(app.get(&cards, owner.as_()).await.data(), &json!([]));
}

#[tokio::test]
async fn the_demo_business_has_a_retail_catalog_with_stock_and_a_bill_of_materials() {
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
    let goods = app.get("/api/v1/goods/1", owner.clone()).await;
    goods.expect(StatusCode::OK);
    assert_eq!(goods.body["meta"]["total_count"], 4);
    let shampoo = goods
        .data()
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == "Repair shampoo")
        .unwrap()
        .clone();
    // Stock in both storages (completed demo visits may have used some consumables).
    assert_eq!(shampoo["actual_amounts"].as_array().unwrap().len(), 2);
    assert_eq!(shampoo["actual_amounts"][0]["amount"], 12);
    let arrivals = app
        .get("/api/v1/storages/transactions/1?type_id=3", owner.clone())
        .await;
    assert_eq!(arrivals.body["meta"]["total_count"], 6);
    let cards = app
        .get("/api/v1/technological_cards/1", owner.clone())
        .await;
    cards.expect(StatusCode::OK);
    assert_eq!(cards.data()[0]["title"], "Wash and care");
    // One visit sold a product, paid with its service.
    let sales = app
        .get("/api/v1/storages/transactions/1?type_id=1", owner.clone())
        .await;
    assert_eq!(sales.body["meta"]["total_count"], 1);
    let sold = &sales.data()[0];
    let client = sold["client_id"].as_i64().unwrap();
    let history = app
        .post(
            "/api/v1/company/1/clients/visits/search",
            owner.clone(),
            json!({"client_id": client}),
        )
        .await;
    let sale = &history.data()["goods_transactions"][0];
    assert_eq!(sale["id"], sold["document_id"]);
    assert!(sale["visit_id"].as_i64().unwrap() > 0);
    assert_eq!(sale["goods"][0]["payment_status"], "paid_full");
    assert_eq!(
        cards.data()[0]["technological_card_items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

/// A salon with a shampoo in its sales storage (`stock` bottles): `(salon, sales storage,
/// shampoo)`.
async fn salon_with_shampoo(app: &TestApp, stock: i64) -> (crate::appointments::Salon, i64, i64) {
    let s = salon(app, "owner@example.com").await;
    let (sales, _) = storages(app, &s.owner, s.loc).await;
    let cat = category(app, &s.owner, s.loc, "Care", 0).await;
    let bottle = product(app, &s.owner, s.loc, shampoo(cat)).await;
    operation(
        app,
        &s.owner,
        s.loc,
        json!({"type_id": 3, "storage_id": sales, "goods_transactions": lines(bottle, json!(stock))}),
    )
    .await
    .expect(StatusCode::OK);
    (s, sales, bottle)
}

/// The payment status of the appointment (`payment_status`), which follows its visit's.
async fn record_status(app: &TestApp, owner: &TestUser, loc: i64, record: i64) -> String {
    let a = app
        .get(&format!("/api/v1/record/{loc}/{record}"), owner.as_())
        .await;
    a.expect(StatusCode::OK);
    a.data()["payment_status"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn products_sold_in_a_visit_join_its_sale_document_cost_and_payments() {
    let app = TestApp::new().await;
    let (s, sales, bottle) = salon_with_shampoo(&app, 5).await;
    let (owner, loc) = (&s.owner, s.loc);
    let b = crate::sales::booked(&app, &s, "2026-03-10T10:00:00-04:00").await;
    let (cash, _) = crate::sales::accounts(&app, &s).await;
    let sale_doc = format!("/api/v1/company/{loc}/sale/{}", b.document);
    let service_cost = app.get(&sale_doc, owner.as_()).await.data()["state"]["items"][0]
        ["cost_to_pay_total"]
        .as_i64()
        .unwrap();

    // Two bottles sold into the visit's document: from the sales storage, to the visit's
    // client, at the product's price; the visit now costs the service and the bottles.
    let transactions = format!("/api/v1/storage_operations/goods_transactions/{loc}");
    let sold = app
        .post(
            &transactions,
            owner.as_(),
            json!({"document_id": b.document, "good_id": bottle, "amount": 2, "discount": 10}),
        )
        .await;
    sold.expect(StatusCode::OK);
    let line = sold.data()["id"].as_i64().unwrap();
    assert_eq!(sold.data()["type_id"], 1);
    assert_eq!(sold.data()["amount"], -2);
    assert_eq!(sold.data()["storage_id"], sales);
    assert_eq!(sold.data()["client_id"], b.client);
    assert_eq!(sold.data()["cost"], 22.5);
    assert_eq!(stock(&app, owner, loc, bottle).await, map(&[(sales, "3")]));
    let doc = app.get(&sale_doc, owner.as_()).await;
    doc.expect(StatusCode::OK);
    let good = &doc.data()["state"]["items"][1];
    assert_eq!(good["type"], "good");
    assert_eq!(good["id"], line);
    assert_eq!(good["title"], "Shampoo");
    assert_eq!(good["amount"], 2);
    assert_eq!(good["default_cost_total"], 25);
    assert_eq!(good["client_discount_percent"], 10);
    assert_eq!(good["cost_to_pay_total"], 22.5);
    let details = app
        .get(
            &format!("/api/v1/visit/details/{loc}/{}/{}", b.record, b.visit),
            owner.as_(),
        )
        .await;
    details.expect(StatusCode::OK);
    let item = &details.data()["items"][1];
    assert_eq!(
        (
            item["is_good"].clone(),
            item["good_id"].clone(),
            item["cost"].clone()
        ),
        (json!(true), json!(bottle), json!(22.5))
    );
    let document = app
        .get(
            &format!("/api/v1/storage_operations/documents/{loc}/{}", b.document),
            owner.as_(),
        )
        .await;
    document.expect(StatusCode::OK);
    assert_eq!(document.data()["type_id"], 7);

    // Paying the service alone leaves the visit part paid; the bottles' price completes it.
    crate::sales::pay(&app, &s, b.document, cash, json!(service_cost))
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        record_status(&app, owner, loc, b.record).await,
        "paid_not_full"
    );
    crate::sales::pay(&app, &s, b.document, cash, json!(22.5))
        .await
        .expect(StatusCode::OK);
    assert_eq!(record_status(&app, owner, loc, b.record).await, "paid_full");
    let history = app
        .post(
            &format!("/api/v1/company/{loc}/clients/visits/search"),
            owner.as_(),
            json!({"client_id": b.client}),
        )
        .await;
    history.expect(StatusCode::OK);
    let sale = &history.data()["goods_transactions"][0];
    assert_eq!(sale["id"], b.document);
    assert_eq!(sale["visit_id"], b.visit);
    let bought = &sale["goods"][0];
    assert_eq!(
        (
            bought["id"].clone(),
            bought["amount"].clone(),
            bought["unit"].clone(),
            bought["first_cost"].clone(),
            bought["cost_to_pay"].clone(),
            bought["paid_sum"].clone(),
            bought["payment_status"].clone()
        ),
        (
            json!(bottle),
            json!(-2),
            json!("pcs"),
            json!(-25),
            json!(22.5),
            json!(22.5),
            json!("paid_full")
        )
    );

    // One bottle fewer: the visit is paid over; the line deleted: stock is back.
    let at = format!("{transactions}/{line}");
    let changed = app.put(&at, owner.as_(), json!({"amount": 1})).await;
    changed.expect(StatusCode::OK);
    assert_eq!(changed.data()["cost"], 11.25);
    assert_eq!(stock(&app, owner, loc, bottle).await, map(&[(sales, "4")]));
    assert_eq!(record_status(&app, owner, loc, b.record).await, "paid_over");
    app.delete(&at, owner.as_())
        .await
        .expect(StatusCode::ACCEPTED);
    assert_eq!(stock(&app, owner, loc, bottle).await, map(&[(sales, "5")]));
    let doc = app.get(&sale_doc, owner.as_()).await;
    assert_eq!(doc.data()["state"]["items"].as_array().unwrap().len(), 1);

    // A visit's document changes only through its lines.
    let doc_at = format!("/api/v1/storage_operations/documents/{loc}/{}", b.document);
    for answer in [
        app.put(&doc_at, owner.as_(), json!({"comment": "x"})).await,
        app.delete(&doc_at, owner.as_()).await,
    ] {
        answer.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(answer.body["meta"]["code"], "document_follows_visit");
    }
    // Not more than the stock; a foreign document is unknown.
    let too_many = app
        .post(
            &transactions,
            owner.as_(),
            json!({"document_id": b.document, "good_id": bottle, "amount": 6}),
        )
        .await;
    too_many.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_many.body["meta"]["code"], "insufficient_stock");
    let other = salon(&app, "other@example.com").await;
    let theirs = crate::sales::booked(&app, &other, "2026-03-10T10:00:00-04:00").await;
    let foreign = app
        .post(
            &transactions,
            owner.as_(),
            json!({"document_id": theirs.document, "good_id": bottle, "amount": 1}),
        )
        .await;
    foreign.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(foreign.error_fields(), ["document_id"]);

    // Sold again, then the visit deleted with its appointment: the bottles come back.
    app.post(
        &transactions,
        owner.as_(),
        json!({"document_id": b.document, "good_id": bottle, "amount": 1}),
    )
    .await
    .expect(StatusCode::OK);
    assert_eq!(stock(&app, owner, loc, bottle).await, map(&[(sales, "4")]));
    app.delete(&format!("/api/v1/record/{loc}/{}", b.record), owner.as_())
        .await
        .expect_no_content();
    assert_eq!(stock(&app, owner, loc, bottle).await, map(&[(sales, "5")]));
    let gone = app
        .post(
            &transactions,
            owner.as_(),
            json!({"document_id": b.document, "good_id": bottle, "amount": 1}),
        )
        .await;
    gone.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(gone.error_fields(), ["document_id"]);
}

#[tokio::test]
async fn a_paid_sale_or_arrival_writes_its_financial_transaction() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let (owner, loc) = (&s.owner, s.loc);
    let (sales, _) = storages(&app, owner, loc).await;
    let (cash, card) = crate::sales::accounts(&app, &s).await;
    let cat = category(&app, owner, loc, "Care", 0).await;
    let bottle = product(&app, owner, loc, shampoo(cat)).await;
    let client = app
        .post(
            &format!("/api/v1/clients/{loc}"),
            owner.as_(),
            json!({"name": "Ann", "phone": "13155550142"}),
        )
        .await;
    client.expect(StatusCode::CREATED);
    let client = client.data()["id"].as_i64().unwrap();
    let payments_of = |doc: i64| {
        let app = &app;
        async move {
            let a = app
                .get(
                    &format!("/api/v1/storage_operations/documents/finance_transactions/{doc}"),
                    owner.as_(),
                )
                .await;
            a.expect(StatusCode::OK);
            a.data().clone()
        }
    };

    // An arrival paid by card: the money leaves the card account.
    let arrival = operation(
        &app,
        owner,
        loc,
        json!({"type_id": 3, "storage_id": sales, "account_id": card,
               "goods_transactions": lines(bottle, json!(4))}),
    )
    .await;
    arrival.expect(StatusCode::OK);
    let arrival_doc = arrival.data()["document"]["id"].as_i64().unwrap();
    let paid = payments_of(arrival_doc).await;
    assert_eq!(paid.as_array().unwrap().len(), 1, "{paid}");
    assert_eq!(
        (
            paid[0]["amount"].clone(),
            paid[0]["expense_id"].clone(),
            paid[0]["account_id"].clone()
        ),
        (json!(-20), json!(8), json!(card))
    );

    // A sale paid in cash, to a client: their history shows it paid.
    let sale = operation(
        &app,
        owner,
        loc,
        json!({"type_id": 1, "storage_id": sales, "account_id": cash, "comment": "counter sale",
               "goods_transactions": [{"good_id": bottle, "amount": 2, "client_id": client}]}),
    )
    .await;
    sale.expect(StatusCode::OK);
    let sale_doc = sale.data()["document"]["id"].as_i64().unwrap();
    let paid = payments_of(sale_doc).await;
    assert_eq!(
        (
            paid[0]["amount"].clone(),
            paid[0]["expense_id"].clone(),
            paid[0]["client_id"].clone()
        ),
        (json!(25), json!(7), json!(client))
    );
    let payment = paid[0]["id"].as_i64().unwrap();
    let history = app
        .post(
            &format!("/api/v1/company/{loc}/clients/visits/search"),
            owner.as_(),
            json!({"client_id": client}),
        )
        .await;
    history.expect(StatusCode::OK);
    let bought = &history.data()["goods_transactions"][0];
    assert_eq!(bought["id"], sale_doc);
    assert_eq!(bought["visit_id"], 0);
    assert_eq!(bought["comment"], "counter sale");
    assert_eq!(bought["goods"][0]["paid_sum"], 25);
    assert_eq!(bought["goods"][0]["payment_status"], "paid_full");

    // Only sales and arrivals are paid, into an account of the location.
    for (body, field) in [
        (
            json!({"type_id": 4, "storage_id": sales, "account_id": cash,
                   "goods_transactions": lines(bottle, json!(1))}),
            "account_id",
        ),
        (
            json!({"type_id": 1, "storage_id": sales, "account_id": 999_999,
                   "goods_transactions": lines(bottle, json!(1))}),
            "account_id",
        ),
    ] {
        let a = operation(&app, owner, loc, body.clone()).await;
        a.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.error_fields(), [field], "{body}");
    }
    // A sale left unpaid is paid later through its sale document, like a visit's; an arrival
    // is not paid there.
    let unpaid = operation(
        &app,
        owner,
        loc,
        json!({"type_id": 1, "storage_id": sales,
               "goods_transactions": [{"good_id": bottle, "amount": 1, "client_id": client}]}),
    )
    .await;
    unpaid.expect(StatusCode::OK);
    let unpaid = unpaid.data()["document"]["id"].as_i64().unwrap();
    let sale_at = format!("/api/v1/company/{loc}/sale/{unpaid}");
    let due = |a: &Answer| a.data()["payment_methods"][0]["applicable_amount"].clone();
    let before = app.get(&sale_at, owner.as_()).await;
    before.expect(StatusCode::OK);
    assert_eq!(before.data()["state"]["items"][0]["type"], "good");
    assert_eq!(due(&before), json!(12.5));
    let after = crate::sales::pay(&app, &s, unpaid, cash, json!(12.5)).await;
    after.expect(StatusCode::OK);
    assert_eq!(due(&after), json!(0));
    assert_eq!(
        payments_of(unpaid).await[0]["expense_id"],
        json!(7),
        "a sale of goods"
    );
    let refused = crate::sales::pay(&app, &s, arrival_doc, cash, json!(1)).await;
    refused.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.body["meta"]["code"], "document_not_payable");
    assert_eq!(stock(&app, owner, loc, bottle).await, map(&[(sales, "1")]));

    // The sale deleted: its payment goes with it, and the bottles come back.
    app.delete(
        &format!("/api/v1/storage_operations/documents/{loc}/{sale_doc}"),
        owner.as_(),
    )
    .await
    .expect(StatusCode::ACCEPTED);
    app.get(
        &format!("/api/v1/finance_transactions/{loc}/{payment}"),
        owner.as_(),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
    app.get(
        &format!("/api/v1/company/{loc}/sale/{sale_doc}"),
        owner.as_(),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
    assert_eq!(stock(&app, owner, loc, bottle).await, map(&[(sales, "3")]));
}

#[tokio::test]
async fn simultaneous_sales_and_payments_of_one_visit_each_count_once() {
    let app = TestApp::new().await;
    let (s, sales, bottle) = salon_with_shampoo(&app, 20).await;
    let (owner, loc) = (&s.owner, s.loc);
    let b = crate::sales::booked(&app, &s, "2026-03-10T10:00:00-04:00").await;
    let (cash, _) = crate::sales::accounts(&app, &s).await;
    // 16 bottles sold one by one while 16 payments of one bottle's price come in.
    const N: usize = 16;
    let transactions = format!("/api/v1/storage_operations/goods_transactions/{loc}");
    let statuses = futures_util::future::join_all((0..2 * N).map(|i| {
        let (app, s, transactions) = (&app, &s, &transactions);
        async move {
            if i % 2 == 0 {
                app.post(
                    transactions,
                    s.owner.as_(),
                    json!({"document_id": b.document, "good_id": bottle, "amount": 1}),
                )
                .await
                .status
            } else {
                crate::sales::pay(app, s, b.document, cash, json!(12.5))
                    .await
                    .status
            }
        }
    }))
    .await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    assert_eq!(stock(&app, owner, loc, bottle).await, map(&[(sales, "4")]));
    let doc = app
        .get(
            &format!("/api/v1/company/{loc}/sale/{}", b.document),
            owner.as_(),
        )
        .await;
    doc.expect(StatusCode::OK);
    let items = doc.data()["state"]["items"].as_array().unwrap();
    assert_eq!(items.len(), N + 1);
    let service = items[0]["cost_to_pay_total"].as_f64().unwrap();
    // What is still due: the service, every bottle being paid.
    let due = doc.data()["payment_methods"][0]["applicable_amount"]
        .as_f64()
        .unwrap();
    assert_eq!(due, service);
    // The payments spread over the lines add up to what was paid: the bottles, in full.
    let history = app
        .post(
            &format!("/api/v1/company/{loc}/clients/visits/search"),
            owner.as_(),
            json!({"client_id": b.client}),
        )
        .await;
    let h = history.data();
    let spread: f64 = h["records"][0]["services"]
        .as_array()
        .unwrap()
        .iter()
        .chain(h["goods_transactions"][0]["goods"].as_array().unwrap())
        .map(|l| l["paid_sum"].as_f64().unwrap())
        .sum();
    assert_eq!(spread, 12.5 * N as f64);
}
