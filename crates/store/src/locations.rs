//! Locations and chains.

use bizd_domain::location::{Location, LocationFields, Social};
use bizd_domain::time::parse_time_zone;
use sea_query::{Alias, Expr, Iden, Order, Query, SelectStatement, SimpleExpr};

use crate::auth::LocationUsers;
use crate::{Conn, StoreError, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum Chains {
    Table,
    Id,
    Title,
    CreatedAt,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum Locations {
    Table,
    Id,
    ChainId,
    Title,
    PublicTitle,
    ShortDescr,
    Description,
    BusinessTypeId,
    CountryId,
    Country,
    CityId,
    City,
    Address,
    Zip,
    TimezoneName,
    Currency,
    Phone,
    Phones,
    Email,
    Site,
    SocialFacebook,
    SocialInstagram,
    SocialTelegram,
    SocialWhatsapp,
    SocialViber,
    SocialVk,
    CoordinateLat,
    CoordinateLon,
    PhoneConfirmation,
    GroupPriority,
    Active,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
    AllowNegativeStock,
}

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
crate::sqlite_row!(LocationRow {
    id,
    chain_id,
    chain_title,
    title,
    public_title,
    short_descr,
    description,
    business_type_id,
    country_id,
    country,
    city_id,
    city,
    address,
    zip,
    timezone_name,
    currency,
    phone,
    phones,
    email,
    site,
    social_facebook,
    social_instagram,
    social_telegram,
    social_whatsapp,
    social_viber,
    social_vk,
    coordinate_lat,
    coordinate_lon,
    phone_confirmation,
    group_priority,
    active,
    created_at,
    updated_at,
    deleted_at
});

#[derive(sqlx::FromRow)]
struct LocationRoleRow {
    #[sqlx(flatten)]
    location: LocationRow,
    role: Option<String>,
    permissions: Option<String>,
}
crate::sqlite_row!(LocationRoleRow { role, permissions } flatten { location });

/// A user's accepted membership of a location: the role and the permission values set over it
/// (JSON of `bizd_domain::permissions::PermissionValues`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub role: String,
    pub permissions: String,
}

impl TryFrom<LocationRow> for Location {
    type Error = StoreError;

    /// Fails for a time zone the bundled database does not know (only a hand-edited row can
    /// hold one): a location's times are never silently shown in UTC.
    fn try_from(r: LocationRow) -> StoreResult<Self> {
        let tz = parse_time_zone(&r.timezone_name).ok_or_else(|| {
            StoreError::Config(format!(
                "location {} has the unknown time zone {:?}",
                r.id, r.timezone_name
            ))
        })?;
        Ok(Location {
            id: r.id,
            tz,
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
        })
    }
}

const LOCATION_COLUMNS: [Locations; 33] = [
    Locations::Id,
    Locations::ChainId,
    Locations::Title,
    Locations::PublicTitle,
    Locations::ShortDescr,
    Locations::Description,
    Locations::BusinessTypeId,
    Locations::CountryId,
    Locations::Country,
    Locations::CityId,
    Locations::City,
    Locations::Address,
    Locations::Zip,
    Locations::TimezoneName,
    Locations::Currency,
    Locations::Phone,
    Locations::Phones,
    Locations::Email,
    Locations::Site,
    Locations::SocialFacebook,
    Locations::SocialInstagram,
    Locations::SocialTelegram,
    Locations::SocialWhatsapp,
    Locations::SocialViber,
    Locations::SocialVk,
    Locations::CoordinateLat,
    Locations::CoordinateLon,
    Locations::PhoneConfirmation,
    Locations::GroupPriority,
    Locations::Active,
    Locations::CreatedAt,
    Locations::UpdatedAt,
    Locations::DeletedAt,
];

/// `SELECT <location columns>, chains.title AS chain_title FROM locations JOIN chains`.
fn select_locations() -> SelectStatement {
    Query::select()
        .columns(LOCATION_COLUMNS.map(|c| (Locations::Table, c)))
        .expr_as(
            Expr::col((Chains::Table, Chains::Title)),
            Alias::new("chain_title"),
        )
        .from(Locations::Table)
        .inner_join(
            Chains::Table,
            Expr::col((Chains::Table, Chains::Id)).equals((Locations::Table, Locations::ChainId)),
        )
        .to_owned()
}

fn col(c: Locations) -> Expr {
    Expr::col((Locations::Table, c))
}

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
    /// The roles the user holds in the chain's locations.
    pub roles: Vec<String>,
}

/// The values of a location's editable columns, for insert and update alike.
fn field_values(f: &LocationFields) -> Vec<(Locations, SimpleExpr)> {
    vec![
        (Locations::Title, f.title.as_str().into()),
        (Locations::PublicTitle, f.public_title.as_str().into()),
        (Locations::ShortDescr, f.short_descr.as_str().into()),
        (Locations::Description, f.description.as_str().into()),
        (Locations::BusinessTypeId, f.business_type_id.into()),
        (Locations::CountryId, f.country_id.into()),
        (Locations::Country, f.country.as_str().into()),
        (Locations::CityId, f.city_id.into()),
        (Locations::City, f.city.as_str().into()),
        (Locations::Address, f.address.as_str().into()),
        (Locations::Zip, f.zip.as_str().into()),
        (Locations::TimezoneName, f.timezone_name.as_str().into()),
        (Locations::Currency, f.currency.as_str().into()),
        (Locations::Phone, f.phone.as_str().into()),
        (Locations::Phones, f.phones.join("\n").into()),
        (Locations::Email, f.email.as_str().into()),
        (Locations::Site, f.site.as_str().into()),
        (Locations::SocialFacebook, f.social.facebook.as_str().into()),
        (
            Locations::SocialInstagram,
            f.social.instagram.as_str().into(),
        ),
        (Locations::SocialTelegram, f.social.telegram.as_str().into()),
        (Locations::SocialWhatsapp, f.social.whatsapp.as_str().into()),
        (Locations::SocialViber, f.social.viber.as_str().into()),
        (Locations::SocialVk, f.social.vk.as_str().into()),
        (Locations::CoordinateLat, f.coordinate_lat.into()),
        (Locations::CoordinateLon, f.coordinate_lon.into()),
        (Locations::PhoneConfirmation, f.phone_confirmation.into()),
        (Locations::GroupPriority, f.group_priority.into()),
    ]
}

/// Creates a location, its chain when asked, and makes `owner_user_id` its owner (run it in a
/// write transaction: all or nothing).
pub async fn insert(
    c: &mut Conn<'_>,
    fields: &LocationFields,
    chain: ChainChoice,
    owner_user_id: i64,
    now: i64,
) -> StoreResult<i64> {
    let chain_id = match chain {
        ChainChoice::Existing(id) => id,
        ChainChoice::New(title) => {
            let stmt = Query::insert()
                .into_table(Chains::Table)
                .columns([Chains::Title, Chains::CreatedAt])
                .values_panic([title.into(), now.into()])
                .returning_col(Chains::Id)
                .to_owned();
            c.scalar(&stmt).await?.ok_or(StoreError::NotFound)?
        }
    };
    let mut values = field_values(fields);
    values.extend([
        (Locations::ChainId, chain_id.into()),
        (Locations::CreatedBy, owner_user_id.into()),
        (Locations::CreatedAt, now.into()),
        (Locations::UpdatedAt, now.into()),
    ]);
    let (columns, values): (Vec<Locations>, Vec<SimpleExpr>) = values.into_iter().unzip();
    let stmt = Query::insert()
        .into_table(Locations::Table)
        .columns(columns)
        .values_panic(values)
        .returning_col(Locations::Id)
        .to_owned();
    let id: i64 = c.scalar(&stmt).await?.ok_or(StoreError::NotFound)?;
    let member = Query::insert()
        .into_table(LocationUsers::Table)
        .columns([
            LocationUsers::LocationId,
            LocationUsers::UserId,
            LocationUsers::Role,
            LocationUsers::CreatedAt,
        ])
        .values_panic([id.into(), owner_user_id.into(), "owner".into(), now.into()])
        .to_owned();
    c.execute(&member).await?;
    crate::schedules::insert_default_settings(c, id, now).await?;
    crate::online_booking::insert_defaults(c, id, now).await?;
    crate::payments::accounts::insert_defaults(c, id, now).await?;
    crate::inventory::storages::insert_defaults(c, id, now).await?;
    c.note_access_change();
    Ok(id)
}

/// A location by id, deleted ones included (the caller decides what a deletion means).
pub async fn get(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<Location>> {
    let stmt = select_locations()
        .and_where(col(Locations::Id).eq(id))
        .to_owned();
    c.optional::<LocationRow>(&stmt)
        .await?
        .map(Location::try_from)
        .transpose()
}

/// A location by id (deleted ones included) with the accepted membership `user_id` holds
/// there, in one round trip: what the access check of every location route needs.
pub async fn get_with_role(
    c: &mut Conn<'_>,
    id: i64,
    user_id: Option<i64>,
) -> StoreResult<Option<(Location, Option<Membership>)>> {
    let stmt = select_locations()
        .column((LocationUsers::Table, LocationUsers::Role))
        .column((LocationUsers::Table, LocationUsers::Permissions))
        .left_join(
            LocationUsers::Table,
            Expr::col((LocationUsers::Table, LocationUsers::LocationId))
                .equals((Locations::Table, Locations::Id))
                .and(Expr::col((LocationUsers::Table, LocationUsers::UserId)).eq(user_id))
                .and(Expr::col((LocationUsers::Table, LocationUsers::IsApproved)).eq(true)),
        )
        .and_where(col(Locations::Id).eq(id))
        .to_owned();
    let row: Option<LocationRoleRow> = c.optional(&stmt).await?;
    row.map(|r| {
        let membership = r.role.map(|role| Membership {
            role,
            permissions: r.permissions.unwrap_or_default(),
        });
        Ok((Location::try_from(r.location)?, membership))
    })
    .transpose()
}

/// One page of locations and the total count matching the filter.
pub async fn list(c: &mut Conn<'_>, filter: &LocationFilter) -> StoreResult<(Vec<Location>, i64)> {
    let mut cond = sea_query::Cond::all();
    if !filter.include_deleted {
        cond = cond.add(col(Locations::DeletedAt).is_null());
    }
    if let Some(user) = filter.member_user_id {
        cond = cond.add(
            col(Locations::Id).in_subquery(
                Query::select()
                    .column(LocationUsers::LocationId)
                    .from(LocationUsers::Table)
                    .and_where(Expr::col(LocationUsers::UserId).eq(user))
                    .and_where(Expr::col(LocationUsers::IsApproved).eq(true))
                    .to_owned(),
            ),
        );
    }
    for (column, value) in [
        (Locations::Id, filter.id),
        (Locations::ChainId, filter.chain_id),
        (Locations::CityId, filter.city_id),
        (Locations::BusinessTypeId, filter.business_type_id),
    ] {
        if let Some(v) = value {
            cond = cond.add(col(column).eq(v));
        }
    }
    if let Some(min) = filter.min_id {
        cond = cond.add(col(Locations::Id).gte(min));
    }
    let count = Query::select()
        .expr(col(Locations::Id).count())
        .from(Locations::Table)
        .cond_where(cond.clone())
        .to_owned();
    let total: i64 = c.scalar(&count).await?.unwrap_or(0);
    let page = select_locations()
        .cond_where(cond)
        .order_by((Locations::Table, Locations::Id), Order::Asc)
        .limit(filter.per_page.max(0) as u64)
        .offset(((filter.page.max(1) - 1).saturating_mul(filter.per_page)).max(0) as u64)
        .to_owned();
    let rows: Vec<LocationRow> = c.all(&page).await?;
    let locations = rows
        .into_iter()
        .map(Location::try_from)
        .collect::<StoreResult<_>>()?;
    Ok((locations, total))
}

pub async fn update(c: &mut Conn<'_>, id: i64, f: &LocationFields, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Locations::Table)
        .values(field_values(f))
        .value(Locations::UpdatedAt, now)
        .and_where(Expr::col(Locations::Id).eq(id))
        .and_where(Expr::col(Locations::DeletedAt).is_null())
        .to_owned();
    let done = c.execute(&stmt).await?;
    c.note_access_change();
    if done == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Marks a location deleted. Its data stays for history; every read treats it as gone.
pub async fn delete(c: &mut Conn<'_>, id: i64, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Locations::Table)
        .values([
            (Locations::DeletedAt, now.into()),
            (Locations::Active, false.into()),
            (Locations::UpdatedAt, now.into()),
        ])
        .and_where(Expr::col(Locations::Id).eq(id))
        .and_where(Expr::col(Locations::DeletedAt).is_null())
        .to_owned();
    let done = c.execute(&stmt).await?;
    c.note_access_change();
    if done == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

fn memberships() -> SelectStatement {
    Query::select()
        .from(Locations::Table)
        .inner_join(
            LocationUsers::Table,
            Expr::col((LocationUsers::Table, LocationUsers::LocationId))
                .equals((Locations::Table, Locations::Id))
                .and(Expr::col((LocationUsers::Table, LocationUsers::IsApproved)).eq(true)),
        )
        .to_owned()
}

/// The chain the user's first owned location belongs to: where a new location goes by default.
pub async fn default_chain_of(c: &mut Conn<'_>, user_id: i64) -> StoreResult<Option<i64>> {
    let stmt = memberships()
        .column((Locations::Table, Locations::ChainId))
        .and_where(Expr::col((LocationUsers::Table, LocationUsers::UserId)).eq(user_id))
        .and_where(Expr::col((LocationUsers::Table, LocationUsers::Role)).eq("owner"))
        .order_by((Locations::Table, Locations::Id), Order::Asc)
        .limit(1)
        .to_owned();
    c.scalar(&stmt).await
}

/// A chain's title, if it exists.
pub async fn chain_title(c: &mut Conn<'_>, chain_id: i64) -> StoreResult<Option<String>> {
    let stmt = Query::select()
        .column(Chains::Title)
        .from(Chains::Table)
        .and_where(Expr::col(Chains::Id).eq(chain_id))
        .to_owned();
    c.scalar(&stmt).await
}

/// The roles the user holds in the live locations of the chain (none when not a member).
pub async fn roles_in_chain(
    c: &mut Conn<'_>,
    user_id: i64,
    chain_id: i64,
) -> StoreResult<Vec<String>> {
    let stmt = memberships()
        .column((LocationUsers::Table, LocationUsers::Role))
        .distinct()
        .and_where(Expr::col((LocationUsers::Table, LocationUsers::UserId)).eq(user_id))
        .and_where(col(Locations::ChainId).eq(chain_id))
        .and_where(col(Locations::DeletedAt).is_null())
        .to_owned();
    c.scalars(&stmt).await
}

/// The chains in which the user is a member of at least one live location.
pub async fn chains_of_user(c: &mut Conn<'_>, user_id: i64) -> StoreResult<Vec<ChainView>> {
    let stmt = memberships()
        .columns([(Chains::Table, Chains::Id), (Chains::Table, Chains::Title)])
        .columns([
            (Locations::Table, Locations::Id),
            (Locations::Table, Locations::Title),
        ])
        .column((LocationUsers::Table, LocationUsers::Role))
        .inner_join(
            Chains::Table,
            Expr::col((Chains::Table, Chains::Id)).equals((Locations::Table, Locations::ChainId)),
        )
        .and_where(Expr::col((LocationUsers::Table, LocationUsers::UserId)).eq(user_id))
        .and_where(col(Locations::DeletedAt).is_null())
        .order_by((Chains::Table, Chains::Id), Order::Asc)
        .order_by((Locations::Table, Locations::Id), Order::Asc)
        .to_owned();
    let rows: Vec<(i64, String, i64, String, String)> = c.all(&stmt).await?;
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

/// How many chains exist (zero on a fresh database).
pub async fn chain_count(c: &mut Conn<'_>) -> StoreResult<i64> {
    let stmt = Query::select()
        .expr(Expr::col(Chains::Id).count())
        .from(Chains::Table)
        .to_owned();
    Ok(c.scalar(&stmt).await?.unwrap_or(0))
}
