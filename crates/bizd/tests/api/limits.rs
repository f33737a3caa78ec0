//! Rate limiting and input limits: every excess answers a clear 4xx in the envelope.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode};
use bizd::app::{self, AppState, Settings};
use bizd::http::rate_limit::RateLimits;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::common::{TestApp, PARTNER};

/// `app` with the rate limit `spec`.
fn limited(mut app: TestApp, spec: &str) -> TestApp {
    let settings = Settings {
        rate_limit: RateLimits::new(&spec.parse().unwrap()),
        ..(*app.state.settings).clone()
    };
    app.state = AppState::from_parts(
        app.state.db.clone(),
        Arc::new(settings),
        app.state.clock.clone(),
    );
    app
}

/// GET `uri` from `ip` with `auth`; the status, headers and body.
async fn get_from(
    app: &TestApp,
    ip: &str,
    uri: &str,
    auth: &str,
) -> (StatusCode, axum::http::HeaderMap, Value) {
    let addr: SocketAddr = format!("{ip}:40000").parse().unwrap();
    let mut req = Request::builder()
        .uri(uri)
        .header("authorization", auth)
        .body(Body::empty())
        .unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    let response = app::service(app.state.clone()).oneshot(req).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, headers, serde_json::from_slice(&bytes).unwrap())
}

fn header(headers: &axum::http::HeaderMap, name: &str) -> u64 {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn over_the_ip_limit_answers_429_with_headers_and_other_ips_go_on() {
    let app = limited(TestApp::new().await, "ip=3/m");
    let partner = format!("Bearer {PARTNER}");
    for remaining in [2, 1, 0] {
        let (status, headers, _) = get_from(&app, "10.1.1.1", "/api/v1/companies", &partner).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(header(&headers, "x-ratelimit-limit"), 3);
        assert_eq!(header(&headers, "x-ratelimit-remaining"), remaining);
        assert!(header(&headers, "x-ratelimit-reset") <= 60);
    }
    let (status, headers, body) = get_from(&app, "10.1.1.1", "/api/v1/companies", &partner).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["success"], false);
    assert!(body["data"].is_null());
    assert_eq!(body["meta"]["code"], "rate_limited");
    assert!(body["meta"]["message"].is_string());
    let retry = header(&headers, "retry-after");
    assert!((1..=20).contains(&retry), "retry-after {retry}");
    assert_eq!(header(&headers, "x-ratelimit-remaining"), 0);
    assert_eq!(header(&headers, "x-ratelimit-limit"), 3);
    // Refused before authentication: even a bad token is a 429 now.
    let (status, _, _) = get_from(&app, "10.1.1.1", "/api/v1/companies", "Bearer nope").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // Another client is unaffected; health checks and docs are never limited.
    let (status, _, _) = get_from(&app, "10.1.1.2", "/api/v1/companies", &partner).await;
    assert_eq!(status, StatusCode::OK);
    let (status, headers, _) = get_from(&app, "10.1.1.1", "/healthz", "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.get("x-ratelimit-limit").is_none());
}

#[tokio::test]
async fn partner_limit_counts_per_token_across_ips() {
    let app = limited(TestApp::new().await, "partner=2/m");
    let partner = format!("Bearer {PARTNER}");
    for ip in ["10.2.0.1", "10.2.0.2"] {
        let (status, _, _) = get_from(&app, ip, "/api/v1/companies", &partner).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, _, body) = get_from(&app, "10.2.0.3", "/api/v1/companies", &partner).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["meta"]["code"], "rate_limited");
    // Another partner token has its own budget (it is refused by authentication, not the limit).
    let (status, _, _) = get_from(&app, "10.2.0.3", "/api/v1/companies", "Bearer other").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_altegio_preset_trips_at_five_a_second() {
    let app = limited(TestApp::new().await, "altegio");
    assert_eq!(
        app.state.settings.rate_limit.spec().to_string(),
        "ip=5/s,200/m"
    );
    let partner = format!("Bearer {PARTNER}");
    // A burst of 5, then one more every 200 ms: a slow machine may earn a few extra requests,
    // never more than the time it took allows.
    let started = std::time::Instant::now();
    let mut allowed = 0;
    let mut refused = None;
    for _ in 0..100 {
        let (status, headers, _) = get_from(&app, "10.3.0.1", "/api/v1/companies", &partner).await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            refused = Some(headers);
            break;
        }
        assert_eq!(status, StatusCode::OK);
        allowed += 1;
    }
    let earned = 5 + (started.elapsed().as_millis() / 200) as usize + 1;
    let headers = refused.expect("the limit trips");
    assert!((5..=earned).contains(&allowed), "{allowed} allowed");
    assert_eq!(header(&headers, "x-ratelimit-limit"), 5);
    assert_eq!(header(&headers, "retry-after"), 1);
}

#[tokio::test]
async fn rate_limiting_is_off_by_default() {
    let app = TestApp::new().await;
    assert!(!app.state.settings.rate_limit.is_on());
    let partner = format!("Bearer {PARTNER}");
    for _ in 0..50 {
        let (status, headers, _) = get_from(&app, "10.4.0.1", "/api/v1/companies", &partner).await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers.get("x-ratelimit-limit").is_none());
    }
}

#[tokio::test]
async fn oversized_and_malformed_input_is_a_clear_client_error() {
    let app = TestApp::new().await;
    let (owner, location) = app.owner_with_location("owner@example.com", "A1").await;
    let post = |uri: String, body: Vec<u8>| {
        let who = owner.as_();
        let app = &app;
        async move {
            app.send(
                Method::POST,
                &uri,
                who,
                Some(body),
                &[("content-type", "application/json")],
            )
            .await
        }
    };
    let clients = format!("/api/v1/clients/{location}");

    // Body over the limit (64 KiB in tests): 413.
    let big = format!(
        "{{\"name\": \"{}\", \"phone\": \"13155550100\"}}",
        "x".repeat(70_000)
    );
    let answer = post(clients.clone(), big.into_bytes()).await;
    answer.expect(StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.body["meta"]["code"], "payload_too_large");

    // Deeply nested JSON (serde's recursion limit), inside an object and as a whole body.
    let deep = format!(
        "{{\"name\": {}1{}, \"phone\": \"13155550100\"}}",
        "[".repeat(3000),
        "]".repeat(3000)
    );
    post(clients.clone(), deep.into_bytes())
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let deep_objects = format!("{}{}", "{\"a\":".repeat(3000), "}".repeat(3000));
    post(clients.clone(), deep_objects.into_bytes())
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);

    // Many keys and a long string within the byte limit: 422 on the field, never a 500.
    let long_name = json!({"name": "n".repeat(50_000), "phone": "13155550100"});
    let answer = post(clients.clone(), long_name.to_string().into_bytes()).await;
    answer.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.error_fields(), ["name"]);
    let mut many = serde_json::Map::new();
    for i in 0..3000 {
        many.insert(format!("k{i}"), json!(i));
    }
    many.insert("name".into(), json!("Many Keys"));
    many.insert("phone".into(), json!("13155550101"));
    post(
        clients.clone(),
        Value::Object(many).to_string().into_bytes(),
    )
    .await
    .expect(StatusCode::CREATED);

    // Invalid UTF-8 in a JSON body: 422.
    let mut bad_utf8 = b"{\"name\": \"".to_vec();
    bad_utf8.extend_from_slice(&[0xff, 0xfe, 0xfd]);
    bad_utf8.extend_from_slice(b"\", \"phone\": \"13155550102\"}");
    post(clients.clone(), bad_utf8)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    // Lone surrogate escapes are invalid too.
    post(
        clients.clone(),
        br#"{"name": "\ud800", "phone": "13155550103"}"#.to_vec(),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);

    // Page-size caps: over the cap is a 422, never a silent cap or a huge answer.
    app.get(&format!("{clients}?count=100000"), owner.as_())
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.get("/api/v1/companies?count=1000000", owner.as_())
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.post(
        &format!("/api/v1/company/{location}/clients/search"),
        owner.as_(),
        json!({"page_size": 100000}),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    // Huge page numbers are an empty page, not an overflow.
    app.get(
        &format!("{clients}?page=9223372036854775807&count=200"),
        owner.as_(),
    )
    .await
    .expect(StatusCode::OK);
    app.get("/api/v1/companies?page=9223372036854775807", owner.as_())
        .await
        .expect(StatusCode::OK);

    // Huge query strings and invalid UTF-8 in the query.
    let answer = app
        .get(
            &format!("{clients}?fullname={}", "a".repeat(60_000)),
            owner.as_(),
        )
        .await;
    // A long search term is searched for (and found nowhere).
    answer.expect(StatusCode::OK);
    assert_eq!(answer.data(), &json!([]));
    let many_params: Vec<String> = (0..5000).map(|i| format!("p{i}=1")).collect();
    app.get(&format!("{clients}?{}", many_params.join("&")), owner.as_())
        .await
        .expect(StatusCode::OK);
    let answer = app
        .get(&format!("{clients}?fullname=%FF%FE"), owner.as_())
        .await;
    // Undecodable bytes become U+FFFD, a term no client has.
    answer.expect(StatusCode::OK);
    assert_eq!(answer.data(), &json!([]));

    // Many path segments, huge and odd ids, invalid UTF-8 in the path: 404.
    let segments = "/x".repeat(2000);
    app.get(
        &format!("/api/v1/company/{location}{segments}"),
        owner.as_(),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
    for id in [
        "99999999999999999999999",
        "-1",
        "1e400",
        "NaN",
        "%FF%FE",
        "0x10",
    ] {
        app.get(&format!("/api/v1/client/{location}/{id}"), owner.as_())
            .await
            .expect(StatusCode::NOT_FOUND);
        app.get(&format!("/api/v1/company/{id}"), owner.as_())
            .await
            .expect(StatusCode::NOT_FOUND);
    }

    // A bulk body that is not an array, and one with too deep items.
    let bulk = format!("/api/v1/clients/{location}/bulk");
    post(bulk.clone(), b"{\"name\": \"x\"}".to_vec())
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_client_that_never_finishes_its_request_head_is_disconnected() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut app = TestApp::new().await;
    app.state = AppState::from_parts(
        app.state.db.clone(),
        Arc::new(Settings {
            header_read_timeout: std::time::Duration::from_millis(300),
            ..(*app.state.settings).clone()
        }),
        app.state.clock.clone(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app::serve(listener, app.state.clone(), async {
        let _ = stopped.await;
    }));

    // A complete request is served…
    let mut ok = tokio::net::TcpStream::connect(addr).await.unwrap();
    ok.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    ok.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    // …a slow one is cut off once the timeout passes, well before the test's own limit.
    let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHo")
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        slow.read_to_end(&mut buf),
    )
    .await
    .expect("the server closed the slow connection");
    // hyper closes it (with at most a bare 408, never the answer).
    let _ = read;
    assert!(!String::from_utf8_lossy(&buf).contains(" 200 "));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));

    // Shutdown is graceful and returns.
    stop.send(()).unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(10), server)
        .await
        .expect("serve returns after shutdown")
        .unwrap()
        .unwrap();
}
