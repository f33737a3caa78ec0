//! Wire types of the Appointments section: appointments (records), visits — bodies, answers,
//! paths and queries.

use std::collections::BTreeMap;

use bizd_domain::money::Money;
use bizd_domain::time::{iso8601, iso8601_compact_offset, iso8601_millis, TimeZone};
use bizd_domain::visit::PaymentStatus;
use bizd_store::appointments::visits::VisitRow;
use bizd_store::appointments::{Appointment, ServiceLine};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::paging::PageRules;
use crate::http::wire::{Amount, EmptyList, EmptyObject, Flag, Int, Text};

// ---- paths ----

/// `/records/{location_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct LocationPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
}

/// `/record/{location_id}/{record_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct AppointmentPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Appointment ID
    #[param(value_type = i64)]
    pub record_id: Int,
}

/// `/visits/{visit_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct VisitPath {
    /// Visit ID
    #[param(value_type = i64)]
    pub visit_id: Int,
}

/// `/visits/{visit_id}/{record_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct VisitAppointmentPath {
    /// Visit ID
    #[param(value_type = i64)]
    pub visit_id: Int,
    /// Appointment ID
    #[param(value_type = i64)]
    pub record_id: Int,
}

/// `/visit/details/{location_id}/{record_id}/{visit_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct VisitDetailsPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Appointment ID
    #[param(value_type = i64)]
    pub record_id: Int,
    /// Visit ID
    #[param(value_type = i64)]
    pub visit_id: Int,
}

// ---- queries ----

/// `GET /records/{location_id}`: 25 per page by default, at most 200 (production's page cap is
/// silent; here a larger `count` is a 422).
pub struct AppointmentPages;
impl PageRules for AppointmentPages {
    const DEFAULT: i64 = 25;
    const MAX: i64 = 200;
}

/// Filters of `GET /records/{location_id}` (dates in the location's zone; datetimes with or
/// without an offset).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct AppointmentListQuery {
    /// Page number (from 1)
    #[param(value_type = Option<i64>)]
    pub page: Option<Int>,
    /// Appointments per page (default 25, at most 200)
    #[param(value_type = Option<i64>)]
    pub count: Option<Int>,
    /// Team member ID (`team_member_id` also accepted)
    #[serde(alias = "team_member_id", alias = "master_id")]
    #[param(value_type = Option<i64>)]
    pub staff_id: Option<Int>,
    /// Client ID
    #[param(value_type = Option<i64>)]
    pub client_id: Option<Int>,
    /// User who created the appointment
    #[param(value_type = Option<i64>)]
    pub created_user_id: Option<Int>,
    /// Sessions starting on or after this date (`YYYY-MM-DD`)
    pub start_date: Option<String>,
    /// Sessions starting on or before this date (inclusive)
    pub end_date: Option<String>,
    /// Created on or after this date
    pub c_start_date: Option<String>,
    /// Created on or before this date (inclusive)
    pub c_end_date: Option<String>,
    /// Created or changed at or after this datetime
    pub changed_after: Option<String>,
    /// Created or changed at or before this datetime
    pub changed_before: Option<String>,
    /// Include consumables (accepted; none are recorded yet)
    #[param(value_type = Option<i64>)]
    pub include_consumables: Option<Flag>,
    /// Include financial transactions (accepted; none are recorded yet)
    #[param(value_type = Option<i64>)]
    pub include_finance_transactions: Option<Flag>,
    /// Include deleted appointments (`deleted: true`)
    #[param(value_type = Option<bool>)]
    pub with_deleted: Option<Flag>,
}

// ---- bodies ----

/// A service of an appointment as sent.
#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct AppointmentServiceBody {
    /// Service ID (required)
    #[schema(value_type = Option<i64>)]
    pub id: Option<Int>,
    /// Price per unit before the discount (default: the team member's or the service's price)
    pub first_cost: Option<Amount>,
    /// Discount, percent
    pub discount: Option<Amount>,
    /// Total after the discount (default: computed)
    pub cost: Option<Amount>,
    /// Quantity (default 1)
    #[schema(value_type = Option<i64>)]
    pub amount: Option<Int>,
}

/// The client of an appointment as sent: matched by phone to the location's client or created.
#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct AppointmentClientBody {
    /// Client ID (instead of the phone)
    #[schema(value_type = Option<i64>)]
    pub id: Option<Int>,
    #[schema(value_type = Option<String>)]
    pub phone: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub name: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub surname: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub email: Option<Text>,
}

/// `POST /records/{location_id}` and `PUT /record/{location_id}/{record_id}`. On `PUT`, fields
/// not sent keep their values.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AppointmentBody {
    /// Team member ID (`team_member_id` also accepted)
    #[serde(alias = "team_member_id", alias = "master_id")]
    #[schema(value_type = Option<i64>)]
    pub staff_id: Option<Int>,
    pub services: Option<Vec<AppointmentServiceBody>>,
    pub client: Option<AppointmentClientBody>,
    /// Client ID (alternative to `client`)
    #[schema(value_type = Option<i64>)]
    pub client_id: Option<Int>,
    /// Keep the appointment even if the time is busy or non-working
    #[schema(value_type = Option<bool>)]
    pub save_if_busy: Option<Flag>,
    /// Start, ISO 8601 (an offset-less time is in the location's zone)
    pub datetime: Option<String>,
    /// Duration in seconds (default: the services' durations for the team member)
    #[schema(value_type = Option<i64>)]
    pub seance_length: Option<Int>,
    /// Accepted; messages are sent by the notifications section (not built yet)
    #[schema(value_type = Option<bool>)]
    pub send_sms: Option<Flag>,
    /// Accepted; see `send_sms`
    #[schema(value_type = Option<bool>)]
    pub send_email: Option<Flag>,
    #[schema(value_type = Option<String>)]
    pub comment: Option<Text>,
    #[schema(value_type = Option<i64>)]
    pub sms_remain_hours: Option<Int>,
    #[schema(value_type = Option<i64>)]
    pub email_remain_hours: Option<Int>,
    /// −1 no-show, 0 waiting, 1 arrived, 2 confirmed
    #[schema(value_type = Option<i64>)]
    pub attendance: Option<Int>,
    /// 0 or 1
    #[schema(value_type = Option<i64>)]
    pub confirmed: Option<Int>,
    #[schema(value_type = Option<String>)]
    pub api_id: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub custom_color: Option<Text>,
    /// Accepted; appointment categories are not built yet
    #[schema(value_type = Option<Vec<String>>)]
    pub record_labels: Option<serde_json::Value>,
    /// Seconds, a multiple of 300, at most 3600
    #[schema(value_type = Option<i64>)]
    pub technical_break_duration: Option<Int>,
    /// Group event: not built yet (0 or absent only)
    #[schema(value_type = Option<i64>)]
    pub activity_id: Option<Int>,
    #[schema(value_type = Option<Object>)]
    pub custom_fields: Option<serde_json::Value>,
}

/// `PUT /visits/{visit_id}/{record_id}`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct VisitBody {
    /// The visit's status, applied to every appointment of the visit
    #[schema(value_type = Option<i64>)]
    pub attendance: Option<Int>,
    /// Comment of the appointment `record_id`
    #[schema(value_type = Option<String>)]
    pub comment: Option<Text>,
    /// Accepted; product lines come with the products section
    #[schema(value_type = Option<Vec<Object>>)]
    pub goods_transactions: Option<serde_json::Value>,
    /// Accepted; service lines are changed through the appointment
    #[schema(value_type = Option<Vec<Object>>)]
    pub services: Option<serde_json::Value>,
    /// Accepted; see `send_sms` of an appointment
    #[schema(value_type = Option<bool>)]
    pub fast_payment: Option<Flag>,
}

// ---- answers ----

/// A service line of an appointment.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceLineDto {
    pub id: i64,
    pub title: String,
    pub cost: Amount,
    pub cost_to_pay: Amount,
    pub manual_cost: Amount,
    pub cost_per_unit: Amount,
    pub discount: Amount,
    pub first_cost: Amount,
    pub amount: i64,
    /// Assistants are not recorded: always empty.
    pub assistants: EmptyList,
    pub staff_service_link: StaffServiceLinkDto,
    pub company_service_link: CompanyServiceLinkDto,
}

/// The team member's link to the service: their duration (0 when the link is gone).
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffServiceLinkDto {
    pub length: i64,
}

/// The service's price range (0 when the service is gone).
#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyServiceLinkDto {
    pub price_min: Amount,
    pub price_max: Amount,
}

impl From<&ServiceLine> for ServiceLineDto {
    fn from(l: &ServiceLine) -> Self {
        let money = |minor: i64| Amount::from(bizd_domain::money::Money::from_minor(minor));
        let per_unit = if l.amount > 0 {
            l.cost / l.amount
        } else {
            l.cost
        };
        ServiceLineDto {
            id: l.service_id,
            title: l.title.clone(),
            cost: money(l.cost),
            cost_to_pay: money(l.cost_to_pay),
            manual_cost: money(l.cost),
            cost_per_unit: money(per_unit),
            discount: money(l.discount_percent),
            first_cost: money(l.first_cost),
            amount: l.amount,
            assistants: EmptyList,
            staff_service_link: StaffServiceLinkDto {
                length: l.link_length.unwrap_or(0),
            },
            company_service_link: CompanyServiceLinkDto {
                price_min: money(l.price_min.unwrap_or(0)),
                price_max: money(l.price_max.unwrap_or(0)),
            },
        }
    }
}

/// `position` of an appointment's team member; `id` 0 and an empty title when none.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffPositionDto {
    pub id: i64,
    pub title: String,
    pub services_binding_type: i64,
}

/// The team member of an appointment.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffDto {
    pub id: i64,
    pub api_id: String,
    pub name: String,
    pub specialization: String,
    pub position: StaffPositionDto,
    pub avatar: String,
    pub avatar_big: String,
    pub rating: f64,
    pub votes_count: i64,
}

/// The client of an appointment.
#[derive(Debug, Serialize, ToSchema)]
pub struct AppointmentClientDto {
    pub id: i64,
    pub name: String,
    pub surname: String,
    pub middle_name: String,
    pub patronymic: String,
    pub display_name: String,
    pub comment: String,
    pub phone: String,
    pub card: String,
    pub email: String,
    pub success_visits_count: i64,
    pub fail_visits_count: i64,
    pub discount: Amount,
    pub is_new: bool,
    pub custom_fields: EmptyList,
    pub gender: i64,
    pub sex: i64,
    pub birthday: String,
    pub client_tags: EmptyList,
    pub phone_country_id: i64,
}

/// An appointment (`appointments/get_appointment.md`, field by field).
#[derive(Debug, Serialize, ToSchema)]
pub struct AppointmentDto {
    pub id: i64,
    pub company_id: i64,
    pub staff_id: i64,
    pub services: Vec<ServiceLineDto>,
    pub goods_transactions: EmptyList,
    pub staff: StaffDto,
    pub client: Option<AppointmentClientDto>,
    pub clients_count: i64,
    pub date: String,
    pub datetime: String,
    pub create_date: String,
    pub comment: String,
    pub online: bool,
    pub visit_attendance: i64,
    pub attendance: i64,
    pub confirmed: i64,
    pub seance_length: i64,
    pub length: i64,
    pub sms_before: i64,
    pub sms_now: i64,
    pub sms_now_text: String,
    pub email_now: i64,
    pub notified: i64,
    pub master_request: i64,
    pub api_id: String,
    pub from_url: String,
    pub review_requested: i64,
    pub is_remind_sms_sent: bool,
    pub visit_id: i64,
    pub created_user_id: i64,
    pub deleted: bool,
    pub paid_full: i64,
    pub prepaid: bool,
    pub prepaid_confirmed: bool,
    pub last_change_date: String,
    pub custom_color: String,
    pub custom_font_color: String,
    pub record_labels: EmptyList,
    pub activity_id: i64,
    pub custom_fields: EmptyObject,
    /// The visit's sale document (type 7)
    pub documents: Vec<AppointmentDocumentDto>,
    pub sms_remain_hours: Option<i64>,
    pub email_remain_hours: Option<i64>,
    pub bookform_id: i64,
    pub record_from: String,
    pub is_mobile: i64,
    pub is_sale_bill_printed: bool,
    pub consumables: EmptyList,
    /// The visit's payments that name this appointment
    pub finance_transactions: Vec<crate::sections::payments::json::FinanceTransactionDto>,
    pub acceptance_free: Option<bool>,
    pub comer: Option<bool>,
    #[schema(value_type = Option<Object>)]
    pub comer_person_info: Option<BTreeMap<String, String>>,
    pub is_update_blocked: bool,
    pub payment_status: String,
    pub resource_instance_ids: Vec<i64>,
    pub short_link: String,
    pub technical_break_duration: i64,
}

/// A document of an appointment (its visit's sale document).
#[derive(Debug, Serialize, ToSchema)]
pub struct AppointmentDocumentDto {
    pub id: i64,
    pub type_id: i64,
    pub storage_id: i64,
    pub user_id: i64,
    pub company_id: i64,
    pub number: i64,
    pub comment: String,
    pub date_created: String,
    pub category_id: i64,
    pub visit_id: i64,
    pub record_id: i64,
    pub type_title: String,
    pub is_sale_bill_printed: bool,
}

/// The payment status of the appointment's visit (every appointment of a visit shows it).
pub fn payment_status_of(r: &bizd_store::appointments::AppointmentRow) -> PaymentStatus {
    PaymentStatus::of(
        Money::from_minor(r.visit_cost.unwrap_or(0)),
        Money::from_minor(r.visit_paid.unwrap_or(0)),
    )
}

impl AppointmentDto {
    pub fn new(a: &Appointment, tz: &TimeZone) -> Self {
        let r = &a.row;
        let status = payment_status_of(r);
        let documents = r
            .document_id
            .map(|id| AppointmentDocumentDto {
                id,
                type_id: bizd_domain::checkout::DOCUMENT_TYPE_VISIT,
                storage_id: 0,
                user_id: 0,
                company_id: r.location_id,
                number: id,
                comment: String::new(),
                date_created: iso8601_millis(r.document_created_at.unwrap_or(r.created_at), tz),
                category_id: 0,
                visit_id: r.visit_id,
                record_id: r.id,
                type_title: "Visit".into(),
                is_sale_bill_printed: false,
            })
            .into_iter()
            .collect();
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let staff = StaffDto {
            id: r.team_member_id.unwrap_or(0),
            api_id: text(&r.staff_api_id),
            name: text(&r.staff_name),
            specialization: text(&r.staff_specialization),
            position: StaffPositionDto {
                id: r.staff_position_id.unwrap_or(0),
                title: text(&r.staff_position_title),
                services_binding_type: 0,
            },
            avatar: text(&r.staff_avatar),
            avatar_big: text(&r.staff_avatar_big),
            rating: r.staff_rating.unwrap_or(0.0),
            votes_count: r.staff_votes_count.unwrap_or(0),
        };
        let client = r.client_id.map(|id| {
            let name = text(&r.client_name);
            let surname = text(&r.client_surname);
            let middle_name = text(&r.client_middle_name);
            let display_name = [name.as_str(), surname.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let gender = r.client_gender_id.unwrap_or(0);
            let success = r.client_success_visits.unwrap_or(0);
            let fail = r.client_fail_visits.unwrap_or(0);
            AppointmentClientDto {
                id,
                display_name,
                patronymic: middle_name.clone(),
                middle_name,
                name,
                surname,
                comment: text(&r.client_comment),
                // Stored as digits; sent as `+digits`, a string (empty when the client has none).
                phone: r
                    .client_phone
                    .as_deref()
                    .filter(|p| !p.is_empty())
                    .map(|p| format!("+{p}"))
                    .unwrap_or_default(),
                card: text(&r.client_card),
                email: text(&r.client_email),
                success_visits_count: success,
                fail_visits_count: fail,
                discount: bizd_domain::money::Money::from_minor(r.client_discount.unwrap_or(0))
                    .into(),
                is_new: success + fail == 0,
                custom_fields: EmptyList,
                gender,
                sex: gender,
                birthday: text(&r.client_birth_date),
                client_tags: EmptyList,
                phone_country_id: 0,
            }
        });
        let datetime = iso8601(r.starts_at, tz);
        AppointmentDto {
            id: r.id,
            company_id: r.location_id,
            staff_id: r.team_member_id.unwrap_or(0),
            services: a.services.iter().map(ServiceLineDto::from).collect(),
            goods_transactions: EmptyList,
            staff,
            clients_count: i64::from(client.is_some()),
            client,
            date: datetime.clone(),
            datetime,
            create_date: iso8601_compact_offset(r.created_at, tz),
            comment: r.comment.clone(),
            online: r.online,
            visit_attendance: r.visit_attendance.unwrap_or(r.attendance),
            attendance: r.attendance,
            confirmed: r.confirmed,
            seance_length: r.length,
            length: r.length,
            sms_before: 0,
            sms_now: 0,
            sms_now_text: String::new(),
            email_now: 0,
            notified: 0,
            master_request: 1,
            api_id: r.api_id.clone(),
            from_url: String::new(),
            review_requested: 0,
            is_remind_sms_sent: false,
            visit_id: r.visit_id,
            created_user_id: r.created_user_id.unwrap_or(0),
            deleted: r.deleted_at.is_some(),
            // Paid in full (or over) something that costs something.
            paid_full: i64::from(
                r.visit_cost.unwrap_or(0) > 0
                    && matches!(status, PaymentStatus::PaidFull | PaymentStatus::PaidOver),
            ),
            prepaid: false,
            prepaid_confirmed: false,
            last_change_date: iso8601_compact_offset(r.updated_at, tz),
            custom_color: r.custom_color.clone(),
            custom_font_color: String::new(),
            record_labels: EmptyList,
            activity_id: 0,
            custom_fields: EmptyObject,
            documents,
            sms_remain_hours: r.sms_remain_hours,
            email_remain_hours: r.email_remain_hours,
            bookform_id: r.bookform_id,
            record_from: r.record_from.clone(),
            is_mobile: 0,
            is_sale_bill_printed: false,
            consumables: EmptyList,
            finance_transactions: a
                .transactions
                .iter()
                .map(|t| crate::sections::payments::json::FinanceTransactionDto::new(t, tz))
                .collect(),
            acceptance_free: None,
            comer: None,
            comer_person_info: None,
            is_update_blocked: false,
            payment_status: status.as_str().to_owned(),
            resource_instance_ids: a.resource_instance_ids.clone(),
            short_link: String::new(),
            technical_break_duration: r.technical_break_duration,
        }
    }
}

/// A visit (`appointments/get_visit.md`).
#[derive(Debug, Serialize, ToSchema)]
pub struct VisitDto {
    pub id: i64,
    pub attendance: i64,
    pub datetime: String,
    pub comment: String,
    pub records: Vec<AppointmentDto>,
}

impl VisitDto {
    /// The visit with its live appointments; `comment` is that of appointment `comment_of`,
    /// else of the first one.
    pub fn new(
        visit: &VisitRow,
        records: &[Appointment],
        comment_of: Option<i64>,
        tz: &TimeZone,
    ) -> Self {
        let commented = comment_of
            .and_then(|id| records.iter().find(|a| a.row.id == id))
            .or(records.first());
        VisitDto {
            id: visit.id,
            attendance: visit.attendance,
            datetime: iso8601(visit.starts_at, tz),
            comment: commented.map(|a| a.row.comment.clone()).unwrap_or_default(),
            records: records.iter().map(|a| AppointmentDto::new(a, tz)).collect(),
        }
    }
}

/// A line of a visit's details (`appointments/get_visit_details.md`): a service of one of its
/// appointments.
#[derive(Debug, Serialize, ToSchema)]
pub struct VisitItemDto {
    pub id: i64,
    pub item_id: i64,
    /// 1 service, 2 good
    pub item_type_id: i64,
    pub record_id: i64,
    pub item_title: String,
    /// Services: how many; goods: sale units
    pub amount: Amount,
    pub first_cost: Amount,
    pub manual_cost: Amount,
    pub discount: Amount,
    pub cost: Amount,
    pub master_id: i64,
    pub good_id: i64,
    pub service_id: i64,
    pub event_id: i64,
    pub is_service: bool,
    pub is_event: bool,
    pub is_good: bool,
}

/// The cash register block of a visit's details: none recorded until checkout exists.
#[derive(Debug, Serialize, ToSchema)]
pub struct KkmContainerDto {
    pub last_operation_type: i64,
    pub transactions: EmptyList,
}

/// `GET /visit/details/{location_id}/{record_id}/{visit_id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct VisitDetailsDto {
    /// The visit's live payments
    pub payment_transactions: Vec<crate::sections::payments::json::FinanceTransactionDto>,
    /// Loyalty comes with its sections: always `[]`
    pub loyalty_transactions: EmptyList,
    pub kkm_transaction_details_container: KkmContainerDto,
    pub items: Vec<VisitItemDto>,
}
