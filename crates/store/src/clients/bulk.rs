//! Creating clients: one, or up to a hundred thousand in one request.

use std::collections::{HashMap, HashSet};

use bizd_domain::client::{search_text, ClientFields};
use sea_query::{Expr, Query};

use super::tags::{self, LIST_CHUNK};
use super::Clients;
use crate::{Conn, Constraint, StoreError, StoreResult};

/// Rows per multi-row `INSERT` (20 values each, 4,000 a statement: below both backends' limits).
/// Few, large statements matter on SQLite beyond the statement overhead: each statement that
/// writes the FTS5 index through its trigger flushes it to a new segment, and many small
/// segments then cost merges. SQLite binds `?` placeholders by position, so binding stays linear.
const INSERT_BATCH: usize = 200;

fn duplicate_phone() -> StoreError {
    StoreError::Constraint(Constraint::ClientsLocationPhone)
}

/// Creates many clients inside the caller's write transaction; each item's own failure (a phone
/// a live client already has, or an earlier item of the same request) is reported in its place
/// without undoing the others.
///
/// Phones already taken are found with a few `IN` queries and the rest inserted 200 rows a
/// statement. On PostgreSQL a concurrent writer may still take a phone in between: that batch
/// is rolled back to its savepoint and redone one row at a time.
pub async fn insert_many(
    c: &mut Conn<'_>,
    location_id: i64,
    items: &[ClientFields],
    now: i64,
) -> StoreResult<Vec<StoreResult<i64>>> {
    let mut seen = taken_phones(c, location_id, items).await?;
    let mut results: Vec<StoreResult<i64>> = Vec::with_capacity(items.len());
    let mut fresh = Vec::new();
    for (i, f) in items.iter().enumerate() {
        if !f.phone.is_empty() && !seen.insert(f.phone.clone()) {
            results.push(Err(duplicate_phone()));
        } else {
            results.push(Ok(0));
            fresh.push(i);
        }
    }
    for chunk in fresh.chunks(INSERT_BATCH) {
        let rows: Vec<&ClientFields> = chunk.iter().map(|&i| &items[i]).collect();
        savepoint(c, "SAVEPOINT client_batch").await?;
        match insert_rows(c, location_id, &rows, now).await {
            Ok(ids) => {
                savepoint(c, "RELEASE SAVEPOINT client_batch").await?;
                for (&i, id) in chunk.iter().zip(ids) {
                    results[i] = Ok(id);
                }
            }
            Err(StoreError::Constraint(_)) => {
                savepoint(c, "ROLLBACK TO SAVEPOINT client_batch").await?;
                savepoint(c, "RELEASE SAVEPOINT client_batch").await?;
                for (&i, f) in chunk.iter().zip(rows) {
                    results[i] = insert_alone(c, location_id, f, now).await?;
                }
            }
            Err(e) => return Err(e),
        }
    }
    Ok(results)
}

async fn savepoint(c: &mut Conn<'_>, sql: &'static str) -> StoreResult<()> {
    c.raw_execute(sql, sea_query::Values(Vec::new())).await?;
    Ok(())
}

/// One row under its own savepoint: a refused insert rolls back only itself.
async fn insert_alone(
    c: &mut Conn<'_>,
    location_id: i64,
    f: &ClientFields,
    now: i64,
) -> StoreResult<StoreResult<i64>> {
    savepoint(c, "SAVEPOINT client_item").await?;
    match insert_rows(c, location_id, &[f], now).await {
        Ok(ids) => {
            savepoint(c, "RELEASE SAVEPOINT client_item").await?;
            Ok(Ok(ids[0]))
        }
        Err(e @ StoreError::Constraint(_)) => {
            savepoint(c, "ROLLBACK TO SAVEPOINT client_item").await?;
            savepoint(c, "RELEASE SAVEPOINT client_item").await?;
            Ok(Err(e))
        }
        Err(e) => Err(e),
    }
}

/// Phones of `items` that live clients of the location already have.
async fn taken_phones(
    c: &mut Conn<'_>,
    location_id: i64,
    items: &[ClientFields],
) -> StoreResult<HashSet<String>> {
    let mut taken = HashSet::new();
    let phones: Vec<&str> = items
        .iter()
        .map(|f| f.phone.as_str())
        .filter(|p| !p.is_empty())
        .collect();
    for chunk in phones.chunks(LIST_CHUNK) {
        let stmt = Query::select()
            .column(Clients::Phone)
            .from(Clients::Table)
            .and_where(Expr::col(Clients::DeletedAt).is_null())
            // The partial unique index's own condition, or SQLite would not use the index and
            // would scan the location's clients for every chunk.
            .and_where(Expr::col(Clients::Phone).ne(""))
            .and_where(Expr::col(Clients::LocationId).eq(location_id))
            .and_where(Expr::col(Clients::Phone).is_in(chunk.iter().copied()))
            .to_owned();
        taken.extend(c.scalars::<String>(&stmt).await?);
    }
    Ok(taken)
}

/// Inserts several clients with one statement, then their tag links; returns their ids in the
/// order of `rows`. The ids are matched back by phone (unique within a batch), so the order in
/// which the database returns rows does not matter; rows without phones go one by one.
pub(super) async fn insert_rows(
    c: &mut Conn<'_>,
    location_id: i64,
    rows: &[&ClientFields],
    now: i64,
) -> StoreResult<Vec<i64>> {
    let mut phones = HashSet::new();
    let matchable = rows.len() == 1
        || rows
            .iter()
            .all(|f| !f.phone.is_empty() && phones.insert(f.phone.as_str()));
    let ids = if matchable {
        let returned = insert_values(c, location_id, rows, now).await?;
        if rows.len() == 1 {
            returned.into_iter().map(|(id, _)| id).collect()
        } else {
            let by_phone: HashMap<String, i64> = returned
                .into_iter()
                .map(|(id, phone)| (phone, id))
                .collect();
            rows.iter()
                .map(|f| by_phone.get(&f.phone).copied().ok_or_else(duplicate_phone))
                .collect::<StoreResult<Vec<i64>>>()?
        }
    } else {
        let mut ids = Vec::with_capacity(rows.len());
        for f in rows {
            ids.push(insert_values(c, location_id, &[*f], now).await?[0].0);
        }
        ids
    };
    for (f, id) in rows.iter().zip(&ids) {
        tags::link(c, *id, &f.tag_ids).await?;
    }
    Ok(ids)
}

/// One `INSERT … VALUES (…), (…) RETURNING id, phone` for `rows` (at least one).
async fn insert_values(
    c: &mut Conn<'_>,
    location_id: i64,
    rows: &[&ClientFields],
    now: i64,
) -> StoreResult<Vec<(i64, String)>> {
    let mut stmt = Query::insert()
        .into_table(Clients::Table)
        .columns([
            Clients::LocationId,
            Clients::Name,
            Clients::Surname,
            Clients::MiddleName,
            Clients::Phone,
            Clients::Email,
            Clients::GenderId,
            Clients::ImportanceId,
            Clients::Discount,
            Clients::Card,
            Clients::BirthDate,
            Clients::Comment,
            Clients::Spent,
            Clients::Balance,
            Clients::SmsCheck,
            Clients::SmsNot,
            Clients::CustomFields,
            Clients::SearchText,
            Clients::CreatedAt,
            Clients::UpdatedAt,
        ])
        .returning(Query::returning().columns([Clients::Id, Clients::Phone]))
        .to_owned();
    for f in rows {
        stmt.values_panic([
            location_id.into(),
            f.name.as_str().into(),
            f.surname.as_str().into(),
            f.middle_name.as_str().into(),
            f.phone.as_str().into(),
            f.email.as_str().into(),
            f.gender_id.into(),
            f.importance_id.into(),
            f.discount.minor().into(),
            f.card.as_str().into(),
            f.birth_date.clone().into(),
            f.comment.as_str().into(),
            f.spent.minor().into(),
            f.balance.minor().into(),
            f.sms_check.into(),
            f.sms_not.into(),
            f.custom_fields.as_str().into(),
            search_text(f).into(),
            now.into(),
            now.into(),
        ]);
    }
    c.all(&stmt).await
}
