use axum::extract::State;
use bizd_domain::time::parse_instant;
use bizd_store::clients::{ClientCondition, ClientOrder, ClientQuery};
use serde::Deserialize;
use utoipa::IntoParams;

use super::json::{ClientDto, ClientListPages};
use crate::app::AppState;
use crate::http::wire::{Amount, Int, OneOrMany, Text};
use crate::http::{perm, ApiError, ApiResult, Envelope, ListMeta, LocationAccess, Paging, Query};

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct DeprecatedClientListQuery {
    /// Part of the name (name, surname or middle name).
    pub fullname: Option<Text>,
    /// Part of the phone number (digits).
    pub phone: Option<Text>,
    /// Part of the e-mail.
    pub email: Option<Text>,
    /// Part of the loyalty card number.
    pub card: Option<Text>,
    /// Minimum amount paid (spent).
    pub paid_min: Option<Amount>,
    /// Maximum amount paid (spent).
    pub paid_max: Option<Amount>,
    /// One client id (`id=66`) or several (`id[]=66&id[]=67`).
    #[param(value_type = Option<Vec<i64>>)]
    pub id: Option<OneOrMany<Int>>,
    /// Changed or created at or after this time (`2000-01-01T00:00:00`, location time unless an offset is given).
    pub changed_after: Option<Text>,
    /// Changed or created at or before this time.
    pub changed_before: Option<Text>,
}

/// Deprecated. Get a list of clients (`clients/deprecated_get_client_list.md`).
#[utoipa::path(
    get, path = "/clients/{location_id}", operation_id = "deprecated_get_client_list", tag = "Clients",
    params(("location_id" = i64, Path, description = "Location ID"), Paging<ClientListPages>, DeprecatedClientListQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "Clients; `meta.total_count` counts all pages", body = Envelope<Vec<ClientDto>>))
)]
pub async fn deprecated_get_client_list(
    State(state): State<AppState>,
    access: LocationAccess<perm::Clients>,
    Paging(page, ..): Paging<ClientListPages>,
    Query(q): Query<DeprecatedClientListQuery>,
) -> ApiResult<Envelope<Vec<ClientDto>>> {
    let tz = &access.location.tz;
    let mut conditions = Vec::new();
    let non_empty = |t: Option<Text>| t.map(Text::into_inner).filter(|s| !s.trim().is_empty());
    if let Some(name) = non_empty(q.fullname) {
        conditions.push(ClientCondition::Text(name));
    }
    if let Some(phone) = non_empty(q.phone) {
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        conditions.push(if digits.is_empty() {
            ClientCondition::Constant(false)
        } else {
            ClientCondition::Text(digits)
        });
    }
    if let Some(email) = non_empty(q.email) {
        conditions.push(ClientCondition::EmailPart(email));
    }
    if let Some(card) = non_empty(q.card) {
        conditions.push(ClientCondition::CardPart(card));
    }
    let money = |field: &str, a: Option<Amount>| -> Result<Option<i64>, ApiError> {
        a.map(|a| a.money(field).map(|m| m.minor())).transpose()
    };
    let (min, max) = (
        money("paid_min", q.paid_min)?,
        money("paid_max", q.paid_max)?,
    );
    if min.is_some() || max.is_some() {
        conditions.push(ClientCondition::Spent(min, max));
    }
    if let Some(ids) = q.id {
        conditions.push(ClientCondition::Ids(
            ids.0.into_iter().map(|i| i.0).collect(),
        ));
    }
    for (field, value, make) in [
        (
            "changed_after",
            q.changed_after,
            ClientCondition::ChangedAfter as fn(i64) -> ClientCondition,
        ),
        (
            "changed_before",
            q.changed_before,
            ClientCondition::ChangedBefore,
        ),
    ] {
        if let Some(v) = non_empty(value) {
            let at = parse_instant(&v, tz).ok_or_else(|| {
                ApiError::field(field, "Expected a date-time such as 2026-01-01T00:00:00.")
            })?;
            conditions.push(make(at));
        }
    }
    let query = ClientQuery {
        conditions,
        any: false,
        order: ClientOrder::Id,
        descending: false,
        page: page.number,
        per_page: page.size,
    };
    let mut c = state.db.snapshot().await?;
    let (clients, total) = bizd_store::clients::search(&mut c, access.location.id, &query).await?;
    drop(c);
    let data = clients
        .into_iter()
        .map(|c| ClientDto::from_client(c, tz))
        .collect();
    Ok(Envelope::list(data, ListMeta::page_total(page, total)))
}
