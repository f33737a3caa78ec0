//! Locations (the reference's "company"): one business unit with its own time zone and currency,
//! always inside a chain.

use crate::time::{parse_time_zone, TimeZone};
use crate::validation::{required_text, text, FieldErrors};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Social {
    pub facebook: String,
    pub instagram: String,
    pub telegram: String,
    pub whatsapp: String,
    pub viber: String,
    pub vk: String,
}

/// The editable fields of a location, complete and valid.
#[derive(Debug, Clone, PartialEq)]
pub struct LocationFields {
    pub title: String,
    pub public_title: String,
    pub short_descr: String,
    pub description: String,
    pub business_type_id: i64,
    pub country_id: i64,
    pub country: String,
    pub city_id: i64,
    pub city: String,
    pub address: String,
    pub zip: String,
    pub timezone_name: String,
    pub currency: String,
    pub phone: String,
    pub phones: Vec<String>,
    pub email: String,
    pub site: String,
    pub social: Social,
    pub coordinate_lat: f64,
    pub coordinate_lon: f64,
    pub phone_confirmation: bool,
    pub group_priority: i64,
}

impl Default for LocationFields {
    fn default() -> Self {
        LocationFields {
            title: String::new(),
            public_title: String::new(),
            short_descr: String::new(),
            description: String::new(),
            business_type_id: 0,
            country_id: 0,
            country: String::new(),
            city_id: 0,
            city: String::new(),
            address: String::new(),
            zip: String::new(),
            timezone_name: "UTC".into(),
            currency: "USD".into(),
            phone: String::new(),
            phones: Vec::new(),
            email: String::new(),
            site: String::new(),
            social: Social::default(),
            coordinate_lat: 0.0,
            coordinate_lon: 0.0,
            phone_confirmation: false,
            group_priority: 0,
        }
    }
}

/// A stored location.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub id: i64,
    pub chain_id: i64,
    pub chain_title: String,
    pub fields: LocationFields,
    /// `fields.timezone_name`, resolved: every datetime of the location is rendered in it.
    pub tz: TimeZone,
    pub active: bool,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
}

/// A create or update request, every field optional: a create starts from defaults, an update
/// from the stored values, and only what was sent changes.
#[derive(Debug, Clone, Default)]
pub struct LocationChanges {
    pub title: Option<String>,
    pub public_title: Option<String>,
    pub short_descr: Option<String>,
    pub description: Option<String>,
    pub business_type_id: Option<i64>,
    pub country_id: Option<i64>,
    pub country: Option<String>,
    pub city_id: Option<i64>,
    pub city: Option<String>,
    pub address: Option<String>,
    pub zip: Option<String>,
    pub timezone_name: Option<String>,
    pub currency: Option<String>,
    pub phone: Option<String>,
    pub phones: Option<Vec<String>>,
    pub email: Option<String>,
    pub site: Option<String>,
    pub social: SocialChanges,
    pub coordinate_lat: Option<f64>,
    pub coordinate_lon: Option<f64>,
    pub phone_confirmation: Option<bool>,
    pub group_priority: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct SocialChanges {
    pub facebook: Option<String>,
    pub instagram: Option<String>,
    pub telegram: Option<String>,
    pub whatsapp: Option<String>,
    pub viber: Option<String>,
    pub vk: Option<String>,
}

const SHORT: usize = 255;
const LONG: usize = 10_000;

impl LocationChanges {
    /// Applies the changes to `base` and checks the result. `creating` makes `title` required.
    pub fn apply(
        self,
        mut base: LocationFields,
        creating: bool,
    ) -> Result<LocationFields, FieldErrors> {
        let mut e = FieldErrors::new();
        if creating || self.title.is_some() {
            base.title = required_text(&mut e, "title", self.title.as_deref(), SHORT);
        }
        let set =
            |e: &mut FieldErrors, field: &str, target: &mut String, value: Option<String>, max| {
                if let Some(v) = value {
                    *target = text(e, field, &v, max);
                }
            };
        set(
            &mut e,
            "public_title",
            &mut base.public_title,
            self.public_title,
            SHORT,
        );
        set(
            &mut e,
            "short_descr",
            &mut base.short_descr,
            self.short_descr,
            SHORT,
        );
        set(
            &mut e,
            "description",
            &mut base.description,
            self.description,
            LONG,
        );
        set(&mut e, "country", &mut base.country, self.country, SHORT);
        set(&mut e, "city", &mut base.city, self.city, SHORT);
        set(&mut e, "address", &mut base.address, self.address, SHORT);
        set(&mut e, "zip", &mut base.zip, self.zip, 32);
        set(&mut e, "phone", &mut base.phone, self.phone, 64);
        set(&mut e, "email", &mut base.email, self.email, SHORT);
        set(&mut e, "site", &mut base.site, self.site, SHORT);
        let s = self.social;
        set(
            &mut e,
            "social.facebook",
            &mut base.social.facebook,
            s.facebook,
            SHORT,
        );
        set(
            &mut e,
            "social.instagram",
            &mut base.social.instagram,
            s.instagram,
            SHORT,
        );
        set(
            &mut e,
            "social.telegram",
            &mut base.social.telegram,
            s.telegram,
            SHORT,
        );
        set(
            &mut e,
            "social.whatsapp",
            &mut base.social.whatsapp,
            s.whatsapp,
            SHORT,
        );
        set(
            &mut e,
            "social.viber",
            &mut base.social.viber,
            s.viber,
            SHORT,
        );
        set(&mut e, "social.vk", &mut base.social.vk, s.vk, SHORT);
        if let Some(tz) = self.timezone_name {
            match parse_time_zone(&tz) {
                Some(_) => base.timezone_name = tz.trim().to_owned(),
                None => e.add(
                    "timezone_name",
                    "The timezone_name must be an IANA time zone name, e.g. America/New_York.",
                ),
            }
        }
        if let Some(currency) = self.currency {
            let c = currency.trim().to_ascii_uppercase();
            if c.len() == 3 && c.chars().all(|ch| ch.is_ascii_alphabetic()) {
                base.currency = c;
            } else {
                e.add(
                    "currency",
                    "The currency must be a three-letter ISO 4217 code, e.g. USD.",
                );
            }
        }
        if let Some(phones) = self.phones {
            if phones.len() > 20 {
                e.add("phones", "At most 20 phone numbers.");
            }
            base.phones = phones
                .iter()
                .map(|p| text(&mut e, "phones", p, 64))
                .filter(|p| !p.is_empty())
                .collect();
        }
        let non_negative =
            |e: &mut FieldErrors, field: &str, target: &mut i64, value: Option<i64>| {
                if let Some(v) = value {
                    if v < 0 {
                        e.add(field, format!("The {field} must not be negative."));
                    } else {
                        *target = v;
                    }
                }
            };
        non_negative(
            &mut e,
            "business_type_id",
            &mut base.business_type_id,
            self.business_type_id,
        );
        non_negative(&mut e, "country_id", &mut base.country_id, self.country_id);
        non_negative(&mut e, "city_id", &mut base.city_id, self.city_id);
        if let Some(p) = self.group_priority {
            base.group_priority = p;
        }
        if let Some(lat) = self.coordinate_lat {
            if lat.is_finite() && (-90.0..=90.0).contains(&lat) {
                base.coordinate_lat = lat;
            } else {
                e.add(
                    "coordinate_lat",
                    "The coordinate_lat must be between -90 and 90.",
                );
            }
        }
        if let Some(lon) = self.coordinate_lon {
            if lon.is_finite() && (-180.0..=180.0).contains(&lon) {
                base.coordinate_lon = lon;
            } else {
                e.add(
                    "coordinate_lon",
                    "The coordinate_lon must be between -180 and 180.",
                );
            }
        }
        if let Some(c) = self.phone_confirmation {
            base.phone_confirmation = c;
        }
        e.into_result().map(|()| base)
    }
}

/// The symbol shown as `currency_short_title`.
pub fn currency_symbol(code: &str) -> &str {
    match code {
        "USD" | "CAD" | "AUD" | "MXN" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "RUB" => "₽",
        "UAH" => "₴",
        "KZT" => "₸",
        "JPY" | "CNY" => "¥",
        "INR" => "₹",
        "TRY" => "₺",
        "ILS" => "₪",
        "PLN" => "zł",
        _ => code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_requires_title_and_checks_values() {
        let err = LocationChanges::default()
            .apply(LocationFields::default(), true)
            .unwrap_err();
        assert!(err.iter().any(|(f, _)| f == "title"));

        let changes = LocationChanges {
            title: Some(" Salon ".into()),
            timezone_name: Some("Nowhere/Land".into()),
            coordinate_lat: Some(120.0),
            currency: Some("eur".into()),
            ..Default::default()
        };
        let err = changes.apply(LocationFields::default(), true).unwrap_err();
        let fields: Vec<_> = err.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["coordinate_lat", "timezone_name"]);

        let ok = LocationChanges {
            title: Some(" Salon ".into()),
            timezone_name: Some("Europe/London".into()),
            currency: Some("gbp".into()),
            ..Default::default()
        }
        .apply(LocationFields::default(), true)
        .unwrap();
        assert_eq!(ok.title, "Salon");
        assert_eq!(ok.currency, "GBP");
        assert_eq!(currency_symbol(&ok.currency), "£");
    }

    #[test]
    fn update_keeps_unsent_fields() {
        let base = LocationFields {
            title: "A".into(),
            city: "Paris".into(),
            ..Default::default()
        };
        let updated = LocationChanges {
            city: Some("Lyon".into()),
            ..Default::default()
        }
        .apply(base, false)
        .unwrap();
        assert_eq!(updated.title, "A");
        assert_eq!(updated.city, "Lyon");
    }
}
