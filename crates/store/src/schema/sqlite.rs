//! The schema as SQLite's catalog describes it: `pragma_table_list`, `pragma_table_info`,
//! `pragma_foreign_key_list`, `pragma_index_list`/`pragma_index_info`, and the statements kept
//! in `sqlite_master` for what no pragma says (partial-index predicates, CHECK constraints).

use sea_query::Values;

use super::normalize::{sqlite_checks, sqlite_index_parts};
use super::{column, group_columns, Index, Table, MIGRATIONS_TABLE};
use crate::{Conn, StoreResult};

fn name(value: &str) -> Values {
    Values(vec![value.into()])
}

pub(super) async fn tables(c: &mut Conn<'_>) -> StoreResult<Vec<Table>> {
    // Plain tables only: FTS5 search indexes are virtual tables with shadow tables, rebuilt by
    // triggers and absent on PostgreSQL (a view there).
    let names: Vec<(String,)> = c
        .raw_all(
            "SELECT name FROM pragma_table_list WHERE type = 'table' AND schema = 'main' \
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> $1 ORDER BY name",
            name(MIGRATIONS_TABLE),
        )
        .await?;
    let mut tables = Vec::with_capacity(names.len());
    for (table,) in names {
        tables.push(describe(c, table).await?);
    }
    Ok(tables)
}

async fn describe(c: &mut Conn<'_>, table: String) -> StoreResult<Table> {
    // pk: position in the primary key, 0 when not part of it.
    let cols: Vec<(String, String, bool, i64, Option<String>)> = c
        .raw_all(
            "SELECT name, type, \"notnull\", pk, dflt_value FROM pragma_table_info($1) ORDER BY cid",
            name(&table),
        )
        .await?;
    let mut pk: Vec<(i64, String)> = cols
        .iter()
        .filter(|c| c.3 > 0)
        .map(|c| (c.3, c.0.clone()))
        .collect();
    pk.sort();
    let references: Vec<(String,)> = c
        .raw_all(
            "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list($1) ORDER BY 1",
            name(&table),
        )
        .await?;
    let columns = cols
        .into_iter()
        .map(|(col, declared, not_null, pk, default)| {
            // A SQLite INTEGER PRIMARY KEY is the rowid: never NULL, though the pragma does not
            // say NOT NULL.
            column(
                &table,
                col,
                &declared,
                !not_null && pk == 0,
                default.as_deref(),
            )
        })
        .collect::<StoreResult<_>>()?;
    let create: Vec<(Option<String>,)> = c
        .raw_all(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $1",
            name(&table),
        )
        .await?;
    let checks = create
        .into_iter()
        .next()
        .and_then(|(sql,)| sql)
        .map(|sql| sqlite_checks(&sql))
        .unwrap_or_default();
    let indexes = indexes(c, &table).await?;
    Ok(Table {
        name: table,
        columns,
        primary_key: pk.into_iter().map(|(_, c)| c).collect(),
        references: references.into_iter().map(|(r,)| r).collect(),
        indexes,
        checks,
    })
}

/// Indexes made by `CREATE INDEX`; the `sqlite_autoindex_*` of a primary key or of an inline
/// UNIQUE constraint is left out. PostgreSQL does list the latter (as `<table>_<column>_key`), so
/// the parity test flags an inline UNIQUE: write a named `CREATE UNIQUE INDEX` instead, which the
/// error mapping ([`NAMED_CONSTRAINTS`](crate::db::NAMED_CONSTRAINTS)) needs anyway.
async fn indexes(c: &mut Conn<'_>, table: &str) -> StoreResult<Vec<Index>> {
    const OWN: &str = "il.origin <> 'pk' AND il.name NOT LIKE 'sqlite\\_autoindex\\_%' ESCAPE '\\'";
    let list: Vec<(String, bool, Option<String>)> = c
        .raw_all(
            &format!(
                "SELECT il.name, il.\"unique\", m.sql FROM pragma_index_list($1) AS il \
                 LEFT JOIN sqlite_master AS m ON m.type = 'index' AND m.name = il.name \
                 WHERE {OWN} ORDER BY il.name"
            ),
            name(table),
        )
        .await?;
    // The column of each key entry; NULL for an expression (read from the statement instead).
    let entries: Vec<(String, i64, Option<String>)> = c
        .raw_all(
            &format!(
                "SELECT il.name, ii.seqno, ii.name FROM pragma_index_list($1) AS il, \
                 pragma_index_info(il.name) AS ii WHERE {OWN} ORDER BY il.name, ii.seqno"
            ),
            name(table),
        )
        .await?;
    let entries = group_columns(
        entries
            .into_iter()
            .map(|(index, seqno, column)| (index, seqno, column.unwrap_or_default()))
            .collect(),
    );
    let mut indexes = Vec::with_capacity(list.len());
    for (index, unique, sql) in list {
        let (parsed, predicate) = sql.as_deref().map(sqlite_index_parts).unwrap_or_default();
        let columns = entries
            .iter()
            .find(|(name, _)| *name == index)
            .map(|(_, columns)| columns.clone())
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(k, column)| {
                if column.is_empty() {
                    parsed.get(k).cloned().unwrap_or_default()
                } else {
                    column
                }
            })
            .collect();
        indexes.push(Index {
            name: index,
            columns,
            unique,
            predicate,
        });
    }
    Ok(indexes)
}
