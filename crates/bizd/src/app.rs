//! The application: shared state, the router with its layers, and serving it.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use bizd_domain::time::Clock;
use bizd_store::Db;
use tower::util::{MapRequest, MapRequestLayer};
use tower::Layer;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::{Config, SwaggerUi};

use crate::http::access_cache::AccessCache;
use crate::http::error::envelope_for_status;
use crate::http::rate_limit::{self, RateLimits};
use crate::http::{auth, idempotency, ApiError, Envelope};
use crate::openapi::ApiDoc;
use crate::sections;

/// Settings the handlers need.
#[derive(Debug, Clone)]
pub struct Settings {
    pub data_dir: PathBuf,
    pub body_limit: usize,
    pub request_timeout: Duration,
    /// Off by default; clones share the counters.
    pub rate_limit: RateLimits,
    /// How long a client may take to send a request head (also how long an idle keep-alive
    /// connection stays open).
    pub header_read_timeout: Duration,
    /// Recent access decisions (clones share them); see [`crate::http::access_cache`].
    pub access_cache: AccessCache,
    /// Answer the access-probe header with each operation's declared access instead of running
    /// it (the route-table test; never on in a server).
    pub access_probe: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            data_dir: PathBuf::from("./bizd-data"),
            body_limit: 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            rate_limit: RateLimits::default(),
            header_read_timeout: Duration::from_secs(30),
            access_cache: AccessCache::default(),
            access_probe: false,
        }
    }
}

/// What every handler and middleware gets: one pointer, so the per-request clones axum makes
/// (each `from_fn` layer and `State` extractor clones it) cost one reference count, not one per
/// field (the store alone holds several).
#[derive(Clone)]
pub struct AppState(Arc<StateParts>);

pub struct StateParts {
    pub db: Db,
    pub settings: Arc<Settings>,
    /// Every read of "now" goes through it (tests fix it).
    pub clock: Clock,
}

impl std::ops::Deref for AppState {
    type Target = StateParts;
    fn deref(&self) -> &StateParts {
        &self.0
    }
}

impl AppState {
    pub fn new(db: Db, settings: Settings) -> Self {
        Self::from_parts(db, Arc::new(settings), Clock::system())
    }

    pub fn from_parts(db: Db, settings: Arc<Settings>, clock: Clock) -> Self {
        AppState(Arc::new(StateParts {
            db,
            settings,
            clock,
        }))
    }
}

/// Every section's routes, with the OpenAPI document they describe.
pub fn api_routes() -> OpenApiRouter<AppState> {
    let mut routes = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(sections::authentication_b2b::routes())
        .merge(sections::locations::routes())
        .merge(sections::location_chains::routes())
        .merge(sections::clients::routes())
        .merge(sections::services::routes())
        .merge(sections::team_members::routes())
        .merge(sections::schedule_and_resources::routes())
        .merge(sections::appointments::routes())
        .merge(sections::comments::routes())
        .merge(sections::online_booking_settings::routes())
        .merge(sections::b2c_online_booking::routes())
        .merge(sections::online_booking_users::routes())
        .merge(sections::sales::routes())
        .merge(sections::payments::routes())
        .merge(sections::users_and_permissions::routes())
        .merge(sections::products::routes())
        .merge(sections::inventory::routes());
    crate::openapi::add_common_responses(routes.get_openapi_mut());
    routes
}

/// The OpenAPI document of everything [`api_routes`] mounts.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api_routes().into_openapi()
}

/// The whole HTTP service. Trailing slashes of API paths are trimmed before routing (real
/// clients send `/company/1/`); the docs pages keep theirs, which their assets rely on — which is
/// why this is not tower-http's `NormalizePath`, which trims every path (and `/docs/` then
/// redirects to itself).
pub fn service(state: AppState) -> MapRequest<Router, fn(Request) -> Request> {
    MapRequestLayer::new(trim_api_trailing_slash as fn(Request) -> Request).layer(router(state))
}

fn trim_api_trailing_slash(mut req: Request) -> Request {
    let path = req.uri().path();
    if path.starts_with("/api/") && path.len() > 1 && path.ends_with('/') {
        let trimmed = path.trim_end_matches('/');
        let new = match req.uri().query() {
            Some(q) => format!("{trimmed}?{q}"),
            None => trimmed.to_owned(),
        };
        if let Ok(uri) = new.parse() {
            *req.uri_mut() = uri;
        }
    }
    req
}

pub fn router(state: AppState) -> Router {
    let (api, openapi) = api_routes().split_for_parts();
    let openapi = Arc::new(openapi);
    // Authentication, which then runs idempotency (it needs the caller).
    let api = api
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        .route("/openapi.json", get(openapi_json))
        .layer(Extension(openapi))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed);
    let settings = state.settings.clone();
    let router = Router::new()
        .route("/healthz", get(healthz))
        .nest("/api/v1", api)
        .merge(SwaggerUi::new("/docs").config(Config::from("/api/v1/openapi.json")))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        .layer(DefaultBodyLimit::max(settings.body_limit));
    // Outside authentication: a refused request costs no database work.
    let router = if settings.rate_limit.is_on() {
        router.layer(middleware::from_fn_with_state(
            settings.rate_limit.clone(),
            rate_limit::limit,
        ))
    } else {
        router
    };
    router
        .layer(middleware::from_fn(envelope_guard))
        .layer(CatchPanicLayer::custom(|_| ApiError::Internal("handler panicked".into()).into_response()))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, settings.request_timeout))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", method = %req.method(), uri = %req.uri(), request_id = %id)
        }))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

async fn openapi_json(Extension(doc): Extension<Arc<utoipa::openapi::OpenApi>>) -> Response {
    axum::Json(doc.as_ref()).into_response()
}

async fn healthz() -> Envelope<serde_json::Value> {
    Envelope::one(serde_json::json!({"status": "ok"}))
}

async fn not_found() -> ApiError {
    ApiError::not_found()
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// Last line of defence: an error answer that is not JSON (from a layer, say) is replaced by the
/// envelope, so clients that unwrap blindly never meet a bare text body.
async fn envelope_guard(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        let mut replaced = envelope_for_status(status);
        if let Some(id) = response.headers().get("x-request-id") {
            replaced.headers_mut().insert("x-request-id", id.clone());
        }
        return replaced;
    }
    response
}

/// Serves until `shutdown` resolves, then lets in-flight requests finish.
///
/// The accept loop is axum's own (`axum::serve`) with one addition: hyper gets a timer, so a
/// client that does not finish sending its request head within
/// [`Settings::header_read_timeout`] (slowloris, or a keep-alive connection left idle) is
/// disconnected instead of holding a connection forever.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    use hyper_util::server::conn::auto::Builder;
    use hyper_util::service::TowerToHyperService;
    use tower::ServiceExt as _;

    let header_read_timeout = state.settings.header_read_timeout;
    let purge = tokio::spawn(purge_idempotency_keys(state.clone()));
    let app = service(state);
    // Connections watch `stop` to begin a graceful close; `done` counts the live ones.
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(());
    let (done_tx, done_rx) = tokio::sync::watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: back off instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service =
            app.clone()
                .map_request(move |req: axum::http::Request<hyper::body::Incoming>| {
                    let mut req = req.map(Body::new);
                    req.extensions_mut()
                        .insert(axum::extract::ConnectInfo(remote));
                    req
                });
        let mut stop = stop_rx.clone();
        let done = done_rx.clone();
        tokio::spawn(async move {
            let mut builder = Builder::new(TokioExecutor::new());
            builder
                .http1()
                .timer(TokioTimer::new())
                .header_read_timeout(header_read_timeout);
            let conn = builder.serve_connection_with_upgrades(
                TokioIo::new(stream),
                TowerToHyperService::new(service),
            );
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stop.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
            drop(done);
        });
    }
    purge.abort();
    drop(listener);
    drop(stop_tx);
    drop(done_rx);
    done_tx.closed().await;
    Ok(())
}

/// Deletes expired idempotency answers once an hour.
async fn purge_idempotency_keys(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        match idempotency::purge_expired(&state).await {
            Ok(n) if n > 0 => tracing::info!(purged = n, "expired idempotency keys deleted"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "purging idempotency keys failed"),
        }
    }
}

/// Resolves on SIGINT or SIGTERM. The handlers are installed when this is called (not when the
/// future is first polled), so a signal right after start-up is never missed.
pub fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let mut terminate =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    #[cfg(unix)]
    let mut interrupt =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt()).ok();
    async move {
        #[cfg(unix)]
        {
            let term = async {
                match terminate.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            let int = async {
                match interrupt.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! { _ = term => {}, _ = int => {} }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        tracing::info!("shutdown signal received, finishing in-flight requests");
    }
}
