//! Wire types of the Team Members section (team members and positions).

use bizd_domain::staff::{phone_digits, PositionChanges, TeamMemberChanges};
use bizd_domain::FieldErrors;
use bizd_store::services::Link;
use bizd_store::team_members::{Position, TeamMember};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use utoipa::{IntoParams, ToSchema};

use crate::http::wire::{text, Flag, Int, Text};
use crate::http::ApiError;
use crate::sections::services::json::LinkDto;

/// `/…/{location_id}/{team_member_id}` of one team member.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TeamMemberPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Team member ID
    #[param(value_type = i64)]
    pub team_member_id: Int,
}

/// `/positions/{location_id}/{position_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct PositionPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Position ID
    #[param(value_type = i64)]
    pub position_id: Int,
}

/// Body of creating (`POST /staff/{location_id}`) or changing a team member. Only the fields
/// sent change.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct TeamMemberBody {
    /// Required on create.
    pub name: Option<Text>,
    pub specialization: Option<Text>,
    /// Heavier team members are listed first.
    pub weight: Option<Int>,
    /// HTML.
    pub information: Option<Text>,
    pub api_id: Option<Text>,
    /// 1: hidden from online booking.
    pub hidden: Option<Flag>,
    /// 1: dismissed.
    pub fired: Option<Flag>,
    /// A position of the location's chain; 0 or `null` unassigns.
    #[serde(deserialize_with = "crate::http::wire::nullable")]
    #[schema(value_type = Option<i64>)]
    pub position_id: Option<Option<Int>>,
    /// Linked user; 0 or `null` unlinks.
    #[serde(deserialize_with = "crate::http::wire::nullable")]
    #[schema(value_type = Option<i64>)]
    pub user_id: Option<Option<Int>>,
    /// 9 to 15 digits.
    #[serde(alias = "phone")]
    pub phone_number: Option<Text>,
    pub show_rating: Option<Flag>,
    pub has_access_timetable: Option<Flag>,
    pub is_paid_staff: Option<Flag>,
    pub is_included_in_payment_policy: Option<Flag>,
}

fn nullable_id(v: Option<Option<Int>>) -> Option<Option<i64>> {
    v.map(|o| o.map(|i| i.0))
}

impl TeamMemberBody {
    pub fn into_changes(self) -> TeamMemberChanges {
        TeamMemberChanges {
            name: text(self.name),
            specialization: text(self.specialization),
            information: text(self.information),
            api_id: text(self.api_id),
            weight: self.weight.map(|v| v.0),
            hidden: self.hidden.map(|v| v.0),
            fired: self.fired.map(|v| v.0),
            position_id: nullable_id(self.position_id),
            user_id: nullable_id(self.user_id),
            phone: text(self.phone_number),
            show_rating: self.show_rating.map(|v| v.0),
            has_access_timetable: self.has_access_timetable.map(|v| v.0),
            is_paid_staff: self.is_paid_staff.map(|v| v.0),
            is_included_in_payment_policy: self.is_included_in_payment_policy.map(|v| v.0),
        }
    }
}

/// Body of `POST /company/{location_id}/staff/quick`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct QuickTeamMemberBody {
    pub name: Option<Text>,
    pub specialization: Option<Text>,
    #[serde(deserialize_with = "crate::http::wire::nullable")]
    #[schema(value_type = Option<i64>)]
    pub position_id: Option<Option<Int>>,
    /// 9 to 15 digits, no `+`.
    pub phone_number: Option<Text>,
    /// Accepted; user accounts are managed with `bizd admin`, no invitation is sent.
    pub user_email: Option<Text>,
    /// Accepted (checked like `phone_number`); see `user_email`.
    pub user_phone: Option<Text>,
    /// Accepted; no invitation is sent.
    pub is_user_invite: Option<Flag>,
    pub is_paid_staff: Option<Flag>,
}

impl QuickTeamMemberBody {
    /// `name` and `specialization` are required; `user_phone` and `user_email` are checked
    /// although nothing is done with them.
    pub fn into_changes(self) -> Result<TeamMemberChanges, ApiError> {
        let mut e = FieldErrors::new();
        if self
            .specialization
            .as_ref()
            .is_none_or(|s| s.0.trim().is_empty())
        {
            e.add("specialization", "The specialization field is required.");
        }
        if let Some(phone) = &self.user_phone {
            phone_digits(&mut e, "user_phone", &phone.0);
        }
        if let Some(email) = self.user_email.as_ref().map(|t| t.0.trim()) {
            if !email.is_empty() && !email.contains('@') {
                e.add("user_email", "The user_email must be an e-mail address.");
            }
        }
        e.into_result()?;
        Ok(TeamMemberChanges {
            name: Some(self.name.map(Text::into_inner).unwrap_or_default()),
            specialization: self.specialization.map(Text::into_inner),
            position_id: nullable_id(self.position_id),
            phone: self.phone_number.map(Text::into_inner),
            is_paid_staff: self.is_paid_staff.map(|f| f.0),
            ..TeamMemberChanges::default()
        })
    }
}

/// A team member as the Team Members endpoints return it. `Flag` is the type of `weight`,
/// `hidden`, `fired` and `status`: integers everywhere but in the answer of
/// `GET /staff/{location_id}/{team_member_id}`, whose example sends strings.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamMemberDto<Flag = i64> {
    pub id: i64,
    pub api_id: String,
    pub name: String,
    /// Location ID.
    pub company_id: i64,
    pub specialization: String,
    /// `{id, title}`, or `[]` when unassigned (`null` in the quick create's answer).
    #[schema(schema_with = crate::http::schema::object_empty_list_or_null)]
    pub position: Value,
    /// 0 when unassigned.
    pub position_id: i64,
    pub show_rating: i64,
    pub rating: f64,
    pub votes_count: i64,
    pub comments_count: i64,
    pub user_id: Option<i64>,
    /// The linked user's `{id}`, or `[]`.
    #[schema(schema_with = crate::http::schema::object_or_empty_list)]
    pub user: Value,
    pub avatar: String,
    pub avatar_big: String,
    pub weight: Flag,
    pub information: String,
    pub phone_number: String,
    /// 1: hidden from online booking.
    pub hidden: Flag,
    /// 1: dismissed.
    pub fired: Flag,
    /// 1: deleted.
    pub status: Flag,
    /// Not fired, not hidden, not deleted, and provides at least one service.
    pub bookable: bool,
    pub has_access_timetable: bool,
    pub is_paid_staff: bool,
    pub is_included_in_payment_policy: bool,
    pub prepaid: String,
    /// `[]`; `{}` when read by id.
    #[schema(schema_with = crate::http::schema::list_or_object)]
    pub image_group: Value,
    /// The services this team member provides (the same rows as a service's `staff`).
    pub services_links: Vec<LinkDto>,
}

impl TeamMemberDto {
    pub fn new(m: TeamMember, links: Vec<Link>) -> Self {
        let f = m.fields;
        TeamMemberDto {
            id: m.id,
            api_id: f.api_id,
            name: f.name,
            company_id: m.location_id,
            specialization: f.specialization,
            position: match &m.position {
                Some((id, title)) => json!({"id": id, "title": title}),
                None => json!([]),
            },
            position_id: m.position.as_ref().map_or(0, |p| p.0),
            show_rating: i64::from(f.show_rating),
            rating: m.rating,
            votes_count: m.votes_count,
            comments_count: m.comments_count,
            user_id: f.user_id,
            user: match f.user_id {
                Some(id) => json!({"id": id}),
                None => json!([]),
            },
            avatar: m.avatar,
            avatar_big: m.avatar_big,
            weight: f.weight,
            information: f.information,
            phone_number: f.phone,
            hidden: i64::from(f.hidden),
            fired: i64::from(f.fired),
            status: i64::from(m.deleted_at.is_some()),
            bookable: m.bookable,
            has_access_timetable: f.has_access_timetable,
            is_paid_staff: f.is_paid_staff,
            is_included_in_payment_policy: f.is_included_in_payment_policy,
            prepaid: "forbidden".into(),
            image_group: json!([]),
            services_links: links.into_iter().map(LinkDto::from).collect(),
        }
    }

    /// The shape of `GET /staff/{location_id}/{team_member_id}`, whose example sends `weight`,
    /// `hidden`, `fired` and `status` as strings and `image_group` as an object.
    pub fn with_string_flags(self) -> TeamMemberDto<String> {
        TeamMemberDto {
            id: self.id,
            api_id: self.api_id,
            name: self.name,
            company_id: self.company_id,
            specialization: self.specialization,
            position: self.position,
            position_id: self.position_id,
            show_rating: self.show_rating,
            rating: self.rating,
            votes_count: self.votes_count,
            comments_count: self.comments_count,
            user_id: self.user_id,
            user: self.user,
            avatar: self.avatar,
            avatar_big: self.avatar_big,
            weight: self.weight.to_string(),
            information: self.information,
            phone_number: self.phone_number,
            hidden: self.hidden.to_string(),
            fired: self.fired.to_string(),
            status: self.status.to_string(),
            bookable: self.bookable,
            has_access_timetable: self.has_access_timetable,
            is_paid_staff: self.is_paid_staff,
            is_included_in_payment_policy: self.is_included_in_payment_policy,
            prepaid: self.prepaid,
            image_group: json!({}),
            services_links: self.services_links,
        }
    }
}

// ---- positions ----

/// Body of creating or changing a position.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct PositionBody {
    /// Required on create.
    pub title: Option<Text>,
    pub api_id: Option<Text>,
}

impl PositionBody {
    pub fn into_changes(self) -> PositionChanges {
        PositionChanges {
            title: text(self.title),
            api_id: text(self.api_id),
        }
    }
}

/// A position.
#[derive(Debug, Serialize, ToSchema)]
pub struct PositionDto {
    pub id: i64,
    pub title: String,
    pub api_id: String,
}

impl From<Position> for PositionDto {
    fn from(p: Position) -> Self {
        PositionDto {
            id: p.id,
            title: p.fields.title,
            api_id: p.fields.api_id,
        }
    }
}

/// A position as `POST /company/{location_id}/positions/quick` answers it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChainPositionDto {
    pub id: i64,
    pub chain_id: i64,
    pub title: String,
    pub api_id: String,
    pub description: String,
    /// 0: services are not bound to the position.
    pub services_binding_type: i64,
    pub rules_required_fields: Vec<String>,
    pub only_chain_appointment: bool,
}

impl From<Position> for ChainPositionDto {
    fn from(p: Position) -> Self {
        ChainPositionDto {
            id: p.id,
            chain_id: p.chain_id,
            title: p.fields.title,
            api_id: p.fields.api_id,
            description: String::new(),
            services_binding_type: 0,
            rules_required_fields: Vec::new(),
            only_chain_appointment: false,
        }
    }
}
