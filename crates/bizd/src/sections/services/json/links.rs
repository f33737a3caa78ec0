//! Team member ↔ service links: bodies and the link answer.

use bizd_store::services::Link;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::http::wire::{Amount, Flag, Int};

/// Body of linking a team member to a service. (The required fields are checked after the
/// service, so an unknown service is 404 whatever the body.)
#[derive(Debug, Deserialize, ToSchema)]
pub struct LinkCreateBody {
    /// The team member (aliases `team_member_id`, `staff_id`). Required.
    #[serde(default, alias = "team_member_id", alias = "staff_id")]
    #[schema(value_type = i64)]
    pub master_id: Option<Int>,
    /// Seconds, 300 to 86100. Required.
    #[serde(default)]
    #[schema(value_type = i64)]
    pub seance_length: Option<Int>,
    /// Bill of materials; `null` or 0 for none.
    #[serde(default)]
    #[schema(value_type = Option<i64>)]
    pub technological_card_id: Option<Int>,
}

/// Body of changing a team member's link to a service.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LinkUpdateBody {
    /// Seconds, 300 to 86100. Required.
    #[serde(default)]
    #[schema(value_type = i64)]
    pub seance_length: Option<Int>,
    #[serde(default)]
    #[schema(value_type = Option<i64>)]
    pub technological_card_id: Option<Int>,
}

/// A team member's custom price for a service.
#[derive(Debug, Serialize, ToSchema)]
pub struct LinkPriceDto {
    pub min: Amount,
    pub max: Amount,
}

impl LinkPriceDto {
    /// The link's own price, if it has one.
    pub fn of(l: &Link) -> Option<Self> {
        Some(LinkPriceDto {
            min: Amount::from(l.price_min?),
            max: Amount::from(l.price_max?),
        })
    }
}

/// A team member ↔ service link.
#[derive(Debug, Serialize, ToSchema)]
pub struct LinkDto {
    pub service_id: i64,
    pub master_id: i64,
    /// Seconds.
    pub length: i64,
    /// 0 when none.
    pub technological_card_id: i64,
    pub api_id: String,
    pub is_online: bool,
    pub is_offline_records_allowed: bool,
    /// The team member's own price; `null`: the service's.
    #[schema(required = true)]
    pub price: Option<LinkPriceDto>,
}

impl From<Link> for LinkDto {
    fn from(l: Link) -> Self {
        LinkDto {
            service_id: l.service_id,
            master_id: l.team_member_id,
            length: l.seance_length,
            technological_card_id: l.technological_card_id.unwrap_or(0),
            api_id: String::new(),
            is_online: l.is_online,
            is_offline_records_allowed: l.is_offline_records_allowed,
            price: LinkPriceDto::of(&l),
        }
    }
}

/// A team member's settings in the bulk links body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MasterSettingBody {
    /// The team member (aliases `team_member_id`, `staff_id`, `id`).
    #[serde(alias = "team_member_id", alias = "staff_id", alias = "id")]
    pub master_id: Int,
    /// Seconds; or give `hours` and `minutes`.
    #[serde(default, alias = "length")]
    pub seance_length: Option<Int>,
    #[serde(default)]
    pub hours: Option<Int>,
    #[serde(default)]
    pub minutes: Option<Int>,
    #[serde(default)]
    #[schema(value_type = Option<i64>)]
    pub technological_card_id: Option<Int>,
    /// `{"min", "max"}`: the team member's own price.
    #[serde(default)]
    pub price: Option<PriceBody>,
    #[serde(default)]
    pub is_online: Option<Flag>,
    #[serde(default)]
    pub is_offline_records_allowed: Option<Flag>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PriceBody {
    pub min: Option<Amount>,
    pub max: Option<Amount>,
}

/// Body of the bulk links update: the service's complete set of team members.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LinksBody {
    pub service_id: Int,
    /// Every team member that provides the service; the others are unlinked.
    #[serde(alias = "staff")]
    pub master_settings: Vec<MasterSettingBody>,
    /// When sent: exactly the resources the service needs (live resources of the location).
    #[serde(default)]
    #[schema(value_type = Option<Vec<i64>>)]
    pub resource_ids: Option<Vec<Int>>,
    /// Title translations (accepted; not stored yet).
    #[serde(default)]
    #[schema(value_type = Option<Vec<Object>>)]
    pub translations: Option<Vec<serde_json::Value>>,
}
