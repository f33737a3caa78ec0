//! Wire types of the Services section (service categories, services, team member links): the
//! bodies, answers, paths and queries of every operation.

use bizd_domain::catalog::{CategoryChanges, ServiceChanges, StaffLength};
use bizd_store::services::{Category, Link, Service};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::wire::{text, Amount, Flag, Int, Text};

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

// ---- categories ----

/// Body of creating or changing a service category.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CategoryBody {
    /// Category name (required on create).
    pub title: Option<Text>,
    /// External category ID.
    pub api_id: Option<Text>,
    /// Heavier categories are listed first.
    pub weight: Option<Int>,
    /// Team members assigned to the category (replaces the assignment when sent).
    pub staff: Option<Vec<Int>>,
}

impl CategoryBody {
    pub fn into_changes(self) -> (CategoryChanges, Option<Vec<i64>>) {
        (
            CategoryChanges {
                title: text(self.title),
                api_id: text(self.api_id),
                weight: self.weight.map(|v| v.0),
            },
            self.staff.map(|s| s.into_iter().map(|v| v.0).collect()),
        )
    }
}

/// A service category.
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryDto {
    pub id: i64,
    /// The category's id in the location (same as `id`).
    pub salon_service_id: i64,
    pub title: String,
    pub api_id: String,
    pub weight: i64,
    /// Team members providing services of the category.
    pub staff: Vec<i64>,
    pub is_chain: bool,
}

impl From<Category> for CategoryDto {
    fn from(c: Category) -> Self {
        CategoryDto {
            id: c.id,
            salon_service_id: c.id,
            title: c.fields.title,
            api_id: c.fields.api_id,
            weight: c.fields.weight,
            staff: c.staff,
            is_chain: false,
        }
    }
}

/// Query of the category lists.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct CategoryListQuery {
    /// Only categories associated with this team member (aliases `team_member_id`, `master_id`).
    #[serde(alias = "team_member_id", alias = "master_id")]
    pub staff_id: Option<Int>,
}

/// Query of the chain's category list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ChainCategoryQuery {
    /// `services`: list each category's services.
    pub include: Option<Text>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChainServiceRefDto {
    pub id: i64,
    pub title: String,
}

impl ChainCategoryQuery {
    /// Whether `include` names `services`.
    pub fn with_services(&self) -> bool {
        self.include
            .as_ref()
            .is_some_and(|v| v.0.split(',').any(|p| p.trim() == "services"))
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChainCategoryDto {
    pub id: i64,
    pub title: String,
    /// Only with `include=services`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<ChainServiceRefDto>>,
}

impl ChainCategoryDto {
    /// A row of the chain's category list: `(id, title, services)`; the services only when
    /// asked for.
    pub fn from_row(row: (i64, String, Vec<(i64, String)>), with_services: bool) -> Self {
        let (id, title, services) = row;
        ChainCategoryDto {
            id,
            title,
            services: with_services.then(|| {
                services
                    .into_iter()
                    .map(|(id, title)| ChainServiceRefDto { id, title })
                    .collect()
            }),
        }
    }
}

// ---- services ----

/// One team member of a service in a request: `id` (aliases `staff_id`, `team_member_id`,
/// `master_id`) and `seance_length` in seconds (default: the service's duration).
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct StaffLengthBody {
    #[serde(alias = "staff_id", alias = "team_member_id", alias = "master_id")]
    pub id: Int,
    #[serde(default)]
    pub seance_length: Option<Int>,
}

/// Body of creating or changing a service (POST, PUT and PATCH take the same fields; only the
/// fields sent change).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ServiceBody {
    /// Service name (required on create).
    pub title: Option<Text>,
    pub booking_title: Option<Text>,
    /// Category of the service, in the same location (required on create).
    pub category_id: Option<Int>,
    pub price_min: Option<Amount>,
    pub price_max: Option<Amount>,
    /// Seconds; default 3600.
    pub duration: Option<Int>,
    /// Seconds, a multiple of 300 up to 3600; `null`: the location's default.
    #[serde(deserialize_with = "crate::http::wire::nullable")]
    #[schema(value_type = Option<i64>)]
    pub technical_break_duration: Option<Option<Int>>,
    /// Percent.
    pub discount: Option<Amount>,
    pub comment: Option<Text>,
    pub weight: Option<Int>,
    /// 1: available for online booking.
    pub active: Option<Flag>,
    pub api_id: Option<Text>,
    pub is_multi: Option<Flag>,
    pub tax_variant: Option<Int>,
    pub vat_id: Option<Int>,
    pub is_need_limit_date: Option<Flag>,
    pub date_from: Option<Text>,
    pub date_to: Option<Text>,
    pub seance_search_start: Option<Int>,
    pub seance_search_finish: Option<Int>,
    pub step: Option<Int>,
    pub seance_search_step: Option<Int>,
    /// When sent: exactly these team members provide the service.
    pub staff: Option<Vec<StaffLengthBody>>,
}

impl ServiceBody {
    /// The changes and the requested staff list (amounts stay exact decimals; the domain rules
    /// refuse more than two decimal places).
    pub fn into_changes(self) -> (ServiceChanges, Option<Vec<StaffLength>>) {
        let changes = ServiceChanges {
            category_id: self.category_id.map(|v| v.0),
            title: text(self.title),
            booking_title: text(self.booking_title),
            price_min: self.price_min.map(|v| v.0),
            price_max: self.price_max.map(|v| v.0),
            duration: self.duration.map(|v| v.0),
            technical_break_duration: self.technical_break_duration.map(|v| v.map(|i| i.0)),
            discount: self.discount.map(|v| v.0),
            comment: text(self.comment),
            weight: self.weight.map(|v| v.0),
            active: self.active.map(|v| v.0),
            api_id: text(self.api_id),
            is_multi: self.is_multi.map(|v| v.0),
            tax_variant: self.tax_variant.map(|v| v.0),
            vat_id: self.vat_id.map(|v| v.0),
            is_need_limit_date: self.is_need_limit_date.map(|v| v.0),
            date_from: text(self.date_from),
            date_to: text(self.date_to),
            seance_search_start: self.seance_search_start.map(|v| v.0),
            seance_search_finish: self.seance_search_finish.map(|v| v.0),
            step: self.step.map(|v| v.0),
            seance_search_step: self.seance_search_step.map(|v| v.0),
        };
        let staff = self.staff.map(|list| {
            list.into_iter()
                .map(|s| StaffLength {
                    team_member_id: s.id.0,
                    seance_length: s.seance_length.map(|v| v.0),
                })
                .collect()
        });
        (changes, staff)
    }
}

/// A team member of a service.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceStaffDto {
    /// Team member ID.
    pub id: i64,
    /// Seconds this team member spends on the service.
    pub seance_length: i64,
    /// Bill of materials; 0 when none.
    pub technological_card_id: i64,
}

/// A service as every Services endpoint returns it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceDto {
    pub id: i64,
    /// The service's id in the location (same as `id`).
    pub salon_service_id: i64,
    pub title: String,
    pub booking_title: String,
    pub print_title: String,
    pub category_id: i64,
    pub price_min: Amount,
    pub price_max: Amount,
    /// Seconds.
    pub duration: i64,
    /// Seconds; `null`: the location's default.
    pub technical_break_duration: Option<i64>,
    /// Percent.
    pub discount: Amount,
    pub comment: String,
    pub weight: i64,
    /// 1: available for online booking.
    pub active: i64,
    pub is_online: bool,
    pub api_id: String,
    pub is_multi: bool,
    pub capacity: i64,
    pub tax_variant: i64,
    pub vat_id: i64,
    pub is_need_limit_date: bool,
    pub date_from: String,
    pub date_to: String,
    /// Bookable days of a limited-time service.
    pub dates: Vec<String>,
    pub seance_search_start: i64,
    pub seance_search_finish: i64,
    pub step: i64,
    pub seance_search_step: i64,
    pub service_type: i64,
    pub api_service_id: i64,
    pub repeat_visit_days_step: Option<String>,
    pub schedule_template_type: i64,
    pub online_invoicing_status: i64,
    pub is_abonement_autopayment_enabled: i64,
    pub autopayment_before_visit_time: i64,
    pub abonement_restriction_value: i64,
    pub is_chain: bool,
    pub is_price_managed_only_in_chain: bool,
    pub is_comment_managed_only_in_chain: bool,
    pub prepaid: String,
    pub price_prepaid_amount: i64,
    pub price_prepaid_percent: i64,
    #[schema(value_type = Vec<Object>)]
    pub image_group: Vec<serde_json::Value>,
    #[schema(value_type = Vec<Object>)]
    pub resources: Vec<serde_json::Value>,
    /// Team members providing the service.
    pub staff: Vec<ServiceStaffDto>,
}

impl From<Service> for ServiceDto {
    fn from(s: Service) -> Self {
        let dates = s.fields.dates();
        let f = s.fields;
        ServiceDto {
            id: s.id,
            salon_service_id: s.id,
            print_title: f.title.clone(),
            booking_title: if f.booking_title.is_empty() {
                f.title.clone()
            } else {
                f.booking_title
            },
            title: f.title,
            category_id: f.category_id,
            price_min: Amount::from(f.price_min),
            price_max: Amount::from(f.price_max),
            duration: f.duration,
            technical_break_duration: f.technical_break_duration,
            discount: Amount::from(f.discount),
            comment: f.comment,
            weight: f.weight,
            active: i64::from(f.active),
            is_online: f.active,
            api_id: f.api_id,
            is_multi: f.is_multi,
            capacity: 0,
            tax_variant: f.tax_variant,
            vat_id: f.vat_id,
            is_need_limit_date: f.is_need_limit_date,
            date_from: f.date_from,
            date_to: f.date_to,
            dates,
            seance_search_start: f.seance_search_start,
            seance_search_finish: f.seance_search_finish,
            step: f.step,
            seance_search_step: f.seance_search_step,
            service_type: 1,
            api_service_id: 0,
            repeat_visit_days_step: None,
            schedule_template_type: 0,
            online_invoicing_status: 0,
            is_abonement_autopayment_enabled: 0,
            autopayment_before_visit_time: 0,
            abonement_restriction_value: 0,
            is_chain: false,
            is_price_managed_only_in_chain: false,
            is_comment_managed_only_in_chain: false,
            prepaid: "forbidden".into(),
            price_prepaid_amount: 0,
            price_prepaid_percent: 100,
            image_group: Vec::new(),
            resources: Vec::new(),
            staff: s
                .staff
                .into_iter()
                .map(|l| ServiceStaffDto {
                    id: l.team_member_id,
                    seance_length: l.seance_length,
                    technological_card_id: l.technological_card_id.unwrap_or(0),
                })
                .collect(),
        }
    }
}

/// Query of the service lists.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ServiceListQuery {
    /// Only services this team member provides (aliases `team_member_id`, `master_id`).
    #[serde(alias = "team_member_id", alias = "master_id")]
    pub staff_id: Option<Int>,
    /// Only services of this category.
    pub category_id: Option<Int>,
}

// ---- links ----

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
            price: match (l.price_min, l.price_max) {
                (Some(min), Some(max)) => Some(LinkPriceDto {
                    min: Amount::from(min),
                    max: Amount::from(max),
                }),
                _ => None,
            },
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
    /// Resources needed (accepted; resources are not modelled yet).
    #[serde(default)]
    #[schema(value_type = Option<Vec<i64>>)]
    pub resource_ids: Option<Vec<Int>>,
    /// Title translations (accepted; not stored yet).
    #[serde(default)]
    #[schema(value_type = Option<Vec<Object>>)]
    pub translations: Option<Vec<serde_json::Value>>,
}
