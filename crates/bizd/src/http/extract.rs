//! Extractors whose rejections answer in the envelope: a JSON body that tolerates a missing
//! `Content-Type` and an empty body, a query string that understands `key[]=…`, and paths
//! whose unparsable ids mean "not found".

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use bizd_domain::FieldErrors;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::ApiError;

/// A JSON object body, deserialized leniently; errors become 422 with field errors. (serde would
/// fill a struct from an array positionally; an object body must be an object.)
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge
            } else {
                ApiError::field("body", "The request body could not be read.")
            }
        })?;
        let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
        if first.is_some_and(|b| *b != b'{') {
            return Err(ApiError::field(
                "body",
                "The request body must be a JSON object.",
            ));
        }
        parse_json(&bytes).map(Json)
    }
}

/// Parses a body; an empty body counts as `{}` (clients send none when every field is optional).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let text: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        bytes
    };
    let mut de = serde_json::Deserializer::from_slice(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() || inner.is_io() {
            ApiError::field("body", format!("Malformed JSON: {inner}."))
        } else {
            field_error(&path, &inner.to_string())
        }
    })?;
    de.end()
        .map_err(|e| ApiError::field("body", format!("Malformed JSON: {e}.")))?;
    // Raw NUL bytes are invalid JSON; only the escape can carry one, so the cheap byte test
    // spares the common case a second parse.
    if text.windows(6).any(|w| w == b"\\u0000") {
        let tree: Value = serde_json::from_slice(text)
            .map_err(|e| ApiError::field("body", format!("Malformed JSON: {e}.")))?;
        if let Some(path) = nul_path(&tree, String::new()) {
            return Err(nul_error(&path));
        }
    }
    Ok(value)
}

/// PostgreSQL TEXT cannot hold U+0000 while SQLite can: refusing it at the door keeps the
/// answer the same 422 on both backends (instead of a 500 on one).
fn nul_error(field: &str) -> ApiError {
    let field = if field.is_empty() { "body" } else { field };
    ApiError::field(field, "The value must not contain a NUL character.")
}

/// The path (serde_path_to_error style: `a.b[2]`) of the first string holding U+0000.
fn nul_path(value: &Value, path: String) -> Option<String> {
    match value {
        Value::String(s) if s.contains('\0') => Some(path),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| nul_path(v, format!("{path}[{i}]"))),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            if k.contains('\0') {
                return Some(path.clone());
            }
            let child = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            nul_path(v, child)
        }),
        _ => None,
    }
}

/// Turns a serde message at a path into a field error. serde reports a missing field at its
/// parent's path, with the name in backticks.
fn field_error(path: &str, message: &str) -> ApiError {
    let message = message.split(" at line ").next().unwrap_or(message);
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or_default();
        let field = if path == "." || path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        };
        return ApiError::field(&field, format!("The {name} field is required."));
    }
    let field = if path == "." || path.is_empty() {
        "body"
    } else {
        path
    };
    ApiError::Validation(FieldErrors::single(
        field,
        format!("Invalid value: {message}."),
    ))
}

/// Query parameters. `key[]=a&key[]=b` makes a list; otherwise the last value of a key wins.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        parse_query(query).map(Query)
    }
}

pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let mut map = Map::new();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if key.contains('\0') || value.contains('\0') {
            return Err(nul_error(key.trim_end_matches("[]")));
        }
        let value = Value::String(value.into_owned());
        if let Some(base) = key.strip_suffix("[]") {
            match map
                .entry(base.to_owned())
                .or_insert_with(|| Value::Array(Vec::new()))
            {
                Value::Array(items) => items.push(value),
                slot => *slot = Value::Array(vec![value]),
            }
        } else {
            map.insert(key.into_owned(), value);
        }
    }
    serde_path_to_error::deserialize(Value::Object(map)).map_err(|e| {
        let path = e.path().to_string();
        field_error(&path, &e.into_inner().to_string())
    })
}

/// Path parameters; anything that does not parse (a non-numeric id) is a 404.
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| Path(v))
            .map_err(|_| ApiError::not_found())
    }
}

/// `scheme://host` of this request as the client addressed it, for absolute links in answers
/// (empty when the request named no host, making links relative).
pub struct BaseUrl(pub String);

impl<S: Send + Sync> FromRequestParts<S> for BaseUrl {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
        };
        let host = header("x-forwarded-host")
            .or_else(|| header("host"))
            .filter(|h| {
                !h.is_empty()
                    && h.chars().all(|c| {
                        c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']')
                    })
            });
        let scheme = match header("x-forwarded-proto") {
            Some("https") => "https",
            _ => "http",
        };
        Ok(BaseUrl(
            host.map(|h| format!("{scheme}://{h}")).unwrap_or_default(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::wire::Int;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    struct Body {
        #[allow(dead_code)]
        title: String,
        #[serde(default, alias = "company_id")]
        location_id: Option<Int>,
    }

    fn errors(e: ApiError) -> Vec<String> {
        match e {
            ApiError::Validation(f) => f.iter().map(|(k, _)| k.clone()).collect(),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn json_errors_name_fields() {
        assert_eq!(errors(parse_json::<Body>(b"{}").unwrap_err()), ["title"]);
        assert_eq!(errors(parse_json::<Body>(b"").unwrap_err()), ["title"]);
        assert_eq!(
            errors(parse_json::<Body>(b"{\"title\": \"a\"").unwrap_err()),
            ["body"]
        );
        assert_eq!(
            errors(parse_json::<Body>(b"{\"title\": \"a\", \"location_id\": \"x\"}").unwrap_err()),
            ["location_id"]
        );
        let ok: Body = parse_json(b"{\"title\": \"a\", \"company_id\": 5.0}").unwrap();
        assert_eq!(ok.location_id, Some(Int(5)));
    }

    #[derive(Deserialize, Debug)]
    struct Q {
        #[serde(default)]
        id: Option<Vec<Int>>,
        #[serde(default)]
        page: Option<Int>,
    }

    #[test]
    fn query_lists_and_numbers() {
        let q: Q = parse_query("id[]=1&id[]=2.0&page=3").unwrap();
        assert_eq!(q.id.unwrap(), [Int(1), Int(2)]);
        assert_eq!(q.page, Some(Int(3)));
        assert_eq!(errors(parse_query::<Q>("page=abc").unwrap_err()), ["page"]);
    }
}
