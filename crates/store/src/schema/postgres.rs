//! The schema as PostgreSQL's catalog describes it: `information_schema` for tables and columns,
//! `pg_index`, `pg_constraint` and their `pg_get_*` printers for keys, indexes and checks. Only
//! the current schema (`search_path`'s first) is read.

use sea_query::Values;

use super::normalize::{normalize_check, normalize_expr};
use super::{column, group_columns, Index, Table, MIGRATIONS_TABLE};
use crate::{Conn, StoreResult};

fn name(value: &str) -> Values {
    Values(vec![value.into()])
}

pub(super) async fn tables(c: &mut Conn<'_>) -> StoreResult<Vec<Table>> {
    let names: Vec<(String,)> = c
        .raw_all(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
             AND table_name <> $1 ORDER BY 1",
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
    // column_default is NULL for an identity column; a serial one's nextval(…) is dropped by
    // normalize_default.
    let cols: Vec<(String, String, String, Option<String>)> = c
        .raw_all(
            "SELECT column_name::text, data_type::text, is_nullable::text, column_default::text \
             FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 \
             ORDER BY ordinal_position",
            name(&table),
        )
        .await?;
    let primary_key: Vec<(String,)> = c
        .raw_all(
            "SELECT a.attname::text FROM pg_index i \
             CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) \
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
             WHERE i.indrelid = quote_ident($1)::regclass AND i.indisprimary ORDER BY k.n",
            name(&table),
        )
        .await?;
    let references: Vec<(String,)> = c
        .raw_all(
            "SELECT DISTINCT r.relname::text FROM pg_constraint c \
             JOIN pg_class r ON r.oid = c.confrelid \
             WHERE c.contype = 'f' AND c.conrelid = quote_ident($1)::regclass ORDER BY 1",
            name(&table),
        )
        .await?;
    let checks: Vec<(String,)> = c
        .raw_all(
            "SELECT pg_get_constraintdef(oid, true) FROM pg_constraint \
             WHERE contype = 'c' AND conrelid = quote_ident($1)::regclass",
            name(&table),
        )
        .await?;
    let mut checks: Vec<String> = checks
        .into_iter()
        .map(|(def,)| normalize_check(&def))
        .collect();
    checks.sort();
    let columns = cols
        .into_iter()
        .map(|(col, declared, nullable, default)| {
            column(
                &table,
                col,
                &declared,
                nullable == "YES",
                default.as_deref(),
            )
        })
        .collect::<StoreResult<_>>()?;
    let indexes = indexes(c, &table).await?;
    Ok(Table {
        name: table,
        columns,
        primary_key: primary_key.into_iter().map(|(c,)| c).collect(),
        references: references.into_iter().map(|(r,)| r).collect(),
        indexes,
        checks,
    })
}

/// Every index but the primary key's, with its key columns (not INCLUDE ones).
async fn indexes(c: &mut Conn<'_>, table: &str) -> StoreResult<Vec<Index>> {
    let list: Vec<(String, bool, Option<String>)> = c
        .raw_all(
            "SELECT x.relname::text, i.indisunique, pg_get_expr(i.indpred, i.indrelid) \
             FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid \
             WHERE i.indrelid = quote_ident($1)::regclass AND NOT i.indisprimary \
             ORDER BY 1",
            name(table),
        )
        .await?;
    // An expression entry (attnum 0) has no pg_attribute row: its text is printed instead.
    let entries: Vec<(String, i64, String)> = c
        .raw_all(
            "SELECT x.relname::text, k.n, \
             COALESCE(a.attname::text, pg_get_indexdef(i.indexrelid, k.n::int, true)) \
             FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid \
             CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) \
             LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
             WHERE i.indrelid = quote_ident($1)::regclass AND NOT i.indisprimary \
             AND k.n <= i.indnkeyatts ORDER BY 1, 2",
            name(table),
        )
        .await?;
    let entries = group_columns(entries);
    Ok(list
        .into_iter()
        .map(|(index, unique, predicate)| {
            let columns = entries
                .iter()
                .find(|(name, _)| *name == index)
                .map(|(_, columns)| columns.clone())
                .unwrap_or_default()
                .into_iter()
                .map(|column| {
                    // A plain column's name as it is; an expression normalised like SQLite's.
                    if column.chars().all(|ch| ch.is_alphanumeric() || ch == '_') {
                        column
                    } else {
                        normalize_expr(&column)
                    }
                })
                .collect();
            Index {
                name: index,
                columns,
                unique,
                predicate: predicate.as_deref().map(normalize_expr),
            }
        })
        .collect())
}
