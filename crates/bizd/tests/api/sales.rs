//! Sales: a visit's sale document and its payments — the whole flow (book, arrive, pay part,
//! pay the rest, overpay, delete a payment) read back through every place that shows it; the
//! refusals; access; concurrent payments of one visit; the receipt PDF; the editing
//! restriction of fully paid appointments; idempotent payments.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::appointments::{book, booking, salon, Salon};
use crate::common::{As, TestApp};

/// A booked appointment of the salon (price 50) and its visit's sale document.
pub struct Booked {
    pub record: i64,
    pub visit: i64,
    pub client: i64,
    pub document: i64,
}

pub async fn booked(app: &TestApp, s: &Salon, datetime: &str) -> Booked {
    let a = book(app, s, booking(s, datetime)).await;
    a.expect(StatusCode::CREATED);
    let d = a.data();
    assert_eq!(d["documents"][0]["type_id"], 7, "{d}");
    Booked {
        record: d["id"].as_i64().unwrap(),
        visit: d["visit_id"].as_i64().unwrap(),
        client: d["client"]["id"].as_i64().unwrap(),
        document: d["documents"][0]["id"].as_i64().unwrap(),
    }
}

/// The location's (cash, card) account ids.
pub async fn accounts(app: &TestApp, s: &Salon) -> (i64, i64) {
    let a = app
        .get(&format!("/api/v1/accounts/{}", s.loc), s.owner.as_())
        .await;
    a.expect(StatusCode::OK);
    let list = a.data().as_array().unwrap();
    let of = |kind: i64| {
        list.iter().find(|x| x["type"] == kind).unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    (of(0), of(1))
}

pub fn payment(account: i64, amount: Value) -> Value {
    json!({"payment": {"method": {"slug": "account", "account_id": account}, "amount": amount}})
}

pub async fn pay(
    app: &TestApp,
    s: &Salon,
    doc: i64,
    account: i64,
    amount: Value,
) -> crate::common::Answer {
    app.post(
        &format!("/api/v1/company/{}/sale/{doc}/payment", s.loc),
        s.owner.as_(),
        payment(account, amount),
    )
    .await
}

async fn status_everywhere(
    app: &TestApp,
    s: &Salon,
    b: &Booked,
) -> (String, i64, String, String, Value) {
    let rec = app
        .get(
            &format!("/api/v1/record/{}/{}", s.loc, b.record),
            s.owner.as_(),
        )
        .await;
    rec.expect(StatusCode::OK);
    let list = app
        .get(&format!("/api/v1/records/{}", s.loc), s.owner.as_())
        .await;
    list.expect(StatusCode::OK);
    let visit = app
        .get(&format!("/api/v1/visits/{}", b.visit), s.owner.as_())
        .await;
    visit.expect(StatusCode::OK);
    let history = app
        .post(
            &format!("/api/v1/company/{}/clients/visits/search", s.loc),
            s.owner.as_(),
            json!({"client_id": b.client, "payment_statuses": []}),
        )
        .await;
    history.expect(StatusCode::OK);
    let client = app
        .get(
            &format!("/api/v1/client/{}/{}", s.loc, b.client),
            s.owner.as_(),
        )
        .await;
    client.expect(StatusCode::OK);
    assert_eq!(
        list.data()[0]["payment_status"],
        rec.data()["payment_status"],
        "the list and the appointment agree"
    );
    assert_eq!(
        visit.data()["records"][0]["payment_status"],
        rec.data()["payment_status"]
    );
    (
        rec.data()["payment_status"].as_str().unwrap().to_owned(),
        rec.data()["paid_full"].as_i64().unwrap(),
        history.data()["records"][0]["services"][0]["payment_status"]
            .as_str()
            .unwrap()
            .to_owned(),
        history.data()["records"][0]["services"][0]["paid_sum"].to_string(),
        client.data()["spent"].clone(),
    )
}

#[tokio::test]
async fn book_arrive_pay_part_rest_overpay_and_delete_a_payment_read_back_everywhere() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let b = booked(&app, &s, "2026-03-10T10:00:00-04:00").await;
    let (cash, card) = accounts(&app, &s).await;
    assert_eq!(
        status_everywhere(&app, &s, &b).await,
        (
            "not_paid".into(),
            0,
            "not_paid".into(),
            "0".into(),
            json!(0)
        )
    );
    app.put(
        &format!("/api/v1/visits/{}/{}", b.visit, b.record),
        s.owner.as_(),
        json!({"attendance": 1}),
    )
    .await
    .expect(StatusCode::OK);

    // Part: 20.5 of 50, in cash.
    let part = pay(&app, &s, b.document, cash, json!(20.5)).await;
    part.expect(StatusCode::OK);
    let state = &part.data()["state"];
    assert_eq!(state["items"][0]["cost_to_pay_total"], 50);
    assert_eq!(state["items"][0]["type"], "service");
    assert_eq!(state["payment_transactions"][0]["amount"], json!(20.5));
    assert_eq!(state["payment_transactions"][0]["account"]["is_cash"], true);
    assert_eq!(state["loyalty_transactions"], json!([]));
    assert_eq!(
        part.data()["payment_methods"][0]["applicable_amount"],
        json!(29.5)
    );
    assert_eq!(
        status_everywhere(&app, &s, &b).await,
        (
            "paid_not_full".into(),
            0,
            "paid_not_full".into(),
            "20.5".into(),
            json!(20.5)
        )
    );

    // The rest, by card.
    pay(&app, &s, b.document, card, json!("29.50"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        status_everywhere(&app, &s, &b).await,
        (
            "paid_full".into(),
            1,
            "paid_full".into(),
            "50".into(),
            json!(50)
        )
    );

    // Over: 5 more in cash.
    let over = pay(&app, &s, b.document, cash, json!(5)).await;
    over.expect(StatusCode::OK);
    assert_eq!(
        status_everywhere(&app, &s, &b).await,
        (
            "paid_over".into(),
            1,
            "paid_over".into(),
            "55".into(),
            json!(55)
        )
    );
    let payments = over.data()["state"]["payment_transactions"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(payments.len(), 3);

    // The sale document, the visit details and the appointment show the payments.
    let doc = app
        .get(
            &format!("/api/v1/company/{}/sale/{}", s.loc, b.document),
            s.owner.as_(),
        )
        .await;
    doc.expect(StatusCode::OK);
    assert_eq!(doc.data()["state"]["payment_transactions"], json!(payments));
    let rec = app
        .get(
            &format!("/api/v1/record/{}/{}", s.loc, b.record),
            s.owner.as_(),
        )
        .await;
    let ft = rec.data()["finance_transactions"].as_array().unwrap();
    assert_eq!(ft.len(), 3);
    assert_eq!(ft[0]["document_id"], b.document);
    assert_eq!(ft[0]["expense"]["title"], "Provision of services");
    let details = app
        .get(
            &format!("/api/v1/visit/details/{}/{}/{}", s.loc, b.record, b.visit),
            s.owner.as_(),
        )
        .await;
    details.expect(StatusCode::OK);
    assert_eq!(
        details.data()["payment_transactions"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    // Deleting the overpayment reverses it.
    let id = payments[2]["id"].as_i64().unwrap();
    let del = app
        .delete(
            &format!(
                "/api/v1/company/{}/sale/{}/payment/payment_transaction/{id}",
                s.loc, b.document
            ),
            s.owner.as_(),
        )
        .await;
    del.expect(StatusCode::OK);
    assert_eq!(
        del.data()["state"]["payment_transactions"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        status_everywhere(&app, &s, &b).await,
        (
            "paid_full".into(),
            1,
            "paid_full".into(),
            "50".into(),
            json!(50)
        )
    );
    // A second deletion of it is 404; the books: cash 20.5, card 29.5.
    app.delete(
        &format!(
            "/api/v1/company/{}/sale/{}/payment/payment_transaction/{id}",
            s.loc, b.document
        ),
        s.owner.as_(),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
    let acc = app
        .get(&format!("/api/v1/accounts/{}", s.loc), s.owner.as_())
        .await;
    let balance = |id: i64| {
        acc.data()
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()["balance"]
            .clone()
    };
    assert_eq!((balance(cash), balance(card)), (json!(20.5), json!(29.5)));
    let docs = app
        .get(
            &format!(
                "/api/v1/storage_operations/documents/finance_transactions/{}",
                b.document
            ),
            s.owner.as_(),
        )
        .await;
    docs.expect(StatusCode::OK);
    assert_eq!(docs.data().as_array().unwrap().len(), 2);
    assert_eq!(docs.data()[0]["client"]["id"], b.client);
    assert_eq!(docs.data()[0]["master"]["id"], s.member);
}

#[tokio::test]
async fn refused_payments_answer_422_with_their_code_and_write_nothing() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let b = booked(&app, &s, "2026-03-10T10:00:00-04:00").await;
    let (cash, _) = accounts(&app, &s).await;
    let url = format!("/api/v1/company/{}/sale/{}/payment", s.loc, b.document);
    for slug in [
        "deposit",
        "loyalty_certificate",
        "loyalty_abonement",
        "loyalty_card",
        "loyalty_program",
        "referral_loyalty_program",
    ] {
        let a = app
            .post(
                &url,
                s.owner.as_(),
                json!({"payment": {"method": {"slug": slug, "deposit_id": 1}, "amount": 10}}),
            )
            .await;
        a.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            a.body["meta"]["code"], "payment_method_unavailable",
            "{slug}"
        );
    }
    let cases = [
        (
            json!({"payment": {"method": {"slug": "cash", "account_id": cash}, "amount": 10}}),
            "payment.method.slug",
        ),
        (
            json!({"payment": {"method": {"slug": "account"}, "amount": 10}}),
            "payment.method.account_id",
        ),
        (payment(cash, Value::Null), "payment.amount"),
        (payment(cash, json!(0)), "payment.amount"),
        (payment(cash, json!(1.234)), "payment.amount"),
        (payment(999_999, json!(10)), "payment.method.account_id"),
    ];
    for (body, field) in cases {
        let a = app.post(&url, s.owner.as_(), body.clone()).await;
        a.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.error_fields(), [field], "{body}");
    }
    // Another location's account is no account here.
    let other = salon(&app, "other@example.com").await;
    let (foreign, _) = accounts(&app, &other).await;
    let a = app
        .post(&url, s.owner.as_(), payment(foreign, json!(10)))
        .await;
    assert_eq!(a.error_fields(), ["payment.method.account_id"]);
    // A refund is at most what was paid.
    pay(&app, &s, b.document, cash, json!(10))
        .await
        .expect(StatusCode::OK);
    let a = pay(&app, &s, b.document, cash, json!(-10.01)).await;
    a.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.body["meta"]["code"], "refund_above_paid");
    let refund = pay(&app, &s, b.document, cash, json!(-10)).await;
    refund.expect(StatusCode::OK);
    assert_eq!(
        refund.data()["state"]["payment_transactions"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let rec = app
        .get(
            &format!("/api/v1/record/{}/{}", s.loc, b.record),
            s.owner.as_(),
        )
        .await;
    assert_eq!(rec.data()["payment_status"], "not_paid");

    // A yen location takes whole yen only.
    app.put(
        &format!("/api/v1/company/{}", s.loc),
        s.owner.as_(),
        json!({"currency": "JPY"}),
    )
    .await
    .expect(StatusCode::OK);
    let a = pay(&app, &s, b.document, cash, json!(12.5)).await;
    a.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.error_fields(), ["payment.amount"]);
    pay(&app, &s, b.document, cash, json!(12))
        .await
        .expect(StatusCode::OK);
}

#[tokio::test]
async fn every_sales_operation_answers_401_403_and_404() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let b = booked(&app, &s, "2026-03-10T10:00:00-04:00").await;
    let (cash, _) = accounts(&app, &s).await;
    let paid = pay(&app, &s, b.document, cash, json!(10)).await;
    let tid = paid.data()["state"]["payment_transactions"][0]["id"]
        .as_i64()
        .unwrap();
    let other = salon(&app, "other@example.com").await;
    let employee = app.user("employee@example.com").await;
    app.grant(employee.id, s.loc, "employee").await;
    let doc = |loc: i64, d: i64| format!("/api/v1/company/{loc}/sale/{d}");
    let ops = |loc: i64, d: i64| {
        vec![
            (Method::GET, doc(loc, d), None),
            (
                Method::POST,
                format!("{}/payment", doc(loc, d)),
                Some(payment(cash, json!(1))),
            ),
            (
                Method::DELETE,
                format!("{}/payment/payment_transaction/{tid}", doc(loc, d)),
                None,
            ),
            (
                Method::DELETE,
                format!("{}/payment/loyalty_transaction/{tid}", doc(loc, d)),
                None,
            ),
            (
                Method::GET,
                format!("/api/v1/storage_operations/documents/finance_transactions/{d}"),
                None,
            ),
            (
                Method::GET,
                format!("/api/v1/attendance/receipt_print/{}", b.visit),
                None,
            ),
        ]
    };
    let send = |m: Method, url: String, body: Option<Value>, who: As| {
        let app = &app;
        async move {
            app.send(
                m,
                &url,
                who,
                body.map(|b| b.to_string().into_bytes()),
                &[("content-type", "application/json")],
            )
            .await
        }
    };
    for (m, url, body) in ops(s.loc, b.document) {
        send(m.clone(), url.clone(), body.clone(), As::Partner)
            .await
            .expect(StatusCode::UNAUTHORIZED);
        send(m.clone(), url.clone(), body.clone(), other.owner.as_())
            .await
            .expect(StatusCode::FORBIDDEN);
        let e = send(m, url.clone(), body, employee.as_()).await;
        e.expect(StatusCode::FORBIDDEN);
        assert_eq!(e.body["meta"]["code"], "permission_denied", "{url}");
    }
    // Unknown documents, and this location's document under another location's path.
    for (m, url, body) in ops(s.loc, 999_999).into_iter().take(5) {
        send(m, url.clone(), body, s.owner.as_())
            .await
            .expect(StatusCode::NOT_FOUND);
    }
    for (m, url, body) in ops(other.loc, b.document).into_iter().take(4) {
        send(m, url.clone(), body, other.owner.as_())
            .await
            .expect(StatusCode::NOT_FOUND);
    }
    // A loyalty transaction does not exist; the cash payment is no loyalty transaction.
    app.delete(
        &format!(
            "{}/payment/loyalty_transaction/{tid}",
            doc(s.loc, b.document)
        ),
        s.owner.as_(),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_payments_of_one_visit_are_each_counted_exactly_once() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let b = booked(&app, &s, "2026-03-10T10:00:00-04:00").await;
    let (cash, _) = accounts(&app, &s).await;
    const N: usize = 24;
    // Each pays the whole remaining amount as it was before any of them.
    let statuses = futures_util::future::join_all((0..N).map(|_| {
        let (app, s) = (&app, &s);
        async move { pay(app, s, b.document, cash, json!(50)).await.status }
    }))
    .await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    let rec = app
        .get(
            &format!("/api/v1/record/{}/{}", s.loc, b.record),
            s.owner.as_(),
        )
        .await;
    assert_eq!(rec.data()["payment_status"], "paid_over");
    assert_eq!(
        rec.data()["finance_transactions"].as_array().unwrap().len(),
        N
    );
    let acc = app
        .get(&format!("/api/v1/accounts/{}", s.loc), s.owner.as_())
        .await;
    let cash_row = acc
        .data()
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == cash)
        .unwrap()
        .clone();
    assert_eq!(cash_row["balance"], json!(50 * N as i64));
    let client = app
        .get(
            &format!("/api/v1/client/{}/{}", s.loc, b.client),
            s.owner.as_(),
        )
        .await;
    assert_eq!(client.data()["spent"], json!(50 * N as i64));
}

#[tokio::test]
async fn the_receipt_is_a_pdf_with_lines_payments_and_balance_due() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let b = booked(&app, &s, "2026-03-10T10:00:00-04:00").await;
    let (cash, card) = accounts(&app, &s).await;
    pay(&app, &s, b.document, cash, json!(20))
        .await
        .expect(StatusCode::OK);
    pay(&app, &s, b.document, card, json!(10.5))
        .await
        .expect(StatusCode::OK);
    let a = app
        .get(
            &format!("/api/v1/attendance/receipt_print/{}", b.visit),
            s.owner.as_(),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.headers["content-type"], "application/pdf");
    assert!(a.raw.starts_with(b"%PDF-"));
    let doc = lopdf::Document::load_mem(&a.raw).expect("a PDF");
    let text = doc.extract_text(&[1]).expect("its text");
    for expected in [
        "Salon",
        "Receipt, 2026-03-10T10:00:00-04:00",
        "Client: James",
        "Cut",
        "50.00 USD",
        "0 %",
        "Cash desk",
        "20.00 USD",
        "Card payments",
        "10.50 USD",
        "Balance due",
        "19.50 USD",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text:?}");
    }
    app.get("/api/v1/attendance/receipt_print/999999", s.owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_fully_paid_appointments_services_change_only_with_the_permission() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let b = booked(&app, &s, "2026-03-10T10:00:00-04:00").await;
    let (cash, _) = accounts(&app, &s).await;
    let manager = app.user("manager@example.com").await;
    app.grant(manager.id, s.loc, "manager").await;
    let url = format!("/api/v1/record/{}/{}", s.loc, b.record);
    let mut cheaper = booking(&s, "2026-03-10T10:00:00-04:00");
    cheaper["services"] = json!([{"id": s.service, "cost": 40, "first_cost": 40}]);
    // Part-paid: the manager may still change prices.
    pay(&app, &s, b.document, cash, json!(10))
        .await
        .expect(StatusCode::OK);
    app.put(&url, manager.as_(), cheaper.clone())
        .await
        .expect(StatusCode::OK);
    pay(&app, &s, b.document, cash, json!(30))
        .await
        .expect(StatusCode::OK);
    let rec = app.get(&url, s.owner.as_()).await;
    assert_eq!(rec.data()["paid_full"], 1);
    // Fully paid: the manager may not; moving the comment alone is still fine.
    let mut dearer = booking(&s, "2026-03-10T10:00:00-04:00");
    dearer["services"] = json!([{"id": s.service, "cost": 60, "first_cost": 60}]);
    let refused = app.put(&url, manager.as_(), dearer.clone()).await;
    refused.expect(StatusCode::FORBIDDEN);
    assert_eq!(refused.body["meta"]["code"], "permission_denied");
    let mut same = cheaper.clone();
    same["comment"] = json!("paid, thanks");
    app.put(&url, manager.as_(), same)
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        app.get(&url, s.owner.as_()).await.data()["services"][0]["cost"],
        40
    );
    // The owner holds record_edit_full_paid.
    let ok = app.put(&url, s.owner.as_(), dearer).await;
    ok.expect(StatusCode::OK);
    assert_eq!(ok.data()["payment_status"], "paid_not_full");
}

#[tokio::test]
async fn a_payment_retried_with_its_idempotency_key_is_recorded_once() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let b = booked(&app, &s, "2026-03-10T10:00:00-04:00").await;
    let (cash, _) = accounts(&app, &s).await;
    let url = format!("/api/v1/company/{}/sale/{}/payment", s.loc, b.document);
    let body = payment(cash, json!(15)).to_string().into_bytes();
    let mut answers = Vec::new();
    for _ in 0..2 {
        answers.push(
            app.send(
                Method::POST,
                &url,
                s.owner.as_(),
                Some(body.clone()),
                &[
                    ("content-type", "application/json"),
                    ("idempotency-key", "pay-1"),
                ],
            )
            .await,
        );
    }
    answers[0].expect(StatusCode::OK);
    assert_eq!(answers[1].raw, answers[0].raw);
    assert_eq!(answers[1].headers["idempotent-replayed"], "true");
    let doc = app.get(&url.replace("/payment", ""), s.owner.as_()).await;
    assert_eq!(
        doc.data()["state"]["payment_transactions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn the_demo_business_has_paid_part_paid_and_unpaid_visits_with_their_transactions() {
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
    let records = app
        .get(
            "/api/v1/records/1?start_date=2025-11-01&end_date=2026-01-04&count=200",
            owner.clone(),
        )
        .await;
    records.expect(StatusCode::OK);
    let statuses: std::collections::BTreeSet<String> = records
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["payment_status"].as_str().unwrap().to_owned())
        .collect();
    for s in ["not_paid", "paid_not_full", "paid_full"] {
        assert!(statuses.contains(s), "{s} missing from {statuses:?}");
    }
    let transactions = app
        .get("/api/v1/transactions/1?count=1000", owner.clone())
        .await;
    let listed: i64 = transactions
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let d: rust_decimal::Decimal = t["amount"].as_str().unwrap().parse().unwrap();
            i64::try_from(d * rust_decimal::Decimal::from(100)).unwrap()
        })
        .sum();
    assert!(listed > 0);
    let accounts = app.get("/api/v1/accounts/1", owner).await;
    let balances: i64 = accounts
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let d: rust_decimal::Decimal = a["balance"].to_string().parse().unwrap();
            i64::try_from(d * rust_decimal::Decimal::from(100)).unwrap()
        })
        .sum();
    assert_eq!(balances, listed);
}
