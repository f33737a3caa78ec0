//! Online booking: the settings and booking forms, the public flow from services to a booked,
//! moved and cancelled appointment (over a real socket), the settings' effect on what is
//! offered, 64 simultaneous online bookings of one slot, a DST day, the numbered refusals, and
//! booking-site accounts. Locations of `owner_with_location` are in America/New_York; the clock
//! is fixed before the dates booked.

use axum::http::StatusCode;
use bizd_domain::time::Clock;
use serde_json::{json, Value};

use crate::common::{As, TestApp, TestUser, PARTNER};

fn at(iso: &str) -> i64 {
    iso.parse::<jiff::Timestamp>().unwrap().as_second()
}

/// A salon with Anna and Bob working 09:00–18:00 on 10–12 March 2026 and one one-hour
/// service both provide.
struct Salon {
    owner: TestUser,
    loc: i64,
    anna: i64,
    bob: i64,
    service: i64,
}

async fn salon(app: &TestApp) -> Salon {
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let anna = app.team_member(&owner, loc, "Anna").await;
    let bob = app.team_member(&owner, loc, "Bob").await;
    let cat = app
        .post(
            &format!("/api/v1/service_categories/{loc}"),
            owner.as_(),
            json!({"title": "Hair"}),
        )
        .await;
    cat.expect(StatusCode::CREATED);
    let s = app
        .post(
            &format!("/api/v1/services/{loc}"),
            owner.as_(),
            json!({"title": "Cut", "category_id": cat.data()["id"], "price_min": 50,
                   "price_max": 50, "staff": [{"id": anna, "seance_length": 3600},
                                               {"id": bob, "seance_length": 3600}]}),
        )
        .await;
    s.expect(StatusCode::CREATED);
    let service = s.data()["id"].as_i64().unwrap();
    work(
        app,
        &owner,
        loc,
        &[anna, bob],
        &["2026-03-10", "2026-03-11", "2026-03-12"],
        "09:00",
        "18:00",
    )
    .await;
    Salon {
        owner,
        loc,
        anna,
        bob,
        service,
    }
}

async fn work(
    app: &TestApp,
    owner: &TestUser,
    loc: i64,
    members: &[i64],
    dates: &[&str],
    from: &str,
    to: &str,
) {
    let set: Vec<Value> = members
        .iter()
        .map(|m| json!({"team_member_id": m, "dates": dates, "slots": [{"from": from, "to": to}]}))
        .collect();
    app.put(
        &format!("/api/v1/company/{loc}/staff/schedule"),
        owner.as_(),
        json!({"schedules_to_set": set}),
    )
    .await
    .expect(StatusCode::OK);
}

fn times(a: &crate::common::Answer) -> Vec<String> {
    a.data()
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["time"].as_str().unwrap().to_owned())
        .collect()
}

async fn settings(app: &TestApp, s: &Salon, body: Value) {
    app.send(
        axum::http::Method::PATCH,
        &format!("/api/v1/company/{}/settings/online", s.loc),
        s.owner.as_(),
        Some(body.to_string().into_bytes()),
        &[("content-type", "application/json")],
    )
    .await
    .expect(StatusCode::OK);
}

/// The newest code the outbox holds for `phone` (digits).
async fn code_sent_to(app: &TestApp, phone: &str) -> String {
    let mut c = app.db.read().await.unwrap();
    let list = bizd_store::online_booking::codes::outbox(&mut c, 50)
        .await
        .unwrap();
    let m = list
        .iter()
        .find(|m| m.recipient == phone)
        .expect("a code in the outbox");
    m.body
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .unwrap()
        .to_owned()
}

fn record(s: &Salon, member: i64, datetime: &str, phone: &str) -> Value {
    json!({"phone": phone, "fullname": "James Smith", "email": "j@example.com",
           "appointments": [{"id": 1, "services": [s.service], "staff_id": member, "datetime": datetime}]})
}

#[tokio::test(flavor = "multi_thread")]
async fn the_public_flow_books_moves_and_cancels_over_a_real_socket() {
    let app = TestApp::new()
        .await
        .with_clock(Clock::fixed(at("2026-03-09T16:00:00Z")));
    let s = salon(&app).await;
    settings(&app, &s, json!({"confirm_number": true})).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/api/v1", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(bizd::app::serve(listener, app.state.clone(), async {
        let _ = stopped.await;
    }));
    let http = reqwest::Client::new();
    let partner = format!("Bearer {PARTNER}");
    let call = |method: reqwest::Method, path: String, auth: String, body: Option<Value>| {
        let req = http
            .request(method, format!("{base}{path}"))
            .header("Authorization", auth)
            .header("Accept", "application/vnd.api.v2+json");
        let req = match body {
            Some(b) => req.json(&b),
            None => req,
        };
        async move {
            let res = req.send().await.unwrap();
            let status = res.status().as_u16();
            (status, res.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    use reqwest::Method as M;
    let (loc, svc, anna) = (s.loc, s.service, s.anna);

    let (st, b) = call(
        M::GET,
        format!("/book_services/{loc}?staff_id={anna}"),
        partner.clone(),
        None,
    )
    .await;
    assert_eq!(st, 200, "{b}");
    assert_eq!(b["data"]["services"][0]["id"], svc);
    assert_eq!(b["data"]["services"][0]["seance_length"], 3600);
    assert_eq!(b["data"]["category"][0]["title"], "Hair");
    assert_eq!(b["data"]["events"], json!([]));

    let (st, b) = call(
        M::GET,
        format!("/book_staff/{loc}?service_ids[]={svc}"),
        partner.clone(),
        None,
    )
    .await;
    assert_eq!(st, 200, "{b}");
    let staff = b["data"].as_array().unwrap();
    assert_eq!(staff.len(), 2);
    assert!(staff
        .iter()
        .all(|m| m["bookable"] == true && m["seance_date"] == "2026-03-10"));

    let (st, b) = call(
        M::GET,
        format!("/book_dates/{loc}?service_ids[]={svc}&staff_id={anna}"),
        partner.clone(),
        None,
    )
    .await;
    assert_eq!(st, 200, "{b}");
    assert_eq!(
        b["data"]["booking_dates"],
        json!(["2026-03-10", "2026-03-11", "2026-03-12"])
    );
    assert_eq!(b["data"]["booking_days"], json!({"3": [10, 11, 12]}));
    assert_eq!(b["data"]["working_dates"], b["data"]["booking_dates"]);

    let times_of = |b: &Value| -> Vec<String> {
        b["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["time"].as_str().unwrap().to_owned())
            .collect()
    };
    let day = format!("/book_times/{loc}/{anna}/2026-03-10?service_ids[]={svc}");
    let (st, b) = call(M::GET, day.clone(), partner.clone(), None).await;
    assert_eq!(st, 200, "{b}");
    let before = times_of(&b);
    assert_eq!(before.len(), 33, "09:00 to 17:00 every 15 minutes");
    assert_eq!(b["data"][4]["datetime"], "2026-03-10T10:00:00-04:00");
    assert_eq!(b["data"][4]["seance_length"], 3600);

    let one = json!({"appointments": [{"id": 1, "services": [svc], "staff_id": anna, "datetime": "2026-03-10T10:00:00-04:00"}]});
    let (st, b) = call(
        M::POST,
        format!("/book_check/{loc}"),
        partner.clone(),
        Some(one),
    )
    .await;
    assert_eq!((st, &b["meta"]["message"]), (201, &json!("Created")), "{b}");

    let (st, b) = call(
        M::POST,
        format!("/book_code/{loc}"),
        partner.clone(),
        Some(json!({"phone": "+1 315 555 0175", "fulname": "James"})),
    )
    .await;
    assert_eq!(st, 201, "{b}");
    let code = code_sent_to(&app, "13155550175").await;
    let mut body = record(&s, anna, "2026-03-10T10:00:00-04:00", "+1 315 555 0175");
    body["code"] = json!("000000x");
    let (st, b) = call(
        M::POST,
        format!("/book_record/{loc}"),
        partner.clone(),
        Some(body.clone()),
    )
    .await;
    assert_eq!(
        (st, &b["meta"]["errors"][0]["code"]),
        (422, &json!(432)),
        "{b}"
    );
    body["code"] = json!(code);
    let (st, b) = call(
        M::POST,
        format!("/book_record/{loc}"),
        partner.clone(),
        Some(body.clone()),
    )
    .await;
    assert_eq!(st, 201, "{b}");
    assert_eq!(b["data"][0]["id"], 1);
    let record_id = b["data"][0]["record_id"].as_i64().unwrap();
    let hash = b["data"][0]["record_hash"].as_str().unwrap().to_owned();
    assert!(hash.len() >= 32, "at least 128 bits");
    // The code confirmed one booking.
    let (st, b) = call(
        M::POST,
        format!("/book_record/{loc}"),
        partner.clone(),
        Some(body),
    )
    .await;
    assert_eq!(
        (st, &b["meta"]["errors"][0]["code"]),
        (422, &json!(432)),
        "{b}"
    );

    let (_, b) = call(M::GET, day.clone(), partner.clone(), None).await;
    let after = times_of(&b);
    for gone in ["09:15", "10:00", "10:45"] {
        assert!(
            !after.contains(&gone.to_owned()),
            "{gone} overlaps the booking"
        );
    }
    assert!(after.contains(&"09:00".to_owned()) && after.contains(&"11:00".to_owned()));

    let (st, b) = call(
        M::GET,
        format!("/book_record/{loc}/{record_id}/{hash}"),
        partner.clone(),
        None,
    )
    .await;
    assert_eq!(st, 200, "{b}");
    assert_eq!(b["data"]["online"], true);
    assert_eq!(b["data"]["datetime"], "2026-03-10T10:00:00-04:00");
    assert_eq!(b["data"]["services"][0]["id"], svc);
    let (st, _) = call(
        M::GET,
        format!("/book_record/{loc}/{record_id}/{}", "0".repeat(40)),
        partner.clone(),
        None,
    )
    .await;
    assert_eq!(st, 404);

    // The salon sees it at once, marked online.
    let owner = format!("Bearer {PARTNER}, User {}", s.owner.token);
    let (_, b) = call(M::GET, format!("/records/{loc}"), owner.clone(), None).await;
    let r = &b["data"][0];
    assert_eq!(
        (r["id"].as_i64(), &r["online"], &r["record_from"]),
        (Some(record_id), &json!(true), &json!("widget"))
    );
    assert!(r["bookform_id"].as_i64().unwrap() > 0);
    assert_eq!(r["client"]["phone"], "+13155550175");

    // Moved with its hash.
    let (st, b) = call(M::PUT, format!("/book_record/{loc}/{record_id}"), partner.clone(),
        Some(json!({"datetime": "2026-03-10T14:00:00-04:00", "comment": "later", "record_hash": hash}))).await;
    assert_eq!(st, 200, "{b}");
    assert_eq!(b["data"]["datetime"], "2026-03-10T14:00:00-04:00");
    assert_eq!(b["data"]["comment"], "later");
    let (st, _) = call(
        M::PUT,
        format!("/book_record/{loc}/{record_id}"),
        partner.clone(),
        Some(json!({"datetime": "2026-03-10T15:00:00-04:00"})),
    )
    .await;
    assert_eq!(st, 403, "neither the hash nor the booker's account");
    let (_, b) = call(M::GET, day.clone(), partner.clone(), None).await;
    let moved = times_of(&b);
    assert!(moved.contains(&"10:00".to_owned()) && !moved.contains(&"14:00".to_owned()));

    // The booker signs in with a code to their phone, sees and cancels their appointment.
    call(
        M::POST,
        format!("/book_code/{loc}"),
        partner.clone(),
        Some(json!({"phone": "13155550175"})),
    )
    .await;
    let code = code_sent_to(&app, "13155550175").await;
    let (st, b) = call(
        M::POST,
        "/user/auth".into(),
        partner.clone(),
        Some(json!({"phone": "+13155550175", "code": code})),
    )
    .await;
    assert_eq!(st, 201, "{b}");
    let booker = format!(
        "Bearer {PARTNER}, User {}",
        b["data"]["user_token"].as_str().unwrap()
    );
    let (st, b) = call(M::GET, "/user/records".into(), booker.clone(), None).await;
    assert_eq!(st, 200, "{b}");
    assert_eq!(b["data"].as_array().unwrap().len(), 1);
    assert_eq!(b["data"][0]["id"], record_id);
    // Someone else's account may not cancel it.
    let (st, _) = call(
        M::DELETE,
        format!("/user/records/{record_id}/x"),
        owner.clone(),
        None,
    )
    .await;
    assert_eq!(st, 404);
    let (st, b) = call(
        M::DELETE,
        format!("/user/records/{record_id}/x"),
        booker.clone(),
        None,
    )
    .await;
    assert_eq!(st, 200, "{b}");
    let (_, b) = call(M::GET, day, partner.clone(), None).await;
    assert_eq!(times_of(&b), before, "the slot is offered again");
    let (_, b) = call(M::GET, "/user/records".into(), booker, None).await;
    assert_eq!(b["data"], json!([]));

    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn settings_and_booking_forms_exist_from_creation_and_change_partially() {
    let app = TestApp::new().await;
    let s = salon(&app).await;
    let (stranger, _) = app.owner_with_location("other@example.com", "Other").await;
    let uri = format!("/api/v1/company/{}/settings/online", s.loc);
    let a = app.get(&uri, s.owner.as_()).await;
    a.expect(StatusCode::OK);
    assert_eq!(
        a.data(),
        &json!({"confirm_number": false, "any_master": true, "seance_delay_step": 0,
                "activity_online_record_clients_count_max": 1, "booking_window_days": 60,
                "seance_step": 0, "client_online_records_max": 0})
    );
    assert_eq!(a.body["meta"], json!([]));
    settings(
        &app,
        &s,
        json!({"seance_delay_step": 90, "seance_step": 1800}),
    )
    .await;
    let a = app.get(&uri, s.owner.as_()).await;
    assert_eq!(a.data()["seance_delay_step"], 90);
    assert_eq!(a.data()["any_master"], true, "not sent, kept");
    let ts = app
        .get(
            &format!("/api/v1/company/{}/settings/timeslots", s.loc),
            s.owner.as_(),
        )
        .await;
    ts.expect(StatusCode::OK);
    assert_eq!(ts.data()["weekdays_settings"].as_array().unwrap().len(), 7);
    assert_eq!(
        ts.data()["weekdays_settings"][0]["setting"]["grid_display_step"],
        1800
    );
    assert_eq!(
        ts.data()["weekdays_settings"][0]["setting"]["grid_nearest_timeslot_delay"],
        5400
    );
    let patch = |body: Value, who: As| {
        let uri = uri.clone();
        let app = &app;
        async move {
            app.send(
                axum::http::Method::PATCH,
                &uri,
                who,
                Some(body.to_string().into_bytes()),
                &[("content-type", "application/json")],
            )
            .await
        }
    };
    let bad = patch(
        json!({"seance_delay_step": 45, "booking_window_days": -1}),
        s.owner.as_(),
    )
    .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.error_fields(),
        ["booking_window_days", "seance_delay_step"]
    );
    patch(json!({}), As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    patch(json!({}), stranger.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    app.get("/api/v1/company/999999/settings/online", s.owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);

    // Booking forms: the default one from creation, then create, read, change, delete.
    let forms = format!("/api/v1/company/{}/booking_forms", s.loc);
    let list = app.get(&forms, s.owner.as_()).await;
    list.expect(StatusCode::OK);
    assert_eq!(list.data().as_array().unwrap().len(), 1);
    let default_id = list.data()[0]["id"].as_i64().unwrap();
    assert_eq!(list.data()[0]["is_default"], true);
    app.post(&forms, s.owner.as_(), json!({"description": "no title"}))
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let created = app
        .post(
            &forms,
            s.owner.as_(),
            json!({"title": "Site", "button_position": "top left", "is_default": true}),
        )
        .await;
    created.expect(StatusCode::CREATED);
    let id = created.data()["id"].as_i64().unwrap();
    assert_eq!(created.data()["button_position"], "top left");
    let one = app.get(&format!("{forms}/{id}"), s.owner.as_()).await;
    assert_eq!(one.data()["is_default"], true);
    let old = app
        .get(&format!("{forms}/{default_id}"), s.owner.as_())
        .await;
    assert_eq!(old.data()["is_default"], false, "the flag moved");
    let changed = app
        .send(
            axum::http::Method::PATCH,
            &format!("{forms}/{id}"),
            s.owner.as_(),
            Some(
                json!({"description": "on the site", "form_position": "up"})
                    .to_string()
                    .into_bytes(),
            ),
            &[("content-type", "application/json")],
        )
        .await;
    changed.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(changed.error_fields(), ["form_position"]);
    app.delete(&format!("{forms}/{id}"), s.owner.as_())
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.delete(&format!("{forms}/{default_id}"), s.owner.as_())
        .await
        .expect_no_content();
    app.get(&format!("{forms}/{default_id}"), s.owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.get(&format!("{forms}/{id}"), stranger.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    // The public flow reads a form by its id alone.
    let bf = app
        .get(&format!("/api/v1/bookform/{id}"), As::Partner)
        .await;
    bf.expect(StatusCode::OK);
    assert_eq!(bf.data()["company_id"], s.loc);
    assert_eq!(bf.data()["steps"][0]["step"], "service");
    app.get(&format!("/api/v1/bookform/{default_id}"), As::Partner)
        .await
        .expect(StatusCode::NOT_FOUND);
    let en = app.get("/api/v1/i18n/en-US", As::Partner).await;
    let ru = app.get("/api/v1/i18n/ru-RU", As::Partner).await;
    assert_eq!(en.data()["common.next"], "Next");
    assert_eq!(ru.data()["common.next"], "Далее");
    app.get("/api/v1/i18n/xx-XX", As::Partner)
        .await
        .expect(StatusCode::NOT_FOUND);
    app.get("/api/v1/i18n/en-US", As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_settings_window_notice_and_step_shape_the_offer() {
    // Tuesday 10 March, 09:10 in New York.
    let app = TestApp::new()
        .await
        .with_clock(Clock::fixed(at("2026-03-10T13:10:00Z")));
    let s = salon(&app).await;
    let day = |d: &str| {
        format!(
            "/api/v1/book_times/{}/{}/{d}?service_ids[]={}",
            s.loc, s.anna, s.service
        )
    };
    // Past times are never offered: from 09:15 on the 15-minute grid.
    let a = app.get(&day("2026-03-10"), As::Partner).await;
    assert_eq!(times(&a)[0], "09:15");
    // An hour of notice, on an hourly grid: 10:10 at the earliest, so 11:00.
    settings(
        &app,
        &s,
        json!({"seance_delay_step": 60, "seance_step": 3600}),
    )
    .await;
    let a = app.get(&day("2026-03-10"), As::Partner).await;
    assert_eq!(
        times(&a),
        ["11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00"]
    );
    // A one-day window: tomorrow is not offered.
    settings(&app, &s, json!({"booking_window_days": 1})).await;
    let a = app.get(&day("2026-03-11"), As::Partner).await;
    assert_eq!(a.data(), &json!([]));
    let dates = app
        .get(
            &format!("/api/v1/book_dates/{}?service_ids[]={}", s.loc, s.service),
            As::Partner,
        )
        .await;
    assert_eq!(dates.data()["booking_dates"], json!(["2026-03-10"]));
    // book_check agrees: 10:30 is inside the notice, 13:00 fine, 13:30 off the grid.
    let check = |datetime: &str| {
        let body = json!({"appointments": [{"id": 7, "services": [s.service], "staff_id": s.anna, "datetime": datetime}]});
        let app = &app;
        let uri = format!("/api/v1/book_check/{}", s.loc);
        async move { app.post(&uri, As::Partner, body).await }
    };
    let a = check("2026-03-10T10:30:00-04:00").await;
    a.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        a.body["meta"]["errors"],
        json!([{"code": 433, "message": a.body["meta"]["errors"][0]["message"], "id": 7}])
    );
    check("2026-03-10T13:00:00-04:00")
        .await
        .expect(StatusCode::CREATED);
    check("2026-03-10T13:30:00-04:00")
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    // "Any team member" off: staff_id 0 is refused; on, it finds Bob when Anna is taken.
    settings(&app, &s, json!({"any_master": false})).await;
    let a = app
        .post(&format!("/api/v1/book_check/{}", s.loc), As::Partner,
            json!({"appointments": [{"id": 1, "services": [s.service], "staff_id": 0, "datetime": "2026-03-10T13:00:00-04:00"}]}))
        .await;
    assert_eq!(a.body["meta"]["errors"][0]["code"], 436);
    settings(
        &app,
        &s,
        json!({"any_master": true, "client_online_records_max": 1}),
    )
    .await;
    let r = app
        .post(
            &format!("/api/v1/book_record/{}", s.loc),
            As::Partner,
            record(&s, s.anna, "2026-03-10T13:00:00-04:00", "13155550100"),
        )
        .await;
    r.expect(StatusCode::CREATED);
    let any = app
        .post(
            &format!("/api/v1/book_record/{}", s.loc),
            As::Partner,
            record(&s, 0, "2026-03-10T13:00:00-04:00", "13155550101"),
        )
        .await;
    any.expect(StatusCode::CREATED);
    let list = app
        .get(&format!("/api/v1/records/{}", s.loc), s.owner.as_())
        .await;
    let members: Vec<i64> = list
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["staff_id"].as_i64().unwrap())
        .collect();
    assert!(
        members.contains(&s.bob) && members.contains(&s.anna),
        "{members:?}"
    );
    // The per-client cap.
    let again = app
        .post(
            &format!("/api/v1/book_record/{}", s.loc),
            As::Partner,
            record(&s, s.anna, "2026-03-10T15:00:00-04:00", "13155550100"),
        )
        .await;
    again.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.body["meta"]["code"], "online_records_limit");
}

#[tokio::test]
async fn sixty_four_simultaneous_online_bookings_of_one_slot_make_one_appointment() {
    let app = TestApp::new()
        .await
        .with_clock(Clock::fixed(at("2026-03-09T16:00:00Z")));
    let s = salon(&app).await;
    let uri = format!("/api/v1/book_record/{}", s.loc);
    let answers = futures_util::future::join_all((0..64).map(|i| {
        let body = record(
            &s,
            s.anna,
            "2026-03-10T10:00:00-04:00",
            &format!("1315555{i:04}"),
        );
        let (app, uri) = (&app, &uri);
        async move { app.post(uri, As::Partner, body).await }
    }))
    .await;
    let created = answers
        .iter()
        .filter(|a| a.status == StatusCode::CREATED)
        .count();
    let taken = answers
        .iter()
        .filter(|a| {
            a.status == StatusCode::UNPROCESSABLE_ENTITY
                && a.body["meta"]["errors"][0]["code"] == 433
        })
        .count();
    assert_eq!((created, taken), (1, 63));
    let list = app
        .get(&format!("/api/v1/records/{}", s.loc), s.owner.as_())
        .await;
    assert_eq!(list.body["meta"]["total_count"], 1);
}

#[tokio::test]
async fn book_times_on_new_york_dst_days_offer_each_real_hour_once() {
    let app = TestApp::new()
        .await
        .with_clock(Clock::fixed(at("2026-03-01T00:00:00Z")));
    let s = salon(&app).await;
    settings(
        &app,
        &s,
        json!({"seance_step": 3600, "booking_window_days": 0}),
    )
    .await;
    work(
        &app,
        &s.owner,
        s.loc,
        &[s.anna],
        &["2026-03-08", "2026-11-01"],
        "00:00",
        "06:00",
    )
    .await;
    let day = |d: &str| {
        format!(
            "/api/v1/book_times/{}/{}/{d}?service_ids[]={}",
            s.loc, s.anna, s.service
        )
    };
    let spring = app.get(&day("2026-03-08"), As::Partner).await;
    spring.expect(StatusCode::OK);
    assert_eq!(
        times(&spring),
        ["00:00", "01:00", "03:00", "04:00", "05:00"]
    );
    let autumn = app.get(&day("2026-11-01"), As::Partner).await;
    assert_eq!(
        times(&autumn),
        ["00:00", "01:00", "01:00", "02:00", "03:00", "04:00", "05:00"]
    );
    assert_eq!(autumn.data()[1]["datetime"], "2026-11-01T01:00:00-04:00");
    assert_eq!(autumn.data()[2]["datetime"], "2026-11-01T01:00:00-05:00");
}

#[tokio::test]
async fn refusals_carry_the_reference_codes_and_access_is_declared() {
    let app = TestApp::new()
        .await
        .with_clock(Clock::fixed(at("2026-03-09T16:00:00Z")));
    let s = salon(&app).await;
    let uri = format!("/api/v1/book_record/{}", s.loc);
    let code_of = |a: &crate::common::Answer| a.body["meta"]["errors"][0]["code"].clone();
    let mut body = record(&s, s.anna, "2026-03-10T10:00:00-04:00", "not a phone");
    let a = app.post(&uri, As::Partner, body.clone()).await;
    assert_eq!(
        (a.status, code_of(&a)),
        (StatusCode::UNPROCESSABLE_ENTITY, json!(431))
    );
    body["phone"] = json!("13155550175");
    body["fullname"] = json!(" ");
    assert_eq!(
        code_of(&app.post(&uri, As::Partner, body.clone()).await),
        json!(435)
    );
    body["fullname"] = json!("James");
    body["appointments"][0]["services"] = json!([999999]);
    assert_eq!(
        code_of(&app.post(&uri, As::Partner, body.clone()).await),
        json!(438)
    );
    body["appointments"] = json!([
        {"id": 1, "services": [s.service], "staff_id": s.anna, "datetime": "2026-03-10T10:00:00-04:00"},
        {"id": 2, "services": [s.service], "staff_id": s.anna, "datetime": "2026-03-10T10:30:00-04:00"}
    ]);
    let a = app.post(&uri, As::Partner, body.clone()).await;
    assert_eq!(
        (code_of(&a), &a.body["meta"]["errors"][0]["id"]),
        (json!(437), &json!(2))
    );
    body["appointments"] = json!([]);
    assert_eq!(
        code_of(&app.post(&uri, As::Partner, body.clone()).await),
        json!(422)
    );
    body["appointments"] = json!([{"id": 1, "services": [s.service], "staff_id": s.anna}]);
    let a = app.post(&uri, As::Partner, body).await;
    assert_eq!(a.error_fields(), ["appointments.0.datetime"]);
    let list = app
        .get(&format!("/api/v1/records/{}", s.loc), s.owner.as_())
        .await;
    assert_eq!(list.body["meta"]["total_count"], 0, "nothing written");

    // 401 without a partner token, 404 for no such location, 422 for a bad date.
    let times = format!("/api/v1/book_times/{}/{}/2026-03-10", s.loc, s.anna);
    app.get(&times, As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.get("/api/v1/book_times/999999/1/2026-03-10", As::Partner)
        .await
        .expect(StatusCode::NOT_FOUND);
    app.get(
        &format!("/api/v1/book_times/{}/999999/2026-03-10", s.loc),
        As::Partner,
    )
    .await
    .expect(StatusCode::NOT_FOUND);
    app.get(
        &format!("/api/v1/book_times/{}/{}/10.03.2026", s.loc, s.anna),
        As::Partner,
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.get(
        &format!("/api/v1/book_staff/{}?service_ids[]=999999", s.loc),
        As::Partner,
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    // A salon employee of another location may still use the public flow as a booker.
    let (stranger, _) = app.owner_with_location("other@example.com", "Other").await;
    app.get(&times, stranger.as_()).await.expect(StatusCode::OK);
    app.get(&format!("/api/v1/book_record/{}/1/x", s.loc), As::Partner)
        .await
        .expect(StatusCode::NOT_FOUND);
    let seances = app
        .get(
            &format!(
                "/api/v1/book_staff_seances/{}/{}?service_ids[]={}",
                s.loc, s.bob, s.service
            ),
            As::Partner,
        )
        .await;
    seances.expect(StatusCode::OK);
    assert_eq!(seances.data()["seance_date"], "2026-03-10");
    assert_eq!(seances.data()["seances"][0]["time"], "09:00");
}

#[tokio::test]
async fn booking_site_accounts_sign_in_change_their_data_and_password() {
    let app = TestApp::new()
        .await
        .with_clock(Clock::fixed(at("2026-03-09T16:00:00Z")));
    let s = salon(&app).await;
    app.post(
        &format!("/api/v1/book_code/{}", s.loc),
        As::Partner,
        json!({"phone": "+1 315 555 0175"}),
    )
    .await
    .expect(StatusCode::CREATED);
    let wrong = app
        .post(
            "/api/v1/user/auth",
            As::Partner,
            json!({"phone": "13155550175", "code": "999999x"}),
        )
        .await;
    assert_eq!(wrong.body["meta"]["errors"][0]["code"], 432);
    let code = code_sent_to(&app, "13155550175").await;
    let signed = app
        .post(
            "/api/v1/user/auth",
            As::Partner,
            json!({"phone": "13155550175", "code": code}),
        )
        .await;
    signed.expect(StatusCode::CREATED);
    let token = signed.data()["user_token"].as_str().unwrap().to_owned();
    let me = As::User(token.clone());
    let data = app.get("/api/v1/booking/user/data", me.clone()).await;
    data.expect(StatusCode::OK);
    assert_eq!(data.data()["user_token"], token);
    assert_eq!(data.data()["phone"], "+13155550175");
    app.get("/api/v1/booking/user/data", As::Partner)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    // Name changes freely; a phone only with a code sent to the new one.
    app.put("/api/v1/booking/user", me.clone(), json!({"name": "James"}))
        .await
        .expect(StatusCode::ACCEPTED);
    let a = app
        .put(
            "/api/v1/booking/user",
            me.clone(),
            json!({"phone": "+1 315 555 0199", "confirmation_code": "123456"}),
        )
        .await;
    assert_eq!(a.body["meta"]["errors"][0]["code"], 432);
    app.get(
        &format!(
            "/api/v1/booking/user/phone_confirmation?company_id={}&phone=13155550199",
            s.loc
        ),
        me.clone(),
    )
    .await
    .expect(StatusCode::ACCEPTED);
    app.get(
        "/api/v1/booking/user/phone_confirmation?phone=13155550199",
        me.clone(),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let code = code_sent_to(&app, "13155550199").await;
    app.put(
        "/api/v1/booking/user",
        me.clone(),
        json!({"phone": "+1 315 555 0199", "confirmation_code": code}),
    )
    .await
    .expect(StatusCode::ACCEPTED);
    let data = app.get("/api/v1/booking/user/data", me.clone()).await;
    assert_eq!(
        (&data.data()["name"], &data.data()["phone"]),
        (&json!("James"), &json!("+13155550199"))
    );
    // The first password needs no old one; it revokes the token and answers a new one.
    app.put(
        "/api/v1/booking/user/password",
        me.clone(),
        json!({"new_password": "short"}),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let p = app
        .put(
            "/api/v1/booking/user/password",
            me.clone(),
            json!({"new_password": "secret-1"}),
        )
        .await;
    p.expect(StatusCode::OK);
    let fresh = As::User(p.data()["user_token"].as_str().unwrap().to_owned());
    app.get("/api/v1/booking/user/data", me)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.put(
        "/api/v1/booking/user/password",
        fresh,
        json!({"old_password": "wrong", "new_password": "secret-2"}),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let auth = app
        .post(
            "/api/v1/booking/auth",
            As::Partner,
            json!({"login": "13155550199", "password": "secret-1"}),
        )
        .await;
    auth.expect(StatusCode::CREATED);
    app.post(
        "/api/v1/booking/auth",
        As::Partner,
        json!({"login": "13155550199", "password": "nope"}),
    )
    .await
    .expect(StatusCode::UNAUTHORIZED);
}
