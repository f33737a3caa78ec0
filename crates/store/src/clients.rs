//! Clients, client tags, comments and files.

use bizd_domain::client::{search_text, Client, ClientFields, Tag};
use bizd_domain::money::Money;

use crate::db::{Arg, Sql};
use crate::{bind_args, on_db, on_tx, Db, StoreError, StoreResult, Tx};

#[derive(sqlx::FromRow)]
struct ClientRow {
    id: i64,
    location_id: i64,
    name: String,
    surname: String,
    middle_name: String,
    phone: String,
    email: String,
    gender_id: i64,
    importance_id: i64,
    discount: i64,
    card: String,
    birth_date: Option<String>,
    comment: String,
    spent: i64,
    balance: i64,
    sms_check: bool,
    sms_not: bool,
    visits: i64,
    first_visit_at: Option<i64>,
    last_visit_at: Option<i64>,
    custom_fields: String,
    created_at: i64,
    updated_at: i64,
    deleted_at: Option<i64>,
}

impl From<ClientRow> for Client {
    fn from(r: ClientRow) -> Self {
        Client {
            id: r.id,
            location_id: r.location_id,
            fields: ClientFields {
                name: r.name,
                surname: r.surname,
                middle_name: r.middle_name,
                phone: r.phone,
                email: r.email,
                gender_id: r.gender_id,
                importance_id: r.importance_id,
                discount: Money::from_minor(r.discount),
                card: r.card,
                birth_date: r.birth_date,
                comment: r.comment,
                spent: Money::from_minor(r.spent),
                balance: Money::from_minor(r.balance),
                sms_check: r.sms_check,
                sms_not: r.sms_not,
                custom_fields: r.custom_fields,
                tag_ids: Vec::new(),
            },
            tags: Vec::new(),
            visits: r.visits,
            first_visit_at: r.first_visit_at,
            last_visit_at: r.last_visit_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
            deleted_at: r.deleted_at,
        }
    }
}

/// A client row joined with one of its tags.
#[derive(sqlx::FromRow)]
struct ClientTagRow {
    #[sqlx(flatten)]
    client: ClientRow,
    tag_id: Option<i64>,
    tag_title: Option<String>,
    tag_color: Option<String>,
}

const SELECT_CLIENT: &str = "SELECT c.id, c.location_id, c.name, c.surname, c.middle_name, c.phone, c.email, c.gender_id, \
    c.importance_id, c.discount, c.card, c.birth_date, c.comment, c.spent, c.balance, c.sms_check, c.sms_not, c.visits, \
    c.first_visit_at, c.last_visit_at, c.custom_fields, c.created_at, c.updated_at, c.deleted_at FROM clients c";

/// One condition of a client search.
#[derive(Debug, Clone)]
pub enum ClientCondition {
    Ids(Vec<i64>),
    /// Substring of name, surname, middle name, phone digits, e-mail or card (case-insensitive).
    Text(String),
    EmailPart(String),
    CardPart(String),
    Importance(Vec<i64>),
    Gender(Vec<i64>),
    /// Has any of these tags.
    Tags(Vec<i64>),
    /// Birth date within `[from, to]` (`YYYY-MM-DD`, either end open).
    BirthDate(Option<String>, Option<String>),
    /// Money spent within `[from, to]` hundredths.
    Spent(Option<i64>, Option<i64>),
    ChangedAfter(i64),
    ChangedBefore(i64),
    /// Matches every client / no client (for filters on features bizd has no data for).
    Constant(bool),
    /// Every one of these (a group inside an OR search).
    All(Vec<ClientCondition>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientOrder {
    Id,
    Name,
    Phone,
    Email,
    Discount,
    FirstVisit,
    LastVisit,
    Spent,
    Visits,
}

impl ClientOrder {
    fn column(self) -> &'static str {
        match self {
            ClientOrder::Id => "c.id",
            ClientOrder::Name => "c.name",
            ClientOrder::Phone => "c.phone",
            ClientOrder::Email => "c.email",
            ClientOrder::Discount => "c.discount",
            ClientOrder::FirstVisit => "c.first_visit_at",
            ClientOrder::LastVisit => "c.last_visit_at",
            ClientOrder::Spent => "c.spent",
            ClientOrder::Visits => "c.visits",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ClientQuery {
    pub conditions: Vec<ClientCondition>,
    /// Combine conditions with OR instead of AND.
    pub any: bool,
    pub order: ClientOrder,
    pub descending: bool,
    /// One-based.
    pub page: i64,
    pub per_page: i64,
}

fn like_pattern(term: &str) -> String {
    // LIKE wildcards in user input are matched literally by dropping them: a search is a substring.
    let cleaned: String = term
        .to_lowercase()
        .chars()
        .filter(|c| *c != '%' && *c != '_')
        .collect();
    format!("%{}%", cleaned.trim())
}

fn push_list(sql: &mut Sql, column: &str, values: &[i64]) {
    if values.is_empty() {
        sql.push("1 = 0", []);
        return;
    }
    let marks = vec!["?"; values.len()].join(", ");
    sql.push(
        &format!("{column} IN ({marks})"),
        values.iter().map(|v| Arg::Int(*v)),
    );
}

fn push_condition(sql: &mut Sql, condition: &ClientCondition) {
    match condition {
        ClientCondition::Ids(ids) => push_list(sql, "c.id", ids),
        ClientCondition::Text(term) => {
            sql.push(
                "c.id IN (SELECT rowid FROM client_search WHERE search_text LIKE ?)",
                [Arg::Text(like_pattern(&bizd_domain::client::search_term(
                    term,
                )))],
            );
        }
        ClientCondition::EmailPart(part) => {
            sql.push("LOWER(c.email) LIKE ?", [Arg::Text(like_pattern(part))]);
        }
        ClientCondition::CardPart(part) => {
            sql.push("LOWER(c.card) LIKE ?", [Arg::Text(like_pattern(part))]);
        }
        ClientCondition::Importance(v) => push_list(sql, "c.importance_id", v),
        ClientCondition::Gender(v) => push_list(sql, "c.gender_id", v),
        ClientCondition::Tags(tags) => {
            if tags.is_empty() {
                sql.push("1 = 0", []);
            } else {
                let marks = vec!["?"; tags.len()].join(", ");
                sql.push(
                    &format!("c.id IN (SELECT client_id FROM client_tag_links WHERE tag_id IN ({marks}))"),
                    tags.iter().map(|v| Arg::Int(*v)),
                );
            }
        }
        ClientCondition::BirthDate(from, to) => {
            sql.push("(c.birth_date IS NOT NULL", []);
            if let Some(from) = from {
                sql.push(" AND c.birth_date >= ?", [Arg::Text(from.clone())]);
            }
            if let Some(to) = to {
                sql.push(" AND c.birth_date <= ?", [Arg::Text(to.clone())]);
            }
            sql.push(")", []);
        }
        ClientCondition::Spent(from, to) => {
            sql.push("(1 = 1", []);
            if let Some(from) = from {
                sql.push(" AND c.spent >= ?", [Arg::Int(*from)]);
            }
            if let Some(to) = to {
                sql.push(" AND c.spent <= ?", [Arg::Int(*to)]);
            }
            sql.push(")", []);
        }
        ClientCondition::ChangedAfter(t) => {
            sql.push("c.updated_at >= ?", [Arg::Int(*t)]);
        }
        ClientCondition::ChangedBefore(t) => {
            sql.push("c.updated_at <= ?", [Arg::Int(*t)]);
        }
        ClientCondition::Constant(true) => {
            sql.push("1 = 1", []);
        }
        ClientCondition::Constant(false) => {
            sql.push("1 = 0", []);
        }
        ClientCondition::All(group) => {
            sql.push("(1 = 1", []);
            for c in group {
                sql.push(" AND ", []);
                push_condition(sql, c);
            }
            sql.push(")", []);
        }
    }
}

impl Db {
    /// Creates a client and its tag links; returns the id.
    pub async fn insert_client(
        &self,
        location_id: i64,
        f: &ClientFields,
        now: i64,
    ) -> StoreResult<i64> {
        let mut tx = self.begin().await?;
        let id = insert_client_in(&mut tx, location_id, f, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Creates many clients in one transaction; each item's own failure (say, a duplicate phone)
    /// is reported in its place without undoing the others.
    ///
    /// Fast path: phones already taken are found with a few `IN` queries and the rest inserted
    /// without per-item savepoints. Should a concurrent writer take a phone in between, the
    /// transaction is rolled back and redone with a savepoint per item.
    pub async fn insert_clients(
        &self,
        location_id: i64,
        items: &[ClientFields],
        now: i64,
    ) -> StoreResult<Vec<StoreResult<i64>>> {
        let taken = self.taken_phones(location_id, items).await?;
        let mut results: Vec<StoreResult<i64>> = Vec::with_capacity(items.len());
        let mut fresh = Vec::new();
        for (i, f) in items.iter().enumerate() {
            if taken.contains(&f.phone) {
                results.push(Err(StoreError::Constraint("clients_location_phone".into())));
            } else {
                results.push(Ok(0));
                fresh.push(i);
            }
        }
        let mut tx = self.begin().await?;
        let mut conflict = false;
        for chunk in fresh.chunks(INSERT_BATCH) {
            let rows: Vec<&ClientFields> = chunk.iter().map(|&i| &items[i]).collect();
            match insert_client_rows(&mut tx, location_id, &rows, now).await {
                Ok(ids) => {
                    for (&i, id) in chunk.iter().zip(ids) {
                        results[i] = Ok(id);
                    }
                }
                Err(StoreError::Constraint(_)) => {
                    conflict = true;
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        if !conflict {
            tx.commit().await?;
            return Ok(results);
        }
        drop(tx);
        self.insert_clients_one_by_one(location_id, items, now)
            .await
    }

    /// Phones of `items` that live clients of the location already have.
    /// (Each query repeats the partial unique index's own condition, `phone <> ''`, or SQLite
    /// would not use the index and would scan the location's clients for every chunk.)
    async fn taken_phones(
        &self,
        location_id: i64,
        items: &[ClientFields],
    ) -> StoreResult<std::collections::HashSet<String>> {
        let mut taken = std::collections::HashSet::new();
        let phones: Vec<&str> = items
            .iter()
            .map(|f| f.phone.as_str())
            .filter(|p| !p.is_empty())
            .collect();
        for chunk in phones.chunks(LIST_CHUNK) {
            let mut sql =
                Sql::new("SELECT phone FROM clients WHERE deleted_at IS NULL AND phone <> '' AND location_id = ");
            sql.push("? AND phone IN (", [Arg::Int(location_id)]);
            sql.push(
                &vec!["?"; chunk.len()].join(", "),
                chunk.iter().map(|p| Arg::Text((*p).to_owned())),
            );
            sql.push(")", []);
            let found = on_db!(self, p => bind_args!(sqlx::query_scalar::<_, String>(&sql.text), sql.args).fetch_all(p).await)?;
            taken.extend(found);
        }
        Ok(taken)
    }

    async fn insert_clients_one_by_one(
        &self,
        location_id: i64,
        items: &[ClientFields],
        now: i64,
    ) -> StoreResult<Vec<StoreResult<i64>>> {
        let mut tx = self.begin().await?;
        let mut results = Vec::with_capacity(items.len());
        for f in items {
            // A savepoint per item: a refused insert rolls back only itself.
            on_tx!(&mut tx, c => sqlx::query("SAVEPOINT client_item").execute(&mut **c).await.map(|_| ()))?;
            match insert_client_in(&mut tx, location_id, f, now).await {
                Ok(id) => {
                    on_tx!(&mut tx, c => sqlx::query("RELEASE SAVEPOINT client_item").execute(&mut **c).await.map(|_| ()))?;
                    results.push(Ok(id));
                }
                Err(e @ StoreError::Constraint(_)) => {
                    on_tx!(&mut tx, c => sqlx::query("ROLLBACK TO SAVEPOINT client_item").execute(&mut **c).await.map(|_| ()))?;
                    on_tx!(&mut tx, c => sqlx::query("RELEASE SAVEPOINT client_item").execute(&mut **c).await.map(|_| ()))?;
                    results.push(Err(e));
                }
                Err(e) => return Err(e),
            }
        }
        tx.commit().await?;
        Ok(results)
    }

    /// A live client of the location, with its tags.
    pub async fn client(&self, location_id: i64, id: i64) -> StoreResult<Option<Client>> {
        // One round trip: the client once per tag (or once with NULL tag columns).
        let sql = format!(
            "{SELECT_CLIENT} LEFT JOIN client_tag_links l ON l.client_id = c.id LEFT JOIN client_tags t ON t.id = l.tag_id \
             WHERE c.id = $1 AND c.location_id = $2 AND c.deleted_at IS NULL ORDER BY t.id"
        )
        .replacen(" FROM clients c", ", t.id AS tag_id, t.title AS tag_title, t.color AS tag_color FROM clients c", 1);
        let rows = on_db!(self, p => sqlx::query_as::<_, ClientTagRow>(&sql).bind(id).bind(location_id).fetch_all(p).await)?;
        let mut client: Option<Client> = None;
        for row in rows {
            let tag = match (row.tag_id, row.tag_title, row.tag_color) {
                (Some(id), Some(title), Some(color)) => Some(Tag { id, title, color }),
                _ => None,
            };
            let c = client.get_or_insert_with(|| Client::from(row.client));
            if let Some(tag) = tag {
                c.fields.tag_ids.push(tag.id);
                c.tags.push(tag);
            }
        }
        Ok(client)
    }

    /// Replaces the client's fields and tags. `NotFound` when it is gone.
    pub async fn update_client(
        &self,
        location_id: i64,
        id: i64,
        f: &ClientFields,
        now: i64,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let sql = "UPDATE clients SET name = $1, surname = $2, middle_name = $3, phone = $4, email = $5, gender_id = $6, \
            importance_id = $7, discount = $8, card = $9, birth_date = $10, comment = $11, spent = $12, balance = $13, \
            sms_check = $14, sms_not = $15, custom_fields = $16, search_text = $17, \
            updated_at = CASE WHEN updated_at >= $18 THEN updated_at + 1 ELSE $18 END \
            WHERE id = $19 AND location_id = $20 AND deleted_at IS NULL";
        let done = on_tx!(&mut tx, c => sqlx::query(sql)
            .bind(&f.name).bind(&f.surname).bind(&f.middle_name).bind(&f.phone).bind(&f.email).bind(f.gender_id)
            .bind(f.importance_id).bind(f.discount.minor()).bind(&f.card).bind(&f.birth_date).bind(&f.comment)
            .bind(f.spent.minor()).bind(f.balance.minor()).bind(f.sms_check).bind(f.sms_not).bind(&f.custom_fields)
            .bind(search_text(f)).bind(now).bind(id).bind(location_id)
            .execute(&mut **c).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM client_tag_links WHERE client_id = $1").bind(id).execute(&mut **c).await.map(|_| ()))?;
        link_tags(&mut tx, id, &f.tag_ids).await?;
        tx.commit().await
    }

    /// Deletes a client: gone from every list and search; comments and files stay for history.
    pub async fn delete_client(&self, location_id: i64, id: i64, now: i64) -> StoreResult<()> {
        let sql = "UPDATE clients SET deleted_at = $1, updated_at = $1 WHERE id = $2 AND location_id = $3 AND deleted_at IS NULL";
        let done = on_db!(self, p => sqlx::query(sql).bind(now).bind(id).bind(location_id).execute(p).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// One page of live clients matching the query, and how many match in all.
    pub async fn search_clients(
        &self,
        location_id: i64,
        q: &ClientQuery,
    ) -> StoreResult<(Vec<Client>, i64)> {
        // With a substring condition the search index must drive the query: `+` keeps SQLite from
        // walking the location index over every client and probing the index for each (17 ms →
        // 1 ms at a million clients). PostgreSQL reads `+x` as `x`.
        let text_driven = !q.any
            && q.conditions
                .iter()
                .any(|c| matches!(c, ClientCondition::Text(_)));
        let mut cond = Sql::new(if text_driven {
            " WHERE +c.location_id = "
        } else {
            " WHERE c.location_id = "
        });
        cond.push("? AND c.deleted_at IS NULL", [Arg::Int(location_id)]);
        if !q.conditions.is_empty() {
            cond.push(" AND (", []);
            for (i, c) in q.conditions.iter().enumerate() {
                if i > 0 {
                    cond.push(if q.any { " OR " } else { " AND " }, []);
                }
                push_condition(&mut cond, c);
            }
            cond.push(")", []);
        }
        let count_sql = format!("SELECT COUNT(*) FROM clients c{}", cond.text);
        let total = on_db!(self, p => bind_args!(sqlx::query_scalar::<_, i64>(&count_sql), cond.args).fetch_one(p).await)?;
        let direction = if q.descending { "DESC" } else { "ASC" };
        let mut page = Sql {
            text: format!("{SELECT_CLIENT}{}", cond.text),
            args: cond.args,
        };
        let offset = (q.page.max(1) - 1).saturating_mul(q.per_page);
        page.push(
            &format!(
                " ORDER BY {} {direction}, c.id {direction} LIMIT ? OFFSET ?",
                q.order.column()
            ),
            [Arg::Int(q.per_page), Arg::Int(offset)],
        );
        let rows = on_db!(self, p => bind_args!(sqlx::query_as::<_, ClientRow>(&page.text), page.args).fetch_all(p).await)?;
        let mut clients: Vec<Client> = rows.into_iter().map(Client::from).collect();
        self.attach_tags(&mut clients).await?;
        Ok((clients, total))
    }

    async fn attach_tags(&self, clients: &mut [Client]) -> StoreResult<()> {
        if clients.is_empty() {
            return Ok(());
        }
        let mut sql = Sql::new(
            "SELECT l.client_id, t.id, t.title, t.color FROM client_tag_links l JOIN client_tags t ON t.id = l.tag_id WHERE ",
        );
        let ids: Vec<i64> = clients.iter().map(|c| c.id).collect();
        push_list(&mut sql, "l.client_id", &ids);
        sql.push(" ORDER BY t.id", []);
        let rows = on_db!(self, p => bind_args!(sqlx::query_as::<_, (i64, i64, String, String)>(&sql.text), sql.args).fetch_all(p).await)?;
        for (client_id, id, title, color) in rows {
            if let Some(c) = clients.iter_mut().find(|c| c.id == client_id) {
                c.fields.tag_ids.push(id);
                c.tags.push(Tag { id, title, color });
            }
        }
        Ok(())
    }

    /// Creates a client tag of the location.
    pub async fn insert_client_tag(
        &self,
        location_id: i64,
        title: &str,
        color: &str,
        now: i64,
    ) -> StoreResult<i64> {
        let sql = "INSERT INTO client_tags (location_id, title, color, created_at) VALUES ($1, $2, $3, $4) RETURNING id";
        Ok(
            on_db!(self, p => sqlx::query_scalar::<_, i64>(sql).bind(location_id).bind(title).bind(color).bind(now).fetch_one(p).await)?,
        )
    }

    /// Which of `ids` are not live tags of the location.
    pub async fn unknown_client_tags(
        &self,
        location_id: i64,
        ids: &[i64],
    ) -> StoreResult<Vec<i64>> {
        let found = self.client_tags(location_id, ids).await?;
        Ok(ids
            .iter()
            .copied()
            .filter(|id| !found.iter().any(|t| t.id == *id))
            .collect())
    }

    /// The live tags of the location among `ids`, by id.
    pub async fn client_tags(&self, location_id: i64, ids: &[i64]) -> StoreResult<Vec<Tag>> {
        let mut tags = Vec::new();
        for chunk in ids.chunks(LIST_CHUNK) {
            let mut sql =
                Sql::new("SELECT t.id, t.title, t.color FROM client_tags t WHERE t.location_id = ");
            sql.push("? AND t.deleted_at IS NULL AND ", [Arg::Int(location_id)]);
            push_list(&mut sql, "t.id", chunk);
            let rows = on_db!(self, p => bind_args!(sqlx::query_as::<_, (i64, String, String)>(&sql.text), sql.args).fetch_all(p).await)?;
            tags.extend(
                rows.into_iter()
                    .map(|(id, title, color)| Tag { id, title, color }),
            );
        }
        tags.sort_by_key(|t| t.id);
        Ok(tags)
    }
}

async fn insert_client_in(
    tx: &mut Tx,
    location_id: i64,
    f: &ClientFields,
    now: i64,
) -> StoreResult<i64> {
    Ok(insert_client_rows(tx, location_id, &[f], now).await?[0])
}

/// Most values per `IN (…)` list of a bulk operation; see [`INSERT_BATCH`] for why lists stay short.
const LIST_CHUNK: usize = 100;

/// Rows per multi-row `INSERT` of a bulk create (20 values each, 4,000 a statement: below both
/// backends' limits). Few, large statements matter on SQLite beyond the statement overhead: each
/// statement that writes the FTS5 index through the trigger flushes it to a new segment, and
/// many small segments then cost merges. Binding stays linear thanks to [`Sql::text_for`].
const INSERT_BATCH: usize = 200;

/// Inserts several clients with one statement; returns their ids in the order of `rows`. The ids
/// are matched back by phone, unique within the batch (a repeat makes the insert fail on the
/// unique index, and the caller falls back to one row at a time), so the order in which the
/// database returns rows does not matter.
async fn insert_client_rows(
    tx: &mut Tx,
    location_id: i64,
    rows: &[&ClientFields],
    now: i64,
) -> StoreResult<Vec<i64>> {
    let mut phones = std::collections::HashSet::new();
    let matchable = rows.len() == 1
        || rows
            .iter()
            .all(|f| !f.phone.is_empty() && phones.insert(f.phone.as_str()));
    let ids = if matchable {
        let returned = insert_values(tx, location_id, rows, now).await?;
        if rows.len() == 1 {
            returned.into_iter().map(|(id, _)| id).collect()
        } else {
            let by_phone: std::collections::HashMap<String, i64> = returned
                .into_iter()
                .map(|(id, phone)| (phone, id))
                .collect();
            rows.iter()
                .map(|f| {
                    by_phone
                        .get(&f.phone)
                        .copied()
                        .ok_or(StoreError::Constraint("clients_location_phone".into()))
                })
                .collect::<StoreResult<Vec<i64>>>()?
        }
    } else {
        // Ids cannot be matched back by phone: one statement per row instead.
        let mut ids = Vec::with_capacity(rows.len());
        for f in rows {
            ids.push(insert_values(tx, location_id, &[*f], now).await?[0].0);
        }
        ids
    };
    for (f, id) in rows.iter().zip(&ids) {
        link_tags(tx, *id, &f.tag_ids).await?;
    }
    Ok(ids)
}

/// One `INSERT … VALUES (…), (…) RETURNING id, phone` for `rows` (at least one).
async fn insert_values(
    tx: &mut Tx,
    location_id: i64,
    rows: &[&ClientFields],
    now: i64,
) -> StoreResult<Vec<(i64, String)>> {
    let mut sql = Sql::new(
        "INSERT INTO clients (location_id, name, surname, middle_name, phone, email, gender_id, importance_id, \
         discount, card, birth_date, comment, spent, balance, sms_check, sms_not, custom_fields, search_text, \
         created_at, updated_at) VALUES ",
    );
    for (n, f) in rows.iter().enumerate() {
        let birth = f.birth_date.clone();
        sql.push(if n == 0 { "(" } else { ", (" }, []);
        sql.push(
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ",
            [
                Arg::Int(location_id),
                Arg::Text(f.name.clone()),
                Arg::Text(f.surname.clone()),
                Arg::Text(f.middle_name.clone()),
                Arg::Text(f.phone.clone()),
                Arg::Text(f.email.clone()),
                Arg::Int(f.gender_id),
                Arg::Int(f.importance_id),
                Arg::Int(f.discount.minor()),
                Arg::Text(f.card.clone()),
            ],
        );
        match birth {
            Some(d) => sql.push("?, ", [Arg::Text(d)]),
            None => sql.push("NULL, ", []),
        };
        sql.push(
            "?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                Arg::Text(f.comment.clone()),
                Arg::Int(f.spent.minor()),
                Arg::Int(f.balance.minor()),
                Arg::Bool(f.sms_check),
                Arg::Bool(f.sms_not),
                Arg::Text(f.custom_fields.clone()),
                Arg::Text(search_text(f)),
                Arg::Int(now),
                Arg::Int(now),
            ],
        );
    }
    sql.push(" RETURNING id, phone", []);
    Ok(on_tx!(tx, c => {
        let text = sql.text_for(&**c);
        bind_args!(sqlx::query_as::<_, (i64, String)>(&text), sql.args).fetch_all(&mut **c).await
    })?)
}

async fn link_tags(tx: &mut Tx, client_id: i64, tags: &[i64]) -> StoreResult<()> {
    for tag in tags {
        let sql = "INSERT INTO client_tag_links (client_id, tag_id) VALUES ($1, $2)";
        on_tx!(tx, c => sqlx::query(sql).bind(client_id).bind(*tag).execute(&mut **c).await.map(|_| ()))?;
    }
    Ok(())
}

/// A comment on a client, with its author.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRow {
    pub id: i64,
    pub kind: String,
    pub text: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    pub user_avatar: Option<String>,
}

/// A stored client file, with its uploader.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FileRow {
    pub id: i64,
    pub client_id: i64,
    pub comment_id: Option<i64>,
    pub name: String,
    pub description: String,
    pub extension: String,
    pub mime: String,
    pub size: i64,
    pub storage_path: String,
    pub created_at: i64,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    pub user_avatar: Option<String>,
}

/// A file to record; the bytes are already on disk at `storage_path`.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub name: String,
    pub description: String,
    pub extension: String,
    pub mime: String,
    pub size: i64,
    pub storage_path: String,
}

const SELECT_COMMENT: &str =
    "SELECT m.id, m.kind, m.text, m.created_at, m.updated_at, m.user_id, u.name AS user_name, \
    u.avatar AS user_avatar FROM client_comments m LEFT JOIN users u ON u.id = m.user_id";
const SELECT_FILE: &str =
    "SELECT f.id, f.client_id, f.comment_id, f.name, f.description, f.extension, f.mime, f.size, \
    f.storage_path, f.created_at, f.user_id, u.name AS user_name, u.avatar AS user_avatar \
    FROM client_files f LEFT JOIN users u ON u.id = f.user_id";

impl Db {
    pub async fn insert_client_comment(
        &self,
        location_id: i64,
        client_id: i64,
        user_id: i64,
        text: &str,
        now: i64,
    ) -> StoreResult<i64> {
        let sql = "INSERT INTO client_comments (location_id, client_id, user_id, kind, text, created_at, updated_at) \
                   VALUES ($1, $2, $3, 'default', $4, $5, $5) RETURNING id";
        Ok(on_db!(self, p => sqlx::query_scalar::<_, i64>(sql)
            .bind(location_id).bind(client_id).bind(user_id).bind(text).bind(now).fetch_one(p).await)?)
    }

    /// Live comments of a client, newest first.
    pub async fn client_comments(
        &self,
        location_id: i64,
        client_id: i64,
    ) -> StoreResult<Vec<CommentRow>> {
        let sql = format!(
            "{SELECT_COMMENT} WHERE m.location_id = $1 AND m.client_id = $2 AND m.deleted_at IS NULL ORDER BY m.id DESC"
        );
        Ok(
            on_db!(self, p => sqlx::query_as::<_, CommentRow>(&sql).bind(location_id).bind(client_id).fetch_all(p).await)?,
        )
    }

    pub async fn client_comment(
        &self,
        location_id: i64,
        client_id: i64,
        id: i64,
    ) -> StoreResult<Option<CommentRow>> {
        let sql = format!("{SELECT_COMMENT} WHERE m.id = $1 AND m.location_id = $2 AND m.client_id = $3 AND m.deleted_at IS NULL");
        Ok(
            on_db!(self, p => sqlx::query_as::<_, CommentRow>(&sql).bind(id).bind(location_id).bind(client_id).fetch_optional(p).await)?,
        )
    }

    /// Deletes a comment; files it announced stay.
    pub async fn delete_client_comment(
        &self,
        location_id: i64,
        client_id: i64,
        id: i64,
        now: i64,
    ) -> StoreResult<()> {
        let sql = "UPDATE client_comments SET deleted_at = $1 WHERE id = $2 AND location_id = $3 AND client_id = $4 AND deleted_at IS NULL";
        let done = on_db!(self, p => sqlx::query(sql).bind(now).bind(id).bind(location_id).bind(client_id).execute(p).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Records an uploaded file and the `file` comment that announces it; returns the file id.
    pub async fn insert_client_file(
        &self,
        location_id: i64,
        client_id: i64,
        user_id: i64,
        file: &NewFile,
        now: i64,
    ) -> StoreResult<i64> {
        let mut tx = self.begin().await?;
        let sql = "INSERT INTO client_comments (location_id, client_id, user_id, kind, text, created_at, updated_at) \
                   VALUES ($1, $2, $3, 'file', '', $4, $4) RETURNING id";
        let comment_id = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(sql)
            .bind(location_id).bind(client_id).bind(user_id).bind(now).fetch_one(&mut **c).await)?;
        let sql = "INSERT INTO client_files (location_id, client_id, comment_id, user_id, name, description, extension, mime, \
                   size, storage_path, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
        let id = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(sql)
            .bind(location_id).bind(client_id).bind(comment_id).bind(user_id).bind(&file.name).bind(&file.description)
            .bind(&file.extension).bind(&file.mime).bind(file.size).bind(&file.storage_path).bind(now)
            .fetch_one(&mut **c).await)?;
        tx.commit().await?;
        Ok(id)
    }

    /// Live files of a client, newest first.
    pub async fn client_files(
        &self,
        location_id: i64,
        client_id: i64,
    ) -> StoreResult<Vec<FileRow>> {
        let sql = format!("{SELECT_FILE} WHERE f.location_id = $1 AND f.client_id = $2 AND f.deleted_at IS NULL ORDER BY f.id DESC");
        Ok(
            on_db!(self, p => sqlx::query_as::<_, FileRow>(&sql).bind(location_id).bind(client_id).fetch_all(p).await)?,
        )
    }

    pub async fn client_file(
        &self,
        location_id: i64,
        client_id: i64,
        id: i64,
    ) -> StoreResult<Option<FileRow>> {
        let sql = format!("{SELECT_FILE} WHERE f.id = $1 AND f.location_id = $2 AND f.client_id = $3 AND f.deleted_at IS NULL");
        Ok(
            on_db!(self, p => sqlx::query_as::<_, FileRow>(&sql).bind(id).bind(location_id).bind(client_id).fetch_optional(p).await)?,
        )
    }

    /// Marks a file deleted; the caller removes the bytes.
    pub async fn delete_client_file(
        &self,
        location_id: i64,
        client_id: i64,
        id: i64,
        now: i64,
    ) -> StoreResult<()> {
        let sql = "UPDATE client_files SET deleted_at = $1 WHERE id = $2 AND location_id = $3 AND client_id = $4 AND deleted_at IS NULL";
        let done = on_db!(self, p => sqlx::query(sql).bind(now).bind(id).bind(location_id).bind(client_id).execute(p).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}

impl Db {
    /// The live client of the location with this phone (digits), if any.
    pub async fn client_id_by_phone(
        &self,
        location_id: i64,
        phone_digits: &str,
    ) -> StoreResult<Option<i64>> {
        let sql =
            "SELECT id FROM clients WHERE location_id = $1 AND phone = $2 AND phone <> '' AND deleted_at IS NULL";
        Ok(
            on_db!(self, p => sqlx::query_scalar::<_, i64>(sql).bind(location_id).bind(phone_digits).fetch_optional(p).await)?,
        )
    }
}
