//! `Idempotency-Key` (an extension; the reference has none, Square's Bookings API does): a
//! client that retries a write after a lost answer must not create a second client or a second
//! payment.
//!
//! On `POST`, `PUT`, `PATCH` and `DELETE` under `/api/v1` with the header, the key is claimed for
//! the caller (partner + user) in the database before the operation runs:
//! - a new key runs the operation and stores its answer (status, content type, body);
//! - the same key with the same request (method, path, query and body) within 24 hours answers
//!   the stored answer byte for byte, with `Idempotent-Replayed: true`, without running anything;
//! - the same key with a different request is a 422 `idempotency_key_reused`;
//! - a request arriving while the first one with its key still runs waits for its answer, so two
//!   concurrent requests run the operation once.
//!
//! A 5xx or 429 answer is not stored (the key is released), so the retry runs the operation.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bizd_store::idempotency::{self, Claim, Entry, Expiry, Scope};
use sha2::{Digest, Sha256};

use super::auth::Caller;
use super::ApiError;
use crate::app::AppState;

pub const HEADER: &str = "idempotency-key";
pub const REPLAYED_HEADER: &str = "idempotent-replayed";

/// How long an answer is kept for replay.
pub const RETENTION_SECONDS: i64 = 24 * 3600;

/// A claim without an answer this old belongs to a request that can no longer finish (requests
/// time out after 30 s): the key may be claimed again.
const ABANDONED_SECONDS: i64 = 120;

/// How long a request waits for the first request with its key to finish.
const WAIT_FOR_FIRST: Duration = Duration::from_secs(25);

/// Largest request body read for hashing (the bulk endpoint's limit).
const MAX_REQUEST_BODY: usize = 64 * 1024 * 1024;

fn expiry(now: i64) -> Expiry {
    Expiry {
        expired_before: now - RETENTION_SECONDS,
        abandoned_before: now - ABANDONED_SECONDS,
    }
}

/// The middleware described in the module doc; runs after authentication.
pub async fn idempotency(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !matches!(
        *req.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) {
        return next.run(req).await;
    }
    let Some(raw_key) = req.headers().get(HEADER) else {
        return next.run(req).await;
    };
    let Some(caller) = req.extensions().get::<std::sync::Arc<Caller>>().cloned() else {
        // An access probe: nothing runs.
        return next.run(req).await;
    };
    match run_once(&state, raw_key.clone(), caller, req, next).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    }
}

async fn run_once(
    state: &AppState,
    raw_key: HeaderValue,
    caller: std::sync::Arc<Caller>,
    req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let key = valid_key(&raw_key)?;
    let scope = Scope {
        partner_id: caller.partner_id,
        user_id: caller.user.as_ref().map_or(0, |u| u.id),
    };
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_REQUEST_BODY)
        .await
        .map_err(|_| ApiError::PayloadTooLarge)?;
    let hash = request_hash(&parts.method, &parts.uri, &bytes);

    let deadline = tokio::time::Instant::now() + WAIT_FOR_FIRST;
    loop {
        let now = state.clock.now();
        let mut c = state.db.write().await?;
        let claim = idempotency::claim(&mut c, scope, &key, &hash, now, expiry(now)).await?;
        c.commit().await?;
        let entry = match claim {
            Claim::Fresh => break,
            Claim::Seen(entry) => entry,
        };
        if entry.request_hash != hash {
            return Err(reused());
        }
        if let Some(answer) = replay(&entry) {
            return Ok(answer);
        }
        // The first request with this key is still running: wait for its answer.
        match wait_for_answer(state, scope, &key, deadline).await? {
            Some(entry) if entry.request_hash != hash => return Err(reused()),
            Some(entry) => {
                if let Some(answer) = replay(&entry) {
                    return Ok(answer);
                }
                return Err(in_progress());
            }
            // Released (the first request failed): claim it again.
            None => continue,
        }
    }

    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let status = response.status();
    let keep = !(status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS);
    let (head, body) = response.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .map_err(|e| ApiError::Internal(format!("reading the answer to store it: {e}")))?;
    let content_type = head
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut c = state.db.write().await?;
    match std::str::from_utf8(&body) {
        Ok(text) if keep => {
            idempotency::complete(&mut c, scope, &key, status.as_u16(), content_type, text).await?
        }
        _ => idempotency::release(&mut c, scope, &key).await?,
    }
    c.commit().await?;
    Ok(Response::from_parts(head, Body::from(body)))
}

/// Polls the key until its first request has answered, was released (`None`), or `deadline`.
async fn wait_for_answer(
    state: &AppState,
    scope: Scope,
    key: &str,
    deadline: tokio::time::Instant,
) -> Result<Option<Entry>, ApiError> {
    let mut pause = Duration::from_millis(5);
    loop {
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_millis(100));
        let entry = idempotency::entry(&mut state.db.read().await?, scope, key).await?;
        match entry {
            Some(e) if e.status.is_none() && tokio::time::Instant::now() < deadline => continue,
            other => return Ok(other),
        }
    }
}

fn replay(entry: &Entry) -> Option<Response> {
    let status = StatusCode::from_u16(u16::try_from(entry.status?).ok()?).ok()?;
    let mut response = Response::new(Body::from(Bytes::from(entry.body.clone())));
    *response.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(&entry.content_type) {
        if !entry.content_type.is_empty() {
            response.headers_mut().insert(header::CONTENT_TYPE, v);
        }
    }
    response
        .headers_mut()
        .insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
    Some(response)
}

/// 1 to 255 visible ASCII characters (a UUID, typically).
fn valid_key(raw: &HeaderValue) -> Result<String, ApiError> {
    let key = raw.to_str().unwrap_or_default().trim();
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::field(
            "Idempotency-Key",
            "The Idempotency-Key header must be 1 to 255 visible ASCII characters.",
        ));
    }
    Ok(key.to_owned())
}

fn request_hash(method: &Method, uri: &axum::http::Uri, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(method.as_str().as_bytes());
    h.update(b" ");
    h.update(
        uri.path_and_query()
            .map_or(uri.path(), |p| p.as_str())
            .as_bytes(),
    );
    h.update(b"\n");
    h.update(body);
    hex::encode(h.finalize())
}

fn reused() -> ApiError {
    ApiError::Unprocessable {
        code: "idempotency_key_reused",
        message: "This Idempotency-Key was used for a different request.".into(),
    }
}

fn in_progress() -> ApiError {
    ApiError::ConflictWith {
        code: "idempotency_key_in_progress",
        message: "A request with this Idempotency-Key is still running; retry later.".into(),
    }
}

/// Deletes expired answers; run periodically by the server.
pub async fn purge_expired(state: &AppState) -> Result<u64, ApiError> {
    let now = state.clock.now();
    let mut c = state.db.write().await?;
    let purged = idempotency::purge(&mut c, now - RETENTION_SECONDS).await?;
    c.commit().await?;
    Ok(purged)
}
