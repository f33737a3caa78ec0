//! Visits, their appointments (records) with services, and product sales: written here for the
//! appointments and sales operations, read by a client's visit history.

use std::collections::HashMap;

use bizd_domain::money::Money;

use crate::db::{Arg, Sql};
use crate::{bind_args, on_db, on_tx, Db, StoreResult};

#[derive(Debug, Clone)]
pub struct NewRecordService {
    pub service_id: i64,
    pub title: String,
    pub first_cost: Money,
    /// Hundredths of a percent.
    pub discount_percent: i64,
    pub cost_to_pay: Money,
    pub paid_sum: Money,
}

#[derive(Debug, Clone)]
pub struct NewRecord {
    pub team_member_id: Option<i64>,
    pub starts_at: i64,
    pub length: i64,
    pub attendance: i64,
    pub comment: String,
    pub services: Vec<NewRecordService>,
}

#[derive(Debug, Clone)]
pub struct NewGoodsItem {
    pub good_id: i64,
    pub title: String,
    /// Hundredths of a unit; negative for a sale.
    pub amount: i64,
    pub unit: String,
    pub cost_per_unit: Money,
    pub discount_percent: i64,
    pub cost_to_pay: Money,
    pub paid_sum: Money,
}

#[derive(Debug, Clone)]
pub struct NewGoodsTransaction {
    pub team_member_id: Option<i64>,
    pub sold_at: i64,
    pub comment: String,
    pub items: Vec<NewGoodsItem>,
}

#[derive(Debug, Clone)]
pub struct NewVisit {
    pub client_id: i64,
    pub attendance: i64,
    pub starts_at: i64,
    pub records: Vec<NewRecord>,
    pub goods: Vec<NewGoodsTransaction>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RecordRow {
    pub id: i64,
    pub visit_id: i64,
    pub team_member_id: Option<i64>,
    pub starts_at: i64,
    pub attendance: i64,
    pub comment: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RecordServiceRow {
    pub record_id: i64,
    pub service_id: i64,
    pub title: String,
    pub first_cost: i64,
    pub discount_percent: i64,
    pub cost_to_pay: i64,
    pub paid_sum: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GoodsRow {
    pub id: i64,
    pub visit_id: Option<i64>,
    pub record_id: Option<i64>,
    pub team_member_id: Option<i64>,
    pub sold_at: i64,
    pub comment: String,
    /// Attendance of the visit the sale belongs to, if any.
    pub visit_attendance: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GoodsItemRow {
    pub transaction_id: i64,
    pub good_id: i64,
    pub title: String,
    pub amount: i64,
    pub unit: String,
    pub cost_per_unit: i64,
    pub discount_percent: i64,
    pub cost_to_pay: i64,
    pub paid_sum: i64,
}

/// Everything a client's visit history shows.
#[derive(Debug, Clone, Default)]
pub struct ClientHistory {
    pub records: Vec<RecordRow>,
    pub services: Vec<RecordServiceRow>,
    pub goods: Vec<GoodsRow>,
    pub items: Vec<GoodsItemRow>,
    /// visit id → (cost to pay, paid) over all its services and goods.
    pub visit_totals: HashMap<i64, (Money, Money)>,
}

impl Db {
    /// Records a visit with its appointments and sales in one transaction; returns the visit id.
    pub async fn insert_visit(&self, location_id: i64, v: &NewVisit, now: i64) -> StoreResult<i64> {
        let mut tx = self.begin().await?;
        let sql = "INSERT INTO visits (location_id, client_id, attendance, starts_at, created_at, updated_at) \
                   VALUES ($1, $2, $3, $4, $5, $5) RETURNING id";
        let visit_id = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(sql)
            .bind(location_id).bind(v.client_id).bind(v.attendance).bind(v.starts_at).bind(now)
            .fetch_one(&mut **c).await)?;
        for r in &v.records {
            let sql = "INSERT INTO records (location_id, visit_id, client_id, team_member_id, starts_at, length, attendance, \
                       comment, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id";
            let record_id = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(sql)
                .bind(location_id).bind(visit_id).bind(v.client_id).bind(r.team_member_id).bind(r.starts_at)
                .bind(r.length).bind(r.attendance).bind(&r.comment).bind(now)
                .fetch_one(&mut **c).await)?;
            for s in &r.services {
                let sql = "INSERT INTO record_services (record_id, service_id, title, first_cost, discount_percent, cost_to_pay, \
                           paid_sum) VALUES ($1, $2, $3, $4, $5, $6, $7)";
                on_tx!(&mut tx, c => sqlx::query(sql)
                    .bind(record_id).bind(s.service_id).bind(&s.title).bind(s.first_cost.minor()).bind(s.discount_percent)
                    .bind(s.cost_to_pay.minor()).bind(s.paid_sum.minor())
                    .execute(&mut **c).await.map(|_| ()))?;
            }
        }
        for g in &v.goods {
            let sql = "INSERT INTO goods_transactions (location_id, client_id, visit_id, team_member_id, sold_at, comment, \
                       created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
            let tid = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(sql)
                .bind(location_id).bind(v.client_id).bind(visit_id).bind(g.team_member_id).bind(g.sold_at)
                .bind(&g.comment).bind(now)
                .fetch_one(&mut **c).await)?;
            for i in &g.items {
                let sql = "INSERT INTO goods_transaction_items (transaction_id, good_id, title, amount, unit, cost_per_unit, \
                           discount_percent, cost_to_pay, paid_sum) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
                on_tx!(&mut tx, c => sqlx::query(sql)
                    .bind(tid).bind(i.good_id).bind(&i.title).bind(i.amount).bind(&i.unit).bind(i.cost_per_unit.minor())
                    .bind(i.discount_percent).bind(i.cost_to_pay.minor()).bind(i.paid_sum.minor())
                    .execute(&mut **c).await.map(|_| ()))?;
            }
        }
        tx.commit().await?;
        Ok(visit_id)
    }

    /// A client's live appointments and product sales, newest first, with their visits' totals.
    pub async fn client_history(
        &self,
        location_id: i64,
        client_id: i64,
    ) -> StoreResult<ClientHistory> {
        let sql = "SELECT r.id, r.visit_id, r.team_member_id, r.starts_at, r.attendance, r.comment FROM records r \
                   WHERE r.location_id = $1 AND r.client_id = $2 AND r.deleted_at IS NULL ORDER BY r.starts_at DESC, r.id DESC";
        let records = on_db!(self, p => sqlx::query_as::<_, RecordRow>(sql).bind(location_id).bind(client_id).fetch_all(p).await)?;
        let sql = "SELECT g.id, g.visit_id, g.record_id, g.team_member_id, g.sold_at, g.comment, v.attendance AS visit_attendance \
                   FROM goods_transactions g LEFT JOIN visits v ON v.id = g.visit_id \
                   WHERE g.location_id = $1 AND g.client_id = $2 AND g.deleted_at IS NULL ORDER BY g.sold_at DESC, g.id DESC";
        let goods = on_db!(self, p => sqlx::query_as::<_, GoodsRow>(sql).bind(location_id).bind(client_id).fetch_all(p).await)?;

        let mut visit_ids: Vec<i64> = records
            .iter()
            .map(|r| r.visit_id)
            .chain(goods.iter().filter_map(|g| g.visit_id))
            .collect();
        visit_ids.sort_unstable();
        visit_ids.dedup();

        let mut history = ClientHistory {
            records,
            goods,
            ..Default::default()
        };
        if visit_ids.is_empty() && history.goods.is_empty() {
            return Ok(history);
        }
        // Every service and item of the visits involved (also those of other clients' parts of a
        // visit, which count towards the visit's payment status), plus unlinked sales.
        let mut sql = Sql::new(
            "SELECT s.record_id, s.service_id, s.title, s.first_cost, s.discount_percent, s.cost_to_pay, s.paid_sum, r.visit_id \
             FROM record_services s JOIN records r ON r.id = s.record_id WHERE r.deleted_at IS NULL AND r.visit_id IN (",
        );
        push_ids(&mut sql, &visit_ids);
        sql.push(") ORDER BY s.id", []);
        let services = on_db!(self, p => bind_args!(sqlx::query_as::<_, (i64, i64, String, i64, i64, i64, i64, i64)>(&sql.text), sql.args)
            .fetch_all(p).await)?;
        let mut sql = Sql::new(
            "SELECT i.transaction_id, i.good_id, i.title, i.amount, i.unit, i.cost_per_unit, i.discount_percent, i.cost_to_pay, \
             i.paid_sum, g.visit_id FROM goods_transaction_items i JOIN goods_transactions g ON g.id = i.transaction_id \
             WHERE g.deleted_at IS NULL AND (g.visit_id IN (",
        );
        push_ids(&mut sql, &visit_ids);
        sql.push(") OR g.id IN (", []);
        push_ids(
            &mut sql,
            &history.goods.iter().map(|g| g.id).collect::<Vec<_>>(),
        );
        sql.push(")) ORDER BY i.id", []);
        let items = on_db!(self, p => bind_args!(sqlx::query_as::<_, (i64, i64, String, i64, String, i64, i64, i64, i64, Option<i64>)>(&sql.text), sql.args)
            .fetch_all(p).await)?;

        let mut add = |visit: i64, cost: i64, paid: i64| {
            let t = history
                .visit_totals
                .entry(visit)
                .or_insert((Money::ZERO, Money::ZERO));
            t.0 = Money::from_minor(t.0.minor() + cost);
            t.1 = Money::from_minor(t.1.minor() + paid);
        };
        for (
            record_id,
            service_id,
            title,
            first_cost,
            discount_percent,
            cost_to_pay,
            paid_sum,
            visit_id,
        ) in services
        {
            add(visit_id, cost_to_pay, paid_sum);
            history.services.push(RecordServiceRow {
                record_id,
                service_id,
                title,
                first_cost,
                discount_percent,
                cost_to_pay,
                paid_sum,
            });
        }
        for (
            transaction_id,
            good_id,
            title,
            amount,
            unit,
            cost_per_unit,
            discount_percent,
            cost_to_pay,
            paid_sum,
            visit_id,
        ) in items
        {
            if let Some(v) = visit_id {
                add(v, cost_to_pay, paid_sum);
            }
            history.items.push(GoodsItemRow {
                transaction_id,
                good_id,
                title,
                amount,
                unit,
                cost_per_unit,
                discount_percent,
                cost_to_pay,
                paid_sum,
            });
        }
        Ok(history)
    }
}

fn push_ids(sql: &mut Sql, ids: &[i64]) {
    if ids.is_empty() {
        // An empty IN list is not valid SQL; no id is negative.
        sql.push("-1", []);
        return;
    }
    let marks = vec!["?"; ids.len()].join(", ");
    sql.push(&marks, ids.iter().map(|v| Arg::Int(*v)));
}
