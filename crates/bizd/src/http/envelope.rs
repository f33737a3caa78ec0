//! The reference's answer shape: `{"success": true, "data": …, "meta": …}`. [`Envelope`] is the
//! only place a success body is built; [`super::ApiError`] the only place for a failure body.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{json, Value};
use utoipa::ToSchema;

/// A successful answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Envelope<T> {
    /// Always `true` here.
    pub success: bool,
    pub data: T,
    /// `[]` for single objects, an object with counts for lists.
    #[schema(schema_with = super::schema::meta)]
    pub meta: Value,
    #[serde(skip)]
    #[schema(ignore)]
    pub status: StatusCode,
}

impl<T: Serialize> Envelope<T> {
    /// A single object: `meta` is the empty array, as in the reference examples.
    pub fn one(data: T) -> Self {
        Envelope::with_meta(data, json!([]))
    }

    /// A list with its counters.
    pub fn list(data: T, meta: super::paging::ListMeta) -> Self {
        Envelope::with_meta(data, json!(meta))
    }

    /// An answer whose `meta` is an object of the section's own (a typed struct, or `{}` for
    /// the reference's empty-object meta of deletes).
    pub fn with_meta(data: T, meta: impl Serialize) -> Self {
        Envelope {
            success: true,
            data,
            meta: serde_json::to_value(meta).unwrap_or(Value::Null),
            status: StatusCode::OK,
        }
    }

    /// The same answer with its data converted (an optional-id read answering its list).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Envelope<U> {
        Envelope {
            success: self.success,
            data: f(self.data),
            meta: self.meta,
            status: self.status,
        }
    }

    pub fn status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }
}

impl Envelope<Option<String>> {
    /// `{"success": true, "data": null, "meta": {}}`: what deletes answer.
    pub fn deleted() -> Self {
        Envelope::with_meta(None, json!({}))
    }
}

impl<T: Serialize> IntoResponse for Envelope<T> {
    fn into_response(self) -> Response {
        // Sized for a typical entity (a client is ~1.5 kB): axum's Json starts at 128 bytes
        // and grows by reallocating.
        let mut body = Vec::with_capacity(2048);
        match serde_json::to_writer(&mut body, &self) {
            Ok(()) => (
                self.status,
                [(
                    axum::http::header::CONTENT_TYPE,
                    axum::http::HeaderValue::from_static("application/json"),
                )],
                body,
            )
                .into_response(),
            Err(e) => crate::http::ApiError::Internal(format!("serializing the answer: {e}"))
                .into_response(),
        }
    }
}

/// The failure shape, for the OpenAPI document.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// Always `false` here.
    pub success: bool,
    /// Always `null` here.
    #[schema(value_type = Option<Object>)]
    pub data: Option<Value>,
    pub meta: ErrorMeta,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorMeta {
    /// Human-readable message, e.g. "Authentication needed.".
    pub message: String,
    /// Stable machine-readable code, e.g. `unauthorized`, `validation_failed`.
    pub code: String,
    /// For 422: field name → messages (or a list of numbered refusals).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = super::schema::error_details)]
    pub errors: Option<Value>,
}
