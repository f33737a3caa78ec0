//! Clients of a location: the CRM record, its tags, and the rules for what may be stored.

use rust_decimal::Decimal;

use crate::money::Money;
use crate::validation::{required_text, text, FieldErrors};

/// A client tag ("category" / "label" on the wire): a location entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub id: i64,
    pub title: String,
    pub color: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClientFields {
    pub name: String,
    pub surname: String,
    pub middle_name: String,
    /// Digits only, or empty.
    pub phone: String,
    pub email: String,
    pub gender_id: i64,
    pub importance_id: i64,
    /// Percent, in hundredths (15.5 % = 1550).
    pub discount: Money,
    pub card: String,
    /// `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    pub comment: String,
    pub spent: Money,
    pub balance: Money,
    pub sms_check: bool,
    pub sms_not: bool,
    /// A JSON object, validated at the edge.
    pub custom_fields: String,
    pub tag_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    pub id: i64,
    pub location_id: i64,
    pub fields: ClientFields,
    pub tags: Vec<Tag>,
    pub visits: i64,
    pub first_visit_at: Option<i64>,
    pub last_visit_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
}

impl Client {
    /// The client a create just stored: what reading it back would give, without the read.
    /// `known_tags` may hold more tags than the client's; those it names are taken, by id.
    pub fn created(
        id: i64,
        location_id: i64,
        fields: ClientFields,
        known_tags: &[Tag],
        now: i64,
    ) -> Client {
        let mut tags: Vec<Tag> = known_tags
            .iter()
            .filter(|t| fields.tag_ids.contains(&t.id))
            .cloned()
            .collect();
        tags.sort_by_key(|t| t.id);
        let mut fields = fields;
        fields.tag_ids = tags.iter().map(|t| t.id).collect();
        Client {
            id,
            location_id,
            fields,
            tags,
            visits: 0,
            first_visit_at: None,
            last_visit_at: None,
            created_at: now,
            updated_at: now,
            deleted_at: None,
        }
    }
}

/// A create or update request; `None` keeps the stored value (or the default on create).
#[derive(Debug, Clone, Default)]
pub struct ClientChanges {
    pub name: Option<String>,
    pub surname: Option<String>,
    pub middle_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub gender_id: Option<i64>,
    pub importance_id: Option<i64>,
    pub discount: Option<Decimal>,
    pub card: Option<String>,
    /// `Some(None)` clears the date.
    pub birth_date: Option<Option<String>>,
    pub comment: Option<String>,
    pub spent: Option<Decimal>,
    pub balance: Option<Decimal>,
    pub sms_check: Option<bool>,
    pub sms_not: Option<bool>,
    pub custom_fields: Option<String>,
    pub tag_ids: Option<Vec<i64>>,
}

/// Digits of a phone number; 9 to 15 of them (E.164), as production checks.
pub fn normalize_phone(raw: &str) -> Result<String, &'static str> {
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    if raw.chars().any(|c| c.is_alphabetic()) {
        return Err("The phone may contain only digits, spaces, +, -, ( and ).");
    }
    if !(9..=15).contains(&digits.len()) {
        return Err("Phone must contain 9 to 15 digits.");
    }
    Ok(digits)
}

fn valid_date(s: &str) -> bool {
    s.parse::<jiff::civil::Date>().is_ok() && s.len() == 10
}

pub const MAX_MONEY: i64 = 1_000_000_000_000;

impl ClientChanges {
    pub fn apply(
        self,
        mut base: ClientFields,
        creating: bool,
    ) -> Result<ClientFields, FieldErrors> {
        let mut e = FieldErrors::new();
        if creating || self.name.is_some() {
            base.name = required_text(&mut e, "name", self.name.as_deref(), 255);
        }
        let set =
            |e: &mut FieldErrors, field: &str, target: &mut String, value: Option<String>, max| {
                if let Some(v) = value {
                    *target = text(e, field, &v, max);
                }
            };
        set(&mut e, "surname", &mut base.surname, self.surname, 255);
        set(
            &mut e,
            "middle_name",
            &mut base.middle_name,
            self.middle_name,
            255,
        );
        set(&mut e, "card", &mut base.card, self.card, 64);
        set(&mut e, "comment", &mut base.comment, self.comment, 10_000);
        if let Some(email) = self.email {
            let email = text(&mut e, "email", &email, 255).to_lowercase();
            let well_formed =
                email.contains('@') && !email.starts_with('@') && !email.ends_with('@');
            if !email.is_empty() && !well_formed {
                e.add("email", "The email must be a valid e-mail address.");
            }
            base.email = email;
        }
        match self.phone {
            Some(p) if p.trim().is_empty() => {
                if creating {
                    e.add("phone", "Customer phone number cannot be empty.");
                }
                base.phone.clear();
            }
            Some(p) => match normalize_phone(&p) {
                Ok(d) => base.phone = d,
                Err(m) => e.add("phone", m),
            },
            None if creating => e.add("phone", "The phone field is required."),
            None => {}
        }
        if let Some(g) = self.gender_id {
            if (0..=2).contains(&g) {
                base.gender_id = g;
            } else {
                e.add(
                    "gender_id",
                    "The gender_id must be 0 (unknown), 1 (male) or 2 (female).",
                );
            }
        }
        if let Some(i) = self.importance_id {
            if (0..=3).contains(&i) {
                base.importance_id = i;
            } else {
                e.add(
                    "importance_id",
                    "The importance_id must be between 0 and 3.",
                );
            }
        }
        if let Some(d) = self.discount {
            match Money::from_decimal(d) {
                Ok(m) if (0..=10_000).contains(&m.minor()) => base.discount = m,
                Err(err @ crate::money::MoneyError::TooPrecise) => {
                    e.add("discount", err.message("discount"))
                }
                _ => e.add("discount", "The discount must be between 0 and 100."),
            }
        }
        // `spent` follows the client's paid visits (the sales store keeps it): what a client
        // sends is accepted and ignored.
        for (field, value, target) in [("balance", self.balance, &mut base.balance)] {
            if let Some(v) = value {
                match Money::from_decimal(v) {
                    Ok(m) if m.minor().abs() <= MAX_MONEY => *target = m,
                    Ok(_) => e.add(field, format!("The {field} is out of range.")),
                    Err(err) => e.add(field, err.message(field)),
                }
            }
        }
        if let Some(date) = self.birth_date {
            match date.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()) {
                None => base.birth_date = None,
                Some(d) if valid_date(&d) => base.birth_date = Some(d),
                Some(_) => e.add(
                    "birth_date",
                    "The birth_date must be a date in the format yyyy-mm-dd.",
                ),
            }
        }
        if let Some(v) = self.sms_check {
            base.sms_check = v;
        }
        if let Some(v) = self.sms_not {
            base.sms_not = v;
        }
        if let Some(c) = self.custom_fields {
            base.custom_fields = c;
        }
        if let Some(mut tags) = self.tag_ids {
            tags.sort_unstable();
            tags.dedup();
            base.tag_ids = tags;
        }
        if base.custom_fields.is_empty() {
            base.custom_fields = "{}".into();
        }
        e.into_result().map(|()| base)
    }
}

/// What substring search reads: lower-case names, phone digits, e-mail and card.
pub fn search_text(f: &ClientFields) -> String {
    [
        &f.name,
        &f.surname,
        &f.middle_name,
        &f.phone,
        &f.email,
        &f.card,
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .map(|s| s.to_lowercase())
    .collect::<Vec<_>>()
    .join(" ")
}

pub fn gender_label(id: i64) -> &'static str {
    match id {
        1 => "Male",
        2 => "Female",
        _ => "unknown",
    }
}

pub fn importance_label(id: i64) -> &'static str {
    match id {
        1 => "Bronze",
        2 => "Silver",
        3 => "Gold",
        _ => "No importance class",
    }
}

/// What a quick-search term means: a phone written with punctuation (`555-01`, `+1 (315)`) is
/// looked up by its digits; anything else as lower-case text.
pub fn search_term(raw: &str) -> String {
    let t = raw.trim();
    let phone_like = t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if phone_like {
        t.chars().filter(char::is_ascii_digit).collect()
    } else {
        t.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn phones_normalise_to_digits() {
        assert_eq!(normalize_phone("+1 (315) 555-0177").unwrap(), "13155550177");
        assert!(normalize_phone("123").is_err());
        assert!(normalize_phone("call me 1315555017").is_err());
    }

    #[test]
    fn create_needs_name_and_phone_and_checks_ranges() {
        let err = ClientChanges::default()
            .apply(ClientFields::default(), true)
            .unwrap_err();
        let fields: Vec<_> = err.iter().map(|(f, _)| f.clone()).collect();
        assert_eq!(fields, ["name", "phone"]);
        let err = ClientChanges {
            name: Some("A".into()),
            phone: Some("+13155550177".into()),
            gender_id: Some(5),
            discount: Some(Decimal::from(101)),
            birth_date: Some(Some("2020-13-01".into())),
            email: Some("nope".into()),
            ..Default::default()
        }
        .apply(ClientFields::default(), true)
        .unwrap_err();
        let fields: Vec<_> = err.iter().map(|(f, _)| f.clone()).collect();
        assert_eq!(fields, ["birth_date", "discount", "email", "gender_id"]);
        let ok = ClientChanges {
            name: Some(" James ".into()),
            phone: Some("13155550177".into()),
            discount: Some(Decimal::from_str("15.5").unwrap()),
            spent: Some(Decimal::from_str("100.77").unwrap()),
            tag_ids: Some(vec![3, 1, 3]),
            ..Default::default()
        }
        .apply(ClientFields::default(), true)
        .unwrap();
        assert_eq!(ok.name, "James");
        assert_eq!(ok.discount.minor(), 1550);
        assert_eq!(ok.spent.minor(), 0, "spent is not writable");
        assert_eq!(ok.tag_ids, [1, 3]);
        assert_eq!(search_text(&ok), "james 13155550177");
    }
}
