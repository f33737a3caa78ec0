//! Schedule & Resources: work schedules (the set/list pair and the legacy range pair), the
//! appointment calendar (dates, DST-correct sessions, settings) and resources with the services
//! that need them. Locations of `owner_with_location` are in America/New_York.

use axum::http::{Method, StatusCode};
use bizd_domain::time::Clock;
use serde_json::{json, Value};

use crate::common::{Answer, As, TestApp, TestUser};

/// 2026-01-01T00:00:00Z.
const NEW_YEAR_2026: i64 = 1_767_225_600;

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

/// A service provided by `member` for `length` seconds.
async fn service(app: &TestApp, owner: &TestUser, loc: i64, member: i64, length: i64) -> i64 {
    let cat = app
        .post(
            &format!("/api/v1/service_categories/{loc}"),
            owner.as_(),
            json!({"title": "Hair"}),
        )
        .await;
    cat.expect(StatusCode::CREATED);
    let a = app
        .post(
            &format!("/api/v1/services/{loc}"),
            owner.as_(),
            json!({"title": "Cut", "category_id": cat.data()["id"],
                   "staff": [{"id": member, "seance_length": length}]}),
        )
        .await;
    a.expect(StatusCode::CREATED);
    a.data()["id"].as_i64().unwrap()
}

async fn set_schedule(app: &TestApp, who: As, loc: i64, body: Value) -> Answer {
    app.put(&format!("/api/v1/company/{loc}/staff/schedule"), who, body)
        .await
}

/// An appointment of `member` behind the API's back (the appointments section is not here).
async fn appointment(app: &TestApp, loc: i64, member: i64, starts_at: i64, length: i64) {
    app.raw_write(&format!(
        "INSERT INTO visits (location_id, starts_at, created_at, updated_at) \
         VALUES ({loc}, {starts_at}, 0, 0)"
    ))
    .await;
    app.raw_write(&format!(
        "INSERT INTO records (location_id, visit_id, team_member_id, starts_at, length, created_at, updated_at) \
         VALUES ({loc}, (SELECT MAX(id) FROM visits), {member}, {starts_at}, {length}, 0, 0)"
    ))
    .await;
}

fn times(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| s["time"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn schedules_are_set_merged_deleted_and_read_back() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let anna = app.team_member(&owner, loc, "Anna").await;
    let bob = app.team_member(&owner, loc, "Bob").await;
    let set = set_schedule(
        &app,
        owner.as_(),
        loc,
        json!({
            "schedules_to_set": [
                {"team_member_id": anna, "dates": ["2026-02-02", "2026-02-03"],
                 "slots": [{"from": "13:00", "to": "18:00"}, {"from": "10:00", "to": "14:00"}]},
                {"staff_id": bob as f64, "dates": ["2026-02-03"],
                 "slots": [{"from": "09:00:00", "to": "12:30"}, {"from": "15:00", "to": "24:00"}]}
            ]
        }),
    )
    .await;
    set.expect(StatusCode::OK);
    assert_eq!(set.body["meta"]["count"], 3);
    assert_eq!(
        set.data()[0],
        json!({"staff_id": anna, "team_member_id": anna, "date": "2026-02-02",
               "slots": [{"from": "10:00", "to": "18:00"}]}),
        "overlapping intervals are merged"
    );
    assert_eq!(
        set.data()[2]["slots"],
        json!([{"from": "09:00", "to": "12:30"}, {"from": "15:00", "to": "24:00"}])
    );

    let uri = format!("/api/v1/company/{loc}/staff/schedule");
    let list = app
        .get(
            &format!("{uri}?start_date=2026-02-01&end_date=2026-02-28"),
            owner.as_(),
        )
        .await;
    list.expect(StatusCode::OK);
    assert_eq!(list.data(), set.data());
    assert_eq!(list.body["meta"]["count"], 3);
    let only_bob = app
        .get(
            &format!("{uri}?start_date=2026-02-01&end_date=2026-02-28&staff_ids[]={bob}"),
            owner.as_(),
        )
        .await;
    assert_eq!(only_bob.data().as_array().unwrap().len(), 1);
    assert_eq!(only_bob.data()[0]["staff_id"], bob);

    // Deleting makes a day off; deletions apply before sets.
    let changed = set_schedule(
        &app,
        owner.as_(),
        loc,
        json!({"schedules_to_delete": [{"team_member_id": anna, "dates": ["2026-02-02"]}]}),
    )
    .await;
    changed.expect(StatusCode::OK);
    assert_eq!(changed.data(), &json!([]));
    let legacy = app
        .get(
            &format!("/api/v1/schedule/{loc}/{anna}/20260202/2026-02-04"),
            owner.as_(),
        )
        .await;
    legacy.expect(StatusCode::OK);
    assert_eq!(
        legacy.data(),
        &json!([
            {"date": "2026-02-02", "is_working": false, "slots": []},
            {"date": "2026-02-03", "is_working": true, "slots": [{"from": "10:00", "to": "18:00"}]},
            {"date": "2026-02-04", "is_working": false, "slots": []}
        ])
    );
    assert_eq!(legacy.body["meta"], json!([]));

    // The legacy change: one object or a list; answers 201 with the range.
    let put = app
        .put(
            &format!("/api/v1/schedule/{loc}/{anna}/2026-02-02/2026-02-03"),
            owner.as_(),
            json!({"date": "2026-02-02", "is_working": 1, "slots": [{"from": "11:00", "to": "12:00"}]}),
        )
        .await;
    put.expect(StatusCode::CREATED);
    assert_eq!(
        put.data()[0]["slots"],
        json!([{"from": "11:00", "to": "12:00"}])
    );
    assert_eq!(put.data().as_array().unwrap().len(), 2);
    let put = app
        .put(
            &format!("/api/v1/schedule/{loc}/{anna}"),
            owner.as_(),
            json!([{"date": "2026-02-03", "is_working": false, "slots": []},
                   {"date": "2026-02-05", "slots": [{"from": "08:00", "to": "09:00"}]}]),
        )
        .await;
    put.expect(StatusCode::CREATED);
    assert_eq!(
        put.data(),
        &json!([
            {"date": "2026-02-03", "is_working": false, "slots": []},
            {"date": "2026-02-05", "is_working": true, "slots": [{"from": "08:00", "to": "09:00"}]}
        ])
    );
    let read = app
        .get(
            &format!("{uri}?start_date=2026-02-01&end_date=2026-02-28&team_member_ids[]={anna}"),
            owner.as_(),
        )
        .await;
    let dates: Vec<&str> = read
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2026-02-02", "2026-02-05"]);
}

#[tokio::test]
async fn the_schedule_list_includes_busy_intervals_and_off_day_types() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let anna = app.team_member(&owner, loc, "Anna").await;
    set_schedule(
        &app,
        owner.as_(),
        loc,
        json!({"schedules_to_set": [{"team_member_id": anna, "dates": ["2026-02-02"],
                                      "slots": [{"from": "10:00", "to": "19:00"}]}]}),
    )
    .await
    .expect(StatusCode::OK);
    // 2026-02-02 11:00 EST = 16:00 UTC; and an appointment on 2026-02-03 (a day off).
    appointment(&app, loc, anna, 1_770_048_000, 3600).await;
    appointment(&app, loc, anna, 1_770_048_000 + 86_400, 1800).await;
    app.raw_write(&format!(
        "INSERT INTO visits (location_id, starts_at, created_at, updated_at) VALUES ({loc}, 0, 0, 0)"
    ))
    .await;
    app.raw_write(&format!(
        "INSERT INTO records (location_id, visit_id, team_member_id, starts_at, length, created_at, updated_at, deleted_at) \
         VALUES ({loc}, (SELECT MAX(id) FROM visits), {anna}, 1770055200, 3600, 0, 0, 5)"
    ))
    .await;
    let list = app
        .get(
            &format!(
                "/api/v1/company/{loc}/staff/schedule?start_date=2026-02-02&end_date=2026-02-03\
                 &include[]=busy_intervals&include[]=off_day_type"
            ),
            owner.as_(),
        )
        .await;
    list.expect(StatusCode::OK);
    let days = list.data().as_array().unwrap();
    assert_eq!(days.len(), 2, "{}", list.body);
    assert_eq!(
        days[0]["busy_intervals"].as_array().unwrap().len(),
        1,
        "deleted ones are not busy"
    );
    assert_eq!(days[0]["busy_intervals"][0]["entity_type"], "record");
    assert_eq!(days[0]["busy_intervals"][0]["from"], "11:00:00");
    assert_eq!(days[0]["busy_intervals"][0]["to"], "12:00:00");
    assert!(days[0]["off_day_type"].is_null() && days[0].get("off_day_type").is_some());
    assert_eq!(days[1]["date"], "2026-02-03");
    assert_eq!(days[1]["slots"], json!([]));
    assert_eq!(days[1]["busy_intervals"][0]["to"], "11:30:00");
    let plain = app
        .get(
            &format!(
                "/api/v1/company/{loc}/staff/schedule?start_date=2026-02-02&end_date=2026-02-03"
            ),
            owner.as_(),
        )
        .await;
    assert!(plain.data()[0].get("busy_intervals").is_none());
    assert!(plain.data()[0].get("off_day_type").is_none());
}

#[tokio::test]
async fn schedule_errors_and_access() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let (stranger, other_loc) = app.owner_with_location("other@example.com", "Other").await;
    let anna = app.team_member(&owner, loc, "Anna").await;
    let theirs = app.team_member(&stranger, other_loc, "Eve").await;
    let employee = app.user("employee@example.com").await;
    app.grant(employee.id, loc, "employee").await;
    let list = format!("/api/v1/company/{loc}/staff/schedule");
    let legacy = format!("/api/v1/schedule/{loc}/{anna}/2026-02-01/2026-02-07");
    let day = json!({"schedules_to_set": [{"team_member_id": anna, "dates": ["2026-02-02"],
                                           "slots": [{"from": "10:00", "to": "11:00"}]}]});

    // 401 without a user, 403 in a foreign location, 403 for an employee's write.
    app.get(&list, As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.put(&list, As::Nobody, day.clone())
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.get(&legacy, As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.get(&list, stranger.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    app.get(&legacy, stranger.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    set_schedule(&app, stranger.as_(), loc, day.clone())
        .await
        .expect(StatusCode::FORBIDDEN);
    app.put(&legacy, stranger.as_(), json!({"date": "2026-02-02"}))
        .await
        .expect(StatusCode::FORBIDDEN);
    app.get(&list, employee.as_()).await.expect(StatusCode::OK);
    let denied = set_schedule(&app, employee.as_(), loc, day.clone()).await;
    denied.expect(StatusCode::FORBIDDEN);
    assert_eq!(denied.body["meta"]["code"], "permission_denied");

    // 404: unknown location, unknown or foreign team member in the path.
    app.get("/api/v1/company/999999/staff/schedule", owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    for member in [999_999, theirs] {
        let uri = format!("/api/v1/schedule/{loc}/{member}/2026-02-01/2026-02-07");
        app.get(&uri, owner.as_())
            .await
            .expect(StatusCode::NOT_FOUND);
        app.put(&uri, owner.as_(), json!({"date": "2026-02-02"}))
            .await
            .expect(StatusCode::NOT_FOUND);
    }

    // 422: an interval that ends before it starts, bad times and dates, a foreign team member.
    let bad = set_schedule(
        &app,
        owner.as_(),
        loc,
        json!({"schedules_to_set": [
            {"team_member_id": anna, "dates": ["2026-02-02"], "slots": [{"from": "12:00", "to": "11:00"}]},
            {"team_member_id": anna, "dates": ["2026-02-30"], "slots": [{"from": "9:00", "to": "25:00"}]}
        ]}),
    )
    .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.error_fields(),
        [
            "schedules_to_set.0.slots.0.to",
            "schedules_to_set.1.dates.0",
            "schedules_to_set.1.slots.0.from",
            "schedules_to_set.1.slots.0.to"
        ]
    );
    let foreign = set_schedule(
        &app,
        owner.as_(),
        loc,
        json!({"schedules_to_delete": [{"staff_id": theirs, "dates": ["2026-02-02"]}]}),
    )
    .await;
    foreign.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        foreign.error_fields(),
        ["schedules_to_delete.0.team_member_id"]
    );
    app.get(
        &format!("{list}?start_date=2026-02-10&end_date=2026-02-01"),
        owner.as_(),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.get(
        &format!("{list}?start_date=2026-01-01&end_date=2027-06-01"),
        owner.as_(),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.get(&format!("{list}?include[]=everything"), owner.as_())
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.get(
        &format!("/api/v1/schedule/{loc}/{anna}/2026-02-07/2026-02-01"),
        owner.as_(),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let outside = app
        .put(
            &legacy,
            owner.as_(),
            json!({"date": "2026-03-01", "slots": []}),
        )
        .await;
    outside.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(outside.error_fields(), ["date"]);
    let backwards = app
        .put(
            &legacy,
            owner.as_(),
            json!([{"date": "2026-02-02", "slots": [{"from": "18:00", "to": "09:00"}]}]),
        )
        .await;
    backwards.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(backwards.error_fields(), ["0.slots.0.to"]);
    // Nothing of the refused writes was kept.
    let read = app.get(&legacy, owner.as_()).await;
    assert!(read
        .data()
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["is_working"] == false));
}

#[tokio::test]
async fn calendar_dates_of_the_location_and_of_a_team_member() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let (stranger, _) = app.owner_with_location("other@example.com", "Other").await;
    let anna = app.team_member(&owner, loc, "Anna").await;
    let bob = app.team_member(&owner, loc, "Bob").await;
    let slots = json!([{"from": "10:00", "to": "18:00"}]);
    set_schedule(
        &app,
        owner.as_(),
        loc,
        json!({"schedules_to_set": [
            {"team_member_id": anna, "dates": ["2026-03-02", "2026-03-04", "2026-05-01"], "slots": slots},
            {"team_member_id": bob, "dates": ["2026-03-03", "2026-03-04", "2026-02-28"], "slots": slots}
        ]}),
    )
    .await
    .expect(StatusCode::OK);
    let uri = format!("/api/v1/timetable/dates/{loc}/2026-03-01");
    let all = app.get(&uri, owner.as_()).await;
    all.expect(StatusCode::OK);
    assert_eq!(
        all.data(),
        &json!(["2026-03-02", "2026-03-03", "2026-03-04"])
    );
    assert_eq!(all.body["meta"], json!([]));
    let of_anna = app
        .get(&format!("{uri}?staff_id={anna}"), owner.as_())
        .await;
    assert_eq!(of_anna.data(), &json!(["2026-03-02", "2026-03-04"]));
    app.get(&uri, As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.get(&uri, stranger.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    app.get(&format!("{uri}?staff_id=999999"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.get("/api/v1/timetable/dates/999999/2026-03-01", owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    app.get(&format!("/api/v1/timetable/dates/{loc}/March"), owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    let bad = app.get(&format!("{uri}?staff_id=Anna"), owner.as_()).await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["staff_id"]);
}

#[tokio::test]
async fn sessions_skip_appointments_and_fit_the_services() {
    // Before the dates asked: past sessions are never free.
    let app = TestApp::new().await.with_clock(Clock::fixed(NEW_YEAR_2026));
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let (stranger, _) = app.owner_with_location("other@example.com", "Other").await;
    let anna = app.team_member(&owner, loc, "Anna").await;
    let bob = app.team_member(&owner, loc, "Bob").await;
    let cut = service(&app, &owner, loc, anna, 3600).await;
    set_schedule(
        &app,
        owner.as_(),
        loc,
        json!({"schedules_to_set": [{"team_member_id": anna, "dates": ["2026-02-02"],
                                      "slots": [{"from": "10:00", "to": "13:00"}]}]}),
    )
    .await
    .expect(StatusCode::OK);
    patch(
        &app,
        &format!("/api/v1/company/{loc}/settings/timetable"),
        owner.as_(),
        json!({"timetable_step": 1800}),
    )
    .await
    .expect(StatusCode::OK);
    // 11:00–12:00 EST is taken.
    appointment(&app, loc, anna, 1_770_048_000, 3600).await;
    let uri = format!("/api/v1/timetable/seances/{loc}/{anna}/2026-02-02");
    let a = app
        .get(&format!("{uri}?service_ids[]={cut}"), owner.as_())
        .await;
    a.expect(StatusCode::OK);
    let got: Vec<(String, bool)> = a
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["time"].as_str().unwrap().into(),
                s["is_free"].as_bool().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, bool)> = [
        ("10:00", true),
        ("10:30", false),
        ("11:00", false),
        ("11:30", false),
        ("12:00", true),
        ("12:30", false),
    ]
    .iter()
    .map(|(t, f)| ((*t).into(), *f))
    .collect();
    assert_eq!(got, want);
    assert_eq!(a.data()[0]["datetime"], "2026-02-02T10:00:00-05:00");
    // Without services a session is one step long.
    let short = app.get(&uri, owner.as_()).await;
    let free: Vec<bool> = short
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["is_free"].as_bool().unwrap())
        .collect();
    assert_eq!(free, [true, true, false, false, true, true]);
    // A day off has no sessions.
    let off = app
        .get(
            &format!("/api/v1/timetable/seances/{loc}/{anna}/2026-02-03"),
            owner.as_(),
        )
        .await;
    assert_eq!(off.data(), &json!([]));

    app.get(&uri, As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.get(&uri, stranger.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    app.get(
        &format!("/api/v1/timetable/seances/{loc}/999999/2026-02-02"),
        owner.as_(),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
    let unprovided = app
        .get(
            &format!("/api/v1/timetable/seances/{loc}/{bob}/2026-02-02?service_ids[]={cut}"),
            owner.as_(),
        )
        .await;
    unprovided.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unprovided.error_fields(), ["service_ids.0"]);
    app.get(
        &format!("/api/v1/timetable/seances/{loc}/{anna}/2026-13-01"),
        owner.as_(),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn sessions_on_new_york_dst_days_keep_every_hour() {
    // Before the dates asked: past sessions are never free.
    let app = TestApp::new().await.with_clock(Clock::fixed(NEW_YEAR_2026));
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    assert_eq!(
        app.location(loc).await.fields.timezone_name,
        "America/New_York"
    );
    let anna = app.team_member(&owner, loc, "Anna").await;
    set_schedule(
        &app,
        owner.as_(),
        loc,
        json!({"schedules_to_set": [
            {"team_member_id": anna, "dates": ["2026-03-08", "2026-11-01"],
             "slots": [{"from": "00:00", "to": "06:00"}, {"from": "09:00", "to": "18:00"}]}
        ]}),
    )
    .await
    .expect(StatusCode::OK);
    for (date, offset, night) in [
        ("2026-03-08", "-04:00", 5 * 4),
        ("2026-11-01", "-05:00", 7 * 4),
    ] {
        let a = app
            .get(
                &format!("/api/v1/timetable/seances/{loc}/{anna}/{date}"),
                owner.as_(),
            )
            .await;
        a.expect(StatusCode::OK);
        let list = a.data().as_array().unwrap();
        assert_eq!(
            list.len(),
            night + 36,
            "{date}: real hours, 15-minute steps"
        );
        let day: Vec<&Value> = list[night..].iter().collect();
        assert_eq!(day[0]["time"], "09:00");
        assert_eq!(day[0]["datetime"], format!("{date}T09:00:00{offset}"));
        assert_eq!(day[35]["time"], "17:45");
        assert_eq!(day[35]["datetime"], format!("{date}T17:45:00{offset}"));
        assert!(day.iter().all(|s| s["is_free"] == true));
    }
    let spring = app
        .get(
            &format!("/api/v1/timetable/seances/{loc}/{anna}/2026-03-08"),
            owner.as_(),
        )
        .await;
    let t = times(spring.data());
    assert_eq!(
        &t[7..9],
        ["01:45", "03:00"],
        "the skipped hour is not offered"
    );
    let autumn = app
        .get(
            &format!("/api/v1/timetable/seances/{loc}/{anna}/2026-11-01"),
            owner.as_(),
        )
        .await;
    let t = times(autumn.data());
    assert_eq!(
        &t[4..12],
        ["01:00", "01:15", "01:30", "01:45", "01:00", "01:15", "01:30", "01:45"]
    );
    assert_eq!(autumn.data()[4]["datetime"], "2026-11-01T01:00:00-04:00");
    assert_eq!(autumn.data()[8]["datetime"], "2026-11-01T01:00:00-05:00");
}

#[tokio::test]
async fn calendar_settings_exist_from_creation_and_change_partially() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let (stranger, _) = app.owner_with_location("other@example.com", "Other").await;
    let employee = app.user("employee@example.com").await;
    app.grant(employee.id, loc, "employee").await;
    let uri = format!("/api/v1/company/{loc}/settings/timetable");
    let read = app.get(&uri, employee.as_()).await;
    read.expect(StatusCode::OK);
    assert_eq!(
        read.data(),
        &json!({"record_type": 0, "activity_record_clients_count_max": 1,
                "is_show_newsletter_agreement": false,
                "is_show_personal_data_processing_agreement": false, "timetable_step": 900})
    );
    assert_eq!(read.body["meta"], json!([]));
    let changed = patch(
        &app,
        &uri,
        owner.as_(),
        json!({"record_type": 2, "activity_record_clients_count_max": "12",
               "is_show_newsletter_agreement": 1}),
    )
    .await;
    changed.expect(StatusCode::OK);
    let again = app.get(&uri, owner.as_()).await;
    assert_eq!(again.data(), changed.data());
    assert_eq!(again.data()["record_type"], 2);
    assert_eq!(again.data()["activity_record_clients_count_max"], 12);
    assert_eq!(again.data()["is_show_newsletter_agreement"], true);
    assert_eq!(again.data()["timetable_step"], 900);

    app.get(&uri, As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.get(&uri, stranger.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    patch(&app, &uri, employee.as_(), json!({"record_type": 1}))
        .await
        .expect(StatusCode::FORBIDDEN);
    app.get("/api/v1/company/999999/settings/timetable", owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    let bad = patch(
        &app,
        &uri,
        owner.as_(),
        json!({"record_type": 3, "activity_record_clients_count_max": 0, "timetable_step": 700}),
    )
    .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.error_fields(),
        [
            "activity_record_clients_count_max",
            "record_type",
            "timetable_step"
        ]
    );
    assert_eq!(app.get(&uri, owner.as_()).await.data(), changed.data());
}

#[tokio::test]
async fn resources_round_trip_and_services_need_them() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let (stranger, other_loc) = app.owner_with_location("other@example.com", "Other").await;
    let employee = app.user("employee@example.com").await;
    app.grant(employee.id, loc, "employee").await;
    let uri = format!("/api/v1/resources/{loc}");
    let empty = app.get(&uri, employee.as_()).await;
    empty.expect(StatusCode::OK);
    assert_eq!(empty.data(), &json!([]));
    assert_eq!(empty.body["meta"], json!({"count": 0}));

    let chair = app
        .post(
            &uri,
            owner.as_(),
            json!({"title": "Pedicure chair", "instances": 2}),
        )
        .await;
    chair.expect(StatusCode::CREATED);
    let chair_id = chair.data()["id"].as_i64().unwrap();
    let titles: Vec<&str> = chair.data()["instances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Pedicure chair #1", "Pedicure chair #2"]);
    assert_eq!(chair.data()["instances"][0]["resource_id"], chair_id);
    assert_eq!(chair.data()["capacity"], 1);
    let room = app
        .post(
            &uri,
            owner.as_(),
            json!({"title": "Massage room", "capacity": 2,
                   "instances": ["1st floor", {"title": "2nd floor"}]}),
        )
        .await;
    room.expect(StatusCode::CREATED);
    let room_id = room.data()["id"].as_i64().unwrap();
    let list = app.get(&uri, owner.as_()).await;
    assert_eq!(list.data(), &json!([chair.data(), room.data()]));
    assert_eq!(list.body["meta"]["count"], 2);

    // Changing the instances keeps the ids of those that stay.
    let first = room.data()["instances"][0]["id"].clone();
    let changed = app
        .put(
            &format!("{uri}/{room_id}"),
            owner.as_(),
            json!({"instances": ["Ground floor"]}),
        )
        .await;
    changed.expect(StatusCode::OK);
    assert_eq!(
        changed.data()["instances"],
        json!([{"id": first, "title": "Ground floor", "resource_id": room_id}])
    );
    assert_eq!(changed.data()["title"], "Massage room");
    assert_eq!(changed.data()["capacity"], 2);

    // A service needs resources through the links update.
    let anna = app.team_member(&owner, loc, "Anna").await;
    let cut = service(&app, &owner, loc, anna, 3600).await;
    let links = app
        .post(
            &format!("/api/v1/company/{loc}/services/links"),
            owner.as_(),
            json!({"service_id": cut, "master_settings": [{"master_id": anna}],
                   "resource_ids": [room_id, chair_id as f64]}),
        )
        .await;
    links.expect(StatusCode::OK);
    let svc = app
        .get(
            &format!("/api/v1/company/{loc}/services/{cut}"),
            owner.as_(),
        )
        .await;
    assert_eq!(svc.data()["resources"], json!([chair_id, room_id]));
    let listed = app
        .get(&format!("/api/v1/services/{loc}"), owner.as_())
        .await;
    assert_eq!(listed.data()[0]["resources"], json!([chair_id, room_id]));
    let theirs = app
        .post(
            &format!("/api/v1/resources/{other_loc}"),
            stranger.as_(),
            json!({"title": "Theirs"}),
        )
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let unknown = app
        .post(
            &format!("/api/v1/company/{loc}/services/links"),
            owner.as_(),
            json!({"service_id": cut, "master_settings": [{"master_id": anna}],
                   "resource_ids": [room_id, theirs, 999_999]}),
        )
        .await;
    unknown.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.error_fields(), ["resource_ids.1", "resource_ids.2"]);

    // The booking check's view: each needed resource once, with its instance count.
    {
        let mut c = app.db.read().await.unwrap();
        let needed = bizd_store::schedules::resources_of_services(&mut c, loc, &[cut, 999])
            .await
            .unwrap();
        assert_eq!(needed, [(chair_id, 2), (room_id, 1)]);
    }

    // Deleting a resource takes it off the list and off the service.
    let deleted = app.delete(&format!("{uri}/{chair_id}"), owner.as_()).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert!(deleted.raw.is_empty());
    assert_eq!(
        app.get(&uri, owner.as_())
            .await
            .data()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let svc = app
        .get(
            &format!("/api/v1/company/{loc}/services/{cut}"),
            owner.as_(),
        )
        .await;
    assert_eq!(svc.data()["resources"], json!([room_id]));

    // 401, 403, 404, 422.
    app.get(&uri, As::Nobody)
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.post(&uri, As::Nobody, json!({"title": "x"}))
        .await
        .expect(StatusCode::UNAUTHORIZED);
    app.get(&uri, stranger.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    app.post(&uri, stranger.as_(), json!({"title": "x"}))
        .await
        .expect(StatusCode::FORBIDDEN);
    app.post(&uri, employee.as_(), json!({"title": "x"}))
        .await
        .expect(StatusCode::FORBIDDEN);
    app.get("/api/v1/resources/999999", owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    for id in [chair_id, theirs, 999_999] {
        app.put(&format!("{uri}/{id}"), owner.as_(), json!({"title": "x"}))
            .await
            .expect(StatusCode::NOT_FOUND);
        app.delete(&format!("{uri}/{id}"), owner.as_())
            .await
            .expect(StatusCode::NOT_FOUND);
    }
    let bad = app
        .post(&uri, owner.as_(), json!({"instances": 0, "capacity": 0}))
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["capacity", "instances", "title"]);
    app.put(
        &format!("{uri}/{room_id}"),
        owner.as_(),
        json!({"instances": [""]}),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn demo_team_members_work_the_demo_week() {
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
    for (loc, members) in [(1, 3), (2, 2)] {
        let week = app
            .get(
                &format!(
                    "/api/v1/company/{loc}/staff/schedule?start_date=2026-01-05&end_date=2026-01-11"
                ),
                owner.clone(),
            )
            .await;
        week.expect(StatusCode::OK);
        assert_eq!(
            week.body["meta"]["count"],
            members * 6,
            "Monday to Saturday"
        );
        assert_eq!(
            week.data()[0]["slots"],
            json!([{"from": "10:00", "to": "14:00"}, {"from": "15:00", "to": "19:00"}])
        );
        let settings = app
            .get(
                &format!("/api/v1/company/{loc}/settings/timetable"),
                owner.clone(),
            )
            .await;
        assert_eq!(settings.data()["timetable_step"], 900);
    }
}
