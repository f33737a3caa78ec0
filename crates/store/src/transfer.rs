//! Copying a whole database to another one (`bizd migrate-data`), typically SQLite → PostgreSQL
//! when an installation outgrows one machine; any direction works.
//!
//! Generic over the tables: the list, the columns and the foreign keys are read from the source's
//! catalog ([`Db::tables`]), so tables added by later migrations are copied without changes here.
//! Both sides are migrated to this binary's schema first (by [`Db::connect`]), the target must be
//! empty, the copy is one transaction on the target, and afterwards every table is verified by
//! row count and a content checksum computed the same way on both sides.

use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};

use crate::schema::{dependency_order, quote_ident, Table, TypeClass};
use crate::{on_db, on_tx, Db, StoreError, StoreResult};

/// One value read from either backend, typed by its column's portable class (NULLs keep their
/// class: PostgreSQL wants a typed NULL for a typed column).
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<String>),
    Bool(Option<bool>),
}

impl Value {
    /// A rendering that is the same whichever backend the value came from, unambiguous when
    /// concatenated (text is length-prefixed; NULL differs from every value).
    fn canonical(&self, out: &mut Vec<u8>) {
        match self {
            Value::Int(None) | Value::Real(None) | Value::Text(None) | Value::Bool(None) => {
                out.extend_from_slice(b"N;")
            }
            Value::Int(Some(v)) => out.extend_from_slice(format!("i{v};").as_bytes()),
            // The bit pattern: exact, and both backends store IEEE doubles.
            Value::Real(Some(v)) => {
                out.extend_from_slice(format!("r{:016x};", v.to_bits()).as_bytes())
            }
            Value::Bool(Some(v)) => out.extend_from_slice(if *v { b"t;" } else { b"f;" }),
            Value::Text(Some(v)) => {
                out.extend_from_slice(format!("s{}:", v.len()).as_bytes());
                out.extend_from_slice(v.as_bytes());
                out.push(b';');
            }
        }
    }
}

/// Decodes a row by column class; the same code for both backends' rows.
macro_rules! decode_row {
    ($row:expr, $classes:expr) => {{
        use sqlx::Row;
        let row = $row;
        let mut values = Vec::with_capacity($classes.len());
        for (i, class) in $classes.iter().enumerate() {
            values.push(match class {
                TypeClass::Integer => Value::Int(row.try_get(i)?),
                TypeClass::Real => Value::Real(row.try_get(i)?),
                TypeClass::Text => Value::Text(row.try_get(i)?),
                TypeClass::Boolean => Value::Bool(row.try_get(i)?),
            });
        }
        values
    }};
}

/// Binds values (with their classes) to a query, for either backend.
macro_rules! bind_values {
    ($query:expr, $values:expr) => {{
        let mut q = $query;
        for v in $values {
            q = match v {
                Value::Int(v) => q.bind(*v),
                Value::Real(v) => q.bind(*v),
                Value::Text(v) => q.bind(v.as_deref()),
                Value::Bool(v) => q.bind(*v),
            };
        }
        q
    }};
}

/// Row count and content checksum of one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSummary {
    pub table: String,
    pub rows: u64,
    /// Hex of an order-independent checksum: the sum (mod 2^128) of each row's SHA-256 prefix,
    /// so it needs no ORDER BY, whose text collation differs between backends.
    pub checksum: String,
}

/// What a copy did: per table in copy order, the summary (identical on both sides, verified).
#[derive(Debug, Clone)]
pub struct TransferReport {
    pub tables: Vec<TableSummary>,
    /// Identity sequences moved past the copied ids (PostgreSQL target).
    pub sequences_reset: Vec<String>,
}

/// Rows per INSERT statement, kept under both backends' bind-parameter limits (SQLite 32766,
/// PostgreSQL 65535).
const MAX_PARAMS_PER_STATEMENT: usize = 30_000;
const MAX_ROWS_PER_STATEMENT: usize = 500;

/// Copies every table of `from` into the empty database `to` and verifies the result.
pub async fn copy_database(from: &Db, to: &Db) -> StoreResult<TransferReport> {
    let tables = from.tables().await?;
    let target_tables = to.tables().await?;
    check_same_schema(&tables, &target_tables)?;
    let ordered = dependency_order(&tables)?;

    for table in &ordered {
        let n = count_rows(to, &table.name).await?;
        if n > 0 {
            return Err(StoreError::Config(format!(
                "the target database is not empty: table {} has {n} rows; migrate-data copies only into an empty database",
                table.name
            )));
        }
    }

    let mut tx = to.begin().await?;
    for table in &ordered {
        let rows = copy_table(from, &mut tx, table).await?;
        tracing::info!(table = %table.name, rows, "copied");
    }
    let sequences_reset = reset_sequences(&mut tx, &ordered).await?;
    tx.commit().await?;

    tracing::info!("copy committed; verifying row counts and checksums");
    let mut summaries = Vec::with_capacity(ordered.len());
    for table in &ordered {
        let source = summarize(from, table).await?;
        let target = summarize(to, table).await?;
        if source != target {
            return Err(StoreError::Config(format!(
                "verification failed for table {}: source {} rows, checksum {}; target {} rows, checksum {} \
                 (was the source written to during the copy?)",
                table.name, source.rows, source.checksum, target.rows, target.checksum
            )));
        }
        summaries.push(source);
    }
    Ok(TransferReport {
        tables: summaries,
        sequences_reset,
    })
}

/// Both sides were migrated by this binary, so they should agree; a difference means one of them
/// was changed by hand or by another version, and copying would lose or mistype data.
fn check_same_schema(source: &[Table], target: &[Table]) -> StoreResult<()> {
    for table in source {
        let Some(other) = target.iter().find(|t| t.name == table.name) else {
            return Err(StoreError::Config(format!(
                "table {} exists in the source but not in the target",
                table.name
            )));
        };
        if other.columns != table.columns {
            return Err(StoreError::Config(format!(
                "table {} has different columns in the source and the target",
                table.name
            )));
        }
    }
    Ok(())
}

async fn count_rows(db: &Db, table: &str) -> StoreResult<i64> {
    let sql = format!("SELECT COUNT(*) FROM {}", quote_ident(table));
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(&sql).fetch_one(p).await)?)
}

fn column_list(table: &Table) -> String {
    table
        .columns
        .iter()
        .map(|c| quote_ident(&c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `SELECT` of every column, in key order (so a table referencing itself gets parents first
/// when ids grow with time).
fn select_all(table: &Table) -> String {
    let order = if table.primary_key.is_empty() {
        String::new()
    } else {
        let keys: Vec<String> = table.primary_key.iter().map(|c| quote_ident(c)).collect();
        format!(" ORDER BY {}", keys.join(", "))
    };
    format!(
        "SELECT {} FROM {}{order}",
        column_list(table),
        quote_ident(&table.name)
    )
}

/// Copies one table; returns the number of rows.
async fn copy_table(from: &Db, tx: &mut crate::Tx, table: &Table) -> StoreResult<u64> {
    let classes: Vec<TypeClass> = table.columns.iter().map(|c| c.class).collect();
    let rows_per_statement =
        (MAX_PARAMS_PER_STATEMENT / classes.len().max(1)).clamp(1, MAX_ROWS_PER_STATEMENT);
    let select = select_all(table);
    let mut batch: Vec<Vec<Value>> = Vec::with_capacity(rows_per_statement);
    let mut copied = 0u64;
    // Rows are streamed from the source and written in batches: memory stays bounded.
    on_db!(from, p => {
        let mut rows = sqlx::query(&select).fetch(p);
        while let Some(row) = rows.try_next().await? {
            batch.push(decode_row!(row, classes));
            copied += 1;
            if batch.len() == rows_per_statement {
                insert_batch(tx, table, &batch).await?;
                batch.clear();
            }
        }
        Ok::<(), sqlx::Error>(())
    })?;
    if !batch.is_empty() {
        insert_batch(tx, table, &batch).await?;
    }
    Ok(copied)
}

async fn insert_batch(tx: &mut crate::Tx, table: &Table, rows: &[Vec<Value>]) -> StoreResult<()> {
    let width = table.columns.len();
    let mut sql = format!(
        "INSERT INTO {} ({}) VALUES ",
        quote_ident(&table.name),
        column_list(table)
    );
    for r in 0..rows.len() {
        if r > 0 {
            sql.push_str(", ");
        }
        let placeholders: Vec<String> =
            (1..=width).map(|c| format!("${}", r * width + c)).collect();
        sql.push_str(&format!("({})", placeholders.join(", ")));
    }
    let values = rows.iter().flatten();
    // Up to 30,000 parameters a statement: positional on SQLite, or binding them is quadratic.
    on_tx!(tx, c => {
        let text = crate::db::placeholders_for(&sql, rows.len() * width, &**c);
        bind_values!(sqlx::query(&text), values).execute(&mut **c).await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Moves each PostgreSQL identity sequence past the largest copied id, or the next insert would
/// collide with a copied row. SQLite's AUTOINCREMENT counter follows explicit ids by itself.
async fn reset_sequences(tx: &mut crate::Tx, tables: &[&Table]) -> StoreResult<Vec<String>> {
    let mut reset = Vec::new();
    let crate::Tx::Postgres(c) = tx else {
        return Ok(reset);
    };
    for table in tables {
        for column in &table.columns {
            if column.class != TypeClass::Integer {
                continue;
            }
            let sequence: Option<String> =
                sqlx::query_scalar("SELECT pg_get_serial_sequence(quote_ident($1), $2)")
                    .bind(&table.name)
                    .bind(&column.name)
                    .fetch_one(&mut **c)
                    .await?;
            let Some(sequence) = sequence else { continue };
            // An empty table leaves the sequence where it is (setval is strict: NULL → no-op).
            let sql = format!(
                "SELECT setval($1::regclass, MAX({})) FROM {}",
                quote_ident(&column.name),
                quote_ident(&table.name)
            );
            let value: Option<i64> = sqlx::query_scalar(&sql)
                .bind(&sequence)
                .fetch_one(&mut **c)
                .await?;
            if value.is_some() {
                reset.push(sequence);
            }
        }
    }
    Ok(reset)
}

/// Row count and checksum of a table, computed in Rust from canonical renderings so both
/// backends give the same answer for the same content.
pub async fn summarize(db: &Db, table: &Table) -> StoreResult<TableSummary> {
    let classes: Vec<TypeClass> = table.columns.iter().map(|c| c.class).collect();
    let select = select_all(table);
    let mut rows = 0u64;
    let mut sum = 0u128;
    let mut buf = Vec::new();
    on_db!(db, p => {
        let mut stream = sqlx::query(&select).fetch(p);
        while let Some(row) = stream.try_next().await? {
            buf.clear();
            for v in decode_row!(row, classes) {
                v.canonical(&mut buf);
            }
            let digest = Sha256::digest(&buf);
            let prefix: [u8; 16] = digest[..16].try_into().expect("16 of 32 bytes");
            sum = sum.wrapping_add(u128::from_be_bytes(prefix));
            rows += 1;
        }
        Ok::<(), sqlx::Error>(())
    })?;
    Ok(TableSummary {
        table: table.name.clone(),
        rows,
        checksum: format!("{sum:032x}"),
    })
}
