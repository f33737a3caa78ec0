//! Service categories, services and the team member ↔ service links.

use std::collections::BTreeMap;

use bizd_domain::catalog::{CategoryFields, ServiceFields};
use bizd_domain::money::Money;

use crate::db::{Arg, Sql};
use crate::{bind_args, on_db, on_tx, Db, StoreError, StoreResult, Tx};

/// A stored category with the team members that provide its services.
#[derive(Debug, Clone)]
pub struct Category {
    pub id: i64,
    pub location_id: i64,
    pub fields: CategoryFields,
    /// Explicitly assigned team members plus those linked to one of its services, ascending.
    pub staff: Vec<i64>,
}

/// A stored service with its links.
#[derive(Debug, Clone)]
pub struct Service {
    pub id: i64,
    pub location_id: i64,
    pub fields: ServiceFields,
    pub staff: Vec<Link>,
}

/// One team member ↔ service link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub service_id: i64,
    pub team_member_id: i64,
    pub seance_length: i64,
    pub technological_card_id: Option<i64>,
    /// The team member's own price; `None`: the service's.
    pub price_min: Option<Money>,
    pub price_max: Option<Money>,
    pub is_online: bool,
    pub is_offline_records_allowed: bool,
}

impl Link {
    pub fn new(service_id: i64, team_member_id: i64, seance_length: i64) -> Self {
        Link {
            service_id,
            team_member_id,
            seance_length,
            technological_card_id: None,
            price_min: None,
            price_max: None,
            is_online: true,
            is_offline_records_allowed: true,
        }
    }
}

/// Filters of the service list.
#[derive(Debug, Clone, Copy, Default)]
pub struct ServiceFilter {
    pub id: Option<i64>,
    pub category_id: Option<i64>,
    /// Only services this team member provides.
    pub team_member_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: i64,
    location_id: i64,
    title: String,
    api_id: String,
    weight: i64,
}

#[derive(sqlx::FromRow)]
struct ServiceRow {
    id: i64,
    location_id: i64,
    category_id: i64,
    title: String,
    booking_title: String,
    price_min: i64,
    price_max: i64,
    duration: i64,
    technical_break_duration: Option<i64>,
    discount: i64,
    comment: String,
    weight: i64,
    active: bool,
    api_id: String,
    is_multi: bool,
    tax_variant: i64,
    vat_id: i64,
    is_need_limit_date: bool,
    date_from: String,
    date_to: String,
    seance_search_start: i64,
    seance_search_finish: i64,
    step: i64,
    seance_search_step: i64,
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    service_id: i64,
    team_member_id: i64,
    seance_length: i64,
    technological_card_id: Option<i64>,
    price_min: Option<i64>,
    price_max: Option<i64>,
    is_online: bool,
    is_offline_records_allowed: bool,
}

impl From<LinkRow> for Link {
    fn from(r: LinkRow) -> Self {
        Link {
            service_id: r.service_id,
            team_member_id: r.team_member_id,
            seance_length: r.seance_length,
            technological_card_id: r.technological_card_id,
            price_min: r.price_min.map(Money::from_minor),
            price_max: r.price_max.map(Money::from_minor),
            is_online: r.is_online,
            is_offline_records_allowed: r.is_offline_records_allowed,
        }
    }
}

impl ServiceRow {
    fn into_service(self, staff: Vec<Link>) -> Service {
        Service {
            id: self.id,
            location_id: self.location_id,
            staff,
            fields: ServiceFields {
                category_id: self.category_id,
                title: self.title,
                booking_title: self.booking_title,
                price_min: Money::from_minor(self.price_min),
                price_max: Money::from_minor(self.price_max),
                duration: self.duration,
                technical_break_duration: self.technical_break_duration,
                discount: Money::from_minor(self.discount),
                comment: self.comment,
                weight: self.weight,
                active: self.active,
                api_id: self.api_id,
                is_multi: self.is_multi,
                tax_variant: self.tax_variant,
                vat_id: self.vat_id,
                is_need_limit_date: self.is_need_limit_date,
                date_from: self.date_from,
                date_to: self.date_to,
                seance_search_start: self.seance_search_start,
                seance_search_finish: self.seance_search_finish,
                step: self.step,
                seance_search_step: self.seance_search_step,
            },
        }
    }
}

const CATEGORY_COLUMNS: &str = "id, location_id, title, api_id, weight";
const SERVICE_COLUMNS: &str = "id, location_id, category_id, title, booking_title, price_min, price_max, duration, \
    technical_break_duration, discount, comment, weight, active, api_id, is_multi, tax_variant, vat_id, \
    is_need_limit_date, date_from, date_to, seance_search_start, seance_search_finish, step, seance_search_step";
const LINK_COLUMNS: &str =
    "service_id, team_member_id, seance_length, technological_card_id, price_min, price_max, \
    is_online, is_offline_records_allowed";

async fn exec(tx: &mut Tx, sql: &str, args: Vec<Arg>) -> StoreResult<u64> {
    Ok(
        on_tx!(tx, c => bind_args!(sqlx::query(sql), args).execute(&mut **c).await.map(|r| r.rows_affected()))?,
    )
}

async fn set_category_staff(tx: &mut Tx, category_id: i64, staff: &[i64]) -> StoreResult<()> {
    exec(
        tx,
        "DELETE FROM service_category_staff WHERE category_id = $1",
        vec![Arg::Int(category_id)],
    )
    .await?;
    for member in staff {
        exec(
            tx,
            "INSERT INTO service_category_staff (category_id, team_member_id) VALUES ($1, $2)",
            vec![Arg::Int(category_id), Arg::Int(*member)],
        )
        .await?;
    }
    Ok(())
}

async fn insert_link(tx: &mut Tx, location_id: i64, l: &Link, now: i64) -> StoreResult<()> {
    let sql = "INSERT INTO service_staff (service_id, team_member_id, location_id, seance_length, \
        technological_card_id, price_min, price_max, is_online, is_offline_records_allowed, created_at, updated_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)";
    on_tx!(tx, c => sqlx::query(sql)
        .bind(l.service_id).bind(l.team_member_id).bind(location_id).bind(l.seance_length)
        .bind(l.technological_card_id).bind(l.price_min.map(Money::minor)).bind(l.price_max.map(Money::minor))
        .bind(l.is_online).bind(l.is_offline_records_allowed).bind(now)
        .execute(&mut **c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

async fn update_link_row(tx: &mut Tx, l: &Link, now: i64) -> StoreResult<u64> {
    let sql =
        "UPDATE service_staff SET seance_length = $1, technological_card_id = $2, price_min = $3, \
        price_max = $4, is_online = $5, is_offline_records_allowed = $6, updated_at = $7 \
        WHERE service_id = $8 AND team_member_id = $9";
    Ok(on_tx!(tx, c => sqlx::query(sql)
        .bind(l.seance_length).bind(l.technological_card_id).bind(l.price_min.map(Money::minor))
        .bind(l.price_max.map(Money::minor)).bind(l.is_online).bind(l.is_offline_records_allowed).bind(now)
        .bind(l.service_id).bind(l.team_member_id)
        .execute(&mut **c).await.map(|r| r.rows_affected()))?)
}

async fn links_of_service_tx(tx: &mut Tx, service_id: i64) -> StoreResult<Vec<Link>> {
    let sql = format!("SELECT {LINK_COLUMNS} FROM service_staff WHERE service_id = $1");
    let rows = on_tx!(tx, c => sqlx::query_as::<_, LinkRow>(&sql).bind(service_id).fetch_all(&mut **c).await)?;
    Ok(rows.into_iter().map(Link::from).collect())
}

/// Makes the service's links exactly `wanted`: missing ones are added, present ones updated,
/// the rest removed.
async fn replace_links(
    tx: &mut Tx,
    location_id: i64,
    service_id: i64,
    wanted: &[Link],
    now: i64,
) -> StoreResult<()> {
    let current = links_of_service_tx(tx, service_id).await?;
    for old in &current {
        if !wanted
            .iter()
            .any(|w| w.team_member_id == old.team_member_id)
        {
            exec(
                tx,
                "DELETE FROM service_staff WHERE service_id = $1 AND team_member_id = $2",
                vec![Arg::Int(service_id), Arg::Int(old.team_member_id)],
            )
            .await?;
        }
    }
    for link in wanted {
        if current
            .iter()
            .any(|c| c.team_member_id == link.team_member_id)
        {
            update_link_row(tx, link, now).await?;
        } else {
            insert_link(tx, location_id, link, now).await?;
        }
    }
    Ok(())
}

impl Db {
    // ---- categories ----

    pub async fn insert_category(
        &self,
        location_id: i64,
        f: &CategoryFields,
        staff: &[i64],
        now: i64,
    ) -> StoreResult<i64> {
        let mut tx = self.begin().await?;
        let sql = "INSERT INTO service_categories (location_id, title, api_id, weight, created_at, updated_at) \
            VALUES ($1, $2, $3, $4, $5, $5) RETURNING id";
        let id = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(sql)
            .bind(location_id).bind(&f.title).bind(&f.api_id).bind(f.weight).bind(now)
            .fetch_one(&mut **c).await)?;
        set_category_staff(&mut tx, id, staff).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a live category; `staff`, when given, replaces its assigned team members.
    pub async fn update_category(
        &self,
        location_id: i64,
        id: i64,
        f: &CategoryFields,
        staff: Option<&[i64]>,
        now: i64,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let sql =
            "UPDATE service_categories SET title = $1, api_id = $2, weight = $3, updated_at = $4 \
            WHERE id = $5 AND location_id = $6 AND deleted_at IS NULL";
        let done = on_tx!(&mut tx, c => sqlx::query(sql)
            .bind(&f.title).bind(&f.api_id).bind(f.weight).bind(now).bind(id).bind(location_id)
            .execute(&mut **c).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        if let Some(staff) = staff {
            set_category_staff(&mut tx, id, staff).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// How many live services a category holds.
    pub async fn category_service_count(&self, category_id: i64) -> StoreResult<i64> {
        let sql = "SELECT COUNT(*) FROM services WHERE category_id = $1 AND deleted_at IS NULL";
        Ok(
            on_db!(self, p => sqlx::query_scalar::<_, i64>(sql).bind(category_id).fetch_one(p).await)?,
        )
    }

    /// Marks a live category deleted (its history stays readable by id in the database).
    pub async fn delete_category(&self, location_id: i64, id: i64, now: i64) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let done = exec(
            &mut tx,
            "UPDATE service_categories SET deleted_at = $1, updated_at = $1 \
             WHERE id = $2 AND location_id = $3 AND deleted_at IS NULL",
            vec![Arg::Int(now), Arg::Int(id), Arg::Int(location_id)],
        )
        .await?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        exec(
            &mut tx,
            "DELETE FROM service_category_staff WHERE category_id = $1",
            vec![Arg::Int(id)],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Live categories of a location, heaviest first; optionally one of them, or only those a
    /// team member is associated with.
    pub async fn list_categories(
        &self,
        location_id: i64,
        id: Option<i64>,
        team_member_id: Option<i64>,
    ) -> StoreResult<Vec<Category>> {
        let mut sql = Sql::new(format!(
            "SELECT {CATEGORY_COLUMNS} FROM service_categories WHERE deleted_at IS NULL"
        ));
        sql.push(" AND location_id = ?", [Arg::Int(location_id)]);
        if let Some(id) = id {
            sql.push(" AND id = ?", [Arg::Int(id)]);
        }
        sql.push(" ORDER BY weight DESC, id", []);
        let rows = on_db!(self, p => bind_args!(sqlx::query_as::<_, CategoryRow>(&sql.text), sql.args).fetch_all(p).await)?;
        let staff = self.category_staff(location_id).await?;
        Ok(rows
            .into_iter()
            .map(|r| Category {
                staff: staff.get(&r.id).cloned().unwrap_or_default(),
                id: r.id,
                location_id: r.location_id,
                fields: CategoryFields {
                    title: r.title,
                    api_id: r.api_id,
                    weight: r.weight,
                },
            })
            .filter(|c| team_member_id.is_none_or(|m| c.staff.contains(&m)))
            .collect())
    }

    pub async fn category(&self, location_id: i64, id: i64) -> StoreResult<Option<Category>> {
        Ok(self
            .list_categories(location_id, Some(id), None)
            .await?
            .into_iter()
            .next())
    }

    /// Category → team members (assigned, or linked to one of its live services), for a location.
    async fn category_staff(&self, location_id: i64) -> StoreResult<BTreeMap<i64, Vec<i64>>> {
        let sql = "SELECT cs.category_id, cs.team_member_id FROM service_category_staff cs \
            JOIN team_members t ON t.id = cs.team_member_id \
            WHERE t.location_id = $1 AND t.deleted_at IS NULL \
            UNION \
            SELECT s.category_id, l.team_member_id FROM service_staff l JOIN services s ON s.id = l.service_id \
            WHERE l.location_id = $1 AND s.deleted_at IS NULL \
            ORDER BY 1, 2";
        let rows = on_db!(self, p => sqlx::query_as::<_, (i64, i64)>(sql).bind(location_id).fetch_all(p).await)?;
        let mut map: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for (category, member) in rows {
            map.entry(category).or_default().push(member);
        }
        Ok(map)
    }

    /// Live categories of every live location of a chain, with their live services `(id, title)`.
    pub async fn chain_categories(
        &self,
        chain_id: i64,
    ) -> StoreResult<Vec<(i64, String, Vec<(i64, String)>)>> {
        let sql = "SELECT c.id, c.title FROM service_categories c JOIN locations l ON l.id = c.location_id \
            WHERE l.chain_id = $1 AND l.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY c.weight DESC, c.id";
        let cats = on_db!(self, p => sqlx::query_as::<_, (i64, String)>(sql).bind(chain_id).fetch_all(p).await)?;
        let sql = "SELECT s.category_id, s.id, s.title FROM services s JOIN locations l ON l.id = s.location_id \
            WHERE l.chain_id = $1 AND l.deleted_at IS NULL AND s.deleted_at IS NULL ORDER BY s.weight DESC, s.id";
        let services = on_db!(self, p => sqlx::query_as::<_, (i64, i64, String)>(sql).bind(chain_id).fetch_all(p).await)?;
        Ok(cats
            .into_iter()
            .map(|(id, title)| {
                let list = services
                    .iter()
                    .filter(|(c, _, _)| *c == id)
                    .map(|(_, sid, st)| (*sid, st.clone()))
                    .collect();
                (id, title, list)
            })
            .collect())
    }

    // ---- services ----

    /// Creates a service with its links (`(team member, seance_length)`), atomically.
    pub async fn insert_service(
        &self,
        location_id: i64,
        f: &ServiceFields,
        staff: &[(i64, i64)],
        now: i64,
    ) -> StoreResult<i64> {
        let mut tx = self.begin().await?;
        let sql = "INSERT INTO services (location_id, category_id, title, booking_title, price_min, price_max, \
            duration, technical_break_duration, discount, comment, weight, active, api_id, is_multi, tax_variant, \
            vat_id, is_need_limit_date, date_from, date_to, seance_search_start, seance_search_finish, step, \
            seance_search_step, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
            $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $24) RETURNING id";
        let id = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(sql)
            .bind(location_id).bind(f.category_id).bind(&f.title).bind(&f.booking_title)
            .bind(f.price_min.minor()).bind(f.price_max.minor()).bind(f.duration).bind(f.technical_break_duration)
            .bind(f.discount.minor()).bind(&f.comment).bind(f.weight).bind(f.active).bind(&f.api_id)
            .bind(f.is_multi).bind(f.tax_variant).bind(f.vat_id).bind(f.is_need_limit_date)
            .bind(&f.date_from).bind(&f.date_to).bind(f.seance_search_start).bind(f.seance_search_finish)
            .bind(f.step).bind(f.seance_search_step).bind(now)
            .fetch_one(&mut **c).await)?;
        for (member, length) in staff {
            insert_link(&mut tx, location_id, &Link::new(id, *member, *length), now).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a live service. `staff`, when given, becomes its exact set of team members (the
    /// other settings of links that stay are kept).
    pub async fn update_service(
        &self,
        location_id: i64,
        id: i64,
        f: &ServiceFields,
        staff: Option<&[(i64, i64)]>,
        now: i64,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let sql = "UPDATE services SET category_id = $1, title = $2, booking_title = $3, price_min = $4, \
            price_max = $5, duration = $6, technical_break_duration = $7, discount = $8, comment = $9, weight = $10, \
            active = $11, api_id = $12, is_multi = $13, tax_variant = $14, vat_id = $15, is_need_limit_date = $16, \
            date_from = $17, date_to = $18, seance_search_start = $19, seance_search_finish = $20, step = $21, \
            seance_search_step = $22, updated_at = $23 WHERE id = $24 AND location_id = $25 AND deleted_at IS NULL";
        let done = on_tx!(&mut tx, c => sqlx::query(sql)
            .bind(f.category_id).bind(&f.title).bind(&f.booking_title)
            .bind(f.price_min.minor()).bind(f.price_max.minor()).bind(f.duration).bind(f.technical_break_duration)
            .bind(f.discount.minor()).bind(&f.comment).bind(f.weight).bind(f.active).bind(&f.api_id)
            .bind(f.is_multi).bind(f.tax_variant).bind(f.vat_id).bind(f.is_need_limit_date)
            .bind(&f.date_from).bind(&f.date_to).bind(f.seance_search_start).bind(f.seance_search_finish)
            .bind(f.step).bind(f.seance_search_step).bind(now).bind(id).bind(location_id)
            .execute(&mut **c).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        if let Some(staff) = staff {
            let current = links_of_service_tx(&mut tx, id).await?;
            let wanted: Vec<Link> = staff
                .iter()
                .map(|(member, length)| {
                    let mut link = current
                        .iter()
                        .find(|c| c.team_member_id == *member)
                        .cloned()
                        .unwrap_or_else(|| Link::new(id, *member, *length));
                    link.seance_length = *length;
                    link
                })
                .collect();
            replace_links(&mut tx, location_id, id, &wanted, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Marks a live service deleted and removes its links.
    pub async fn delete_service(&self, location_id: i64, id: i64, now: i64) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let done = exec(
            &mut tx,
            "UPDATE services SET deleted_at = $1, updated_at = $1 \
             WHERE id = $2 AND location_id = $3 AND deleted_at IS NULL",
            vec![Arg::Int(now), Arg::Int(id), Arg::Int(location_id)],
        )
        .await?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        exec(
            &mut tx,
            "DELETE FROM service_staff WHERE service_id = $1",
            vec![Arg::Int(id)],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Live services of a location, heaviest first, with their links.
    pub async fn list_services(
        &self,
        location_id: i64,
        filter: ServiceFilter,
    ) -> StoreResult<Vec<Service>> {
        let mut sql = Sql::new(format!(
            "SELECT {SERVICE_COLUMNS} FROM services WHERE deleted_at IS NULL"
        ));
        sql.push(" AND location_id = ?", [Arg::Int(location_id)]);
        if let Some(id) = filter.id {
            sql.push(" AND id = ?", [Arg::Int(id)]);
        }
        if let Some(c) = filter.category_id {
            sql.push(" AND category_id = ?", [Arg::Int(c)]);
        }
        if let Some(m) = filter.team_member_id {
            sql.push(
                " AND id IN (SELECT service_id FROM service_staff WHERE team_member_id = ?)",
                [Arg::Int(m)],
            );
        }
        sql.push(" ORDER BY weight DESC, id", []);
        let rows = on_db!(self, p => bind_args!(sqlx::query_as::<_, ServiceRow>(&sql.text), sql.args).fetch_all(p).await)?;
        let mut links = self.links_of_location(location_id).await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let staff = links.remove(&r.id).unwrap_or_default();
                r.into_service(staff)
            })
            .collect())
    }

    pub async fn service(&self, location_id: i64, id: i64) -> StoreResult<Option<Service>> {
        let filter = ServiceFilter {
            id: Some(id),
            ..ServiceFilter::default()
        };
        Ok(self
            .list_services(location_id, filter)
            .await?
            .into_iter()
            .next())
    }

    /// Every link of a location by service, each list ordered by team member.
    pub async fn links_of_location(
        &self,
        location_id: i64,
    ) -> StoreResult<BTreeMap<i64, Vec<Link>>> {
        let sql = format!(
            "SELECT {LINK_COLUMNS} FROM service_staff WHERE location_id = $1 ORDER BY service_id, team_member_id"
        );
        let rows = on_db!(self, p => sqlx::query_as::<_, LinkRow>(&sql).bind(location_id).fetch_all(p).await)?;
        let mut map: BTreeMap<i64, Vec<Link>> = BTreeMap::new();
        for row in rows {
            map.entry(row.service_id).or_default().push(Link::from(row));
        }
        Ok(map)
    }

    /// The links of a team member (the services it provides), by service id.
    pub async fn links_of_team_member(&self, team_member_id: i64) -> StoreResult<Vec<Link>> {
        let sql = format!(
            "SELECT {LINK_COLUMNS} FROM service_staff WHERE team_member_id = $1 ORDER BY service_id"
        );
        let rows = on_db!(self, p => sqlx::query_as::<_, LinkRow>(&sql).bind(team_member_id).fetch_all(p).await)?;
        Ok(rows.into_iter().map(Link::from).collect())
    }

    pub async fn link(&self, service_id: i64, team_member_id: i64) -> StoreResult<Option<Link>> {
        let sql = format!(
            "SELECT {LINK_COLUMNS} FROM service_staff WHERE service_id = $1 AND team_member_id = $2"
        );
        let row = on_db!(self, p => sqlx::query_as::<_, LinkRow>(&sql).bind(service_id).bind(team_member_id).fetch_optional(p).await)?;
        Ok(row.map(Link::from))
    }

    /// Adds a link; a second link of the same pair is a constraint violation.
    pub async fn insert_link(&self, location_id: i64, link: &Link, now: i64) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        insert_link(&mut tx, location_id, link, now).await?;
        tx.commit().await
    }

    pub async fn update_link(&self, link: &Link, now: i64) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        if update_link_row(&mut tx, link, now).await? == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit().await
    }

    pub async fn delete_link(&self, service_id: i64, team_member_id: i64) -> StoreResult<()> {
        let sql = "DELETE FROM service_staff WHERE service_id = $1 AND team_member_id = $2";
        let done = on_db!(self, p => sqlx::query(sql).bind(service_id).bind(team_member_id).execute(p).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Makes `links` the service's exact set of links (the bulk links endpoint), atomically.
    pub async fn replace_service_links(
        &self,
        location_id: i64,
        service_id: i64,
        links: &[Link],
        now: i64,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        replace_links(&mut tx, location_id, service_id, links, now).await?;
        tx.commit().await
    }
}
