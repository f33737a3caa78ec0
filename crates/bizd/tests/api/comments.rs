//! Comments (reviews): leaving a review of a team member and reading the location's reviews
//! back with their filters; access, unknown team members and invalid input; the team member's
//! rating, votes and comments counts under 32 concurrent reviews. Locations of
//! `owner_with_location` are in America/New_York.

use axum::http::StatusCode;
use bizd_domain::time::Clock;
use serde_json::{json, Value};

use crate::common::{As, TestApp};

/// 2026-01-10T12:00:00-05:00.
const JAN_10_NOON: i64 = 1_768_064_400;
const DAY: i64 = 86_400;

/// The stored team member's `(rating, votes_count, comments_count)`.
async fn rating_of(app: &TestApp, loc: i64, member: i64) -> (f64, i64, i64) {
    let m = bizd_store::team_members::get(&mut app.db.read().await.unwrap(), loc, member)
        .await
        .unwrap()
        .expect("team member");
    (m.rating, m.votes_count, m.comments_count)
}

fn ids(list: &Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_review_is_answered_and_read_back_with_the_documented_fields() {
    let app = TestApp::new().await.with_clock(Clock::fixed(JAN_10_NOON));
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let member = app.team_member(&owner, loc, "Anna").await;

    let left = app
        .post(
            &format!("/api/v1/comments/{loc}/{member}"),
            owner.as_(),
            json!({"mark": "4", "text": " Fine! ", "name": "Victor"}),
        )
        .await;
    left.expect(StatusCode::CREATED);
    assert_eq!(left.body["meta"], json!([]));
    let id = left.data()["id"].as_i64().unwrap();
    let expected = json!({
        "id": id, "salon_id": loc, "type": 1, "master_id": member, "text": "Fine!",
        "date": "2026-01-10T12:00:00.000-05:00", "rating": 4, "user_id": owner.id,
        "username": "Victor", "user_name": "Victor", "user_avatar": "", "record_id": 0,
    });
    assert_eq!(left.data(), &expected);

    let list = app
        .get(&format!("/api/v1/comments/{loc}"), owner.as_())
        .await;
    list.expect(StatusCode::OK);
    assert_eq!(list.body["meta"], json!([]));
    assert_eq!(list.data(), &json!([expected]));

    // The author's name is the default; `rating` is accepted for `mark`.
    let second = app
        .post(
            &format!("/api/v1/comments/{loc}/{member}"),
            owner.as_(),
            json!({"rating": 5, "text": "Great"}),
        )
        .await;
    second.expect(StatusCode::CREATED);
    assert_eq!(second.data()["username"], "owner@example.com");
    assert_eq!(second.data()["rating"], 5);

    let (rating, votes, comments) = rating_of(&app, loc, member).await;
    assert_eq!((rating, votes, comments), (4.5, 2, 2));
    let read = app
        .get(
            &format!("/api/v1/company/{loc}/staff/{member}"),
            owner.as_(),
        )
        .await;
    read.expect(StatusCode::OK);
    assert_eq!(read.data()["rating"], 4.5);
}

#[tokio::test]
async fn the_list_is_newest_first_and_filters_by_dates_team_member_and_rating() {
    let clock = Clock::fixed(JAN_10_NOON);
    let app = TestApp::new().await.with_clock(clock.clone());
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let anna = app.team_member(&owner, loc, "Anna").await;
    let boris = app.team_member(&owner, loc, "Boris").await;
    // Jan 10 12:00, Jan 11 12:00, Jan 12 12:00 (local), and Jan 12 23:30 local (Jan 13 UTC).
    let mut left = Vec::new();
    for (member, mark, at) in [
        (anna, 5, JAN_10_NOON),
        (boris, 3, JAN_10_NOON + DAY),
        (anna, 3, JAN_10_NOON + 2 * DAY),
        (boris, 1, JAN_10_NOON + 2 * DAY + 11 * 3600 + 1800),
    ] {
        clock.set(at);
        let a = app
            .post(
                &format!("/api/v1/comments/{loc}/{member}"),
                owner.as_(),
                json!({"mark": mark, "text": "ok"}),
            )
            .await;
        a.expect(StatusCode::CREATED);
        left.push(a.data()["id"].as_i64().unwrap());
    }
    let list = |query: &str| {
        let uri = format!("/api/v1/comments/{loc}{query}");
        let who = owner.as_();
        let app = &app;
        async move {
            let a = app.get(&uri, who).await;
            a.expect(StatusCode::OK);
            ids(a.data())
        }
    };
    let newest_first: Vec<i64> = left.iter().rev().copied().collect();
    assert_eq!(list("").await, newest_first);
    assert_eq!(list(&format!("?staff_id={anna}")).await, [left[2], left[0]]);
    assert_eq!(
        list(&format!("?team_member_id={boris}")).await,
        [left[3], left[1]]
    );
    assert_eq!(list("?rating=3").await, [left[2], left[1]]);
    // Local dates of the location: the review at 23:30 on Jan 12 belongs to Jan 12.
    assert_eq!(
        list("?start_date=2026-01-11&end_date=2026-01-12").await,
        [left[3], left[2], left[1]]
    );
    assert_eq!(list("?start_date=2026-01-12").await, [left[3], left[2]]);
    assert_eq!(list("?end_date=2026-01-10").await, [left[0]]);
    assert_eq!(list("?page=1&count=3").await, [left[3], left[2], left[1]]);
    assert_eq!(list("?page=2&count=3").await, [left[0]]);
    assert_eq!(list("?page=3&count=3").await, Vec::<i64>::new());
    assert_eq!(list("?staff_id=999999").await, Vec::<i64>::new());
}

#[tokio::test]
async fn access_unknown_team_members_and_invalid_input() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let (stranger, other_loc) = app.owner_with_location("other@example.com", "Other").await;
    let member = app.team_member(&owner, loc, "Anna").await;
    let foreign_member = app.team_member(&stranger, other_loc, "Zed").await;
    let employee = app.user("employee@example.com").await;
    app.grant(employee.id, loc, "employee").await;
    let list = format!("/api/v1/comments/{loc}");
    let post = format!("/api/v1/comments/{loc}/{member}");
    let body = json!({"mark": 5, "text": "Nice"});

    // 401 without a user token.
    for who in [As::Nobody, As::Partner] {
        app.get(&list, who.clone())
            .await
            .expect(StatusCode::UNAUTHORIZED);
        app.post(&post, who, body.clone())
            .await
            .expect(StatusCode::UNAUTHORIZED);
    }
    // 403 in a location the user is not a member of.
    let denied = app.get(&list, stranger.as_()).await;
    denied.expect(StatusCode::FORBIDDEN);
    assert_eq!(denied.body["meta"]["code"], "forbidden");
    app.post(&post, stranger.as_(), body.clone())
        .await
        .expect(StatusCode::FORBIDDEN);
    // An employee reads but may not post (the clients permission), even with an invalid body.
    app.get(&list, employee.as_()).await.expect(StatusCode::OK);
    let denied = app.post(&post, employee.as_(), json!({})).await;
    denied.expect(StatusCode::FORBIDDEN);
    assert_eq!(denied.body["meta"]["code"], "permission_denied");

    // 404: unknown location, unknown team member, another location's, a deleted one.
    app.get("/api/v1/comments/999999", owner.as_())
        .await
        .expect(StatusCode::NOT_FOUND);
    for m in [999_999, foreign_member] {
        app.post(
            &format!("/api/v1/comments/{loc}/{m}"),
            owner.as_(),
            body.clone(),
        )
        .await
        .expect(StatusCode::NOT_FOUND);
    }
    let gone = app.team_member(&owner, loc, "Gone").await;
    let deleted = app
        .delete(&format!("/api/v1/staff/{loc}/{gone}"), owner.as_())
        .await;
    assert!(deleted.status.is_success(), "{:?}", deleted.body);
    app.post(
        &format!("/api/v1/comments/{loc}/{gone}"),
        owner.as_(),
        body.clone(),
    )
    .await
    .expect(StatusCode::NOT_FOUND);

    // 422: marks outside 1–5, missing fields, over-long texts, bad filters.
    for (bad, fields) in [
        (json!({"mark": 0, "text": "x"}), vec!["mark"]),
        (json!({"mark": 6, "text": "x"}), vec!["mark"]),
        (json!({"rating": -1, "text": "x"}), vec!["mark"]),
        (json!({"text": "x"}), vec!["mark"]),
        (json!({"mark": 3}), vec!["text"]),
        (json!({"mark": 3, "text": "   "}), vec!["text"]),
        (json!({}), vec!["mark", "text"]),
        (
            json!({"mark": 3, "text": "x", "name": "n".repeat(256)}),
            vec!["name"],
        ),
        (json!({"mark": 3, "text": "x".repeat(10_001)}), vec!["text"]),
    ] {
        let a = app.post(&post, owner.as_(), bad.clone()).await;
        a.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.error_fields(), fields, "{bad}");
    }
    for (query, field) in [
        ("start_date=yesterday", "start_date"),
        ("end_date=2026-02-30", "end_date"),
        ("start_date=2026-01-12&end_date=2026-01-11", "end_date"),
        ("rating=9", "rating"),
        ("count=500", "count"),
        ("page=0", "page"),
    ] {
        let a = app.get(&format!("{list}?{query}"), owner.as_()).await;
        a.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.error_fields(), [field], "{query}");
    }
    // Nothing was written by the refused requests.
    let a = app.get(&list, owner.as_()).await;
    a.expect(StatusCode::OK);
    assert_eq!(a.data(), &json!([]));
    assert_eq!(rating_of(&app, loc, member).await, (0.0, 0, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_reviews_of_one_team_member_lose_no_vote() {
    const REVIEWS: i64 = 32;
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Busy").await;
    let member = app.team_member(&owner, loc, "Popular").await;
    let uri = format!("/api/v1/comments/{loc}/{member}");
    let marks: Vec<i64> = (0..REVIEWS).map(|i| i * 7 % 5 + 1).collect();
    let answers = futures_util::future::join_all(marks.iter().map(|mark| {
        app.post(
            &uri,
            owner.as_(),
            json!({"mark": mark, "text": format!("vote {mark}")}),
        )
    }))
    .await;
    for a in &answers {
        a.expect(StatusCode::CREATED);
    }
    let sum: i64 = marks.iter().sum();
    let (rating, votes, comments) = rating_of(&app, loc, member).await;
    assert_eq!(votes, REVIEWS);
    assert_eq!(comments, REVIEWS);
    assert_eq!(rating, sum as f64 / REVIEWS as f64);
    let list = app
        .get(&format!("/api/v1/comments/{loc}?count=200"), owner.as_())
        .await;
    list.expect(StatusCode::OK);
    assert_eq!(list.data().as_array().unwrap().len(), REVIEWS as usize);
}
