use axum::extract::State;
use bizd_domain::access::Role;
use bizd_store::locations::ChainView;

use super::json::{ChainDto, ChainLocationDto};
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, ListMeta, UserAuth};
use crate::sections::locations::json::access_flags;

/// Obtaining chains available to the user (`GET /groups`): the chains in which the user is a
/// member of a live location, with `meta.count`.
#[utoipa::path(
    get, path = "/groups", operation_id = "get_chain_list", tag = "Location Chains",
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<ChainDto>>))
)]
pub async fn get_chain_list(
    State(state): State<AppState>,
    UserAuth(user): UserAuth,
) -> ApiResult<Envelope<Vec<ChainDto>>> {
    let mut c = state.db.read().await?;
    let chains = bizd_store::locations::chains_of_user(&mut c, user.id).await?;
    drop(c);
    let data: Vec<ChainDto> = chains.into_iter().map(chain_dto).collect();
    let meta = ListMeta::count(data.len());
    Ok(Envelope::list(data, meta))
}

fn chain_dto(chain: ChainView) -> ChainDto {
    let role = Role::strongest(chain.roles.iter().filter_map(|r| r.parse::<Role>().ok()));
    // No known role: every flag "0".
    let permissions = role.map(Role::permissions).unwrap_or_default();
    let locations: Vec<ChainLocationDto> = chain
        .locations
        .into_iter()
        .map(|(id, title)| ChainLocationDto { id, title })
        .collect();
    ChainDto {
        id: chain.id,
        title: chain.title,
        companies: locations.clone(),
        locations,
        access: access_flags(&permissions),
    }
}
