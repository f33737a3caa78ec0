//! Wire types of the Services section (service categories, services, team member links): the
//! bodies, answers, paths and queries of every operation.

mod categories;
mod links;
mod services;

pub use categories::*;
pub use links::*;
pub use services::*;

use serde::Deserialize;
use utoipa::IntoParams;

use crate::http::wire::{Int, OptionalId};

// ---- paths ----

/// `/…/{location_id}/{id}` of one service category.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CategoryPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Service category ID
    #[param(value_type = i64)]
    pub id: Int,
}

/// `/…/{location_id}/{id}` of a category read whose id is optional: `0` lists them all.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CategoryReadPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Service category ID; `0`: every category (the list).
    #[param(value_type = i64)]
    pub id: OptionalId,
}

/// `/…/{location_id}/…/{service_id}` of a service read whose id is optional: `0` lists them
/// all (with the query's filters).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ServiceReadPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Service ID; `0`: every service (the list).
    #[param(value_type = i64)]
    pub service_id: OptionalId,
}

/// `/…/{location_id}/…/{service_id}` of one service.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ServicePath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Service ID
    #[param(value_type = i64)]
    pub service_id: Int,
}

/// `/company/{location_id}/services/{service_id}/staff/{team_member_id}`: one team member ↔
/// service link.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct LinkPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Service ID
    #[param(value_type = i64)]
    pub service_id: Int,
    /// Team member ID
    #[param(value_type = i64)]
    pub team_member_id: Int,
}

/// `/chain/{chain_id}/…` (resolved by the access layer: 404 unknown, 403 not a member).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ChainPath {
    /// Chain ID
    #[param(value_type = i64)]
    pub chain_id: Int,
}
