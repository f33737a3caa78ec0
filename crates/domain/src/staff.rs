//! Team members (the reference's "staff" / "masters") and positions (chain-wide job titles).

use crate::validation::{required_text, text, FieldErrors};

const SHORT: usize = 255;
const LONG: usize = 10_000;

/// The editable fields of a team member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamMemberFields {
    pub name: String,
    pub specialization: String,
    pub information: String,
    pub api_id: String,
    /// Heavier first in lists.
    pub weight: i64,
    /// Hidden from online booking.
    pub hidden: bool,
    /// Dismissed.
    pub fired: bool,
    pub position_id: Option<i64>,
    pub user_id: Option<i64>,
    /// Digits only.
    pub phone: String,
    pub show_rating: bool,
    pub has_access_timetable: bool,
    pub is_paid_staff: bool,
    pub is_included_in_payment_policy: bool,
}

impl Default for TeamMemberFields {
    fn default() -> Self {
        TeamMemberFields {
            name: String::new(),
            specialization: String::new(),
            information: String::new(),
            api_id: String::new(),
            weight: 0,
            hidden: false,
            fired: false,
            position_id: None,
            user_id: None,
            phone: String::new(),
            show_rating: true,
            has_access_timetable: false,
            is_paid_staff: true,
            is_included_in_payment_policy: true,
        }
    }
}

/// A create or update request of a team member; only what was sent changes.
#[derive(Debug, Clone, Default)]
pub struct TeamMemberChanges {
    pub name: Option<String>,
    pub specialization: Option<String>,
    pub information: Option<String>,
    pub api_id: Option<String>,
    pub weight: Option<i64>,
    pub hidden: Option<bool>,
    pub fired: Option<bool>,
    /// `Some(None)` (or an id of 0) unassigns.
    pub position_id: Option<Option<i64>>,
    /// `Some(None)` (or 0) unlinks the user.
    pub user_id: Option<Option<i64>>,
    pub phone: Option<String>,
    pub show_rating: Option<bool>,
    pub has_access_timetable: Option<bool>,
    pub is_paid_staff: Option<bool>,
    pub is_included_in_payment_policy: Option<bool>,
}

/// A phone of the quick-create form: 9 to 15 digits, no `+` (one is tolerated and dropped).
pub fn phone_digits(e: &mut FieldErrors, field: &str, value: &str) -> String {
    let v = value.trim().trim_start_matches('+');
    if v.is_empty() {
        return String::new();
    }
    if (9..=15).contains(&v.len()) && v.chars().all(|c| c.is_ascii_digit()) {
        v.to_owned()
    } else {
        e.add(field, format!("The {field} must be 9 to 15 digits."));
        String::new()
    }
}

impl TeamMemberChanges {
    /// Applies the changes to `base`; `creating` makes `name` required. Whether the position and
    /// user exist is the caller's check.
    pub fn apply(
        self,
        mut base: TeamMemberFields,
        creating: bool,
    ) -> Result<TeamMemberFields, FieldErrors> {
        let mut e = FieldErrors::new();
        if creating || self.name.is_some() {
            base.name = required_text(&mut e, "name", self.name.as_deref(), SHORT);
        }
        if let Some(v) = self.specialization {
            base.specialization = text(&mut e, "specialization", &v, SHORT);
        }
        if let Some(v) = self.information {
            base.information = text(&mut e, "information", &v, LONG);
        }
        if let Some(v) = self.api_id {
            base.api_id = text(&mut e, "api_id", &v, SHORT);
        }
        if let Some(v) = self.phone {
            base.phone = phone_digits(&mut e, "phone_number", &v);
        }
        if let Some(v) = self.weight {
            base.weight = v;
        }
        if let Some(v) = self.position_id {
            base.position_id = v.filter(|id| *id != 0);
        }
        if let Some(v) = self.user_id {
            base.user_id = v.filter(|id| *id != 0);
        }
        let flags = [
            (&mut base.hidden, self.hidden),
            (&mut base.fired, self.fired),
            (&mut base.show_rating, self.show_rating),
            (&mut base.has_access_timetable, self.has_access_timetable),
            (&mut base.is_paid_staff, self.is_paid_staff),
            (
                &mut base.is_included_in_payment_policy,
                self.is_included_in_payment_policy,
            ),
        ];
        for (target, value) in flags {
            if let Some(v) = value {
                *target = v;
            }
        }
        e.into_result().map(|()| base)
    }
}

/// The editable fields of a position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PositionFields {
    pub title: String,
    pub api_id: String,
}

#[derive(Debug, Clone, Default)]
pub struct PositionChanges {
    pub title: Option<String>,
    pub api_id: Option<String>,
}

impl PositionChanges {
    pub fn apply(
        self,
        mut base: PositionFields,
        creating: bool,
    ) -> Result<PositionFields, FieldErrors> {
        let mut e = FieldErrors::new();
        if creating || self.title.is_some() {
            base.title = required_text(&mut e, "title", self.title.as_deref(), SHORT);
        }
        if let Some(v) = self.api_id {
            base.api_id = text(&mut e, "api_id", &v, SHORT);
        }
        e.into_result().map(|()| base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn team_member_rules() {
        let created = TeamMemberChanges {
            name: Some("Anna".into()),
            position_id: Some(Some(0)),
            phone: Some("+11234567890".into()),
            ..Default::default()
        }
        .apply(TeamMemberFields::default(), true)
        .unwrap();
        assert_eq!(created.position_id, None);
        assert_eq!(created.phone, "11234567890");
        assert!(created.show_rating && !created.fired);
        let err = TeamMemberChanges {
            name: Some(" ".into()),
            phone: Some("12-34".into()),
            ..Default::default()
        }
        .apply(created, false)
        .unwrap_err();
        let fields: Vec<_> = err.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(fields, ["name", "phone_number"]);
        assert!(PositionChanges::default()
            .apply(PositionFields::default(), true)
            .is_err());
    }
}
