use axum::body::Bytes;
use axum::extract::State;
use bizd_domain::client::{ClientChanges, ClientFields};
use bizd_domain::time::now_unix;
use bizd_store::clients::{ClientCondition, ClientOrder, ClientQuery};
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

use super::json::{ClientBody, ClientDto};
use super::rules;
use crate::app::AppState;
use crate::http::extract::parse_json;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, LocationAccess};

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

fn item_error(index: usize, item: &Value, error: ApiError) -> BulkError {
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
    responses(
        (status = 200, body = Envelope<BulkResult>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub async fn bulk_create_clients(
    State(state): State<AppState>,
    access: LocationAccess,
    body: Bytes,
) -> ApiResult<Envelope<BulkResult>> {
    access.require(|p| p.clients)?;
    let items: Vec<Value> = parse_json(&body)?;
    if items.len() > MAX_ITEMS {
        return Err(ApiError::field(
            "body",
            format!("At most {MAX_ITEMS} clients per request."),
        ));
    }
    let location = &access.location;
    let mut errors = Vec::new();
    let mut valid: Vec<(usize, ClientFields)> = Vec::with_capacity(items.len());
    let mut phones_seen = std::collections::HashSet::new();
    for (index, item) in items.iter().enumerate() {
        let changes = serde_json::from_value::<ClientBody>(item.clone())
            .map_err(|e| ApiError::field("body", format!("Invalid client: {e}.")))
            .and_then(ClientBody::into_changes);
        let fields = match changes {
            Ok(changes) => resolve(&state, location.id, changes).await,
            Err(e) => Err(e),
        };
        match fields {
            // A phone repeated inside the request is as much a duplicate as one in the database.
            Ok(f) if !phones_seen.insert(f.phone.clone()) => errors.push(item_error(
                index,
                item,
                ApiError::field("phone", rules::DUPLICATE_PHONE),
            )),
            Ok(f) => valid.push((index, f)),
            Err(e) => errors.push(item_error(index, item, e)),
        }
    }
    let fields: Vec<ClientFields> = valid.iter().map(|(_, f)| f.clone()).collect();
    let results = state
        .db
        .insert_clients(location.id, &fields, now_unix())
        .await?;
    let mut created_ids = Vec::new();
    for ((index, _), result) in valid.iter().zip(results) {
        match result {
            Ok(id) => created_ids.push(id),
            Err(e) => errors.push(item_error(*index, &items[*index], rules::write_error(e))),
        }
    }
    errors.sort_by_key(|e| e.index);
    let mut created = Vec::with_capacity(created_ids.len());
    for chunk in created_ids.chunks(1000) {
        let query = ClientQuery {
            conditions: vec![ClientCondition::Ids(chunk.to_vec())],
            any: false,
            order: ClientOrder::Id,
            descending: false,
            page: 1,
            per_page: chunk.len() as i64,
        };
        let (clients, _) = state.db.search_clients(location.id, &query).await?;
        created.extend(
            clients
                .into_iter()
                .map(|c| ClientDto::from_client(c, &location.fields.timezone_name)),
        );
    }
    Ok(Envelope::one(BulkResult { created, errors }))
}

async fn resolve(
    state: &AppState,
    location_id: i64,
    changes: ClientChanges,
) -> Result<ClientFields, ApiError> {
    rules::resolve(
        &state.db,
        location_id,
        changes,
        ClientFields::default(),
        true,
    )
    .await
}
