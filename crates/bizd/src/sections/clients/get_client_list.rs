use axum::extract::State;
use bizd_store::clients::{ClientCondition, ClientOrder, ClientQuery};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::json::{ClientDto, ClientSearchPages};
use crate::app::AppState;
use crate::http::wire::{Amount, Int, Text};
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Page};

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ClientSearchBody {
    /// One-based page (default 1).
    pub page: Option<Int>,
    /// Clients per page: default 25, at most 200 (more is refused with 422, never silently capped).
    pub page_size: Option<Int>,
    /// Only these fields of each client (e.g. `["id", "name"]`); all fields when absent.
    pub fields: Option<Vec<Text>>,
    /// `id`, `name`, `phone`, `email`, `discount`, `first_visit_date`, `last_visit_date`, `sold_amount`, `visit_count`.
    pub order_by: Option<Text>,
    /// `ASC` or `DESC` (any case).
    pub order_by_direction: Option<Text>,
    /// `AND` (default) or `OR`: how the filters combine.
    pub operation: Option<Text>,
    pub filters: Option<Vec<ClientFilter>>,
}

#[derive(Debug, Deserialize, serde::Serialize, ToSchema)]
pub struct ClientFilter {
    /// `id`, `quick_search`, `importance`, `gender`, `category`, `birthday`, `sold_amount`, `client`,
    /// `has_mobile_app`, `has_passteam_card`, `passteam_card_ids`.
    #[serde(rename = "type")]
    pub kind: Text,
    #[schema(value_type = Object)]
    #[serde(default)]
    pub state: Value,
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::field("filters", message)
}

fn ints(v: &Value, kind: &str) -> Result<Vec<i64>, ApiError> {
    serde_json::from_value::<Vec<Int>>(v.clone())
        .map(|v| v.into_iter().map(|i| i.0).collect())
        .map_err(|_| {
            invalid(format!(
                "Invalid filter state value for {kind}: expected a list of integers."
            ))
        })
}

fn flag(v: &Value, kind: &str) -> Result<bool, ApiError> {
    serde_json::from_value::<crate::http::wire::Flag>(v.clone())
        .map(|f| f.0)
        .map_err(|_| {
            invalid(format!(
                "Invalid filter state value for {kind}: expected a boolean."
            ))
        })
}

/// `"1990-01-01 00:00:00"` or `"1990-01-01"` → `1990-01-01`.
fn date_bound(v: &Value, kind: &str) -> Result<Option<String>, ApiError> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => {
            let date = s.trim().get(..10).unwrap_or_default();
            date.parse::<jiff::civil::Date>()
                .map(|_| Some(date.to_owned()))
                .map_err(|_| {
                    invalid(format!(
                        "Invalid filter state value for {kind}: expected dates."
                    ))
                })
        }
        _ => Err(invalid(format!(
            "Invalid filter state value for {kind}: expected dates."
        ))),
    }
}

fn money_bound(v: &Value, kind: &str) -> Result<Option<i64>, ApiError> {
    if v.is_null() {
        return Ok(None);
    }
    serde_json::from_value::<Amount>(v.clone())
        .ok()
        .and_then(|a| a.money("filters").ok())
        .map(|m| Some(m.minor()))
        .ok_or_else(|| {
            invalid(format!(
                "Invalid filter state value for {kind}: expected amounts."
            ))
        })
}

fn condition(kind: &str, state: &Value) -> Result<ClientCondition, ApiError> {
    let value = &state["value"];
    Ok(match kind {
        "id" => ClientCondition::Ids(ints(value, kind)?),
        "quick_search" => match value {
            Value::String(s) if s.trim().is_empty() => ClientCondition::Constant(true),
            Value::String(s) => ClientCondition::Text(s.clone()),
            Value::Number(n) => ClientCondition::Text(n.to_string()),
            _ => {
                return Err(invalid(
                    "Invalid filter state value for quick_search: expected a string.",
                ))
            }
        },
        "importance" => ClientCondition::Importance(ints(value, kind)?),
        "gender" => ClientCondition::Gender(ints(value, kind)?),
        "category" => ClientCondition::Tags(ints(value, kind)?),
        "birthday" => ClientCondition::BirthDate(
            date_bound(&state["from"], kind)?,
            date_bound(&state["to"], kind)?,
        ),
        "sold_amount" => ClientCondition::Spent(
            money_bound(&state["from"], kind)?,
            money_bound(&state["to"], kind)?,
        ),
        "client" => {
            let mut group = Vec::new();
            if !state["id"].is_null() {
                group.push(ClientCondition::Ids(ints(
                    &state["id"]["value"],
                    "client.id",
                )?));
            }
            if !state["birthday"].is_null() {
                let b = &state["birthday"];
                group.push(ClientCondition::BirthDate(
                    date_bound(&b["from"], "client.birthday")?,
                    date_bound(&b["to"], "client.birthday")?,
                ));
            }
            ClientCondition::All(group)
        }
        // bizd has no mobile app or Passteam cards: no client has one.
        "has_mobile_app" | "has_passteam_card" => ClientCondition::Constant(!flag(value, kind)?),
        "passteam_card_ids" => match value {
            Value::Array(ids) => ClientCondition::Constant(ids.is_empty()),
            _ => {
                return Err(invalid(
                    "Invalid filter state value for passteam_card_ids: expected a list.",
                ))
            }
        },
        "record" | "sale" => {
            return Err(invalid(format!(
                "The {kind} filter is not supported yet: bizd has no {kind}s to filter by."
            )));
        }
        other => return Err(invalid(format!("Unknown filter type {other:?}."))),
    })
}

fn order(by: Option<Text>) -> Result<ClientOrder, ApiError> {
    Ok(match by.map(Text::into_inner).as_deref().map(str::trim) {
        None | Some("") | Some("id") => ClientOrder::Id,
        Some("name") => ClientOrder::Name,
        Some("phone") => ClientOrder::Phone,
        Some("email") => ClientOrder::Email,
        Some("discount") => ClientOrder::Discount,
        Some("first_visit_date") => ClientOrder::FirstVisit,
        Some("last_visit_date") => ClientOrder::LastVisit,
        Some("sold_amount") => ClientOrder::Spent,
        Some("visit_count") => ClientOrder::Visits,
        Some(other) => {
            return Err(ApiError::field(
                "order_by",
                format!("Cannot sort by {other:?}."),
            ))
        }
    })
}

/// Keeps only the requested fields of each client; unknown names are refused.
pub fn project(clients: Vec<ClientDto>, fields: Option<Vec<Text>>) -> Result<Vec<Value>, ApiError> {
    let rows = clients
        .into_iter()
        .map(|c| serde_json::to_value(c).unwrap_or(Value::Null));
    let Some(fields) = fields.filter(|f| !f.is_empty()) else {
        return Ok(rows.collect());
    };
    let names: Vec<String> = fields.into_iter().map(Text::into_inner).collect();
    let known = serde_json::to_value(ClientDto::from_client(
        placeholder(),
        &bizd_domain::time::TimeZone::UTC,
    ))
    .unwrap_or(Value::Null);
    if let Some(bad) = names.iter().find(|n| known.get(n.as_str()).is_none()) {
        return Err(ApiError::field(
            "fields",
            format!("Unknown client field {bad:?}."),
        ));
    }
    Ok(rows
        .map(|row| {
            Value::Object(
                names
                    .iter()
                    .map(|n| (n.clone(), row[n.as_str()].clone()))
                    .collect(),
            )
        })
        .collect())
}

fn placeholder() -> bizd_domain::client::Client {
    bizd_domain::client::Client {
        id: 0,
        location_id: 0,
        fields: Default::default(),
        tags: Vec::new(),
        visits: 0,
        first_visit_at: None,
        last_visit_at: None,
        created_at: 0,
        updated_at: 0,
        deleted_at: None,
    }
}

/// `meta` of the client search.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClientSearchMeta {
    pub total_count: i64,
    pub page: i64,
    pub page_size: i64,
}

/// Get a list of clients (`clients/get_client_list.md`): filters, sorting, field selection and
/// pagination, with `meta.total_count`.
#[utoipa::path(
    post, path = "/company/{location_id}/clients/search", operation_id = "get_client_list", tag = "Clients",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = ClientSearchBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "Clients (all fields, or only `fields`)", body = Envelope<Vec<ClientDto>>))
)]
pub async fn get_client_list(
    State(state): State<AppState>,
    access: LocationAccess<perm::Clients>,
    Json(body): Json<ClientSearchBody>,
) -> ApiResult<Envelope<Vec<Value>>> {
    let page = Page::new::<ClientSearchPages>(body.page, body.page_size)?;
    let descending = match body.order_by_direction.map(Text::into_inner) {
        None => false,
        Some(d) if d.eq_ignore_ascii_case("asc") => false,
        Some(d) if d.eq_ignore_ascii_case("desc") => true,
        Some(_) => {
            return Err(ApiError::field(
                "order_by_direction",
                "The order_by_direction must be ASC or DESC.",
            ))
        }
    };
    let any = match body.operation.map(Text::into_inner) {
        None => false,
        Some(o) if o.eq_ignore_ascii_case("and") => false,
        Some(o) if o.eq_ignore_ascii_case("or") => true,
        Some(_) => {
            return Err(ApiError::field(
                "operation",
                "The operation must be AND or OR.",
            ))
        }
    };
    let conditions = body
        .filters
        .unwrap_or_default()
        .iter()
        .map(|f| condition(f.kind.0.trim(), &f.state))
        .collect::<Result<Vec<_>, _>>()?;
    let query = ClientQuery {
        conditions,
        any,
        order: order(body.order_by)?,
        descending,
        page: page.number,
        per_page: page.size,
    };
    let mut c = state.db.snapshot().await?;
    let (clients, total) = bizd_store::clients::search(&mut c, access.location.id, &query).await?;
    drop(c);
    let tz = &access.location.tz;
    let data = project(
        clients
            .into_iter()
            .map(|c| ClientDto::from_client(c, tz))
            .collect(),
        body.fields,
    )?;
    Ok(Envelope::with_meta(
        data,
        ClientSearchMeta {
            total_count: total,
            page: page.number,
            page_size: page.size,
        },
    ))
}
