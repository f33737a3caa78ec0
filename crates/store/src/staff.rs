//! Team members and positions.

use bizd_domain::staff::{PositionFields, TeamMemberFields};

use crate::db::Arg;
use crate::{bind_args, on_db, on_tx, Db, StoreError, StoreResult, Tx};

/// A stored team member. Deleted ones stay readable by id.
#[derive(Debug, Clone)]
pub struct TeamMember {
    pub id: i64,
    pub location_id: i64,
    pub fields: TeamMemberFields,
    /// `(id, title)` of the position, when assigned.
    pub position: Option<(i64, String)>,
    pub avatar: String,
    pub avatar_big: String,
    pub rating: f64,
    pub votes_count: i64,
    pub comments_count: i64,
    /// Not fired, not hidden, not deleted and provides at least one service.
    pub bookable: bool,
    pub deleted_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub id: i64,
    pub chain_id: i64,
    pub fields: PositionFields,
}

#[derive(sqlx::FromRow)]
struct TeamMemberRow {
    id: i64,
    location_id: i64,
    name: String,
    specialization: String,
    information: String,
    api_id: String,
    weight: i64,
    hidden: bool,
    fired: bool,
    position_id: Option<i64>,
    position_title: Option<String>,
    user_id: Option<i64>,
    phone: String,
    show_rating: bool,
    has_access_timetable: bool,
    is_paid_staff: bool,
    is_included_in_payment_policy: bool,
    avatar: String,
    avatar_big: String,
    rating: f64,
    votes_count: i64,
    comments_count: i64,
    link_count: i64,
    deleted_at: Option<i64>,
}

impl From<TeamMemberRow> for TeamMember {
    fn from(r: TeamMemberRow) -> Self {
        let bookable = !r.fired && !r.hidden && r.deleted_at.is_none() && r.link_count > 0;
        TeamMember {
            id: r.id,
            location_id: r.location_id,
            position: r.position_id.zip(r.position_title),
            fields: TeamMemberFields {
                name: r.name,
                specialization: r.specialization,
                information: r.information,
                api_id: r.api_id,
                weight: r.weight,
                hidden: r.hidden,
                fired: r.fired,
                position_id: r.position_id,
                user_id: r.user_id,
                phone: r.phone,
                show_rating: r.show_rating,
                has_access_timetable: r.has_access_timetable,
                is_paid_staff: r.is_paid_staff,
                is_included_in_payment_policy: r.is_included_in_payment_policy,
            },
            avatar: r.avatar,
            avatar_big: r.avatar_big,
            rating: r.rating,
            votes_count: r.votes_count,
            comments_count: r.comments_count,
            bookable,
            deleted_at: r.deleted_at,
        }
    }
}

const SELECT_TEAM_MEMBER: &str = "SELECT t.id, t.location_id, t.name, t.specialization, t.information, t.api_id, \
    t.weight, t.hidden, t.fired, t.position_id, p.title AS position_title, t.user_id, t.phone, t.show_rating, \
    t.has_access_timetable, t.is_paid_staff, t.is_included_in_payment_policy, t.avatar, t.avatar_big, t.rating, \
    t.votes_count, t.comments_count, \
    (SELECT COUNT(*) FROM service_staff l WHERE l.team_member_id = t.id) AS link_count, t.deleted_at \
    FROM team_members t LEFT JOIN positions p ON p.id = t.position_id";

/// Bookable: the rule of [`TeamMember::bookable`], in SQL.
const BOOKABLE: &str = "t.fired = FALSE AND t.hidden = FALSE AND t.deleted_at IS NULL \
    AND EXISTS (SELECT 1 FROM service_staff l WHERE l.team_member_id = t.id)";

async fn exec(tx: &mut Tx, sql: &str, args: Vec<Arg>) -> StoreResult<u64> {
    Ok(
        on_tx!(tx, c => bind_args!(sqlx::query(sql), args).execute(&mut **c).await.map(|r| r.rows_affected()))?,
    )
}

/// Links a position to a location unless it already is.
async fn link_position(tx: &mut Tx, position_id: i64, location_id: i64) -> StoreResult<()> {
    exec(
        tx,
        "INSERT INTO position_locations (position_id, location_id) VALUES ($1, $2) \
         ON CONFLICT (position_id, location_id) DO NOTHING",
        vec![Arg::Int(position_id), Arg::Int(location_id)],
    )
    .await?;
    Ok(())
}

impl Db {
    // ---- team members ----

    /// Creates a team member; its position (if any) becomes linked to the location.
    pub async fn insert_team_member(
        &self,
        location_id: i64,
        f: &TeamMemberFields,
        now: i64,
    ) -> StoreResult<i64> {
        let mut tx = self.begin().await?;
        let sql = "INSERT INTO team_members (location_id, name, specialization, information, api_id, weight, hidden, \
            fired, position_id, user_id, phone, show_rating, has_access_timetable, is_paid_staff, \
            is_included_in_payment_policy, created_at, updated_at) \
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id";
        let id = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(sql)
            .bind(location_id).bind(&f.name).bind(&f.specialization).bind(&f.information).bind(&f.api_id)
            .bind(f.weight).bind(f.hidden).bind(f.fired).bind(f.position_id).bind(f.user_id).bind(&f.phone)
            .bind(f.show_rating).bind(f.has_access_timetable).bind(f.is_paid_staff)
            .bind(f.is_included_in_payment_policy).bind(now)
            .fetch_one(&mut **c).await)?;
        if let Some(position) = f.position_id {
            link_position(&mut tx, position, location_id).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    pub async fn update_team_member(
        &self,
        location_id: i64,
        id: i64,
        f: &TeamMemberFields,
        now: i64,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let sql = "UPDATE team_members SET name = $1, specialization = $2, information = $3, api_id = $4, weight = $5, \
            hidden = $6, fired = $7, position_id = $8, user_id = $9, phone = $10, show_rating = $11, \
            has_access_timetable = $12, is_paid_staff = $13, is_included_in_payment_policy = $14, updated_at = $15 \
            WHERE id = $16 AND location_id = $17 AND deleted_at IS NULL";
        let done = on_tx!(&mut tx, c => sqlx::query(sql)
            .bind(&f.name).bind(&f.specialization).bind(&f.information).bind(&f.api_id)
            .bind(f.weight).bind(f.hidden).bind(f.fired).bind(f.position_id).bind(f.user_id).bind(&f.phone)
            .bind(f.show_rating).bind(f.has_access_timetable).bind(f.is_paid_staff)
            .bind(f.is_included_in_payment_policy).bind(now).bind(id).bind(location_id)
            .execute(&mut **c).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        if let Some(position) = f.position_id {
            link_position(&mut tx, position, location_id).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Marks a live team member deleted and removes its service links and category assignments.
    pub async fn delete_team_member(&self, location_id: i64, id: i64, now: i64) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let done = exec(
            &mut tx,
            "UPDATE team_members SET deleted_at = $1, updated_at = $1 \
             WHERE id = $2 AND location_id = $3 AND deleted_at IS NULL",
            vec![Arg::Int(now), Arg::Int(id), Arg::Int(location_id)],
        )
        .await?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        for sql in [
            "DELETE FROM service_staff WHERE team_member_id = $1",
            "DELETE FROM service_category_staff WHERE team_member_id = $1",
        ] {
            exec(&mut tx, sql, vec![Arg::Int(id)]).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// A team member of the location, deleted ones included.
    pub async fn team_member(&self, location_id: i64, id: i64) -> StoreResult<Option<TeamMember>> {
        let sql = format!("{SELECT_TEAM_MEMBER} WHERE t.id = $1 AND t.location_id = $2");
        let row = on_db!(self, p => sqlx::query_as::<_, TeamMemberRow>(&sql).bind(id).bind(location_id).fetch_optional(p).await)?;
        Ok(row.map(TeamMember::from))
    }

    /// Live team members of a location, heaviest first.
    pub async fn list_team_members(&self, location_id: i64) -> StoreResult<Vec<TeamMember>> {
        let sql = format!(
            "{SELECT_TEAM_MEMBER} WHERE t.location_id = $1 AND t.deleted_at IS NULL ORDER BY t.weight DESC, t.id"
        );
        let rows = on_db!(self, p => sqlx::query_as::<_, TeamMemberRow>(&sql).bind(location_id).fetch_all(p).await)?;
        Ok(rows.into_iter().map(TeamMember::from).collect())
    }

    /// Ids of the live team members of a location.
    pub async fn live_team_member_ids(&self, location_id: i64) -> StoreResult<Vec<i64>> {
        let sql =
            "SELECT id FROM team_members WHERE location_id = $1 AND deleted_at IS NULL ORDER BY id";
        Ok(
            on_db!(self, p => sqlx::query_scalar::<_, i64>(sql).bind(location_id).fetch_all(p).await)?,
        )
    }

    /// Team members available for booking (the location's `active_staff_count`).
    pub async fn bookable_team_member_count(&self, location_id: i64) -> StoreResult<i64> {
        let sql =
            format!("SELECT COUNT(*) FROM team_members t WHERE t.location_id = $1 AND {BOOKABLE}");
        Ok(
            on_db!(self, p => sqlx::query_scalar::<_, i64>(&sql).bind(location_id).fetch_one(p).await)?,
        )
    }

    pub async fn user_exists(&self, user_id: i64) -> StoreResult<bool> {
        let sql = "SELECT COUNT(*) FROM users WHERE id = $1";
        let n =
            on_db!(self, p => sqlx::query_scalar::<_, i64>(sql).bind(user_id).fetch_one(p).await)?;
        Ok(n > 0)
    }

    /// Whether the user is a member of a live location of the chain.
    pub async fn is_chain_member(&self, user_id: i64, chain_id: i64) -> StoreResult<bool> {
        let sql = "SELECT COUNT(*) FROM location_users m JOIN locations l ON l.id = m.location_id \
                   WHERE m.user_id = $1 AND l.chain_id = $2 AND l.deleted_at IS NULL";
        let n = on_db!(self, p => sqlx::query_scalar::<_, i64>(sql).bind(user_id).bind(chain_id).fetch_one(p).await)?;
        Ok(n > 0)
    }

    // ---- positions ----

    /// Creates a position in the chain, linked to the location that created it.
    pub async fn insert_position(
        &self,
        chain_id: i64,
        location_id: i64,
        f: &PositionFields,
        now: i64,
    ) -> StoreResult<i64> {
        let mut tx = self.begin().await?;
        let sql = "INSERT INTO positions (chain_id, title, api_id, created_at, updated_at) \
            VALUES ($1, $2, $3, $4, $4) RETURNING id";
        let id = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(sql)
            .bind(chain_id).bind(&f.title).bind(&f.api_id).bind(now).fetch_one(&mut **c).await)?;
        link_position(&mut tx, id, location_id).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Live positions linked to a location, oldest first.
    pub async fn positions_of_location(&self, location_id: i64) -> StoreResult<Vec<Position>> {
        let sql = "SELECT p.id, p.chain_id, p.title, p.api_id FROM positions p \
            JOIN position_locations pl ON pl.position_id = p.id \
            WHERE pl.location_id = $1 AND p.deleted_at IS NULL ORDER BY p.id";
        let rows = on_db!(self, p => sqlx::query_as::<_, (i64, i64, String, String)>(sql).bind(location_id).fetch_all(p).await)?;
        Ok(rows
            .into_iter()
            .map(|(id, chain_id, title, api_id)| Position {
                id,
                chain_id,
                fields: PositionFields { title, api_id },
            })
            .collect())
    }

    /// A live position of the chain.
    pub async fn position_in_chain(&self, chain_id: i64, id: i64) -> StoreResult<Option<Position>> {
        let sql = "SELECT id, chain_id, title, api_id FROM positions WHERE id = $1 AND chain_id = $2 AND deleted_at IS NULL";
        let row = on_db!(self, p => sqlx::query_as::<_, (i64, i64, String, String)>(sql).bind(id).bind(chain_id).fetch_optional(p).await)?;
        Ok(row.map(|(id, chain_id, title, api_id)| Position {
            id,
            chain_id,
            fields: PositionFields { title, api_id },
        }))
    }

    pub async fn update_position(&self, id: i64, f: &PositionFields, now: i64) -> StoreResult<()> {
        let sql = "UPDATE positions SET title = $1, api_id = $2, updated_at = $3 WHERE id = $4 AND deleted_at IS NULL";
        let done = on_db!(self, p => sqlx::query(sql).bind(&f.title).bind(&f.api_id).bind(now).bind(id)
            .execute(p).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// How many live team members (anywhere) hold the position.
    pub async fn position_holders(&self, id: i64) -> StoreResult<i64> {
        let sql = "SELECT COUNT(*) FROM team_members WHERE position_id = $1 AND deleted_at IS NULL";
        Ok(on_db!(self, p => sqlx::query_scalar::<_, i64>(sql).bind(id).fetch_one(p).await)?)
    }

    pub async fn delete_position(&self, id: i64, now: i64) -> StoreResult<()> {
        let sql = "UPDATE positions SET deleted_at = $1, updated_at = $1 WHERE id = $2 AND deleted_at IS NULL";
        let done = on_db!(self, p => sqlx::query(sql).bind(now).bind(id).execute(p).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
