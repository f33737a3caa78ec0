use std::collections::BTreeMap;

use axum::extract::State;
use bizd_domain::access::{Permissions, Role};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::app::AppState;
use crate::http::{ApiResult, Envelope, ErrorBody, UserAuth};
use crate::sections::locations::json::access_flags;

#[derive(Debug, Serialize, ToSchema)]
pub struct ChainLocationDto {
    pub id: i64,
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChainDto {
    pub id: i64,
    pub title: String,
    /// The chain's locations the user is a member of (the example's name for the list).
    pub companies: Vec<ChainLocationDto>,
    /// The same list under the name the field table uses.
    pub locations: Vec<ChainLocationDto>,
    /// Chain management rights ("1"/"0"), from the user's strongest role in the chain.
    pub access: BTreeMap<String, String>,
}

/// Obtaining chains available to the user (`GET /groups`).
#[utoipa::path(
    get, path = "/groups", operation_id = "get_chain_list", tag = "Location Chains",
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<ChainDto>>), (status = 401, body = ErrorBody))
)]
pub async fn get_chain_list(
    State(state): State<AppState>,
    UserAuth(user): UserAuth,
) -> ApiResult<Envelope<Vec<ChainDto>>> {
    let chains = state.db.chains_of_user(user.id).await?;
    let data: Vec<ChainDto> = chains
        .into_iter()
        .map(|c| {
            let best = c.roles.iter().filter_map(|r| r.parse::<Role>().ok()).min();
            let permissions = best
                .map(Role::permissions)
                .unwrap_or_else(Permissions::default);
            let list = || {
                c.locations
                    .iter()
                    .map(|(id, title)| ChainLocationDto {
                        id: *id,
                        title: title.clone(),
                    })
                    .collect()
            };
            ChainDto {
                id: c.id,
                title: c.title.clone(),
                companies: list(),
                locations: list(),
                access: access_flags(&permissions),
            }
        })
        .collect();
    let count = data.len();
    Ok(Envelope::with_meta(data, json!({"count": count})))
}
