//! Appointments and visits: booking, reading back, rescheduling, deleting; the booking rules
//! (no overlap, working hours, services provided, resources) alone and under 64 simultaneous
//! requests; visits and attendance; incremental sync; DST. Locations of `owner_with_location`
//! are in America/New_York.

use axum::http::StatusCode;
use bizd_domain::time::Clock;
use serde_json::{json, Value};

use crate::common::{As, TestApp, TestUser};

/// A salon with one team member working `hours` on `dates`, and one service of `length`
/// seconds they provide (price 50).
pub struct Salon {
    pub owner: TestUser,
    pub loc: i64,
    pub member: i64,
    pub service: i64,
}

pub async fn service(
    app: &TestApp,
    owner: &TestUser,
    loc: i64,
    members: &[i64],
    length: i64,
) -> i64 {
    let cat = app
        .post(
            &format!("/api/v1/service_categories/{loc}"),
            owner.as_(),
            json!({"title": "Hair"}),
        )
        .await;
    cat.expect(StatusCode::CREATED);
    let staff: Vec<Value> = members
        .iter()
        .map(|m| json!({"id": m, "seance_length": length}))
        .collect();
    let a = app
        .post(
            &format!("/api/v1/services/{loc}"),
            owner.as_(),
            json!({"title": "Cut", "category_id": cat.data()["id"], "price_min": 50,
                   "price_max": 50, "staff": staff}),
        )
        .await;
    a.expect(StatusCode::CREATED);
    a.data()["id"].as_i64().unwrap()
}

pub async fn work(
    app: &TestApp,
    owner: &TestUser,
    loc: i64,
    member: i64,
    dates: &[&str],
    from: &str,
    to: &str,
) {
    app.put(
        &format!("/api/v1/company/{loc}/staff/schedule"),
        owner.as_(),
        json!({"schedules_to_set": [{"team_member_id": member, "dates": dates,
                                       "slots": [{"from": from, "to": to}]}]}),
    )
    .await
    .expect(StatusCode::OK);
}

pub async fn salon(app: &TestApp, login: &str) -> Salon {
    let (owner, loc) = app.owner_with_location(login, "Salon").await;
    let member = app.team_member(&owner, loc, "Anna").await;
    let service = service(app, &owner, loc, &[member], 3600).await;
    work(
        app,
        &owner,
        loc,
        member,
        &["2026-03-10", "2026-03-11"],
        "09:00",
        "18:00",
    )
    .await;
    Salon {
        owner,
        loc,
        member,
        service,
    }
}

pub fn booking(s: &Salon, datetime: &str) -> Value {
    json!({
        "staff_id": s.member,
        "services": [{"id": s.service}],
        "client": {"phone": "+1 315 555 0175", "name": "James"},
        "datetime": datetime,
        "seance_length": 3600,
        "comment": "first visit",
        "api_id": "ext-1",
    })
}

pub async fn book(app: &TestApp, s: &Salon, body: Value) -> crate::common::Answer {
    app.post(&format!("/api/v1/records/{}", s.loc), s.owner.as_(), body)
        .await
}

#[tokio::test]
async fn an_appointment_is_booked_read_back_rescheduled_and_deleted() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let created = book(&app, &s, booking(&s, "2026-03-10T10:00:00-04:00")).await;
    created.expect(StatusCode::CREATED);
    let a = created.data().clone();
    let id = a["id"].as_i64().unwrap();
    assert_eq!(a["company_id"], s.loc);
    assert_eq!(a["staff_id"], s.member);
    assert_eq!(a["staff"]["name"], "Anna");
    assert_eq!(a["datetime"], "2026-03-10T10:00:00-04:00");
    assert_eq!(a["seance_length"], 3600);
    assert_eq!(a["length"], 3600);
    assert_eq!(a["comment"], "first visit");
    assert_eq!(a["api_id"], "ext-1");
    assert_eq!(a["deleted"], false);
    assert_eq!(a["attendance"], 0);
    assert_eq!(a["services"][0]["id"], s.service);
    assert_eq!(a["services"][0]["first_cost"], 50);
    assert_eq!(a["services"][0]["cost"], 50);
    assert_eq!(a["services"][0]["amount"], 1);
    // The client was created from the phone, and the phone is a string.
    assert_eq!(a["client"]["phone"], "+13155550175");
    assert_eq!(a["client"]["name"], "James");
    let client_id = a["client"]["id"].as_i64().unwrap();
    let client = app
        .get(
            &format!("/api/v1/client/{}/{client_id}", s.loc),
            s.owner.as_(),
        )
        .await;
    client.expect(StatusCode::OK);
    assert_eq!(client.data()["name"], "James");
    assert_eq!(a["created_user_id"], s.owner.id);

    let uri = format!("/api/v1/record/{}/{id}", s.loc);
    let read = app.get(&uri, s.owner.as_()).await;
    read.expect(StatusCode::OK);
    assert_eq!(
        read.data(),
        &a,
        "what a create answers is what a read returns"
    );
    assert_eq!(read.body["meta"], json!([]));

    // Reschedule: only the time changes.
    let moved = app
        .put(
            &uri,
            s.owner.as_(),
            json!({"datetime": "2026-03-10T15:00:00-04:00"}),
        )
        .await;
    moved.expect(StatusCode::OK);
    assert_eq!(moved.data()["datetime"], "2026-03-10T15:00:00-04:00");
    assert_eq!(moved.data()["comment"], "first visit");
    assert_eq!(moved.data()["client"]["id"], client_id);
    assert_eq!(app.get(&uri, s.owner.as_()).await.data(), moved.data());

    // The same client by phone again is the same client.
    let second = book(&app, &s, booking(&s, "2026-03-11T10:00:00-04:00")).await;
    second.expect(StatusCode::CREATED);
    assert_eq!(second.data()["client"]["id"], client_id);

    let list = app
        .get(
            &format!(
                "/api/v1/records/{}?staff_id={}&start_date=2026-03-10&end_date=2026-03-10",
                s.loc, s.member
            ),
            s.owner.as_(),
        )
        .await;
    list.expect(StatusCode::OK);
    assert_eq!(list.data().as_array().unwrap().len(), 1);
    assert_eq!(list.body["meta"], json!({"page": 1, "total_count": 1}));
    assert_eq!(list.data()[0], *moved.data());

    app.delete(&uri, s.owner.as_()).await.expect_no_content();
    app.get(&uri, s.owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.delete(&uri, s.owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    let all = app
        .get(
            &format!("/api/v1/records/{}?with_deleted=1", s.loc),
            s.owner.as_(),
        )
        .await;
    let deleted: Vec<&Value> = all
        .data()
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["deleted"] == true)
        .collect();
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0]["id"], id);
    let live = app
        .get(&format!("/api/v1/records/{}", s.loc), s.owner.as_())
        .await;
    assert_eq!(live.body["meta"]["total_count"], 1);
}

#[tokio::test]
async fn a_booking_that_breaks_a_rule_is_refused_with_its_code_and_writes_nothing() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    book(&app, &s, booking(&s, "2026-03-10T10:00:00-04:00"))
        .await
        .expect(StatusCode::CREATED);
    let code = |a: &crate::common::Answer| a.body["meta"]["code"].as_str().unwrap_or("").to_owned();

    let overlap = book(&app, &s, booking(&s, "2026-03-10T10:30:00-04:00")).await;
    overlap.expect(StatusCode::CONFLICT);
    assert_eq!(code(&overlap), "slot_busy");
    let late = book(&app, &s, booking(&s, "2026-03-10T17:30:00-04:00")).await;
    late.expect(StatusCode::CONFLICT);
    assert_eq!(code(&late), "outside_working_hours");
    let day_off = book(&app, &s, booking(&s, "2026-03-12T10:00:00-04:00")).await;
    assert_eq!(code(&day_off), "outside_working_hours");
    let bob = app.team_member(&s.owner, s.loc, "Bob").await;
    work(
        &app,
        &s.owner,
        s.loc,
        bob,
        &["2026-03-10"],
        "09:00",
        "18:00",
    )
    .await;
    let mut not_his = booking(&s, "2026-03-10T10:00:00-04:00");
    not_his["staff_id"] = json!(bob);
    let refused = book(&app, &s, not_his.clone()).await;
    refused.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(code(&refused), "service_not_provided");
    // Adjacent appointments do not overlap.
    book(&app, &s, booking(&s, "2026-03-10T11:00:00-04:00"))
        .await
        .expect(StatusCode::CREATED);
    let list = app
        .get(&format!("/api/v1/records/{}", s.loc), s.owner.as_())
        .await;
    assert_eq!(
        list.body["meta"]["total_count"], 2,
        "refusals wrote nothing"
    );

    // save_if_busy keeps it anyway.
    let mut anyway = booking(&s, "2026-03-10T10:30:00-04:00");
    anyway["save_if_busy"] = json!(true);
    book(&app, &s, anyway).await.expect(StatusCode::CREATED);
    not_his["save_if_busy"] = json!(true);
    book(&app, &s, not_his).await.expect(StatusCode::CREATED);

    // Rescheduling is checked the same way, the appointment itself excluded.
    let first = list.data()[0]["id"].as_i64().unwrap();
    let uri = format!("/api/v1/record/{}/{first}", s.loc);
    app.put(
        &uri,
        s.owner.as_(),
        json!({"datetime": "2026-03-10T10:15:00-04:00", "seance_length": 2700}),
    )
    .await
    .expect(StatusCode::CONFLICT);
    app.put(
        &uri,
        s.owner.as_(),
        json!({"datetime": "2026-03-10T09:00:00-04:00"}),
    )
    .await
    .expect(StatusCode::OK);
}

#[tokio::test]
async fn bad_input_is_a_422_naming_the_field() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let cases = [
        (
            json!({"services": [{"id": s.service}], "datetime": "2026-03-10T10:00:00-04:00"}),
            "staff_id",
        ),
        (
            json!({"staff_id": s.member, "datetime": "2026-03-10T10:00:00-04:00"}),
            "services",
        ),
        (
            json!({"staff_id": s.member, "services": [{"id": s.service}]}),
            "datetime",
        ),
        (
            json!({"staff_id": s.member, "services": [{"id": s.service}], "datetime": "tomorrow"}),
            "datetime",
        ),
        (
            json!({"staff_id": s.member, "services": [{"id": 999_999}], "datetime": "2026-03-10T10:00:00-04:00"}),
            "services.0.id",
        ),
        (
            json!({"staff_id": 999_999, "services": [{"id": s.service}], "datetime": "2026-03-10T10:00:00-04:00"}),
            "staff_id",
        ),
        (
            json!({"staff_id": s.member, "services": [{"id": s.service}], "datetime": "2026-03-10T10:00:00-04:00", "attendance": 7}),
            "attendance",
        ),
        (
            json!({"staff_id": s.member, "services": [{"id": s.service}], "datetime": "2026-03-10T10:00:00-04:00", "seance_length": 0}),
            "seance_length",
        ),
        (
            json!({"staff_id": s.member, "services": [{"id": s.service, "discount": 150}], "datetime": "2026-03-10T10:00:00-04:00"}),
            "services.0.discount",
        ),
        (
            json!({"staff_id": s.member, "services": [{"id": s.service}], "datetime": "2026-03-10T10:00:00-04:00", "client": {"phone": "abc"}}),
            "client.phone",
        ),
        (
            json!({"staff_id": s.member, "services": [{"id": s.service}], "datetime": "2026-03-10T10:00:00-04:00", "client_id": 999_999}),
            "client_id",
        ),
    ];
    for (body, field) in cases {
        let a = book(&app, &s, body.clone()).await;
        a.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            a.error_fields().contains(&field.to_owned()),
            "{body}: {:?}",
            a.body
        );
    }
    let list = app
        .get(&format!("/api/v1/records/{}", s.loc), s.owner.as_())
        .await;
    assert_eq!(list.body["meta"]["total_count"], 0);
    app.get(
        &format!("/api/v1/records/{}?count=1000", s.loc),
        s.owner.as_(),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.get(
        &format!("/api/v1/records/{}?start_date=someday", s.loc),
        s.owner.as_(),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn every_operation_answers_401_403_and_404() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let (stranger, foreign) = app
        .owner_with_location("stranger@example.com", "Other")
        .await;
    let created = book(&app, &s, booking(&s, "2026-03-10T10:00:00-04:00")).await;
    let id = created.data()["id"].as_i64().unwrap();
    let visit = created.data()["visit_id"].as_i64().unwrap();
    let loc = s.loc;
    let reads = [
        format!("/api/v1/records/{loc}"),
        format!("/api/v1/record/{loc}/{id}"),
        format!("/api/v1/visits/{visit}"),
        format!("/api/v1/visit/details/{loc}/{id}/{visit}"),
    ];
    for uri in &reads {
        app.get(uri, As::Partner)
            .await
            .expect(StatusCode::UNAUTHORIZED);
        app.get(uri, As::Nobody)
            .await
            .expect(StatusCode::UNAUTHORIZED);
        app.get(uri, stranger.as_())
            .await
            .expect(StatusCode::FORBIDDEN);
        app.get(uri, s.owner.as_()).await.expect(StatusCode::OK);
    }
    app.get("/api/v1/records/partner", As::Partner)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    let mine = app.get("/api/v1/records/partner", s.owner.as_()).await;
    mine.expect(StatusCode::OK);
    assert_eq!(mine.data().as_array().unwrap().len(), 1);
    let theirs = app.get("/api/v1/records/partner", stranger.as_()).await;
    assert_eq!(theirs.data().as_array().unwrap().len(), 0);
    app.get(
        &format!("/api/v1/records/partner?salon_id={loc}"),
        stranger.as_(),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    // Writes.
    let body = booking(&s, "2026-03-10T12:00:00-04:00");
    app.post(
        &format!("/api/v1/records/{loc}"),
        stranger.as_(),
        body.clone(),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    app.post(&format!("/api/v1/records/{loc}"), As::Partner, body.clone())
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.put(
        &format!("/api/v1/record/{loc}/{id}"),
        stranger.as_(),
        json!({}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    app.delete(&format!("/api/v1/record/{loc}/{id}"), stranger.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    app.put(
        &format!("/api/v1/visits/{visit}/{id}"),
        stranger.as_(),
        json!({"attendance": 1}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    // 404s: unknown ids, another location's appointment, a visit of another appointment.
    for uri in [
        format!("/api/v1/record/{loc}/999999"),
        format!("/api/v1/record/{foreign}/{id}"),
        "/api/v1/visits/999999".to_owned(),
        format!("/api/v1/visit/details/{loc}/999999/{visit}"),
        "/api/v1/records/999999".to_owned(),
    ] {
        let who = if uri.contains(&format!("/{foreign}/")) {
            stranger.as_()
        } else {
            s.owner.as_()
        };
        app.get(&uri, who).await.expect(StatusCode::NOT_FOUND);
    }
    app.put(
        &format!("/api/v1/record/{loc}/999999"),
        s.owner.as_(),
        json!({}),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
    app.put(
        &format!("/api/v1/visits/{visit}/999999"),
        s.owner.as_(),
        json!({"attendance": 1}),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
    app.put(
        &format!("/api/v1/visits/{visit}/{id}"),
        s.owner.as_(),
        json!({"attendance": 9}),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    // An employee holds the timetable permission: may book.
    let employee = app.user("employee@example.com").await;
    app.grant(employee.id, loc, "employee").await;
    app.post(&format!("/api/v1/records/{loc}"), employee.as_(), body)
        .await
        .expect(StatusCode::CREATED);
}

#[tokio::test]
async fn a_visit_groups_a_clients_day_and_its_attendance_reaches_appointments_and_client() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let a = book(&app, &s, booking(&s, "2026-03-10T10:00:00-04:00")).await;
    let b = book(&app, &s, booking(&s, "2026-03-10T12:00:00-04:00")).await;
    let c = book(&app, &s, booking(&s, "2026-03-11T12:00:00-04:00")).await;
    let visit = a.data()["visit_id"].as_i64().unwrap();
    assert_eq!(
        b.data()["visit_id"],
        visit,
        "one client, one day, one visit"
    );
    assert_ne!(c.data()["visit_id"], visit, "another day, another visit");
    let client = a.data()["client"]["id"].as_i64().unwrap();
    let ids = [
        a.data()["id"].as_i64().unwrap(),
        b.data()["id"].as_i64().unwrap(),
    ];

    let got = app
        .get(&format!("/api/v1/visits/{visit}"), s.owner.as_())
        .await;
    got.expect(StatusCode::OK);
    assert_eq!(got.data()["attendance"], 0);
    assert_eq!(got.data()["datetime"], "2026-03-10T10:00:00-04:00");
    assert_eq!(got.data()["records"].as_array().unwrap().len(), 2);

    let changed = app
        .put(
            &format!("/api/v1/visits/{visit}/{}", ids[1]),
            s.owner.as_(),
            json!({"attendance": 1, "comment": "came with a friend"}),
        )
        .await;
    changed.expect(StatusCode::OK);
    assert_eq!(changed.data()["attendance"], 1);
    for id in ids {
        let r = app
            .get(&format!("/api/v1/record/{}/{id}", s.loc), s.owner.as_())
            .await;
        assert_eq!(r.data()["attendance"], 1);
        assert_eq!(r.data()["visit_attendance"], 1);
        assert_eq!(r.data()["client"]["success_visits_count"], 1);
    }
    let second = app
        .get(
            &format!("/api/v1/record/{}/{}", s.loc, ids[1]),
            s.owner.as_(),
        )
        .await;
    assert_eq!(second.data()["comment"], "came with a friend");
    let cl = app
        .get(&format!("/api/v1/client/{}/{client}", s.loc), s.owner.as_())
        .await;
    assert_eq!(cl.data()["visits"], 1);

    // No-show on the other day's visit counts as a failed visit.
    let other = c.data()["visit_id"].as_i64().unwrap();
    app.put(
        &format!("/api/v1/visits/{other}/{}", c.data()["id"]),
        s.owner.as_(),
        json!({"attendance": -1}),
    )
    .await
    .expect(StatusCode::OK);
    let r = app
        .get(
            &format!("/api/v1/record/{}/{}", s.loc, ids[0]),
            s.owner.as_(),
        )
        .await;
    assert_eq!(r.data()["client"]["fail_visits_count"], 1);

    let details = app
        .get(
            &format!("/api/v1/visit/details/{}/{}/{visit}", s.loc, ids[0]),
            s.owner.as_(),
        )
        .await;
    details.expect(StatusCode::OK);
    let items = details.data()["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["service_id"], s.service);
    assert_eq!(items[0]["cost"], 50);
    assert_eq!(details.data()["payment_transactions"], json!([]));

    // The visit history search reads the real appointments.
    let history = app
        .post(
            &format!("/api/v1/company/{}/clients/visits/search", s.loc),
            s.owner.as_(),
            json!({"client_id": client}),
        )
        .await;
    history.expect(StatusCode::OK);
    assert!(history.body.to_string().contains(&ids[0].to_string()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_four_simultaneous_bookings_of_one_slot_make_exactly_one_appointment() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let statuses = futures_util::future::join_all((0..64).map(|i| {
        let mut body = booking(&s, "2026-03-10T10:00:00-04:00");
        body["client"]["phone"] = json!(format!("+1315555{:04}", i));
        let (app, s) = (&app, &s);
        async move { book(app, s, body).await.status }
    }))
    .await;
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((created, refused), (1, 63), "{statuses:?}");
    let list = app
        .get(&format!("/api/v1/records/{}", s.loc), s.owner.as_())
        .await;
    assert_eq!(list.body["meta"]["total_count"], 1);
}

#[tokio::test]
async fn a_deleted_appointment_frees_its_slot_at_once() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let first = book(&app, &s, booking(&s, "2026-03-10T10:00:00-04:00")).await;
    book(&app, &s, booking(&s, "2026-03-10T10:00:00-04:00"))
        .await
        .expect(StatusCode::CONFLICT);
    app.delete(
        &format!("/api/v1/record/{}/{}", s.loc, first.data()["id"]),
        s.owner.as_(),
    )
    .await
    .expect_no_content();
    book(&app, &s, booking(&s, "2026-03-10T10:00:00-04:00"))
        .await
        .expect(StatusCode::CREATED);
}

#[tokio::test]
async fn a_sync_with_changed_after_and_with_deleted_misses_no_change() {
    let clock = Clock::fixed(1_773_100_000);
    let app = TestApp::new().await.with_clock(clock.clone());
    let s = salon(&app, "owner@example.com").await;
    let a = book(&app, &s, booking(&s, "2026-03-10T10:00:00-04:00")).await;
    let b = book(&app, &s, booking(&s, "2026-03-10T12:00:00-04:00")).await;
    let sync = |cursor: String| {
        let (app, s) = (&app, &s);
        async move {
            let uri = format!(
                "/api/v1/records/{}?with_deleted=1&count=200&changed_after={}",
                s.loc,
                cursor.replace('+', "%2B")
            );
            let page = app.get(&uri, s.owner.as_()).await;
            page.expect(StatusCode::OK);
            page.data().as_array().unwrap().clone()
        }
    };
    let first = sync("2026-01-01T00:00:00Z".into()).await;
    assert_eq!(first.len(), 2);
    let cursor = first
        .iter()
        .map(|r| r["last_change_date"].as_str().unwrap().to_owned())
        .max()
        .unwrap();
    // In the same second as the first sync: one change, one deletion.
    app.put(
        &format!("/api/v1/record/{}/{}", s.loc, a.data()["id"]),
        s.owner.as_(),
        json!({"comment": "changed"}),
    )
    .await
    .expect(StatusCode::OK);
    app.delete(
        &format!("/api/v1/record/{}/{}", s.loc, b.data()["id"]),
        s.owner.as_(),
    )
    .await
    .expect_no_content();
    let next = sync(cursor).await;
    let find = |id: &Value| next.iter().find(|r| r["id"] == *id).cloned();
    assert_eq!(find(&a.data()["id"]).unwrap()["comment"], "changed");
    assert_eq!(find(&b.data()["id"]).unwrap()["deleted"], true);
}

#[tokio::test]
async fn bookings_across_new_york_dst_changes_lose_and_double_no_hour() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    work(
        &app,
        &s.owner,
        s.loc,
        s.member,
        &["2026-03-08", "2026-11-01"],
        "00:00",
        "06:00",
    )
    .await;
    // Spring: 01:00 EST + 2 h is 04:00 EDT (02:00–03:00 does not exist).
    let mut spring = booking(&s, "2026-03-08T01:00:00");
    spring["seance_length"] = json!(7200);
    let a = book(&app, &s, spring).await;
    a.expect(StatusCode::CREATED);
    assert_eq!(a.data()["datetime"], "2026-03-08T01:00:00-05:00");
    book(&app, &s, booking(&s, "2026-03-08T03:00:00"))
        .await
        .expect(StatusCode::CONFLICT);
    book(&app, &s, booking(&s, "2026-03-08T04:00:00"))
        .await
        .expect(StatusCode::CREATED);
    // Autumn: 01:30 happens twice; both are bookable, an hour apart.
    let mut first = booking(&s, "2026-11-01T01:30:00-04:00");
    first["seance_length"] = json!(1800);
    let mut second = booking(&s, "2026-11-01T01:30:00-05:00");
    second["seance_length"] = json!(1800);
    book(&app, &s, first).await.expect(StatusCode::CREATED);
    let b = book(&app, &s, second).await;
    b.expect(StatusCode::CREATED);
    assert_eq!(b.data()["datetime"], "2026-11-01T01:30:00-05:00");
    // 00:00–06:00 local that night is 7 real hours: 6 more one-hour bookings fit after 01:00 EDT.
    let list = app
        .get(
            &format!(
                "/api/v1/records/{}?start_date=2026-11-01&end_date=2026-11-01",
                s.loc
            ),
            s.owner.as_(),
        )
        .await;
    assert_eq!(list.body["meta"]["total_count"], 2);
}

#[tokio::test]
async fn a_resource_with_one_instance_takes_one_appointment_at_a_time() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let bob = app.team_member(&s.owner, s.loc, "Bob").await;
    work(
        &app,
        &s.owner,
        s.loc,
        bob,
        &["2026-03-10"],
        "09:00",
        "18:00",
    )
    .await;
    let massage = service(&app, &s.owner, s.loc, &[s.member, bob], 3600).await;
    let room = app
        .post(
            &format!("/api/v1/resources/{}", s.loc),
            s.owner.as_(),
            json!({"title": "Room", "instances": 1}),
        )
        .await;
    room.expect(StatusCode::CREATED);
    app.post(
        &format!("/api/v1/company/{}/services/links", s.loc),
        s.owner.as_(),
        json!({"service_id": massage, "resource_ids": [room.data()["id"]],
               "master_settings": [{"master_id": s.member}, {"master_id": bob}]}),
    )
    .await;
    let mut first = booking(&s, "2026-03-10T10:00:00-04:00");
    first["services"] = json!([{"id": massage}]);
    let made = book(&app, &s, first.clone()).await;
    made.expect(StatusCode::CREATED);
    let instances: Vec<Value> = room.data()["instances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].clone())
        .collect();
    assert_eq!(
        made.data()["resource_instance_ids"],
        Value::Array(instances)
    );
    let mut other = first.clone();
    other["staff_id"] = json!(bob);
    let refused = book(&app, &s, other.clone()).await;
    refused.expect(StatusCode::CONFLICT);
    assert_eq!(refused.body["meta"]["code"], "resource_unavailable");
    other["datetime"] = json!("2026-03-10T11:00:00-04:00");
    book(&app, &s, other).await.expect(StatusCode::CREATED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_bookings_of_one_clients_day_share_one_visit() {
    let app = TestApp::new().await;
    let s = salon(&app, "owner@example.com").await;
    let first = book(&app, &s, booking(&s, "2026-03-10T09:00:00-04:00")).await;
    first.expect(StatusCode::CREATED);
    let client = first.data()["client"]["id"].clone();
    let answers = futures_util::future::join_all((10..18).map(|hour| {
        let mut body = booking(&s, &format!("2026-03-10T{hour}:00:00-04:00"));
        body["client"] = json!({"id": client});
        let (app, s) = (&app, &s);
        async move { book(app, s, body).await }
    }))
    .await;
    for a in &answers {
        a.expect(StatusCode::CREATED);
        assert_eq!(a.data()["visit_id"], first.data()["visit_id"]);
    }
    let visit = first.data()["visit_id"].as_i64().unwrap();
    let got = app
        .get(&format!("/api/v1/visits/{visit}"), s.owner.as_())
        .await;
    assert_eq!(got.data()["records"].as_array().unwrap().len(), 9);
}
