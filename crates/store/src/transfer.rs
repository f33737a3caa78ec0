//! Copying a whole database to another one (`bizd migrate-data`), typically SQLite → PostgreSQL
//! when an installation outgrows one machine; any direction works.
//!
//! Generic over the tables: the list, the columns and the foreign keys are read from the source's
//! catalog ([`Db::tables`]), so tables added by later migrations are copied without changes here.
//! Both sides are migrated to this binary's schema first (by [`Db::connect`]), the target must be
//! empty, the copy is one transaction on the target, and afterwards every table is verified by
//! row count and a content checksum computed the same way on both sides.
//!
//! Tables are read a page at a time in primary-key order (keyset pagination: each page starts
//! after the last key of the previous one), and each page is written before the next is read, so
//! memory stays bounded whatever the size of a table. The source is read in one snapshot: the
//! copy is one consistent state of it, every foreign key satisfied.

use sea_query::{
    Alias, Asterisk, Expr, Func, Order, Query, SelectStatement, SimpleExpr, Value, Values,
};
use sha2::{Digest, Sha256};

use crate::schema::{dependency_order, quote_ident, Table, TypeClass};
use crate::{Backend, Conn, Db, RowRef, StoreError, StoreResult};

/// Row count and content checksum of one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSummary {
    pub table: String,
    pub rows: u64,
    /// Hex of an order-independent checksum: the sum (mod 2^128) of each row's SHA-256 prefix,
    /// so it does not depend on the order rows are read in, whose text collation differs
    /// between backends.
    pub checksum: String,
}

/// What a copy did: per table in copy order, the summary (identical on both sides, verified).
#[derive(Debug, Clone)]
pub struct TransferReport {
    pub tables: Vec<TableSummary>,
    /// Identity sequences moved past the copied ids (PostgreSQL target).
    pub sequences_reset: Vec<String>,
}

/// Rows read from the source per statement.
const PAGE_ROWS: usize = 1000;
/// Bind parameters per INSERT, under both backends' limits (SQLite 32766, PostgreSQL 65535).
const MAX_PARAMS_PER_STATEMENT: usize = 30_000;
const MAX_ROWS_PER_STATEMENT: usize = 500;

/// Copies every table of `from` into the empty database `to` and verifies the result.
pub async fn copy_database(from: &Db, to: &Db) -> StoreResult<TransferReport> {
    let tables = from.tables().await?;
    let target_tables = to.tables().await?;
    check_same_schema(&tables, &target_tables)?;
    let ordered = dependency_order(&tables)?;

    {
        let mut target = to.read().await?;
        for table in &ordered {
            let n = count_rows(&mut target, table).await?;
            if n > 0 {
                return Err(StoreError::Config(format!(
                    "the target database is not empty: table {} has {n} rows; migrate-data copies only into an empty database",
                    table.name
                )));
            }
        }
    }

    let mut source = from.snapshot().await?;
    let mut target = to.write().await?;
    for table in &ordered {
        let rows = copy_table(&mut source, &mut target, table).await?;
        tracing::info!(table = %table.name, rows, "copied");
    }
    let sequences_reset = reset_sequences(&mut target, &ordered).await?;
    target.commit().await?;
    // Ends the source's read-only transaction.
    source.commit().await?;

    // Read afresh, not in the copy's snapshot: a write to the source since then shows here.
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
/// was changed by hand or by another version, and copying would lose or mistype data. Only what
/// the copy depends on is compared: column names, classes and nullability (defaults and indexes
/// are the parity test's business).
fn check_same_schema(source: &[Table], target: &[Table]) -> StoreResult<()> {
    let shape = |t: &Table| -> Vec<(String, TypeClass, bool)> {
        t.columns
            .iter()
            .map(|c| (c.name.clone(), c.class, c.nullable))
            .collect()
    };
    for table in source {
        let Some(other) = target.iter().find(|t| t.name == table.name) else {
            return Err(StoreError::Config(format!(
                "table {} exists in the source but not in the target",
                table.name
            )));
        };
        if shape(other) != shape(table) {
            return Err(StoreError::Config(format!(
                "table {} has different columns in the source and the target",
                table.name
            )));
        }
    }
    Ok(())
}

async fn count_rows(c: &mut Conn<'_>, table: &Table) -> StoreResult<i64> {
    let stmt = Query::select()
        .expr(Func::count(Expr::col(Asterisk)))
        .from(Alias::new(&table.name))
        .to_owned();
    Ok(c.scalar(&stmt).await?.unwrap_or(0))
}

/// Reads a table a page at a time, in primary-key order (so a table referencing itself gets
/// parents first when ids grow with time), each value typed by its column's class.
struct Pages<'t> {
    table: &'t Table,
    classes: Vec<TypeClass>,
    /// Positions of the primary-key columns among the columns.
    key: Vec<usize>,
    /// The key of the last row read.
    after: Option<Vec<Value>>,
    done: bool,
}

impl<'t> Pages<'t> {
    fn new(table: &'t Table) -> StoreResult<Self> {
        let key = table
            .primary_key
            .iter()
            .map(|k| table.columns.iter().position(|c| &c.name == k))
            .collect::<Option<Vec<usize>>>()
            .filter(|key| !key.is_empty())
            .ok_or_else(|| {
                StoreError::Config(format!(
                    "table {} has no primary key: it cannot be read page by page",
                    table.name
                ))
            })?;
        Ok(Pages {
            table,
            classes: table.columns.iter().map(|c| c.class).collect(),
            key,
            after: None,
            done: false,
        })
    }

    fn statement(&self) -> SelectStatement {
        let col = |name: &String| Expr::col(Alias::new(name));
        let mut stmt = Query::select();
        stmt.columns(self.table.columns.iter().map(|c| Alias::new(&c.name)))
            .from(Alias::new(&self.table.name));
        if let Some(after) = &self.after {
            let keys = &self.table.primary_key;
            stmt.and_where(if keys.len() == 1 {
                col(&keys[0]).gt(after[0].clone())
            } else {
                // (k1, k2, …) > ($1, $2, …): row-value comparison, on both backends.
                Expr::tuple(keys.iter().map(|k| SimpleExpr::from(col(k))))
                    .gt(Expr::tuple(after.iter().cloned().map(SimpleExpr::Value)))
            });
        }
        for k in &self.table.primary_key {
            stmt.order_by(Alias::new(k), Order::Asc);
        }
        stmt.limit(PAGE_ROWS as u64);
        stmt
    }

    /// The next page, `None` after the last.
    async fn next(&mut self, c: &mut Conn<'_>) -> StoreResult<Option<Vec<Vec<Value>>>> {
        if self.done {
            return Ok(None);
        }
        let classes = &self.classes;
        let rows = c
            .map_all(&self.statement(), |row| decode(&row, classes))
            .await?;
        self.done = rows.len() < PAGE_ROWS;
        let Some(last) = rows.last() else {
            return Ok(None);
        };
        let after: Vec<Value> = self.key.iter().map(|&k| last[k].clone()).collect();
        if after.iter().any(is_null) {
            // A NULL never compares greater: the rows after it would be skipped unnoticed.
            return Err(StoreError::Config(format!(
                "table {} has a NULL in its primary key: it cannot be read page by page",
                self.table.name
            )));
        }
        self.after = Some(after);
        Ok(Some(rows))
    }
}

/// Decodes a row by column class; a NULL keeps its class (PostgreSQL wants a typed NULL for a
/// typed column).
fn decode(row: &RowRef<'_>, classes: &[TypeClass]) -> StoreResult<Vec<Value>> {
    classes
        .iter()
        .enumerate()
        .map(|(i, class)| {
            Ok(match class {
                TypeClass::Integer => Value::BigInt(row.get(i)?),
                TypeClass::Real => Value::Double(row.get(i)?),
                TypeClass::Text => Value::String(row.get::<Option<String>>(i)?.map(Box::new)),
                TypeClass::Boolean => Value::Bool(row.get(i)?),
            })
        })
        .collect()
}

fn is_null(v: &Value) -> bool {
    matches!(
        v,
        Value::BigInt(None) | Value::Double(None) | Value::String(None) | Value::Bool(None)
    )
}

/// A rendering that is the same whichever backend the value came from, unambiguous when
/// concatenated (text is length-prefixed; NULL differs from every value).
fn canonical(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::BigInt(Some(v)) => out.extend_from_slice(format!("i{v};").as_bytes()),
        // The bit pattern: exact, and both backends store IEEE doubles.
        Value::Double(Some(v)) => {
            out.extend_from_slice(format!("r{:016x};", v.to_bits()).as_bytes())
        }
        Value::Bool(Some(v)) => out.extend_from_slice(if *v { b"t;" } else { b"f;" }),
        Value::String(Some(v)) => {
            out.extend_from_slice(format!("s{}:", v.len()).as_bytes());
            out.extend_from_slice(v.as_bytes());
            out.push(b';');
        }
        // NULL of any class ([`decode`] makes no other values).
        _ => out.extend_from_slice(b"N;"),
    }
}

/// Copies one table, page by page; returns the number of rows.
async fn copy_table(
    source: &mut Conn<'_>,
    target: &mut Conn<'_>,
    table: &Table,
) -> StoreResult<u64> {
    let rows_per_statement =
        (MAX_PARAMS_PER_STATEMENT / table.columns.len().max(1)).clamp(1, MAX_ROWS_PER_STATEMENT);
    let mut pages = Pages::new(table)?;
    let mut copied = 0u64;
    while let Some(page) = pages.next(source).await? {
        for rows in page.chunks(rows_per_statement) {
            let mut stmt = Query::insert();
            stmt.into_table(Alias::new(&table.name))
                .columns(table.columns.iter().map(|c| Alias::new(&c.name)));
            for row in rows {
                stmt.values_panic(row.iter().cloned().map(SimpleExpr::Value));
            }
            target.execute(&stmt).await?;
        }
        copied += page.len() as u64;
    }
    Ok(copied)
}

/// Moves each PostgreSQL identity sequence past the largest copied id, or the next insert would
/// collide with a copied row. SQLite's AUTOINCREMENT counter follows explicit ids by itself.
async fn reset_sequences(c: &mut Conn<'_>, tables: &[&Table]) -> StoreResult<Vec<String>> {
    let mut reset = Vec::new();
    if c.backend() != Backend::Postgres {
        return Ok(reset);
    }
    for table in tables {
        for column in &table.columns {
            if column.class != TypeClass::Integer {
                continue;
            }
            let sequence: Vec<(Option<String>,)> = c
                .raw_all(
                    "SELECT pg_get_serial_sequence(quote_ident($1), $2)",
                    Values(vec![
                        table.name.as_str().into(),
                        column.name.as_str().into(),
                    ]),
                )
                .await?;
            let Some(sequence) = sequence.into_iter().next().and_then(|(s,)| s) else {
                continue;
            };
            // An empty table leaves the sequence where it is (setval is strict: NULL → no-op).
            let sql = format!(
                "SELECT setval($1::regclass, MAX({})) FROM {}",
                quote_ident(&column.name),
                quote_ident(&table.name)
            );
            let value: Vec<(Option<i64>,)> = c
                .raw_all(&sql, Values(vec![sequence.as_str().into()]))
                .await?;
            if value.into_iter().next().and_then(|(v,)| v).is_some() {
                reset.push(sequence);
            }
        }
    }
    Ok(reset)
}

/// Row count and checksum of a table, computed in Rust from canonical renderings so both
/// backends give the same answer for the same content. Read page by page in one snapshot, and
/// checked against the table's `COUNT(*)` in that snapshot.
pub async fn summarize(db: &Db, table: &Table) -> StoreResult<TableSummary> {
    let mut c = db.snapshot().await?;
    let mut pages = Pages::new(table)?;
    let mut rows = 0u64;
    let mut sum = 0u128;
    let mut buf = Vec::new();
    while let Some(page) = pages.next(&mut c).await? {
        for row in &page {
            buf.clear();
            for v in row {
                canonical(v, &mut buf);
            }
            let digest = Sha256::digest(&buf);
            let prefix: [u8; 16] = digest[..16].try_into().expect("16 of 32 bytes");
            sum = sum.wrapping_add(u128::from_be_bytes(prefix));
        }
        rows += page.len() as u64;
    }
    let counted = count_rows(&mut c, table).await?;
    c.commit().await?;
    if counted != rows as i64 {
        return Err(StoreError::Config(format!(
            "table {}: reading it page by page gave {rows} rows, but it holds {counted}",
            table.name
        )));
    }
    Ok(TableSummary {
        table: table.name.clone(),
        rows,
        checksum: format!("{sum:032x}"),
    })
}
