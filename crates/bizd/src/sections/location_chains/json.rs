//! Wire types of the Location Chains section.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
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
