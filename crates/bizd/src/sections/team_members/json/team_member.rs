//! The team member object: one builder ([`TeamMemberDto::build`]) for every answer, in the live
//! shape strict clients require (`../shared/WIRE-NOTES.md`, "Live object shapes"). Fields bizd
//! has no data for yet carry the neutral value of their type.

use bizd_store::services::Link;
use bizd_store::team_members::{LinkedUser, TeamMember};
use serde::Serialize;
use utoipa::ToSchema;

use super::ChainPositionDto;
use crate::http::wire::{EmptyList, EmptyObject};
use crate::sections::services::json::LinkDto;

/// How an answer writes `weight`, `hidden`, `fired` and `status`: integers everywhere but in
/// `GET /staff/{location_id}/{team_member_id}`, whose example sends strings.
pub trait FlagStyle {
    fn of(v: i64) -> Self;
}

impl FlagStyle for i64 {
    fn of(v: i64) -> Self {
        v
    }
}

impl FlagStyle for String {
    fn of(v: i64) -> Self {
        v.to_string()
    }
}

/// A team member. `F` is the type of `weight`, `hidden`, `fired` and `status`, `G` that of
/// `image_group` (`[]`, or `{}` in `GET /staff/{location_id}/{team_member_id}`).
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamMemberDto<F = i64, G = EmptyList> {
    pub id: i64,
    /// External id; `""` when unset.
    pub api_id: String,
    pub name: String,
    pub specialization: String,
    /// Location ID.
    pub company_id: i64,
    /// HTML.
    pub information: String,
    /// The position; `id` 0 (and empty texts) when none is assigned.
    pub position: ChainPositionDto,
    /// 0 when unassigned.
    pub position_id: i64,
    /// 1: dismissed.
    pub fired: F,
    pub is_fired: bool,
    /// Not recorded yet: `null`.
    #[schema(required = true)]
    pub dismissal_date: Option<String>,
    /// Not recorded yet: `null`.
    #[schema(required = true)]
    pub dismissal_reason: Option<String>,
    /// 1: hidden from online booking.
    pub hidden: F,
    /// Shown in online booking (not hidden).
    pub is_online: bool,
    /// 1: deleted.
    pub status: F,
    pub is_deleted: bool,
    #[schema(required = true)]
    pub user_id: Option<i64>,
    /// The linked user account, or `null`.
    #[schema(required = true)]
    pub user: Option<TeamMemberUserDto>,
    pub rating: f64,
    pub show_rating: i64,
    pub is_rating_shown: bool,
    pub votes_count: i64,
    pub comments_count: i64,
    pub prepaid: String,
    /// Chain-wide team members do not exist yet: `false`.
    pub is_chain: bool,
    /// The chain of a chain-wide team member; `null`.
    #[schema(required = true)]
    pub chain: Option<TeamMemberChainRefDto>,
    /// Heavier team members are listed first.
    pub weight: F,
    pub is_online_random_choice_allowed: bool,
    /// Seconds; 0 until team member schedules exist.
    pub seance_step: i64,
    pub seance_search_step: i64,
    pub seance_search_start: i64,
    pub seance_search_finish: i64,
    pub is_timetable_off: bool,
    pub is_fullness_accounting: bool,
    pub google_clients: bool,
    #[schema(required = true)]
    pub timetable_markup_divider_interval: Option<i64>,
    /// `""` until uploads exist.
    pub avatar: String,
    pub avatar_big: String,
    /// Not fired, not hidden, not deleted, and provides at least one service.
    pub bookable: bool,
    /// The same as `bookable`.
    pub is_bookable: bool,
    #[schema(required = true)]
    pub domain: Option<String>,
    pub phone_number: String,
    pub has_access_timetable: bool,
    pub is_paid_staff: bool,
    pub is_included_in_payment_policy: bool,
    pub image_group: G,
    /// The services this team member provides (the same rows as a service's `staff`).
    pub services_links: Vec<LinkDto>,
    pub employee: EmployeeDto,
    pub grid_settings: GridSettingsDto,
}

/// `GET /staff/{location_id}/{team_member_id}`'s team member: flags as strings, `image_group`
/// an object, as its example shows.
pub type LegacyTeamMemberDto = TeamMemberDto<String, EmptyObject>;

impl<F: FlagStyle, G: Default> TeamMemberDto<F, G> {
    /// The team member with the services it provides.
    pub fn build(m: TeamMember, links: Vec<Link>) -> Self {
        let f = m.fields;
        let deleted = m.deleted_at.is_some();
        TeamMemberDto {
            id: m.id,
            api_id: f.api_id,
            specialization: f.specialization,
            company_id: m.location_id,
            information: f.information,
            position_id: m.position.as_ref().map_or(0, |p| p.id),
            position: ChainPositionDto::of_team_member(m.position),
            fired: F::of(i64::from(f.fired)),
            is_fired: f.fired,
            dismissal_date: None,
            dismissal_reason: None,
            hidden: F::of(i64::from(f.hidden)),
            is_online: !f.hidden,
            status: F::of(i64::from(deleted)),
            is_deleted: deleted,
            user_id: f.user_id,
            user: m.user.map(TeamMemberUserDto::from),
            rating: m.rating,
            show_rating: i64::from(f.show_rating),
            is_rating_shown: f.show_rating,
            votes_count: m.votes_count,
            comments_count: m.comments_count,
            prepaid: "forbidden".into(),
            is_chain: false,
            chain: None,
            weight: F::of(f.weight),
            is_online_random_choice_allowed: false,
            seance_step: 0,
            seance_search_step: 0,
            seance_search_start: 0,
            seance_search_finish: 0,
            is_timetable_off: false,
            is_fullness_accounting: false,
            google_clients: false,
            timetable_markup_divider_interval: None,
            avatar: m.avatar,
            avatar_big: m.avatar_big,
            bookable: m.bookable,
            is_bookable: m.bookable,
            domain: None,
            employee: EmployeeDto::new(m.id, &f.name, &f.phone),
            name: f.name,
            phone_number: f.phone,
            has_access_timetable: f.has_access_timetable,
            is_paid_staff: f.is_paid_staff,
            is_included_in_payment_policy: f.is_included_in_payment_policy,
            image_group: G::default(),
            services_links: links.into_iter().map(LinkDto::from).collect(),
            grid_settings: GridSettingsDto::default(),
        }
    }
}

/// The user account a team member is linked to.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamMemberUserDto {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub avatar: String,
    pub is_approved: bool,
}

impl From<LinkedUser> for TeamMemberUserDto {
    fn from(u: LinkedUser) -> Self {
        TeamMemberUserDto {
            id: u.id,
            name: u.name,
            phone: u.phone,
            email: u.email,
            avatar: u.avatar,
            is_approved: u.is_approved,
        }
    }
}

/// A chain, as a chain-wide team member names it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamMemberChainRefDto {
    pub id: i64,
    pub title: String,
}

/// The team member's employee record (HR data). bizd keeps none beyond the team member's own
/// id, name and phone: every other field is `""` (`gender` 0).
#[derive(Debug, Serialize, ToSchema)]
pub struct EmployeeDto {
    pub id: i64,
    pub phone: String,
    pub name: String,
    pub firstname: String,
    pub surname: String,
    pub patronymic: String,
    pub date_admission: String,
    pub date_registration_end: String,
    pub citizenship: String,
    pub sex: String,
    pub gender: i64,
    pub passport_data: String,
    pub personal_tax_reference_number: String,
    pub number_insurance_certificates: String,
}

impl EmployeeDto {
    fn new(id: i64, name: &str, phone: &str) -> Self {
        EmployeeDto {
            id,
            phone: phone.to_owned(),
            name: name.to_owned(),
            firstname: name.to_owned(),
            surname: String::new(),
            patronymic: String::new(),
            date_admission: String::new(),
            date_registration_end: String::new(),
            citizenship: String::new(),
            sex: String::new(),
            gender: 0,
            passport_data: String::new(),
            personal_tax_reference_number: String::new(),
            number_insurance_certificates: String::new(),
        }
    }
}

/// The journal grid of the team member's day: off, with no settings, until schedules exist.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct GridSettingsDto {
    pub is_enabled: bool,
    pub weekdays_settings: Vec<WeekdayGridDto>,
    pub dates_settings: EmptyList,
}

/// The grid of one weekday.
#[derive(Debug, Serialize, ToSchema)]
pub struct WeekdayGridDto {
    /// 1 (Monday) to 7.
    pub weekday: i64,
    pub timeslots: EmptyList,
    pub setting: GridSettingDto,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GridSettingDto {
    pub grid_first_timeslot: i64,
    pub grid_last_timeslot: i64,
    pub grid_display_step: i64,
    pub grid_nearest_timeslot_delay: i64,
    pub grid_base_type: String,
    pub is_grid_flexible: bool,
}
