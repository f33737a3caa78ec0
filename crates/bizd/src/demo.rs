//! The demo business: deterministic data for trying bizd out. Seeded once, into an empty
//! database; the same ids and values on every fresh run.

use bizd_domain::location::{LocationChanges, LocationFields, SocialChanges};
use bizd_store::locations::ChainChoice;
use bizd_store::Db;

use crate::bootstrap::{ensure_partner_token, ensure_user};

pub const PARTNER_TOKEN: &str = "bizd-demo-partner-token";
pub const LOGIN: &str = "owner@demo.bizd.local";
pub const PASSWORD: &str = "demo-password";
pub const MANAGER_LOGIN: &str = "manager@demo.bizd.local";

/// 2026-01-05T09:00:00Z: the demo's "now", so its timestamps do not change between runs.
const SEEDED_AT: i64 = 1_767_603_600;

struct DemoLocation {
    title: &'static str,
    city: &'static str,
    country: &'static str,
    timezone: &'static str,
    currency: &'static str,
    address: &'static str,
    lat: f64,
    lon: f64,
}

const NEW_YORK: DemoLocation = DemoLocation {
    title: "Bella Studio Manhattan",
    city: "New York",
    country: "United States",
    timezone: "America/New_York",
    currency: "USD",
    address: "New York, 787 Jackson Drive",
    lat: 40.73061,
    lon: -73.935242,
};

const LONDON: DemoLocation = DemoLocation {
    title: "Bella Studio Soho",
    city: "London",
    country: "United Kingdom",
    timezone: "Europe/London",
    currency: "GBP",
    address: "London, 12 Greek Street",
    lat: 51.5136,
    lon: -0.1318,
};

impl DemoLocation {
    fn fields(&self) -> LocationFields {
        LocationChanges {
            title: Some(self.title.into()),
            short_descr: Some("Beauty salon".into()),
            description: Some(format!("Demo location of bizd in {}.", self.city)),
            country: Some(self.country.into()),
            city: Some(self.city.into()),
            address: Some(self.address.into()),
            timezone_name: Some(self.timezone.into()),
            currency: Some(self.currency.into()),
            phone: Some("+13155550175".into()),
            email: Some(format!(
                "{}@demo.bizd.local",
                self.city.to_lowercase().replace(' ', "-")
            )),
            site: Some("demo.bizd.local".into()),
            coordinate_lat: Some(self.lat),
            coordinate_lon: Some(self.lon),
            social: SocialChanges {
                instagram: Some("instagram.com/bizd_demo/".into()),
                ..Default::default()
            },
            ..Default::default()
        }
        .apply(LocationFields::default(), true)
        .expect("demo location is valid")
    }
}

/// Seeds the demo business unless the database already holds data. Returns whether it seeded.
pub async fn seed(db: &Db) -> anyhow::Result<bool> {
    if db.chain_count().await? > 0 {
        ensure_partner_token(db, PARTNER_TOKEN, "demo", SEEDED_AT).await?;
        return Ok(false);
    }
    ensure_partner_token(db, PARTNER_TOKEN, "demo", SEEDED_AT).await?;
    let owner = ensure_user(db, LOGIN, PASSWORD, "Demo Owner", SEEDED_AT).await?;
    let manager = ensure_user(db, MANAGER_LOGIN, PASSWORD, "Demo Manager", SEEDED_AT).await?;
    let new_york = NEW_YORK.fields();
    let london = LONDON.fields();
    let first = db
        .insert_location(
            &new_york,
            ChainChoice::New("Bella Studio".into()),
            owner,
            SEEDED_AT,
        )
        .await?;
    let chain = db
        .location_by_id(first)
        .await?
        .map(|l| l.chain_id)
        .expect("just created");
    let second = db
        .insert_location(&london, ChainChoice::Existing(chain), owner, SEEDED_AT)
        .await?;
    db.upsert_membership(manager, second, "manager", SEEDED_AT)
        .await?;
    Ok(true)
}
