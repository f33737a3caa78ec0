//! Products: the category tree, products read back everywhere they show (list, one, search,
//! category node), deletion (gone from lists and search), the refusals, and access.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::common::{As, TestApp, TestUser};

/// Creates a category (under `parent`, 0 for a root); its id.
pub async fn category(app: &TestApp, owner: &TestUser, loc: i64, title: &str, parent: i64) -> i64 {
    let a = app
        .post(
            &format!("/api/v1/goods_categories/{loc}"),
            owner.as_(),
            json!({"title": title, "parent_category_id": parent}),
        )
        .await;
    a.expect(StatusCode::CREATED);
    a.data()["id"].as_i64().unwrap()
}

/// Creates a product; its id.
pub async fn product(app: &TestApp, owner: &TestUser, loc: i64, body: Value) -> i64 {
    let a = app
        .post(&format!("/api/v1/goods/{loc}"), owner.as_(), body)
        .await;
    a.expect(StatusCode::CREATED);
    a.data()[0]["id"].as_i64().unwrap()
}

/// A shampoo sold by the bottle (250 ml) in `cat`.
pub fn shampoo(cat: i64) -> Value {
    json!({"title": "Shampoo", "print_title": "Shampoo 250", "article": "SH-1", "barcode": "4601234567890",
           "category_id": cat, "cost": 12.5, "actual_cost": 5, "sale_unit_id": 1, "service_unit_id": 4,
           "unit_equals": 250, "critical_amount": 2, "desired_amount": 10, "comment": "best seller"})
}

#[tokio::test]
async fn categories_form_a_tree_and_products_read_back_everywhere() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Shop").await;
    let hair = category(&app, &owner, loc, "Hair", 0).await;
    let care = category(&app, &owner, loc, "Care", hair).await;
    let nails = category(&app, &owner, loc, "Nails", 0).await;

    let created = app
        .post(&format!("/api/v1/goods/{loc}"), owner.as_(), shampoo(care))
        .await;
    created.expect(StatusCode::CREATED);
    let p = &created.data()[0];
    let id = p["id"].as_i64().unwrap();
    assert_eq!(p["good_id"], id);
    assert_eq!(p["title"], "Shampoo");
    assert_eq!(p["label"], "Shampoo (SH-1)");
    assert_eq!(p["cost"], 12.5);
    assert_eq!(p["actual_cost"], 5);
    assert_eq!(p["unit_equals"], 250);
    assert_eq!(p["unit_short_title"], "pcs");
    assert_eq!(p["service_unit_short_title"], "ml");
    assert_eq!(p["unit_actual_cost"], 0.02);
    assert_eq!(p["category"], "Care");
    assert_eq!(p["actual_amounts"], json!([]));

    let one = format!("/api/v1/goods/{loc}/{id}");
    let got = app.get(&one, owner.as_()).await;
    got.expect(StatusCode::OK);
    assert_eq!(
        got.data()[0],
        created.data()[0],
        "a write reads back as written"
    );

    let conditioner = product(
        &app,
        &owner,
        loc,
        json!({"title": "Conditioner", "category_id": care, "sale_unit_id": 1, "service_unit_id": 1, "cost": "9.90"}),
    )
    .await;
    let list = app.get(&format!("/api/v1/goods/{loc}"), owner.as_()).await;
    list.expect(StatusCode::OK);
    assert_eq!(
        list.body["meta"],
        json!({"page": 1, "count": 25, "total_count": 2})
    );
    let titles: Vec<&str> = list
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Conditioner", "Shampoo"]);
    for (query, expected) in [
        ("term=sham", vec![id]),
        ("term=4601234", vec![id]),
        ("term=sh-1", vec![id]),
        ("term=SH", vec![id]),
        ("term=on", vec![conditioner]),
        (
            &format!("category_id={care}") as &str,
            vec![conditioner, id],
        ),
        (&format!("category_id={nails}"), vec![]),
        ("count=1&page=2", vec![id]),
    ] {
        let a = app
            .get(&format!("/api/v1/goods/{loc}?{query}"), owner.as_())
            .await;
        a.expect(StatusCode::OK);
        let ids: Vec<i64> = a
            .data()
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, expected, "{query}");
    }

    // The tree: roots, children, a node with its children, categories by id.
    let roots = app
        .get(
            &format!("/api/v1/company/{loc}/goods_categories/0"),
            owner.as_(),
        )
        .await;
    roots.expect(StatusCode::OK);
    assert_eq!(roots.body["meta"], json!({"count": 2}));
    assert_eq!(roots.data()[0]["title"], "Hair");
    let children = app
        .get(
            &format!("/api/v1/goods_categories/{loc}/{hair}"),
            owner.as_(),
        )
        .await;
    children.expect(StatusCode::OK);
    assert_eq!(
        children.data(),
        &json!([{"id": care, "title": "Care", "parent_category_id": hair, "article": "", "comment": ""}])
    );
    let node = app
        .get(
            &format!("/api/v1/goods/category_node/{loc}/{care}"),
            owner.as_(),
        )
        .await;
    node.expect(StatusCode::OK);
    assert_eq!(node.data()["category_id"], care);
    assert_eq!(node.data()["parent_id"], hair);
    assert_eq!(node.data()["children_count"], 2);
    assert_eq!(node.data()["children"][1]["item_id"], id);
    assert_eq!(node.data()["children"][1]["is_item"], true);
    let many = app
        .get(
            &format!(
                "/api/v1/goods_categories/multiple/{loc}?id={hair}&ids[]={nails}&ids[]=999999"
            ),
            owner.as_(),
        )
        .await;
    many.expect(StatusCode::OK);
    assert_eq!(many.data().as_array().unwrap().len(), 2);

    // Search: roots without a term; categories first, then products.
    let s = app
        .get(&format!("/api/v1/goods/search/{loc}"), owner.as_())
        .await;
    s.expect(StatusCode::OK);
    assert_eq!(s.data().as_array().unwrap().len(), 2);
    let s = app
        .get(
            &format!("/api/v1/goods/search/{loc}?term=ca&count=5"),
            owner.as_(),
        )
        .await;
    s.expect(StatusCode::OK);
    assert_eq!(s.data()[0]["category_id"], care);
    let s = app
        .get(
            &format!("/api/v1/goods/search/{loc}?term=4601234567890"),
            owner.as_(),
        )
        .await;
    assert_eq!(
        s.data(),
        &json!([{"parent_id": care, "item_id": id, "category_id": 0, "title": "Shampoo",
                 "is_chain": false, "is_category": false, "is_item": true}])
    );

    // Edits read back; fields not sent keep their values.
    let changed = app
        .put(
            &one,
            owner.as_(),
            json!({"title": "Shampoo XL", "cost": 14}),
        )
        .await;
    changed.expect(StatusCode::OK);
    assert_eq!(changed.data()[0]["title"], "Shampoo XL");
    assert_eq!(changed.data()[0]["barcode"], "4601234567890");
    assert_eq!(app.get(&one, owner.as_()).await.data()[0]["cost"], 14);
    let cat = app
        .put(
            &format!("/api/v1/goods_categories/{loc}/{care}"),
            owner.as_(),
            json!({"title": "Hair care", "parent_category_id": hair, "article": "HC"}),
        )
        .await;
    cat.expect(StatusCode::OK);
    assert_eq!(cat.data()["title"], "Hair care");
    let cycle = app
        .put(
            &format!("/api/v1/goods_categories/{loc}/{hair}"),
            owner.as_(),
            json!({"title": "Hair", "parent_category_id": care}),
        )
        .await;
    cycle.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(cycle.error_fields(), ["parent_category_id"]);

    // A deleted product leaves lists and search.
    app.delete(&one, owner.as_()).await.expect_no_content();
    app.get(&one, owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    let list = app.get(&format!("/api/v1/goods/{loc}"), owner.as_()).await;
    assert_eq!(list.body["meta"]["total_count"], 1);
    let s = app
        .get(
            &format!("/api/v1/goods/search/{loc}?term=shampoo"),
            owner.as_(),
        )
        .await;
    assert_eq!(s.data(), &json!([]));
    app.delete(&one, owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);

    // A category with products or children stays; an empty one goes.
    let full = app
        .delete(
            &format!("/api/v1/goods_categories/{loc}/{care}"),
            owner.as_(),
        )
        .await;
    full.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(full.body["meta"]["code"], "category_not_empty");
    app.delete(
        &format!("/api/v1/goods_categories/{loc}/{nails}"),
        owner.as_(),
    )
    .await
    .expect_no_content();
    app.get(
        &format!("/api/v1/goods/category_node/{loc}/{nails}"),
        owner.as_(),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn products_refuse_bad_input_unknown_ids_and_strangers() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Shop").await;
    let (stranger, other) = app.owner_with_location("other@example.com", "Other").await;
    let cat = category(&app, &owner, loc, "Hair", 0).await;
    let foreign_cat = category(&app, &stranger, other, "Theirs", 0).await;
    let id = product(&app, &owner, loc, shampoo(cat)).await;
    let url = format!("/api/v1/goods/{loc}");

    for (body, fields) in [
        (
            json!({}),
            vec!["category_id", "sale_unit_id", "service_unit_id", "title"],
        ),
        (
            json!({"title": "X", "category_id": foreign_cat, "sale_unit_id": 1, "service_unit_id": 1}),
            vec!["category_id"],
        ),
        (
            json!({"title": "X", "category_id": cat, "sale_unit_id": 99, "service_unit_id": 1}),
            vec!["sale_unit_id"],
        ),
        (
            json!({"title": "X", "category_id": cat, "sale_unit_id": 1, "service_unit_id": 1, "cost": 1.234}),
            vec!["cost"],
        ),
        (
            json!({"title": "X", "category_id": cat, "sale_unit_id": 1, "service_unit_id": 1, "unit_equals": 0}),
            vec!["unit_equals"],
        ),
        (
            json!({"title": "X", "category_id": cat, "sale_unit_id": 1, "service_unit_id": 1, "critical_amount": 0.0001}),
            vec!["critical_amount"],
        ),
    ] {
        let a = app.post(&url, owner.as_(), body.clone()).await;
        a.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.error_fields(), fields, "{body}");
    }
    let a = app
        .post(
            &format!("/api/v1/goods_categories/{loc}"),
            owner.as_(),
            json!({"parent_category_id": 999999}),
        )
        .await;
    assert_eq!(a.error_fields(), ["parent_category_id", "title"]);
    let a = app
        .get(
            &format!("/api/v1/goods/search/{loc}?term=x&count=101"),
            owner.as_(),
        )
        .await;
    a.expect(StatusCode::UNPROCESSABLE_ENTITY);

    for uri in [
        format!("{url}/999999"),
        format!("/api/v1/goods/{other}/{id}"),
        format!("/api/v1/goods/category_node/{loc}/999999"),
        format!("/api/v1/company/{loc}/goods_categories/{foreign_cat}"),
    ] {
        let who = if uri.contains(&format!("/{other}/")) {
            stranger.as_()
        } else {
            owner.as_()
        };
        app.get(&uri, who).await.expect(StatusCode::NOT_FOUND);
    }
    app.put(&format!("{url}/999999"), owner.as_(), json!({"title": "X"}))
        .await
        .expect(StatusCode::NOT_FOUND);
    app.put(
        &format!("/api/v1/goods_categories/{loc}/999999"),
        owner.as_(),
        json!({"title": "X"}),
    )
    .await
    .expect(StatusCode::NOT_FOUND);

    // Access: 401 without a user, 403 for a stranger and for an employee.
    let employee = app.user("employee@example.com").await;
    app.grant(employee.id, loc, "employee").await;
    let one = format!("{url}/{id}");
    let cat_one = format!("/api/v1/goods_categories/{loc}/{cat}");
    for (m, u, body) in [
        (Method::GET, url.clone(), None),
        (Method::POST, url.clone(), Some(shampoo(cat))),
        (Method::GET, one.clone(), None),
        (Method::PUT, one.clone(), Some(json!({"title": "X"}))),
        (Method::DELETE, one.clone(), None),
        (Method::GET, format!("/api/v1/goods/search/{loc}"), None),
        (
            Method::GET,
            format!("/api/v1/company/{loc}/goods_categories/0"),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/goods/category_node/{loc}/{cat}"),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/goods_categories/multiple/{loc}?id={cat}"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/goods_categories/{loc}"),
            Some(json!({"title": "X"})),
        ),
        (Method::GET, cat_one.clone(), None),
        (Method::PUT, cat_one.clone(), Some(json!({"title": "X"}))),
        (Method::DELETE, cat_one.clone(), None),
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
    assert_eq!(
        app.get(&one, owner.as_()).await.data()[0]["title"],
        "Shampoo",
        "refused writes changed nothing"
    );
}
