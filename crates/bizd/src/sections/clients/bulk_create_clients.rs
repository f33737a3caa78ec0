use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use bizd_domain::client::{Client, ClientFields, Tag};
use bizd_domain::time::TimeZone;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use utoipa::ToSchema;

use super::json::{ClientBody, ClientDto};
use crate::app::AppState;
use crate::http::extract::parse_json;
use crate::http::{perm, ApiError, ApiResult, Envelope, LocationAccess};

/// Most clients one bulk request may carry.
pub const MAX_ITEMS: usize = 100_000;

#[derive(Debug, Serialize, ToSchema)]
pub struct BulkError {
    /// Position of the item in the request (zero-based).
    pub index: usize,
    /// As sent (any JSON value).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Value>)]
    pub name: Option<Value>,
    /// As sent (any JSON value).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Value>)]
    pub phone: Option<Value>,
    /// The first problem, as a sentence.
    pub error: String,
    /// Field → messages.
    #[schema(value_type = Object)]
    pub errors: Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BulkResult {
    pub created: Vec<ClientDto>,
    pub errors: Vec<BulkError>,
}

fn item_error(index: usize, item: &RawValue, error: ApiError) -> BulkError {
    let item: Value = serde_json::from_str(item.get()).unwrap_or(Value::Null);
    let (message, errors) = match &error {
        ApiError::Validation(fields) => {
            let map: Map<String, Value> = fields
                .iter()
                .map(|(k, v)| (k.clone(), Value::from(v.clone())))
                .collect();
            (error.to_string(), Value::Object(map))
        }
        other => (other.to_string(), Value::Object(Map::new())),
    };
    BulkError {
        index,
        name: item.get("name").cloned(),
        phone: item.get("phone").cloned(),
        error: message,
        errors,
    }
}

/// Bulk adding clients (`clients/bulk_create_clients.md`): a JSON array of clients. Each item
/// succeeds or fails alone; failures are listed with their index and never lose the good items.
#[utoipa::path(
    post, path = "/clients/{location_id}/bulk", operation_id = "bulk_create_clients", tag = "Clients",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = Vec<ClientBody>,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<BulkResult>))
)]
pub async fn bulk_create_clients(
    State(state): State<AppState>,
    access: LocationAccess<perm::Clients>,
    body: Bytes,
) -> ApiResult<Response> {
    // Items stay raw text until each is read on its own: one bad item cannot fail the others,
    // and a hundred thousand of them cost their bytes, not a tree of JSON values each.
    let items: Vec<Box<RawValue>> = parse_json(&body)?;
    drop(body);
    if items.len() > MAX_ITEMS {
        return Err(ApiError::field(
            "body",
            format!("At most {MAX_ITEMS} clients per request."),
        ));
    }
    let location = &access.location;
    let mut errors = Vec::new();
    let mut valid_indexes = Vec::with_capacity(items.len());
    let mut valid: Vec<ClientFields> = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let fields = serde_json::from_str::<ClientBody>(item.get())
            .map_err(|e| ApiError::field("body", format!("Invalid client: {e}.")))
            .and_then(ClientBody::into_changes)
            .and_then(|changes| Ok(changes.apply(ClientFields::default(), true)?));
        match fields {
            Ok(f) => {
                valid_indexes.push(index);
                valid.push(f);
            }
            Err(e) => errors.push(item_error(index, item, e)),
        }
    }
    // Tags and phones are checked inside the transaction that writes: what it checked holds.
    let mut tag_ids: Vec<i64> = valid.iter().flat_map(|f| f.tag_ids.clone()).collect();
    tag_ids.sort_unstable();
    tag_ids.dedup();
    let now = state.clock.now();
    let mut tx = state.db.write().await?;
    let tags = bizd_store::clients::tags_among(&mut tx, location.id, &tag_ids).await?;
    let mut insertable_indexes = Vec::with_capacity(valid.len());
    let mut insertable = Vec::with_capacity(valid.len());
    for (index, f) in valid_indexes.into_iter().zip(valid) {
        match f
            .tag_ids
            .iter()
            .find(|id| !tags.iter().any(|t| t.id == **id))
        {
            Some(unknown) => errors.push(item_error(
                index,
                &items[index],
                ApiError::field(
                    "categories",
                    format!("Unknown client tag id(s) in this location: {unknown}."),
                ),
            )),
            None => {
                insertable_indexes.push(index);
                insertable.push(f);
            }
        }
    }
    let results = bizd_store::clients::insert_many(&mut tx, location.id, &insertable, now).await?;
    tx.commit().await?;
    let mut created = Vec::with_capacity(insertable.len());
    for ((index, fields), result) in insertable_indexes.into_iter().zip(insertable).zip(results) {
        match result {
            Ok(id) => created.push((id, fields)),
            Err(e) => errors.push(item_error(index, &items[index], e.into())),
        }
    }
    drop(items);
    created.sort_by_key(|(id, _)| *id);
    errors.sort_by_key(|e| e.index);
    Ok(streamed_answer(
        created,
        CreatedClients {
            location_id: location.id,
            tz: location.tz.clone(),
            tags,
            now,
        },
        &errors,
    ))
}

/// What turns a stored row into the client of the answer.
struct CreatedClients {
    location_id: i64,
    tz: TimeZone,
    tags: Vec<Tag>,
    now: i64,
}

/// Clients rendered per chunk of the streamed answer.
const CLIENTS_PER_CHUNK: usize = 1000;

/// The `Envelope<BulkResult>` answer, written as it is sent. The clients come from what was
/// written in the insert transaction, not from reading it back (a hundred thousand rows decoded
/// again cost more than the inserts), and are rendered a thousand at a time, so a 100,000-client
/// answer never exists in memory as objects and text at once.
fn streamed_answer(
    created: Vec<(i64, ClientFields)>,
    how: CreatedClients,
    errors: &[BulkError],
) -> Response {
    let head = Bytes::from_static(br#"{"success":true,"data":{"created":["#);
    let mut tail = b"],\"errors\":".to_vec();
    serde_json::to_writer(&mut tail, errors).expect("errors serialise");
    tail.extend_from_slice(br#"},"meta":[]}"#);
    let mut rows = created.into_iter();
    let mut first = true;
    let clients = std::iter::from_fn(move || {
        let mut chunk = Vec::new();
        for (id, fields) in rows.by_ref().take(CLIENTS_PER_CHUNK) {
            if !std::mem::take(&mut first) {
                chunk.push(b',');
            }
            let client = Client::created(id, how.location_id, fields, &how.tags, how.now);
            serde_json::to_writer(&mut chunk, &ClientDto::from_client(client, &how.tz))
                .expect("clients serialise");
        }
        (!chunk.is_empty()).then(|| Bytes::from(chunk))
    });
    let body = std::iter::once(head)
        .chain(clients)
        .chain(std::iter::once(Bytes::from(tail)))
        .map(Ok::<_, std::convert::Infallible>);
    (
        [(header::CONTENT_TYPE, "application/json")],
        Body::from_stream(futures_util::stream::iter(body)),
    )
        .into_response()
}
