//! Locations and chains.

use bizd_domain::location::{Location, LocationFields, Social};

use crate::db::{Arg, Sql};
use crate::{bind_args, on_db, on_tx, Db, StoreError, StoreResult};

#[derive(sqlx::FromRow)]
struct LocationRow {
    id: i64,
    chain_id: i64,
    chain_title: String,
    title: String,
    public_title: String,
    short_descr: String,
    description: String,
    business_type_id: i64,
    country_id: i64,
    country: String,
    city_id: i64,
    city: String,
    address: String,
    zip: String,
    timezone_name: String,
    currency: String,
    phone: String,
    phones: String,
    email: String,
    site: String,
    social_facebook: String,
    social_instagram: String,
    social_telegram: String,
    social_whatsapp: String,
    social_viber: String,
    social_vk: String,
    coordinate_lat: f64,
    coordinate_lon: f64,
    phone_confirmation: bool,
    group_priority: i64,
    active: bool,
    created_at: i64,
    updated_at: i64,
    deleted_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct LocationRoleRow {
    #[sqlx(flatten)]
    location: LocationRow,
    role: Option<String>,
}

impl From<LocationRow> for Location {
    fn from(r: LocationRow) -> Self {
        Location {
            id: r.id,
            chain_id: r.chain_id,
            chain_title: r.chain_title,
            fields: LocationFields {
                title: r.title,
                public_title: r.public_title,
                short_descr: r.short_descr,
                description: r.description,
                business_type_id: r.business_type_id,
                country_id: r.country_id,
                country: r.country,
                city_id: r.city_id,
                city: r.city,
                address: r.address,
                zip: r.zip,
                timezone_name: r.timezone_name,
                currency: r.currency,
                phone: r.phone,
                phones: r.phones.lines().map(str::to_owned).collect(),
                email: r.email,
                site: r.site,
                social: Social {
                    facebook: r.social_facebook,
                    instagram: r.social_instagram,
                    telegram: r.social_telegram,
                    whatsapp: r.social_whatsapp,
                    viber: r.social_viber,
                    vk: r.social_vk,
                },
                coordinate_lat: r.coordinate_lat,
                coordinate_lon: r.coordinate_lon,
                phone_confirmation: r.phone_confirmation,
                group_priority: r.group_priority,
            },
            active: r.active,
            created_at: r.created_at,
            updated_at: r.updated_at,
            deleted_at: r.deleted_at,
        }
    }
}

const SELECT_LOCATION: &str = "SELECT l.id, l.chain_id, c.title AS chain_title, l.title, l.public_title, l.short_descr, \
    l.description, l.business_type_id, l.country_id, l.country, l.city_id, l.city, l.address, l.zip, l.timezone_name, \
    l.currency, l.phone, l.phones, l.email, l.site, l.social_facebook, l.social_instagram, l.social_telegram, \
    l.social_whatsapp, l.social_viber, l.social_vk, l.coordinate_lat, l.coordinate_lon, l.phone_confirmation, \
    l.group_priority, l.active, l.created_at, l.updated_at, l.deleted_at \
    FROM locations l JOIN chains c ON c.id = l.chain_id";

/// Which chain a new location joins.
#[derive(Debug, Clone)]
pub enum ChainChoice {
    Existing(i64),
    New(String),
}

/// Filters of the location list.
#[derive(Debug, Clone, Default)]
pub struct LocationFilter {
    /// Only locations this user is a member of (`my=1`).
    pub member_user_id: Option<i64>,
    pub id: Option<i64>,
    pub chain_id: Option<i64>,
    pub city_id: Option<i64>,
    pub business_type_id: Option<i64>,
    pub min_id: Option<i64>,
    pub include_deleted: bool,
    /// One-based page.
    pub page: i64,
    pub per_page: i64,
}

/// A chain with the locations a user sees in it.
#[derive(Debug, Clone)]
pub struct ChainView {
    pub id: i64,
    pub title: String,
    pub locations: Vec<(i64, String)>,
    /// The strongest role the user holds in any location of the chain.
    pub roles: Vec<String>,
}

impl Db {
    /// Creates a location, its chain when asked, and makes `owner_user_id` its owner — atomically.
    pub async fn insert_location(
        &self,
        fields: &LocationFields,
        chain: ChainChoice,
        owner_user_id: i64,
        now: i64,
    ) -> StoreResult<i64> {
        let mut tx = self.begin().await?;
        let chain_id = match chain {
            ChainChoice::Existing(id) => id,
            ChainChoice::New(title) => {
                let sql = "INSERT INTO chains (title, created_at) VALUES ($1, $2) RETURNING id";
                on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(sql).bind(&title).bind(now).fetch_one(&mut **c).await)?
            }
        };
        let sql = "INSERT INTO locations (chain_id, title, public_title, short_descr, description, business_type_id, \
            country_id, country, city_id, city, address, zip, timezone_name, currency, phone, phones, email, site, \
            social_facebook, social_instagram, social_telegram, social_whatsapp, social_viber, social_vk, \
            coordinate_lat, coordinate_lon, phone_confirmation, group_priority, created_by, created_at, updated_at) \
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, \
            $23, $24, $25, $26, $27, $28, $29, $30, $30) RETURNING id";
        let f = fields;
        let id = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(sql)
            .bind(chain_id).bind(&f.title).bind(&f.public_title).bind(&f.short_descr).bind(&f.description)
            .bind(f.business_type_id).bind(f.country_id).bind(&f.country).bind(f.city_id).bind(&f.city)
            .bind(&f.address).bind(&f.zip).bind(&f.timezone_name).bind(&f.currency).bind(&f.phone)
            .bind(f.phones.join("\n")).bind(&f.email).bind(&f.site)
            .bind(&f.social.facebook).bind(&f.social.instagram).bind(&f.social.telegram)
            .bind(&f.social.whatsapp).bind(&f.social.viber).bind(&f.social.vk)
            .bind(f.coordinate_lat).bind(f.coordinate_lon).bind(f.phone_confirmation).bind(f.group_priority)
            .bind(owner_user_id).bind(now)
            .fetch_one(&mut **c).await)?;
        let sql = "INSERT INTO location_users (location_id, user_id, role, created_at) VALUES ($1, $2, 'owner', $3)";
        on_tx!(&mut tx, c => sqlx::query(sql).bind(id).bind(owner_user_id).bind(now).execute(&mut **c).await.map(|r| r.rows_affected()))?;
        tx.commit().await?;
        Ok(id)
    }

    /// A location by id, deleted ones included (the caller decides what a deletion means).
    pub async fn location_by_id(&self, id: i64) -> StoreResult<Option<Location>> {
        let sql = format!("{SELECT_LOCATION} WHERE l.id = $1");
        let row = on_db!(self, p => sqlx::query_as::<_, LocationRow>(&sql).bind(id).fetch_optional(p).await)?;
        Ok(row.map(Location::from))
    }

    /// A location by id (deleted ones included) with the role `user_id` holds there, in one round
    /// trip: what the access check of every location route needs.
    pub async fn location_with_role(
        &self,
        id: i64,
        user_id: Option<i64>,
    ) -> StoreResult<Option<(Location, Option<String>)>> {
        let sql = SELECT_LOCATION.replacen(" FROM locations l", ", m.role FROM locations l", 1)
            + " LEFT JOIN location_users m ON m.location_id = l.id AND m.user_id = $2 WHERE l.id = $1";
        let row = on_db!(self, p => sqlx::query_as::<_, LocationRoleRow>(&sql).bind(id).bind(user_id).fetch_optional(p).await)?;
        Ok(row.map(|r| (Location::from(r.location), r.role)))
    }

    /// One page of locations and the total count matching the filter.
    pub async fn list_locations(
        &self,
        filter: &LocationFilter,
    ) -> StoreResult<(Vec<Location>, i64)> {
        let mut cond = Sql::new(" WHERE 1 = 1");
        if !filter.include_deleted {
            cond.push(" AND l.deleted_at IS NULL", []);
        }
        if let Some(user) = filter.member_user_id {
            cond.push(
                " AND l.id IN (SELECT location_id FROM location_users WHERE user_id = ?)",
                [Arg::Int(user)],
            );
        }
        for (column, value) in [
            ("l.id = ?", filter.id),
            ("l.chain_id = ?", filter.chain_id),
            ("l.city_id = ?", filter.city_id),
            ("l.business_type_id = ?", filter.business_type_id),
            ("l.id >= ?", filter.min_id),
        ] {
            if let Some(v) = value {
                cond.push(&format!(" AND {column}"), [Arg::Int(v)]);
            }
        }
        let count_sql = format!("SELECT COUNT(*) FROM locations l{}", cond.text);
        let total = on_db!(self, p => bind_args!(sqlx::query_scalar::<_, i64>(&count_sql), cond.args).fetch_one(p).await)?;
        let offset = (filter.page.max(1) - 1).saturating_mul(filter.per_page);
        let mut page = Sql {
            text: format!("{SELECT_LOCATION}{}", cond.text),
            args: cond.args,
        };
        page.push(
            " ORDER BY l.id LIMIT ? OFFSET ?",
            [Arg::Int(filter.per_page), Arg::Int(offset)],
        );
        let rows = on_db!(self, p => bind_args!(sqlx::query_as::<_, LocationRow>(&page.text), page.args).fetch_all(p).await)?;
        Ok((rows.into_iter().map(Location::from).collect(), total))
    }

    pub async fn update_location(&self, id: i64, f: &LocationFields, now: i64) -> StoreResult<()> {
        let sql = "UPDATE locations SET title = $1, public_title = $2, short_descr = $3, description = $4, \
            business_type_id = $5, country_id = $6, country = $7, city_id = $8, city = $9, address = $10, zip = $11, \
            timezone_name = $12, currency = $13, phone = $14, phones = $15, email = $16, site = $17, \
            social_facebook = $18, social_instagram = $19, social_telegram = $20, social_whatsapp = $21, \
            social_viber = $22, social_vk = $23, coordinate_lat = $24, coordinate_lon = $25, \
            phone_confirmation = $26, group_priority = $27, updated_at = $28 WHERE id = $29 AND deleted_at IS NULL";
        let done = on_db!(self, p => sqlx::query(sql)
            .bind(&f.title).bind(&f.public_title).bind(&f.short_descr).bind(&f.description)
            .bind(f.business_type_id).bind(f.country_id).bind(&f.country).bind(f.city_id).bind(&f.city)
            .bind(&f.address).bind(&f.zip).bind(&f.timezone_name).bind(&f.currency).bind(&f.phone)
            .bind(f.phones.join("\n")).bind(&f.email).bind(&f.site)
            .bind(&f.social.facebook).bind(&f.social.instagram).bind(&f.social.telegram)
            .bind(&f.social.whatsapp).bind(&f.social.viber).bind(&f.social.vk)
            .bind(f.coordinate_lat).bind(f.coordinate_lon).bind(f.phone_confirmation).bind(f.group_priority)
            .bind(now).bind(id)
            .execute(p).await.map(|r| r.rows_affected()))?;
        crate::access_changed();
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Marks a location deleted. Its data stays for history; every read treats it as gone.
    pub async fn delete_location(&self, id: i64, now: i64) -> StoreResult<()> {
        let sql = "UPDATE locations SET deleted_at = $1, active = FALSE, updated_at = $1 WHERE id = $2 AND deleted_at IS NULL";
        let done = on_db!(self, p => sqlx::query(sql).bind(now).bind(id).execute(p).await.map(|r| r.rows_affected()))?;
        crate::access_changed();
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The chain the user's first owned location belongs to: where a new location goes by default.
    pub async fn default_chain_of(&self, user_id: i64) -> StoreResult<Option<i64>> {
        let sql =
            "SELECT l.chain_id FROM locations l JOIN location_users m ON m.location_id = l.id \
                   WHERE m.user_id = $1 AND m.role = 'owner' ORDER BY l.id LIMIT 1";
        Ok(
            on_db!(self, p => sqlx::query_scalar::<_, i64>(sql).bind(user_id).fetch_optional(p).await)?,
        )
    }

    /// Whether the user owns or administers a live location of the chain (may add locations to it).
    pub async fn can_manage_chain(&self, user_id: i64, chain_id: i64) -> StoreResult<bool> {
        let sql = "SELECT COUNT(*) FROM locations l JOIN location_users m ON m.location_id = l.id \
                   WHERE m.user_id = $1 AND l.chain_id = $2 AND l.deleted_at IS NULL \
                   AND m.role IN ('owner', 'administrator')";
        let n = on_db!(self, p => sqlx::query_scalar::<_, i64>(sql).bind(user_id).bind(chain_id).fetch_one(p).await)?;
        Ok(n > 0)
    }

    pub async fn chain_exists(&self, chain_id: i64) -> StoreResult<bool> {
        let sql = "SELECT COUNT(*) FROM chains WHERE id = $1";
        let n =
            on_db!(self, p => sqlx::query_scalar::<_, i64>(sql).bind(chain_id).fetch_one(p).await)?;
        Ok(n > 0)
    }

    /// The chains in which the user is a member of at least one live location.
    pub async fn chains_of_user(&self, user_id: i64) -> StoreResult<Vec<ChainView>> {
        let sql = "SELECT c.id, c.title, l.id, l.title, m.role FROM location_users m \
                   JOIN locations l ON l.id = m.location_id JOIN chains c ON c.id = l.chain_id \
                   WHERE m.user_id = $1 AND l.deleted_at IS NULL ORDER BY c.id, l.id";
        let rows = on_db!(self, p => sqlx::query_as::<_, (i64, String, i64, String, String)>(sql)
            .bind(user_id).fetch_all(p).await)?;
        let mut chains: Vec<ChainView> = Vec::new();
        for (chain_id, chain_title, location_id, location_title, role) in rows {
            if chains.last().map(|c| c.id) != Some(chain_id) {
                chains.push(ChainView {
                    id: chain_id,
                    title: chain_title,
                    locations: Vec::new(),
                    roles: Vec::new(),
                });
            }
            let chain = chains.last_mut().expect("pushed above");
            chain.locations.push((location_id, location_title));
            if !chain.roles.contains(&role) {
                chain.roles.push(role);
            }
        }
        Ok(chains)
    }
}

impl Db {
    /// How many chains exist (zero on a fresh database).
    pub async fn chain_count(&self) -> StoreResult<i64> {
        Ok(
            on_db!(self, p => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM chains").fetch_one(p).await)?,
        )
    }
}
