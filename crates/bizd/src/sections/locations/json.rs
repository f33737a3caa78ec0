//! Wire types of the Locations section.

use std::collections::BTreeMap;

use bizd_domain::access::Permissions;
use bizd_domain::location::{currency_symbol, Location, LocationChanges, SocialChanges};
use bizd_domain::time;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::wire::{text, Flag, Int, Num, Text};

/// Body of `POST /companies` and `PUT /company/{location_id}`. Every field is optional on update.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct LocationBody {
    /// Location name (required on create).
    pub title: Option<Text>,
    pub public_title: Option<Text>,
    /// Business category.
    pub short_descr: Option<Text>,
    pub description: Option<Text>,
    pub business_type_id: Option<Int>,
    pub country_id: Option<Int>,
    pub country: Option<Text>,
    pub city_id: Option<Int>,
    pub city: Option<Text>,
    pub address: Option<Text>,
    pub zip: Option<Text>,
    /// IANA time zone, e.g. `America/New_York`. Default `UTC`.
    #[serde(alias = "timezone")]
    pub timezone_name: Option<Text>,
    /// ISO 4217 code, e.g. `USD` (default).
    #[serde(alias = "currency_code")]
    pub currency: Option<Text>,
    pub phone: Option<Text>,
    pub phones: Option<Vec<Text>>,
    pub email: Option<Text>,
    pub site: Option<Text>,
    pub social: Option<SocialBody>,
    pub coordinate_lat: Option<Num>,
    /// Longitude; `coordinate_lot` (the create doc's spelling) is accepted too.
    #[serde(alias = "coordinate_lot")]
    pub coordinate_lon: Option<Num>,
    pub phone_confirmation: Option<Flag>,
    pub group_priority: Option<Int>,
    /// Chain to create the location in (create only).
    #[serde(
        alias = "group_id",
        alias = "main_group_id",
        alias = "company_group_id",
        alias = "salon_group_id"
    )]
    pub chain_id: Option<Int>,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct SocialBody {
    pub facebook: Option<Text>,
    pub instagram: Option<Text>,
    pub telegram: Option<Text>,
    pub whatsapp: Option<Text>,
    pub viber: Option<Text>,
    pub vk: Option<Text>,
}

impl LocationBody {
    pub fn into_changes(self) -> LocationChanges {
        let social = self.social.unwrap_or_default();
        LocationChanges {
            title: text(self.title),
            public_title: text(self.public_title),
            short_descr: text(self.short_descr),
            description: text(self.description),
            business_type_id: self.business_type_id.map(|v| v.0),
            country_id: self.country_id.map(|v| v.0),
            country: text(self.country),
            city_id: self.city_id.map(|v| v.0),
            city: text(self.city),
            address: text(self.address),
            zip: text(self.zip),
            timezone_name: text(self.timezone_name),
            currency: text(self.currency),
            phone: text(self.phone),
            phones: self
                .phones
                .map(|p| p.into_iter().map(Text::into_inner).collect()),
            email: text(self.email),
            site: text(self.site),
            social: SocialChanges {
                facebook: text(social.facebook),
                instagram: text(social.instagram),
                telegram: text(social.telegram),
                whatsapp: text(social.whatsapp),
                viber: text(social.viber),
                vk: text(social.vk),
            },
            coordinate_lat: self.coordinate_lat.map(|v| v.0),
            coordinate_lon: self.coordinate_lon.map(|v| v.0),
            phone_confirmation: self.phone_confirmation.map(|v| v.0),
            group_priority: self.group_priority.map(|v| v.0),
        }
    }
}

/// Query of `GET /company/{location_id}` (and options shared with the list).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct LocationViewQuery {
    /// 1: include the user's access rights (`access`).
    pub my: Option<Flag>,
    /// 1: include `groups`, the chains of the location.
    pub show_groups: Option<Flag>,
    /// 1: include `bookforms` (online booking forms).
    #[serde(rename = "showBookforms")]
    #[param(rename = "showBookforms")]
    pub show_bookforms: Option<Flag>,
}

/// Query of `GET /companies`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct LocationListQuery {
    /// Filter by location ID.
    pub id: Option<Int>,
    /// Filter by chain ID (aliases `chain_id`, `company_group_id`, `salon_group_id`).
    #[serde(
        alias = "chain_id",
        alias = "company_group_id",
        alias = "salon_group_id"
    )]
    pub group_id: Option<Int>,
    /// 1: only locations the user may manage (needs a user token).
    pub my: Option<Flag>,
    /// 1: only active locations.
    pub active: Option<Flag>,
    pub city_id: Option<Int>,
    pub business_type_id: Option<Int>,
    /// Filter by minimum location ID.
    pub min_id: Option<Int>,
    /// 1: include deleted locations.
    pub show_deleted: Option<Flag>,
    /// 1: include `groups`.
    pub show_groups: Option<Flag>,
    #[serde(rename = "showBookforms")]
    #[param(rename = "showBookforms")]
    pub show_bookforms: Option<Flag>,
}

/// `GET /companies`: `count` 100 by default, at most 1000.
pub struct LocationPages;
impl crate::http::PageRules for LocationPages {
    const DEFAULT: i64 = 100;
    const MAX: i64 = 1000;
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SocialDto {
    pub facebook: String,
    pub instagram: String,
    pub telegram: String,
    pub whatsapp: String,
    pub viber: String,
    pub vk: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChainRefDto {
    pub id: i64,
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentPolicyDto {
    /// `none`, `deposit` or `card_guarantee`.
    #[serde(rename = "type")]
    pub kind: String,
}

/// A location as every Locations endpoint returns it.
#[derive(Debug, Serialize, ToSchema)]
pub struct LocationDto {
    pub id: i64,
    pub title: String,
    pub public_title: String,
    pub short_descr: String,
    pub logo: String,
    /// 1 active, 0 inactive (deleted).
    pub active: i64,
    pub phone: String,
    pub phones: Vec<String>,
    pub email: String,
    pub country_id: i64,
    pub country: String,
    pub city_id: i64,
    pub city: String,
    pub schedule: String,
    /// Current UTC offset in hours.
    /// The UTC offset in hours (`-5`, `5.5`).
    #[schema(value_type = f64)] // not money
    pub timezone: serde_json::Number,
    pub timezone_name: String,
    /// ISO 4217 code of the location's currency.
    pub currency: String,
    pub currency_short_title: String,
    pub address: String,
    pub zip: String,
    pub coordinate_lat: f64,
    pub coordinate_lon: f64,
    pub social: SocialDto,
    pub site: String,
    pub description: String,
    pub business_type_id: i64,
    pub phone_confirmation: bool,
    /// Team members available for booking.
    pub active_staff_count: i64,
    pub app_ios: String,
    pub app_android: String,
    pub reminds_sms_disabled: bool,
    pub reminds_sms_default: i64,
    pub group_priority: i64,
    pub bookform_group_priority: i64,
    pub photos: Vec<String>,
    pub company_photos: Vec<String>,
    #[schema(value_type = Option<Object>)]
    pub booking_widget_promo: Option<serde_json::Value>,
    pub push_notification_phone_confirm: i64,
    pub main_group_id: i64,
    pub main_group: ChainRefDto,
    pub payment_policy: PaymentPolicyDto,
    /// Only with `show_groups=1`: the location's chains keyed by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<BTreeMap<String, ChainRefDto>>,
    /// Only with `showBookforms=1`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<Object>>)]
    pub bookforms: Option<Vec<serde_json::Value>>,
    /// Only for a signed-in member with `my=1`: access flags ("1"/"0").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access: Option<BTreeMap<String, String>>,
}

/// What to add to a rendered location.
#[derive(Debug, Default, Clone, Copy)]
pub struct Extras {
    pub groups: bool,
    pub bookforms: bool,
    pub access: Option<Permissions>,
    pub active_staff_count: i64,
}

pub fn access_flags(p: &Permissions) -> BTreeMap<String, String> {
    let flag = |b: bool| if b { "1" } else { "0" }.to_owned();
    BTreeMap::from([
        ("settings_access".to_owned(), flag(p.settings)),
        ("clients_access".to_owned(), flag(p.clients)),
        ("users_access".to_owned(), flag(p.users)),
        ("loyalty_access".to_owned(), flag(p.loyalty)),
        (
            "loyalty_cards_manual_transactions_access".to_owned(),
            flag(p.loyalty_cards_manual_transactions),
        ),
        ("chain_services_access".to_owned(), flag(p.chain_services)),
        ("timetable_access".to_owned(), flag(p.timetable)),
        ("delete_location_access".to_owned(), flag(p.delete_location)),
    ])
}

/// The zone's offset now, in hours (`-5`, `5.5`).
fn offset_number(tz: &time::TimeZone, now: i64) -> serde_json::Number {
    let seconds = time::offset_seconds(tz, now);
    if seconds % 3600 == 0 {
        serde_json::Number::from(seconds / 3600)
    } else {
        serde_json::Number::from_f64(seconds as f64 / 3600.0).unwrap_or_else(|| 0.into())
    }
}

impl LocationDto {
    /// `now` decides the offset of the `timezone` field (it changes with daylight saving time).
    pub fn from_location(l: Location, extras: Extras, now: i64) -> Self {
        let f = l.fields;
        let chain = || ChainRefDto {
            id: l.chain_id,
            title: l.chain_title.clone(),
        };
        LocationDto {
            id: l.id,
            public_title: if f.public_title.is_empty() {
                f.title.clone()
            } else {
                f.public_title
            },
            title: f.title,
            short_descr: f.short_descr,
            logo: String::new(),
            active: i64::from(l.active && l.deleted_at.is_none()),
            phone: f.phone,
            phones: f.phones,
            email: f.email,
            country_id: f.country_id,
            country: f.country,
            city_id: f.city_id,
            city: f.city,
            schedule: String::new(),
            timezone: offset_number(&l.tz, now),
            timezone_name: f.timezone_name,
            currency_short_title: currency_symbol(&f.currency).to_owned(),
            currency: f.currency,
            address: f.address,
            zip: f.zip,
            coordinate_lat: f.coordinate_lat,
            coordinate_lon: f.coordinate_lon,
            social: SocialDto {
                facebook: f.social.facebook,
                instagram: f.social.instagram,
                telegram: f.social.telegram,
                whatsapp: f.social.whatsapp,
                viber: f.social.viber,
                vk: f.social.vk,
            },
            site: f.site,
            description: f.description,
            business_type_id: f.business_type_id,
            phone_confirmation: f.phone_confirmation,
            active_staff_count: extras.active_staff_count,
            app_ios: String::new(),
            app_android: String::new(),
            reminds_sms_disabled: false,
            reminds_sms_default: 0,
            group_priority: f.group_priority,
            bookform_group_priority: 0,
            photos: Vec::new(),
            company_photos: Vec::new(),
            booking_widget_promo: None,
            push_notification_phone_confirm: 0,
            main_group_id: l.chain_id,
            main_group: chain(),
            payment_policy: PaymentPolicyDto {
                kind: "none".into(),
            },
            groups: extras
                .groups
                .then(|| BTreeMap::from([(l.chain_id.to_string(), chain())])),
            bookforms: extras.bookforms.then(Vec::new),
            access: extras.access.as_ref().map(access_flags),
        }
    }
}
