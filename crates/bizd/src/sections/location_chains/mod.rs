//! Location chains ("groups" on the wire): `GET /groups`, from the full reference
//! (`Location-Chains: Obtaining chains available to the user`).

mod get_chain_list;
pub mod json;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_chain_list::get_chain_list))
}
