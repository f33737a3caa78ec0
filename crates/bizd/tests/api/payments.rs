//! Payments: accounts (and their extension writes), financial transactions with every filter,
//! their audit trail, a visit's and a document's transactions, access; and the books after a
//! random series of payments, refunds, edits and deletions: every account's balance is the sum
//! of its transactions.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::appointments::salon;
use crate::common::{As, TestApp};
use crate::sales::{accounts, booked, pay};

/// Cents of an amount as the answers write it (`12.5`, `"12.50"`, `-3`).
fn cents(v: &Value) -> i64 {
    let text = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let d: rust_decimal::Decimal = text.parse().expect("a decimal");
    i64::try_from(d * rust_decimal::Decimal::from(100)).unwrap()
}

#[tokio::test]
async fn accounts_exist_from_the_start_and_change_through_the_extension() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let url = format!("/api/v1/accounts/{}", s.loc);
    let list = app.get(&url, s.owner.as_()).await;
    list.expect(StatusCode::OK);
    assert_eq!(list.body["meta"], json!([]));
    let kinds: Vec<Value> = list
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["type"].clone())
        .collect();
    assert_eq!(kinds, [json!(0), json!(1)], "a cash and a card account");
    assert_eq!(list.data()[0]["balance"], 0);

    let created = app
        .post(
            &url,
            s.owner.as_(),
            json!({"title": "Safe", "type": 0, "comment": "back office"}),
        )
        .await;
    created.expect(StatusCode::CREATED);
    let id = created.data()["id"].as_i64().unwrap();
    let one = format!("{url}/{id}");
    let changed = app
        .put(&one, s.owner.as_(), json!({"title": "Old safe"}))
        .await;
    changed.expect(StatusCode::OK);
    assert_eq!(
        changed.data()["comment"],
        "back office",
        "fields not sent keep their values"
    );
    assert_eq!(
        app.get(&url, s.owner.as_()).await.data()[2]["title"],
        "Old safe"
    );
    for (body, field) in [
        (json!({"title": ""}), "title"),
        (json!({"type": 3}), "type"),
    ] {
        let a = app.put(&one, s.owner.as_(), body).await;
        a.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.error_fields(), [field]);
    }
    let a = app.post(&url, s.owner.as_(), json!({"type": 1})).await;
    assert_eq!(a.error_fields(), ["title"]);
    // An account with transactions stays; an empty one goes.
    app.post(
        &format!("/api/v1/finance_transactions/{}", s.loc),
        s.owner.as_(),
        json!({"account_id": id, "amount": 5, "expense_id": 1}),
    )
    .await
    .expect(StatusCode::OK);
    let refused = app.delete(&one, s.owner.as_()).await;
    refused.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.body["meta"]["code"], "account_has_transactions");
    let empty = app
        .post(&url, s.owner.as_(), json!({"title": "Spare"}))
        .await;
    let spare = format!("{url}/{}", empty.data()["id"]);
    app.delete(&spare, s.owner.as_()).await.expect_no_content();
    app.delete(&spare, s.owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.put(&format!("{url}/999999"), s.owner.as_(), json!({}))
        .await
        .expect(StatusCode::NOT_FOUND);

    // Access: 401 without a user, 403 for a stranger and for an employee.
    let other = salon(&app, "other@example.com").await;
    let employee = app.user("employee@example.com").await;
    app.grant(employee.id, s.loc, "employee").await;
    for (m, u, body) in [
        (Method::GET, url.clone(), None),
        (Method::POST, url.clone(), Some(json!({"title": "X"}))),
        (Method::PUT, one.clone(), Some(json!({"title": "X"}))),
        (Method::DELETE, one.clone(), None),
    ] {
        for (who, status) in [
            (As::Partner, StatusCode::UNAUTHORIZED),
            (other.owner.as_(), StatusCode::FORBIDDEN),
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
    app.get("/api/v1/accounts/999999", s.owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn financial_transactions_are_created_read_changed_and_deleted_with_an_audit_trail() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let (cash, card) = accounts(&app, &s).await;
    let url = format!("/api/v1/finance_transactions/{}", s.loc);
    let created = app
        .post(
            &url,
            s.owner.as_(),
            json!({"expense_id": 1, "amount": 100.25, "account_id": cash, "client_id": 0,
                   "supplier_id": 0, "master_id": s.member, "comment": "Tips jar",
                   "date": "2026-03-10T23:00:00.000-04:00"}),
        )
        .await;
    created.expect(StatusCode::OK);
    let d = created.data();
    assert_eq!(d["amount"], json!(100.25));
    assert_eq!(d["date"], "2026-03-10T23:00:00.000-04:00");
    assert_eq!(d["account"]["is_cash"], true);
    assert_eq!(d["master"]["id"], s.member);
    assert_eq!(
        (d["client"].clone(), d["supplier"].clone()),
        (json!([]), json!([]))
    );
    assert_eq!(d["document_id"], 0);
    let id = d["id"].as_i64().unwrap();
    let one = format!("{url}/{id}");

    let got = app.get(&one, s.owner.as_()).await;
    got.expect(StatusCode::OK);
    let item = &got.data()[0];
    assert_eq!(item["id"], id.to_string());
    assert_eq!(item["amount"], "100.25");
    assert_eq!(item["account"]["id"], cash.to_string());
    assert_eq!(item["comment"], "Tips jar");
    assert_eq!(item["date"], "2026-03-10T23:00:00-0400");

    let changed = app
        .put(
            &one,
            s.owner.as_(),
            json!({"amount": -40, "account_id": card}),
        )
        .await;
    changed.expect(StatusCode::OK);
    assert_eq!(changed.data()[0]["amount"], "-40.00");
    assert_eq!(changed.data()[0]["comment"], "Tips jar");
    app.delete(&one, s.owner.as_())
        .await
        .expect(StatusCode::ACCEPTED);
    app.get(&one, s.owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.delete(&one, s.owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    let deleted = app
        .get(
            &format!("/api/v1/transactions/{}?deleted=1", s.loc),
            s.owner.as_(),
        )
        .await;
    assert_eq!(deleted.data()[0]["deleted"], true);

    let mut c = app.db.read().await.unwrap();
    let trail = bizd_store::payments::transactions::changes(&mut c, id)
        .await
        .unwrap();
    assert_eq!(trail.len(), 2);
    assert_eq!(
        (trail[0].action.as_str(), trail[1].action.as_str()),
        ("update", "delete")
    );
    assert_eq!(trail[0].user_id, Some(s.owner.id));
    let before: Value = serde_json::from_str(&trail[0].before).unwrap();
    let after: Value = serde_json::from_str(trail[0].after.as_deref().unwrap()).unwrap();
    assert_eq!(
        (before["amount"].clone(), after["amount"].clone()),
        (json!(10025), json!(-4000))
    );
    assert_eq!(
        (before["account_id"].clone(), after["account_id"].clone()),
        (json!(cash), json!(card))
    );
    assert!(trail[1].after.is_none());

    // 422s name their field; 404 for unknown ids and other locations' transactions.
    for (body, field) in [
        (json!({"account_id": cash}), "amount"),
        (json!({"amount": 5}), "account_id"),
        (json!({"amount": 0, "account_id": cash}), "amount"),
        (json!({"amount": 1.005, "account_id": cash}), "amount"),
        (json!({"amount": 5, "account_id": 999_999}), "account_id"),
        (
            json!({"amount": 5, "account_id": cash, "client_id": 999_999}),
            "client_id",
        ),
        (
            json!({"amount": 5, "account_id": cash, "master_id": 999_999}),
            "master_id",
        ),
        (
            json!({"amount": 5, "account_id": cash, "date": "soon"}),
            "date",
        ),
    ] {
        let a = app.post(&url, s.owner.as_(), body.clone()).await;
        a.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.error_fields(), [field], "{body}");
    }
    let other = salon(&app, "other@example.com").await;
    let (ocash, _) = accounts(&app, &other).await;
    let theirs = app
        .post(
            &format!("/api/v1/finance_transactions/{}", other.loc),
            other.owner.as_(),
            json!({"amount": 1, "account_id": ocash}),
        )
        .await;
    let theirs = theirs.data()["id"].as_i64().unwrap();
    for m in [Method::GET, Method::PUT, Method::DELETE] {
        app.send(
            m.clone(),
            &format!("{url}/{theirs}"),
            s.owner.as_(),
            Some(b"{}".to_vec()),
            &[("content-type", "application/json")],
        )
        .await
        .expect(StatusCode::NOT_FOUND);
        app.send(
            m.clone(),
            &format!("{url}/{theirs}"),
            As::Partner,
            Some(b"{}".to_vec()),
            &[],
        )
        .await
        .expect(StatusCode::UNAUTHORIZED);
        app.send(
            m,
            &format!("/api/v1/finance_transactions/{}/{theirs}", other.loc),
            s.owner.as_(),
            Some(b"{}".to_vec()),
            &[],
        )
        .await
        .expect(StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn transactions_are_listed_with_every_filter_and_by_visit_or_appointment() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let b = booked(&app, &s, "2026-03-10T10:00:00-04:00").await;
    let (cash, card) = accounts(&app, &s).await;
    pay(&app, &s, b.document, cash, json!(30))
        .await
        .expect(StatusCode::OK);
    pay(&app, &s, b.document, card, json!(20))
        .await
        .expect(StatusCode::OK);
    let url = format!("/api/v1/finance_transactions/{}", s.loc);
    app.post(
        &url,
        s.owner.as_(),
        json!({"amount": -12, "account_id": cash, "date": "2026-01-02T10:00:00"}),
    )
    .await
    .expect(StatusCode::OK);
    let list = |q: &str| {
        let (app, s) = (&app, &s);
        let q = q.to_owned();
        async move {
            let a = app
                .get(
                    &format!("/api/v1/transactions/{}?{q}", s.loc),
                    s.owner.as_(),
                )
                .await;
            a.expect(StatusCode::OK);
            a.data()
                .as_array()
                .unwrap()
                .iter()
                .map(|t| cents(&t["amount"]))
                .collect::<Vec<i64>>()
        }
    };
    let all = list("").await;
    assert_eq!(all.len(), 3);
    assert_eq!(all.iter().sum::<i64>(), 3800);
    assert_eq!(
        list(&format!("account_id={cash}"))
            .await
            .iter()
            .sum::<i64>(),
        1800
    );
    assert_eq!(list("balance_is=2").await, [-1200]);
    assert_eq!(list("balance_is=1").await.len(), 2);
    assert_eq!(list(&format!("document_id={}", b.document)).await.len(), 2);
    assert_eq!(list(&format!("client_id={}", b.client)).await.len(), 2);
    assert_eq!(list(&format!("master_id={}", s.member)).await.len(), 2);
    assert_eq!(list(&format!("user_id={}", s.owner.id)).await.len(), 3);
    assert_eq!(list("type=5").await.len(), 2);
    assert_eq!(
        list("start_date=2026-01-01&end_date=2026-01-02").await,
        [-1200]
    );
    assert_eq!(
        list("account_id=0&client_id=0&real_money=0&deleted=0")
            .await
            .len(),
        3
    );
    assert_eq!(list("count=1&page=2").await.len(), 1);
    for (q, field) in [
        ("count=1001", "count"),
        ("balance_is=3", "balance_is"),
        ("start_date=x", "start_date"),
        ("deleted=2", "deleted"),
    ] {
        let a = app
            .get(
                &format!("/api/v1/transactions/{}?{q}", s.loc),
                s.owner.as_(),
            )
            .await;
        a.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.error_fields(), [field]);
    }
    let item = &app
        .get(
            &format!("/api/v1/transactions/{}?document_id={}", s.loc, b.document),
            s.owner.as_(),
        )
        .await
        .body["data"][0];
    assert_eq!(item["visit_id"], b.visit);
    assert_eq!(item["record_id"], b.record);
    assert_eq!(item["client"]["id"], b.client.to_string());
    assert!(item["client"]["phone"].is_number());

    let tt = |q: String| {
        let (app, s) = (&app, &s);
        async move {
            app.get(
                &format!("/api/v1/timetable/transactions/{}?{q}", s.loc),
                s.owner.as_(),
            )
            .await
        }
    };
    assert_eq!(
        tt(format!("visit_id={}", b.visit))
            .await
            .data()
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        tt(format!("record_id={}", b.record))
            .await
            .data()
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(tt("visit_id=999999".into()).await.data(), &json!([]));
    tt(String::new())
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let other = salon(&app, "other@example.com").await;
    for u in [
        format!("/api/v1/transactions/{}", s.loc),
        format!(
            "/api/v1/timetable/transactions/{}?visit_id={}",
            s.loc, b.visit
        ),
    ] {
        app.get(&u, As::Partner)
            .await
            .expect(StatusCode::UNAUTHORIZED);
        app.get(&u, other.owner.as_())
            .await
            .expect(StatusCode::FORBIDDEN);
    }
    app.get("/api/v1/transactions/999999", s.owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
}

/// Cents as the decimal text a client sends (`-12.05`).
fn money(c: i64) -> Value {
    let sign = if c < 0 { "-" } else { "" };
    json!(format!("{sign}{}.{:02}", c.abs() / 100, c.abs() % 100))
}

/// A small deterministic generator (xorshift64*): the series is the same on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

#[tokio::test]
async fn after_random_payments_refunds_edits_and_deletions_every_balance_is_the_sum_of_its_transactions(
) {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let visits = [
        booked(&app, &s, "2026-03-10T10:00:00-04:00").await,
        booked(&app, &s, "2026-03-11T10:00:00-04:00").await,
    ];
    let (cash, card) = accounts(&app, &s).await;
    let safe = app
        .post(
            &format!("/api/v1/accounts/{}", s.loc),
            s.owner.as_(),
            json!({"title": "Safe"}),
        )
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let accts = [cash, card, safe];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    // The model: live transaction id → (account, cents, visit index for payments).
    let mut live: std::collections::BTreeMap<i64, (i64, i64, Option<usize>)> = Default::default();
    let paid = |live: &std::collections::BTreeMap<i64, (i64, i64, Option<usize>)>, v: usize| {
        live.values()
            .filter(|t| t.2 == Some(v))
            .map(|t| t.1)
            .sum::<i64>()
    };
    let ft = format!("/api/v1/finance_transactions/{}", s.loc);
    for _ in 0..60 {
        let account = accts[rng.next(3) as usize];
        let amount = rng.next(10_000) as i64 + 1;
        let amount_json = money(amount);
        match rng.next(5) {
            0 | 1 => {
                let v = rng.next(2) as usize;
                let a = pay(&app, &s, visits[v].document, account, amount_json).await;
                a.expect(StatusCode::OK);
                let id = a.data()["state"]["payment_transactions"]
                    .as_array()
                    .unwrap()
                    .last()
                    .unwrap()["id"]
                    .as_i64()
                    .unwrap();
                live.insert(id, (account, amount, Some(v)));
            }
            2 => {
                // A refund of part of what a visit received (or a refused one).
                let v = rng.next(2) as usize;
                let have = paid(&live, v);
                let refund = if have > 0 {
                    rng.next(have as u64) as i64 + 1
                } else {
                    1
                };
                let a = pay(&app, &s, visits[v].document, account, money(-refund)).await;
                if refund <= have {
                    a.expect(StatusCode::OK);
                    let id = a.data()["state"]["payment_transactions"]
                        .as_array()
                        .unwrap()
                        .last()
                        .unwrap()["id"]
                        .as_i64()
                        .unwrap();
                    live.insert(id, (account, -refund, Some(v)));
                } else {
                    assert_eq!(a.body["meta"]["code"], "refund_above_paid");
                }
            }
            3 if !live.is_empty() => {
                // Edit a random transaction: new amount and account.
                let id = *live
                    .keys()
                    .nth(rng.next(live.len() as u64) as usize)
                    .unwrap();
                let (_, old, v) = live[&id];
                let new = if old < 0 { -amount } else { amount };
                let a = app
                    .put(
                        &format!("{ft}/{id}"),
                        s.owner.as_(),
                        json!({"amount": money(new), "account_id": account}),
                    )
                    .await;
                let mut after = live.clone();
                after.insert(id, (account, new, v));
                if v.is_some_and(|v| paid(&after, v) < 0) {
                    assert_eq!(a.body["meta"]["code"], "refund_above_paid");
                } else {
                    a.expect(StatusCode::OK);
                    live = after;
                }
            }
            4 if !live.is_empty() => {
                let id = *live
                    .keys()
                    .nth(rng.next(live.len() as u64) as usize)
                    .unwrap();
                let mut after = live.clone();
                let (_, _, v) = after.remove(&id).unwrap();
                let a = app.delete(&format!("{ft}/{id}"), s.owner.as_()).await;
                if v.is_some_and(|v| paid(&after, v) < 0) {
                    assert_eq!(a.body["meta"]["code"], "refund_above_paid");
                } else {
                    a.expect(StatusCode::ACCEPTED);
                    live = after;
                }
            }
            _ => {
                let signed = if rng.next(2) == 0 { amount } else { -amount };
                let a = app
                    .post(
                        &ft,
                        s.owner.as_(),
                        json!({"amount": money(signed), "account_id": account}),
                    )
                    .await;
                a.expect(StatusCode::OK);
                live.insert(a.data()["id"].as_i64().unwrap(), (account, signed, None));
            }
        }
    }
    let balances = app
        .get(&format!("/api/v1/accounts/{}", s.loc), s.owner.as_())
        .await;
    for account in accts {
        let model: i64 = live.values().filter(|t| t.0 == account).map(|t| t.1).sum();
        let shown = balances
            .data()
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == account)
            .unwrap()["balance"]
            .clone();
        assert_eq!(cents(&shown), model, "account {account}");
        let listed = app
            .get(
                &format!(
                    "/api/v1/transactions/{}?account_id={account}&count=1000",
                    s.loc
                ),
                s.owner.as_(),
            )
            .await;
        let sum: i64 = listed
            .data()
            .as_array()
            .unwrap()
            .iter()
            .map(|t| cents(&t["amount"]))
            .sum();
        assert_eq!(
            sum, model,
            "account {account}: the sum of its listed transactions"
        );
    }
    for (v, b) in visits.iter().enumerate() {
        let doc = app
            .get(
                &format!("/api/v1/company/{}/sale/{}", s.loc, b.document),
                s.owner.as_(),
            )
            .await;
        let sum: i64 = doc.data()["state"]["payment_transactions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| cents(&t["amount"]))
            .sum();
        assert_eq!(sum, paid(&live, v));
        let status = app
            .get(
                &format!("/api/v1/record/{}/{}", s.loc, b.record),
                s.owner.as_(),
            )
            .await
            .data()["payment_status"]
            .clone();
        let expected = match paid(&live, v) {
            0 => "not_paid",
            p if p < 5000 => "paid_not_full",
            5000 => "paid_full",
            _ => "paid_over",
        };
        assert_eq!(status, expected);
    }
}
