//! Services: bodies, the service answer and the list query.

use bizd_domain::catalog::{ServiceChanges, StaffLength};
use bizd_store::services::{Service, StaffLink};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::LinkPriceDto;
use crate::http::wire::{text, Amount, EmptyList, Flag, Int, Text};

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
    /// The team member's avatar (`""` until uploads exist).
    pub image_url: String,
    /// The team member's own price for the service; `null`: the service's.
    #[schema(required = true)]
    pub price: Option<LinkPriceDto>,
    /// The team member's name.
    pub name: String,
}

impl From<StaffLink> for ServiceStaffDto {
    fn from(s: StaffLink) -> Self {
        ServiceStaffDto {
            id: s.link.team_member_id,
            seance_length: s.link.seance_length,
            technological_card_id: s.link.technological_card_id.unwrap_or(0),
            image_url: s.avatar,
            price: LinkPriceDto::of(&s.link),
            name: s.name,
        }
    }
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
    #[schema(required = true)]
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
    /// Days between repeat visits; `null`: not set.
    #[schema(required = true)]
    pub repeat_visit_days_step: Option<i64>,
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
    /// `[]` until images exist.
    pub image_group: EmptyList,
    /// Ids of the resources the service needs (`resource_ids` of the links update).
    pub resources: Vec<i64>,
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
            image_group: EmptyList,
            resources: s.resources,
            staff: s.staff.into_iter().map(ServiceStaffDto::from).collect(),
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
