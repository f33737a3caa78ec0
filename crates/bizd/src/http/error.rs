//! One error type for every handler; its `IntoResponse` builds every failure body.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bizd_domain::access::Permission;
use bizd_domain::FieldErrors;
use bizd_store::{Constraint, StoreError};
use serde_json::{json, Map, Value};

use super::access::Access;
use super::envelope::{ErrorBody, ErrorMeta};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("Authentication needed.")]
    Unauthorized,
    #[error("Incorrect login or password.")]
    InvalidCredentials,
    /// Not a member of the path's location or chain.
    #[error("Access denied.")]
    Forbidden,
    /// A member whose role lacks the permission the operation declares.
    #[error("Your role does not grant the {} permission needed here.", .0.slug())]
    PermissionDenied(Permission),
    #[error("{0}")]
    NotFound(String),
    #[error("Method not allowed.")]
    MethodNotAllowed,
    #[error("{}", .0.first_message().unwrap_or("The given data was invalid."))]
    Validation(FieldErrors),
    #[error("Request body is too large.")]
    PayloadTooLarge,
    /// 422 with a machine code of its own (e.g. `idempotency_key_reused`), for a refusal that
    /// concerns the request as a whole rather than one field.
    #[error("{message}")]
    Unprocessable { code: &'static str, message: String },
    #[error("{0}")]
    Conflict(String),
    /// 409 with a machine code of its own.
    #[error("{message}")]
    ConflictWith { code: &'static str, message: String },
    /// The public booking flow's refusals: the reference's numbered errors (431 bad phone, 432
    /// wrong code, 433 time taken, 434 blacklisted, 435 no name, 436 no team member, 437
    /// overlap within the request, 438 service not bookable) as `meta.errors[{code, message}]`
    /// (with the request's appointment `id` when one is named), and a `meta.code` of ours.
    #[error("An error has occurred")]
    Booking {
        status: StatusCode,
        code: &'static str,
        errors: Vec<BookingIssue>,
    },
    #[error("Too many requests.")]
    RateLimited,
    #[error("Service temporarily unavailable.")]
    Unavailable,
    /// The data the operation needs stayed locked by another operation past the lock timeout.
    #[error("The data is being changed by another request; try again.")]
    Busy,
    /// Test only: the operation's declared access, answered instead of running it.
    #[error("Access probe.")]
    AccessProbe(Access),
    /// Details are logged, never sent.
    #[error("Internal server error.")]
    Internal(String),
}

pub type ApiResult<T> = Result<T, ApiError>;

/// One numbered error of the public booking flow.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BookingIssue {
    pub code: u16,
    pub message: String,
    /// The `id` of the request's appointment it concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
}

impl ApiError {
    pub fn not_found() -> Self {
        ApiError::NotFound("Not found".into())
    }

    pub fn field(field: &str, message: impl Into<String>) -> Self {
        ApiError::Validation(FieldErrors::single(field, message))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized | ApiError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden | ApiError::PermissionDenied(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Validation(_) | ApiError::Unprocessable { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Booking { status, .. } => *status,
            ApiError::Conflict(_) | ApiError::ConflictWith { .. } => StatusCode::CONFLICT,
            ApiError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable | ApiError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::AccessProbe(_) => StatusCode::IM_A_TEAPOT,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable `meta.code`.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Unauthorized => "unauthorized",
            ApiError::InvalidCredentials => "invalid_credentials",
            ApiError::Forbidden => "forbidden",
            ApiError::PermissionDenied(_) => "permission_denied",
            ApiError::NotFound(_) => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::Validation(_) => "validation_failed",
            ApiError::Unprocessable { code, .. }
            | ApiError::ConflictWith { code, .. }
            | ApiError::Booking { code, .. } => code,
            ApiError::PayloadTooLarge => "payload_too_large",
            ApiError::Conflict(_) => "conflict",
            ApiError::RateLimited => "rate_limited",
            ApiError::Unavailable => "unavailable",
            ApiError::Busy => "busy",
            ApiError::AccessProbe(_) => "access_probe",
            ApiError::Internal(_) => "internal_error",
        }
    }
}

/// The error envelope for a bare status (used where no `ApiError` exists, e.g. a layer's answer).
pub fn envelope_for_status(status: StatusCode) -> Response {
    let error = match status {
        StatusCode::UNAUTHORIZED => ApiError::Unauthorized,
        StatusCode::FORBIDDEN => ApiError::Forbidden,
        StatusCode::NOT_FOUND => ApiError::not_found(),
        StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed,
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge,
        StatusCode::TOO_MANY_REQUESTS => ApiError::RateLimited,
        StatusCode::SERVICE_UNAVAILABLE | StatusCode::REQUEST_TIMEOUT => ApiError::Unavailable,
        s if s.is_client_error() => {
            return body(
                s,
                s.canonical_reason().unwrap_or("Bad request."),
                "bad_request",
                None,
            );
        }
        _ => ApiError::Internal(format!("status {status} without body")),
    };
    error.into_response()
}

fn body(status: StatusCode, message: &str, code: &str, errors: Option<Value>) -> Response {
    let body = ErrorBody {
        success: false,
        data: None,
        meta: ErrorMeta {
            message: message.to_owned(),
            code: code.to_owned(),
            errors,
        },
    };
    let mut response = (status, axum::Json(body)).into_response();
    if status == StatusCode::UNAUTHORIZED {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if let ApiError::Internal(detail) = &self {
            tracing::error!(%detail, "internal error");
        }
        let errors = match &self {
            ApiError::Validation(fields) => {
                let map: Map<String, Value> =
                    fields.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
                Some(Value::Object(map))
            }
            // The declaration rides where the field errors would (never outside a probe).
            ApiError::AccessProbe(access) => Some(json!({ "access": access.describe() })),
            ApiError::Booking { errors, .. } => Some(json!(errors)),
            _ => None,
        };
        body(status, &self.to_string(), self.code(), errors)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::not_found(),
            StoreError::Constraint(c) => match constraint_field(&c) {
                Some((field, message)) => ApiError::field(field, message),
                None => {
                    tracing::info!(constraint = ?c, "write refused by a constraint");
                    ApiError::Conflict("The request conflicts with existing data.".into())
                }
            },
            StoreError::Busy(detail) => {
                tracing::info!(%detail, "lock not granted in time");
                ApiError::Busy
            }
            StoreError::Unavailable(detail) => {
                tracing::warn!(%detail, "database unavailable");
                ApiError::Unavailable
            }
            StoreError::InsufficientStock {
                product_id,
                storage_id,
            } => ApiError::Unprocessable {
                code: "insufficient_stock",
                message: format!(
                    "Not enough stock of product {product_id} in storage {storage_id}."
                ),
            },
            other => ApiError::Internal(other.to_string()),
        }
    }
}

/// The one table from named constraints to the field error a client sees (exhaustive: a new
/// named constraint does not compile until it has its answer here).
fn constraint_field(c: &Constraint) -> Option<(&'static str, &'static str)> {
    match c {
        Constraint::ClientsLocationPhone => Some((
            "phone",
            "The client with the specified phone number already exists in the location.",
        )),
        Constraint::UsersLogin => Some(("login", "A user with this login already exists.")),
        Constraint::Other(_) => None,
    }
}

impl From<FieldErrors> for ApiError {
    fn from(e: FieldErrors) -> Self {
        ApiError::Validation(e)
    }
}
