//! Users & Permissions: a location's users, roles, permission values (enforced at once),
//! invitations, copying and removing across locations.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::appointments::{service, work};
use crate::common::{As, TestApp, TestUser};

/// The token of the newest invitation message in the outbox.
async fn invitation_token(app: &TestApp) -> String {
    let messages = bizd_store::online_booking::codes::outbox(&mut app.db.read().await.unwrap(), 1)
        .await
        .unwrap();
    let body = &messages[0].body;
    body.rsplit(' ').next().unwrap().to_owned()
}

async fn sign_in(app: &TestApp, login: &str, password: &str) -> TestUser {
    let a = app
        .post(
            "/api/v1/auth",
            As::Partner,
            json!({"login": login, "password": password}),
        )
        .await;
    a.expect(StatusCode::CREATED);
    TestUser {
        id: a.data()["id"].as_i64().unwrap(),
        token: a.data()["user_token"].as_str().unwrap().to_owned(),
    }
}

fn values(answer: &Value) -> Vec<(String, Value)> {
    answer["user_permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["slug"].as_str().unwrap().to_owned(), v["value"].clone()))
        .collect()
}

fn value_of(answer: &Value, slug: &str) -> Value {
    values(answer)
        .into_iter()
        .find(|(s, _)| s == slug)
        .map(|(_, v)| v)
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn an_invited_receptionist_books_but_cannot_delete_the_location_or_change_rights() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let member = app.team_member(&owner, loc, "Anna").await;
    let svc = service(&app, &owner, loc, &[member], 3600).await;
    work(&app, &owner, loc, member, &["2026-03-10"], "09:00", "18:00").await;

    // The owner invites a receptionist (a manager: calendar and clients, no users).
    let invited = app
        .post(
            &format!("/api/v1/user/invite/{loc}"),
            owner.as_(),
            json!({"invites": [{"name": "Rita", "search": "rita@example.com",
                                 "position": "Reception", "user_role": "manager"}]}),
        )
        .await;
    invited.expect(StatusCode::ACCEPTED);
    assert_eq!(invited.body["meta"]["message"], "Saved");

    // Pending: listed with is_approved false, not yet a member.
    let users = app
        .get(&format!("/api/v1/company/{loc}/users"), owner.as_())
        .await;
    users.expect(StatusCode::OK);
    assert_eq!(users.body["meta"]["count"], 2);
    let rita = users.data()[1].clone();
    assert_eq!(rita["email"], "rita@example.com");
    assert_eq!(rita["is_approved"], false);
    assert_eq!(rita["information"], "Reception");
    assert_eq!(users.data()[0]["is_non_deletable"], true);
    let pending = app
        .get(
            &format!("/api/v1/company/{loc}/users?filter[is_approved]=0"),
            owner.as_(),
        )
        .await;
    assert_eq!(pending.body["meta"]["count"], 1);
    let rita_id = rita["id"].as_i64().unwrap();

    // Rights set before acceptance apply after it: no client history older than 30 days.
    app.put(
        &format!("/api/v1/company/{loc}/users/{rita_id}/permissions"),
        owner.as_(),
        json!({"user_permissions": [{"slug": "client_history_last_days_count", "value": 30}]}),
    )
    .await
    .expect(StatusCode::OK);

    // Accepting: a wrong token is 404, the right one sets the first password and signs in.
    let token = invitation_token(&app).await;
    app.post(
        "/api/v1/user/invitations/accept",
        As::Partner,
        json!({"token": "nope", "password": "secret-1"}),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
    app.post(
        "/api/v1/user/invitations/accept",
        As::Partner,
        json!({"token": token, "password": "12"}),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let accepted = app
        .post(
            "/api/v1/user/invitations/accept",
            As::Partner,
            json!({"token": token, "password": "secret-1"}),
        )
        .await;
    accepted.expect(StatusCode::OK);
    assert_eq!(accepted.data()["id"], rita_id);
    // Used once.
    app.post(
        "/api/v1/user/invitations/accept",
        As::Partner,
        json!({"token": token, "password": "secret-1"}),
    )
    .await
    .expect(StatusCode::NOT_FOUND);

    let rita = sign_in(&app, "rita@example.com", "secret-1").await;
    let rights = app
        .get(&format!("/api/v1/user/permissions/{loc}"), rita.as_())
        .await;
    rights.expect(StatusCode::OK);
    assert_eq!(rights.data()["user_role"], "manager");
    assert_eq!(rights.data()["timetable"]["timetable_access"], true);
    assert_eq!(rights.data()["users"]["users_access"], false);
    assert_eq!(rights.data()["clients"]["last_days_count"], 30);

    // She books…
    app.post(
        &format!("/api/v1/records/{loc}"),
        rita.as_(),
        json!({"staff_id": member, "services": [{"id": svc}], "datetime": "2026-03-10T10:00:00",
               "seance_length": 3600, "client": {"phone": "+13155550175", "name": "James"}}),
    )
    .await
    .expect(StatusCode::CREATED);
    // The client history she sees stops 30 days back: the March visit is older.
    let history = |who: As| {
        let app = &app;
        async move {
            let a = app
                .post(
                    &format!("/api/v1/company/{loc}/clients/visits/search"),
                    who,
                    json!({"client_phone": "+13155550175"}),
                )
                .await;
            a.expect(StatusCode::OK);
            a.body["data"]["records"].as_array().map_or(0, Vec::len)
        }
    };
    assert_eq!(history(owner.as_()).await, 1);
    assert_eq!(history(rita.as_()).await, 0);
    // …but cannot delete the location, nor change anyone's rights, nor list users.
    let denied = app
        .delete(&format!("/api/v1/company/{loc}"), rita.as_())
        .await;
    denied.expect(StatusCode::FORBIDDEN);
    assert_eq!(denied.body["meta"]["code"], "permission_denied");
    let denied = app
        .put(
            &format!("/api/v1/company/{loc}/users/{}/permissions", rita.id),
            rita.as_(),
            json!({"user_role": "administrator"}),
        )
        .await;
    denied.expect(StatusCode::FORBIDDEN);
    assert_eq!(denied.body["meta"]["code"], "permission_denied");

    // Inviting her again: she is a member already.
    let again = app
        .post(
            &format!("/api/v1/user/invite/{loc}"),
            owner.as_(),
            json!({"invites": [{"search": "rita@example.com"}]}),
        )
        .await;
    again.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.body["meta"]["code"], "already_member");

    // Removing her ends her access at once.
    app.delete(
        &format!("/api/v1/company/{loc}/users/{}", rita.id),
        owner.as_(),
    )
    .await
    .expect(StatusCode::OK);
    app.get(&format!("/api/v1/records/{loc}"), rita.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_user_narrowed_to_its_own_calendar_sees_and_books_only_its_appointments() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let anna = app.team_member(&owner, loc, "Anna").await;
    let boris = app.team_member(&owner, loc, "Boris").await;
    let svc = service(&app, &owner, loc, &[anna, boris], 3600).await;
    for m in [anna, boris] {
        work(&app, &owner, loc, m, &["2026-03-10"], "09:00", "18:00").await;
    }
    let book = |member: i64, who: As, at: &'static str| {
        let app = &app;
        async move {
            app.post(
                &format!("/api/v1/records/{loc}"),
                who,
                json!({"staff_id": member, "services": [{"id": svc}], "datetime": at,
                       "seance_length": 3600}),
            )
            .await
        }
    };
    let annas = book(anna, owner.as_(), "2026-03-10T10:00:00").await;
    annas.expect(StatusCode::CREATED);
    let boris_record = book(boris, owner.as_(), "2026-03-10T10:00:00").await;
    boris_record.expect(StatusCode::CREATED);
    let boris_visit = boris_record.data()["visit_id"].as_i64().unwrap();
    let anna_visit = annas.data()["visit_id"].as_i64().unwrap();
    let boris_record = boris_record.data()["id"].as_i64().unwrap();

    // Anna's login: a worker, linked to her team member, narrowed to her calendar.
    let user = app.user("anna@example.com").await;
    app.grant(user.id, loc, "employee").await;
    let before = app.get(&format!("/api/v1/records/{loc}"), user.as_()).await;
    assert_eq!(before.data().as_array().unwrap().len(), 2);
    let set = app
        .put(
            &format!("/api/v1/company/{loc}/users/{}/permissions", user.id),
            owner.as_(),
            json!({"staff_id": anna,
                   "user_permissions": [{"slug": "timetable_master_id", "value": anna}]}),
        )
        .await;
    set.expect(StatusCode::OK);
    assert_eq!(set.data()["user_role"], "worker");
    assert_eq!(set.data()["staff_id"], anna);
    assert_eq!(value_of(set.data(), "timetable_master_id"), anna);
    // Read back.
    let read = app
        .get(
            &format!("/api/v1/company/{loc}/users/{}/permissions", user.id),
            owner.as_(),
        )
        .await;
    read.expect(StatusCode::OK);
    assert_eq!(read.data(), set.data());

    // At once (the access cache is dropped): only Anna's appointments.
    let after = app.get(&format!("/api/v1/records/{loc}"), user.as_()).await;
    after.expect(StatusCode::OK);
    let list = after.data().as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["staff_id"], anna);
    let other = app
        .get(&format!("/api/v1/record/{loc}/{boris_record}"), user.as_())
        .await;
    other.expect(StatusCode::FORBIDDEN);
    assert_eq!(other.body["meta"]["code"], "permission_denied");
    app.get(
        &format!("/api/v1/records/{loc}?staff_id={boris}"),
        user.as_(),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    book(boris, user.as_(), "2026-03-10T12:00:00")
        .await
        .expect(StatusCode::FORBIDDEN);
    book(anna, user.as_(), "2026-03-10T12:00:00")
        .await
        .expect(StatusCode::CREATED);
    app.delete(&format!("/api/v1/record/{loc}/{boris_record}"), user.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    // Visits too: another team member's is refused, one's own is read.
    app.get(&format!("/api/v1/visits/{boris_visit}"), user.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    app.get(&format!("/api/v1/visits/{anna_visit}"), user.as_())
        .await
        .expect(StatusCode::OK);
    app.put(
        &format!("/api/v1/visits/{boris_visit}/{boris_record}"),
        user.as_(),
        json!({"attendance": 1}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    // The partner-wide list obeys the same limit.
    let partner = app.get("/api/v1/records/partner", user.as_()).await;
    partner.expect(StatusCode::OK);
    let staff: Vec<&Value> = partner
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["staff_id"])
        .collect();
    assert_eq!(staff, [&json!(anna), &json!(anna)]);
    assert_eq!(
        app.get("/api/v1/records/partner", owner.as_())
            .await
            .data()
            .as_array()
            .unwrap()
            .len(),
        3
    );

    // The deprecated list shows the link and the flags.
    let old = app
        .get(&format!("/api/v1/company_users/{loc}"), owner.as_())
        .await;
    old.expect(StatusCode::OK);
    let entry = old
        .data()
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == user.id)
        .unwrap()
        .clone();
    assert_eq!(entry["access"]["master_id"], anna);
    assert_eq!(entry["access"]["timetable_access"], true);
    assert_eq!(entry["access"]["settings_access"], false);
}

#[tokio::test]
async fn nobody_grants_more_than_they_hold_and_the_owner_stays() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let admin = app.user("admin@example.com").await;
    app.grant(admin.id, loc, "administrator").await;
    let worker = app.user("worker@example.com").await;
    app.grant(worker.id, loc, "employee").await;
    let url = |u: i64| format!("/api/v1/company/{loc}/users/{u}/permissions");

    // An administrator gives what it holds…
    app.put(
        &url(worker.id),
        admin.as_(),
        json!({"user_permissions": [{"slug": "clients_access", "value": true}]}),
    )
    .await
    .expect(StatusCode::OK);
    // …not the owner's right to delete the location, nor the owner role.
    for body in [
        json!({"user_permissions": [{"slug": "delete_location_access", "value": true}]}),
        json!({"user_role": "owner"}),
    ] {
        let a = app.put(&url(worker.id), admin.as_(), body).await;
        a.expect(StatusCode::FORBIDDEN);
        assert_eq!(a.body["meta"]["code"], "permission_denied");
    }
    // The owner's membership is not changed or removed.
    let a = app
        .put(&url(owner.id), admin.as_(), json!({"user_role": "worker"}))
        .await;
    a.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.body["meta"]["code"], "owner_not_editable");
    app.delete(
        &format!("/api/v1/company/{loc}/users/{}", owner.id),
        admin.as_(),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let owner_rights = app.get(&url(owner.id), admin.as_()).await;
    owner_rights.expect(StatusCode::OK);
    assert_eq!(owner_rights.data()["user_role"], "owner");
    assert_eq!(owner_rights.data()["is_editable"], false);

    // 422: an unknown role, an unknown slug, a flag where a number belongs, an unknown team member.
    for (body, field) in [
        (json!({"user_role": "root"}), "user_role"),
        (
            json!({"user_permissions": [{"slug": "nope", "value": true}]}),
            "user_permissions.0.slug",
        ),
        (
            json!({"user_permissions": [{"slug": "timetable_master_id", "value": true}]}),
            "user_permissions.0.value",
        ),
        (json!({"staff_id": 999}), "staff_id"),
    ] {
        let a = app.put(&url(worker.id), owner.as_(), body).await;
        a.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.error_fields(), [field]);
    }
    // The worker now reads clients (given above).
    app.get(
        &format!("/api/v1/company/{loc}/clients/search"),
        worker.as_(),
    )
    .await;
    let rights = app
        .get(&format!("/api/v1/user/permissions/{loc}"), worker.as_())
        .await;
    assert_eq!(rights.data()["clients"]["clients_access"], true);
    assert_eq!(rights.data()["user_role"], "worker");

    // Roles, with their trees: editable where the acting user holds the node.
    let roles = app
        .get(
            &format!("/api/v1/company/{loc}/users/roles?include=user_permissions"),
            admin.as_(),
        )
        .await;
    roles.expect(StatusCode::OK);
    let slugs: Vec<&str> = roles
        .data()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        slugs,
        ["owner", "administrator", "manager", "accountant", "worker"]
    );
    let worker_tree = &roles.data()[4]["user_permissions"];
    let timetable = worker_tree
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["slug"] == "timetable_access")
        .unwrap();
    assert_eq!(timetable["type"]["slug"], "has_group_access");
    assert_eq!(timetable["is_editable"], true);
    assert_eq!(timetable["children"][0]["slug"], "timetable_master_id");
    assert_eq!(timetable["children"][0]["options"][0]["value"], 0);
    let delete = worker_tree
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["slug"] == "delete_location_access")
        .unwrap();
    assert_eq!(delete["is_editable"], false);
    let plain = app
        .get(&format!("/api/v1/company/{loc}/users/roles"), admin.as_())
        .await;
    assert!(plain.data()[0].get("user_permissions").is_none());
    let owners = app
        .get(
            &format!(
                "/api/v1/company/{loc}/users/{}/roles?include=user_permissions",
                owner.id
            ),
            admin.as_(),
        )
        .await;
    owners.expect(StatusCode::OK);
    assert!(owners.data()[4]["user_permissions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|n| { std::iter::once(n).chain(n["children"].as_array().into_iter().flatten()) })
        .all(|n| n["is_editable"] == false));
}

#[tokio::test]
async fn copy_and_remove_act_on_managed_locations_and_refuse_the_rest() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let second = app
        .post(
            "/api/v1/companies",
            owner.as_(),
            json!({"title": "Second", "country_id": 1, "city_id": 1}),
        )
        .await;
    second.expect(StatusCode::CREATED);
    let second = second.data()["id"].as_i64().unwrap();
    let (_stranger, foreign) = app
        .owner_with_location("stranger@example.com", "Other")
        .await;
    let worker = app.user("worker@example.com").await;
    app.grant(worker.id, loc, "employee").await;
    app.put(
        &format!("/api/v1/company/{loc}/users/{}/permissions", worker.id),
        owner.as_(),
        json!({"user_permissions": [{"slug": "clients_access", "value": true}]}),
    )
    .await
    .expect(StatusCode::OK);

    let copy = app
        .post(
            &format!(
                "/api/v1/company/{loc}/users/{}/copy_to_companies",
                worker.id
            ),
            owner.as_(),
            json!({"user_company_links": [{"company_id": second}, {"company_id": foreign},
                                          {"company_id": 999999}]}),
        )
        .await;
    copy.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(copy.body["meta"]["code"], "locations_refused");
    let refused: Vec<(i64, i64)> = copy.body["meta"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_i64().unwrap(), e["code"].as_i64().unwrap()))
        .collect();
    assert_eq!(refused, [(foreign, 403), (999999, 404)]);
    // The managed one was done, values and all.
    let there = app
        .get(
            &format!("/api/v1/company/{second}/users/{}/permissions", worker.id),
            owner.as_(),
        )
        .await;
    there.expect(StatusCode::OK);
    assert_eq!(there.data()["user_role"], "worker");
    assert_eq!(value_of(there.data(), "clients_access"), true);
    app.get(&format!("/api/v1/records/{second}"), worker.as_())
        .await
        .expect(StatusCode::OK);

    // 422 for a body without locations.
    let bad = app
        .post(
            &format!(
                "/api/v1/company/{loc}/users/{}/copy_to_companies",
                worker.id
            ),
            owner.as_(),
            json!({"user_company_links": []}),
        )
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["user_company_links"]);

    let remove = app
        .post(
            &format!(
                "/api/v1/company/{loc}/users/{}/remove_from_companies",
                worker.id
            ),
            owner.as_(),
            json!({"user_company_links": [{"company_id": second}]}),
        )
        .await;
    remove.expect(StatusCode::OK);
    app.get(&format!("/api/v1/records/{second}"), worker.as_())
        .await
        .expect(StatusCode::FORBIDDEN);
    // The owner cannot be removed this way either.
    let owner_out = app
        .post(
            &format!(
                "/api/v1/company/{loc}/users/{}/remove_from_companies",
                owner.id
            ),
            owner.as_(),
            json!({"user_company_links": [{"company_id": second}]}),
        )
        .await;
    owner_out.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(owner_out.body["meta"]["errors"][0]["id"], second);
}

#[tokio::test]
async fn every_operation_answers_401_403_404_and_422() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let (stranger, _) = app
        .owner_with_location("stranger@example.com", "Other")
        .await;
    let paths = [
        ("GET", format!("/api/v1/company/{loc}/users")),
        ("GET", format!("/api/v1/company_users/{loc}")),
        ("GET", format!("/api/v1/user/permissions/{loc}")),
        ("GET", format!("/api/v1/company/{loc}/users/roles")),
        (
            "GET",
            format!("/api/v1/company/{loc}/users/{}/roles", owner.id),
        ),
        (
            "GET",
            format!("/api/v1/company/{loc}/users/{}/permissions", owner.id),
        ),
        (
            "PUT",
            format!("/api/v1/company/{loc}/users/{}/permissions", owner.id),
        ),
        (
            "DELETE",
            format!("/api/v1/company/{loc}/users/{}", owner.id),
        ),
        ("POST", format!("/api/v1/user/invite/{loc}")),
        (
            "POST",
            format!("/api/v1/company/{loc}/users/{}/copy_to_companies", owner.id),
        ),
        (
            "POST",
            format!(
                "/api/v1/company/{loc}/users/{}/remove_from_companies",
                owner.id
            ),
        ),
    ];
    for (method, path) in &paths {
        let send = |who: As| {
            let app = &app;
            async move {
                app.send(
                    method.parse().unwrap(),
                    path,
                    who,
                    Some(b"{}".to_vec()),
                    &[("content-type", "application/json")],
                )
                .await
            }
        };
        send(As::Partner).await.expect(StatusCode::UNAUTHORIZED);
        send(stranger.as_()).await.expect(StatusCode::FORBIDDEN);
        app.send(
            method.parse().unwrap(),
            &path.replacen(&format!("/{loc}"), "/999999", 1),
            owner.as_(),
            Some(b"{}".to_vec()),
            &[("content-type", "application/json")],
        )
        .await
        .expect(StatusCode::NOT_FOUND);
    }
    // An unknown user of a known location: 404.
    for (method, path) in [
        (
            "GET",
            format!("/api/v1/company/{loc}/users/999/permissions"),
        ),
        ("GET", format!("/api/v1/company/{loc}/users/999/roles")),
        ("DELETE", format!("/api/v1/company/{loc}/users/999")),
    ] {
        app.send(method.parse().unwrap(), &path, owner.as_(), None, &[])
            .await
            .expect(StatusCode::NOT_FOUND);
    }
    // 422s of the invitation.
    let bad = app
        .post(
            &format!("/api/v1/user/invite/{loc}"),
            owner.as_(),
            json!({"invites": [{"search": "not an address", "user_role": "root"}]}),
        )
        .await;
    bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = bad.error_fields();
    fields.sort();
    assert_eq!(fields, ["invites.0.search", "invites.0.user_role"]);
    app.post(
        &format!("/api/v1/user/invite/{loc}"),
        owner.as_(),
        json!({}),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.post("/api/v1/user/invitations/accept", As::Partner, json!({}))
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.post(
        "/api/v1/user/invitations/accept",
        As::Nobody,
        json!({"token": "x"}),
    )
    .await
    .expect(StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_changes_of_one_users_rights_lose_none() {
    let app = TestApp::new().await;
    let (owner, loc) = app.owner_with_location("owner@example.com", "Salon").await;
    let worker = app.user("worker@example.com").await;
    app.grant(worker.id, loc, "employee").await;
    // Each request gives one permission the role lacks, sending only that node.
    let slugs = [
        "settings_access",
        "clients_access",
        "loyalty_access",
        "loyalty_cards_manual_transactions_access",
        "chain_services_access",
        "records_finances_access",
        "finances_access",
        "record_edit_full_paid_access",
        "users_access",
    ];
    let statuses = futures_util::future::join_all(slugs.iter().map(|slug| {
        let (app, owner) = (&app, &owner);
        async move {
            app.put(
                &format!("/api/v1/company/{loc}/users/{}/permissions", worker.id),
                owner.as_(),
                json!({"user_permissions": [{"slug": slug, "value": true}]}),
            )
            .await
            .status
        }
    }))
    .await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    let read = app
        .get(
            &format!("/api/v1/company/{loc}/users/{}/permissions", worker.id),
            owner.as_(),
        )
        .await;
    for slug in slugs {
        assert_eq!(value_of(read.data(), slug), true, "{slug} lost");
    }
}
