//! Wire types of the Team Members section (team members and positions).

mod team_member;

pub use team_member::*;

use bizd_domain::staff::{phone_digits, PositionChanges, TeamMemberChanges};
use bizd_domain::FieldErrors;
use bizd_store::team_members::Position;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::wire::{text, Flag, Int, OptionalId, Text};
use crate::http::ApiError;

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

/// `/…/{location_id}/{team_member_id}` of a read whose id is optional: `0` lists them all.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TeamMemberReadPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Team member ID; `0`: every team member (the list).
    #[param(value_type = i64)]
    pub team_member_id: OptionalId,
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

/// A position as `POST /company/{location_id}/positions/quick` answers it, and as a team member
/// shows its own (`{id: 0, chain_id: 0, title: ""…}` when it has none).
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

impl ChainPositionDto {
    /// A team member's position: the assigned one, or the neutral object of the same shape.
    pub fn of_team_member(p: Option<Position>) -> Self {
        p.map_or_else(
            || ChainPositionDto {
                id: 0,
                chain_id: 0,
                title: String::new(),
                api_id: String::new(),
                description: String::new(),
                services_binding_type: 0,
                rules_required_fields: Vec::new(),
                only_chain_appointment: false,
            },
            ChainPositionDto::from,
        )
    }
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
