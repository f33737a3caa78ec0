//! The service catalog: service categories, services, and the links saying which team member
//! provides which service and for how long. Durations are seconds; prices are exact [`Money`].

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::money::Money;
use crate::validation::{required_text, text, FieldErrors};

/// Shortest and longest time a team member may spend on a service, in seconds (5 min … 23 h 55 min).
pub const SEANCE_MIN: i64 = 300;
pub const SEANCE_MAX: i64 = 86_100;
/// A service's duration when none is given.
pub const DEFAULT_DURATION: i64 = 3600;
const SHORT: usize = 255;
const LONG: usize = 10_000;
const DAY: i64 = 86_400;

/// Adds an error unless `value` is an allowed team-member duration.
pub fn check_seance_length(e: &mut FieldErrors, field: &str, value: i64) -> bool {
    if (SEANCE_MIN..=SEANCE_MAX).contains(&value) {
        true
    } else {
        e.add(
            field,
            format!("The {field} must be between {SEANCE_MIN} and {SEANCE_MAX} seconds."),
        );
        false
    }
}

/// The editable fields of a service category.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryFields {
    pub title: String,
    pub api_id: String,
    pub weight: i64,
}

#[derive(Debug, Clone, Default)]
pub struct CategoryChanges {
    pub title: Option<String>,
    pub api_id: Option<String>,
    pub weight: Option<i64>,
}

impl CategoryChanges {
    /// Applies the changes to `base`; `creating` makes `title` required.
    pub fn apply(
        self,
        mut base: CategoryFields,
        creating: bool,
    ) -> Result<CategoryFields, FieldErrors> {
        let mut e = FieldErrors::new();
        if creating || self.title.is_some() {
            base.title = required_text(&mut e, "title", self.title.as_deref(), SHORT);
        }
        if let Some(v) = self.api_id {
            base.api_id = text(&mut e, "api_id", &v, SHORT);
        }
        if let Some(v) = self.weight {
            base.weight = v;
        }
        e.into_result().map(|()| base)
    }
}

/// The editable fields of a service, complete and valid.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceFields {
    pub category_id: i64,
    pub title: String,
    pub booking_title: String,
    pub price_min: Money,
    pub price_max: Money,
    pub duration: i64,
    /// `None`: the location's default break.
    pub technical_break_duration: Option<i64>,
    /// Percent, exact to hundredths.
    pub discount: Money,
    pub comment: String,
    pub weight: i64,
    /// Available for online booking.
    pub active: bool,
    pub api_id: String,
    /// An event (group) service rather than an appointment.
    pub is_multi: bool,
    pub tax_variant: i64,
    pub vat_id: i64,
    pub is_need_limit_date: bool,
    /// `YYYY-MM-DD` or empty.
    pub date_from: String,
    pub date_to: String,
    pub seance_search_start: i64,
    pub seance_search_finish: i64,
    pub step: i64,
    pub seance_search_step: i64,
}

impl Default for ServiceFields {
    fn default() -> Self {
        ServiceFields {
            category_id: 0,
            title: String::new(),
            booking_title: String::new(),
            price_min: Money::ZERO,
            price_max: Money::ZERO,
            duration: DEFAULT_DURATION,
            technical_break_duration: None,
            discount: Money::ZERO,
            comment: String::new(),
            weight: 0,
            active: true,
            api_id: String::new(),
            is_multi: false,
            tax_variant: 0,
            vat_id: 0,
            is_need_limit_date: false,
            date_from: String::new(),
            date_to: String::new(),
            seance_search_start: 0,
            seance_search_finish: DAY,
            step: 300,
            seance_search_step: 900,
        }
    }
}

/// A create or update request of a service; only what was sent changes.
#[derive(Debug, Clone, Default)]
pub struct ServiceChanges {
    pub category_id: Option<i64>,
    pub title: Option<String>,
    pub booking_title: Option<String>,
    pub price_min: Option<Decimal>,
    pub price_max: Option<Decimal>,
    pub duration: Option<i64>,
    /// `Some(None)`: back to the location default.
    pub technical_break_duration: Option<Option<i64>>,
    pub discount: Option<Decimal>,
    pub comment: Option<String>,
    pub weight: Option<i64>,
    pub active: Option<bool>,
    pub api_id: Option<String>,
    pub is_multi: Option<bool>,
    pub tax_variant: Option<i64>,
    pub vat_id: Option<i64>,
    pub is_need_limit_date: Option<bool>,
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    pub seance_search_start: Option<i64>,
    pub seance_search_finish: Option<i64>,
    pub step: Option<i64>,
    pub seance_search_step: Option<i64>,
}

fn price(e: &mut FieldErrors, field: &str, value: Decimal) -> Money {
    if value.is_sign_negative() && !value.is_zero() {
        e.add(field, format!("The {field} must not be negative."));
        return Money::ZERO;
    }
    Money::from_decimal(value).unwrap_or_else(|err| {
        e.add(field, err.message(field));
        Money::ZERO
    })
}

fn date(e: &mut FieldErrors, field: &str, value: &str) -> String {
    let v = value.trim();
    if v.is_empty() || v.parse::<Date>().is_ok() && v.len() == 10 {
        v.to_owned()
    } else {
        e.add(field, format!("The {field} must be a date, YYYY-MM-DD."));
        String::new()
    }
}

impl ServiceChanges {
    /// Applies the changes to `base` and checks the result. `creating` makes `title` and
    /// `category_id` required. Whether the category exists is the caller's check.
    pub fn apply(
        self,
        mut base: ServiceFields,
        creating: bool,
    ) -> Result<ServiceFields, FieldErrors> {
        let mut e = FieldErrors::new();
        if creating || self.title.is_some() {
            base.title = required_text(&mut e, "title", self.title.as_deref(), SHORT);
        }
        match self.category_id {
            Some(id) if id > 0 => base.category_id = id,
            Some(_) => e.add("category_id", "The category_id must be a category ID."),
            None if creating => e.add("category_id", "The category_id field is required."),
            None => {}
        }
        if let Some(v) = self.booking_title {
            base.booking_title = text(&mut e, "booking_title", &v, SHORT);
        }
        if let Some(v) = self.comment {
            base.comment = text(&mut e, "comment", &v, LONG);
        }
        if let Some(v) = self.api_id {
            base.api_id = text(&mut e, "api_id", &v, SHORT);
        }
        let sent_min = self.price_min.is_some();
        if let Some(v) = self.price_min {
            base.price_min = price(&mut e, "price_min", v);
        }
        match self.price_max {
            Some(v) => base.price_max = price(&mut e, "price_max", v),
            // A single price given on create (or a raised minimum) sets both ends.
            None if sent_min && (creating || base.price_max < base.price_min) => {
                base.price_max = base.price_min
            }
            None => {}
        }
        if base.price_max < base.price_min {
            e.add(
                "price_max",
                "The price_max must not be less than price_min.",
            );
        }
        if let Some(v) = self.duration {
            if (1..=DAY).contains(&v) {
                base.duration = v;
            } else {
                e.add(
                    "duration",
                    "The duration must be between 1 and 86400 seconds.",
                );
            }
        }
        if let Some(v) = self.technical_break_duration {
            match v {
                Some(b) if !(0..=3600).contains(&b) || b % 300 != 0 => e.add(
                    "technical_break_duration",
                    "The technical_break_duration must be a multiple of 300 seconds, at most 3600.",
                ),
                other => base.technical_break_duration = other,
            }
        }
        if let Some(v) = self.discount {
            if v < Decimal::ZERO || v > Decimal::from(100) {
                e.add(
                    "discount",
                    "The discount must be between 0 and 100 percent.",
                );
            } else {
                base.discount = price(&mut e, "discount", v);
            }
        }
        if let Some(v) = self.weight {
            base.weight = v;
        }
        if let Some(v) = self.active {
            base.active = v;
        }
        if let Some(v) = self.is_multi {
            base.is_multi = v;
        }
        if let Some(v) = self.tax_variant {
            base.tax_variant = v;
        }
        if let Some(v) = self.vat_id {
            base.vat_id = v;
        }
        if let Some(v) = self.is_need_limit_date {
            base.is_need_limit_date = v;
        }
        if let Some(v) = self.date_from {
            base.date_from = date(&mut e, "date_from", &v);
        }
        if let Some(v) = self.date_to {
            base.date_to = date(&mut e, "date_to", &v);
        }
        if !base.date_from.is_empty() && !base.date_to.is_empty() && base.date_to < base.date_from {
            e.add("date_to", "The date_to must not be before date_from.");
        }
        let mut seconds = |field: &str, target: &mut i64, value: Option<i64>, min: i64| {
            if let Some(v) = value {
                if (min..=DAY).contains(&v) {
                    *target = v;
                } else {
                    e.add(
                        field,
                        format!("The {field} must be between {min} and {DAY} seconds."),
                    );
                }
            }
        };
        seconds(
            "seance_search_start",
            &mut base.seance_search_start,
            self.seance_search_start,
            0,
        );
        seconds(
            "seance_search_finish",
            &mut base.seance_search_finish,
            self.seance_search_finish,
            0,
        );
        seconds("step", &mut base.step, self.step, 1);
        seconds(
            "seance_search_step",
            &mut base.seance_search_step,
            self.seance_search_step,
            1,
        );
        if base.seance_search_finish < base.seance_search_start {
            e.add(
                "seance_search_finish",
                "The seance_search_finish must not be before seance_search_start.",
            );
        }
        e.into_result().map(|()| base)
    }
}

impl ServiceFields {
    /// The days a limited-time service can be booked (at most a year of them); empty otherwise.
    pub fn dates(&self) -> Vec<String> {
        if !self.is_need_limit_date {
            return Vec::new();
        }
        let (Ok(from), Ok(to)) = (self.date_from.parse::<Date>(), self.date_to.parse::<Date>())
        else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut day = from;
        while day <= to && out.len() < 366 {
            out.push(day.to_string());
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        out
    }
}

/// One requested team member of a service: who, and for how long (the service's duration when
/// not given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaffLength {
    pub team_member_id: i64,
    pub seance_length: Option<i64>,
}

/// Checks a service's `staff` list: lengths in range, no team member twice. Returns
/// `(team_member_id, seance_length)` pairs.
pub fn check_staff_list(
    e: &mut FieldErrors,
    field: &str,
    list: &[StaffLength],
    default_length: i64,
) -> Vec<(i64, i64)> {
    let mut out: Vec<(i64, i64)> = Vec::new();
    for (i, s) in list.iter().enumerate() {
        let length = s.seance_length.unwrap_or(default_length);
        check_seance_length(e, &format!("{field}.{i}.seance_length"), length);
        if out.iter().any(|(id, _)| *id == s.team_member_id) {
            e.add(
                format!("{field}.{i}.id"),
                "The team member is listed twice.",
            );
        }
        out.push((s.team_member_id, length));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn service_rules() {
        let created = ServiceChanges {
            title: Some(" Cut ".into()),
            category_id: Some(4),
            price_min: Some(dec("12.5")),
            ..Default::default()
        }
        .apply(ServiceFields::default(), true)
        .unwrap();
        assert_eq!(created.title, "Cut");
        assert_eq!(created.price_max.minor(), 1250, "one price sets both ends");
        assert_eq!(created.duration, DEFAULT_DURATION);

        let err = ServiceChanges {
            price_min: Some(dec("20")),
            price_max: Some(dec("10")),
            technical_break_duration: Some(Some(301)),
            date_from: Some("2026-13-01".into()),
            ..Default::default()
        }
        .apply(created.clone(), false)
        .unwrap_err();
        let fields: Vec<_> = err.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            fields,
            ["date_from", "price_max", "technical_break_duration"]
        );
        assert!(ServiceChanges::default()
            .apply(ServiceFields::default(), true)
            .is_err());
    }

    #[test]
    fn seance_lengths_and_dates() {
        let mut e = FieldErrors::new();
        let list = [
            StaffLength {
                team_member_id: 1,
                seance_length: Some(299),
            },
            StaffLength {
                team_member_id: 2,
                seance_length: None,
            },
            StaffLength {
                team_member_id: 2,
                seance_length: Some(86_100),
            },
        ];
        let pairs = check_staff_list(&mut e, "staff", &list, 3600);
        assert_eq!(pairs[1], (2, 3600));
        let fields: Vec<_> = e.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(fields, ["staff.0.seance_length", "staff.2.id"]);
        let s = ServiceFields {
            is_need_limit_date: true,
            date_from: "2026-02-27".into(),
            date_to: "2026-03-02".into(),
            ..Default::default()
        };
        assert_eq!(
            s.dates(),
            ["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]
        );
    }
}
