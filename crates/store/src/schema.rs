//! What the migrations created, read back from the database's own catalog: tables, columns with
//! a portable type class and nullability, primary keys and foreign-key references. Used by
//! `migrate-data` (generic over every table) and by the schema parity test.
//!
//! The catalog queries are the one place with a per-backend fragment each: SQLite describes its
//! schema through `sqlite_master` and `pragma_*` functions, PostgreSQL through
//! `information_schema` and `pg_catalog`; there is no common spelling.

use crate::{Db, StoreError, StoreResult};

/// The portable column types the migrations may use (see the crate docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeClass {
    Integer,
    Real,
    Text,
    Boolean,
}

impl TypeClass {
    /// Classifies a declared type (SQLite) or `data_type` (PostgreSQL); `None` when it is not
    /// one of the portable types.
    pub fn of(declared: &str) -> Option<TypeClass> {
        let t = declared.to_ascii_uppercase();
        if t.contains("BOOL") {
            Some(TypeClass::Boolean)
        } else if t.contains("INT") {
            Some(TypeClass::Integer)
        } else if t.contains("CHAR") || t.contains("TEXT") || t.contains("CLOB") {
            Some(TypeClass::Text)
        } else if t.contains("REAL") || t.contains("DOUB") || t.contains("FLOA") {
            Some(TypeClass::Real)
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub class: TypeClass,
    pub nullable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    /// In declaration order.
    pub columns: Vec<Column>,
    /// Primary-key columns in key order.
    pub primary_key: Vec<String>,
    /// Tables this one references by foreign key, sorted, without duplicates.
    pub references: Vec<String>,
}

/// sqlx's bookkeeping: each side has its own, written by its own migrator.
const MIGRATIONS_TABLE: &str = "_sqlx_migrations";

impl Db {
    /// Every table of the application schema (not sqlx's migration table), sorted by name.
    pub async fn tables(&self) -> StoreResult<Vec<Table>> {
        let mut tables = Vec::new();
        match self {
            Db::Sqlite(sqlite) => {
                let p = &sqlite.pool;
                let names: Vec<String> = sqlx::query_scalar(
                    // Plain tables only: FTS5 search indexes are virtual tables with shadow
                    // tables, rebuilt by triggers and absent on PostgreSQL (a view there).
                    "SELECT name FROM pragma_table_list WHERE type = 'table' AND schema = 'main' \
                     AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> $1 ORDER BY name",
                )
                .bind(MIGRATIONS_TABLE)
                .fetch_all(p)
                .await?;
                for name in names {
                    // pk: position in the primary key, 0 when not part of it.
                    let cols: Vec<(String, String, bool, i64)> = sqlx::query_as(
                        "SELECT name, type, \"notnull\", pk FROM pragma_table_info($1) ORDER BY cid",
                    )
                    .bind(&name)
                    .fetch_all(p)
                    .await?;
                    let mut pk: Vec<(i64, String)> = cols
                        .iter()
                        .filter(|c| c.3 > 0)
                        .map(|c| (c.3, c.0.clone()))
                        .collect();
                    pk.sort();
                    let references: Vec<String> = sqlx::query_scalar(
                        "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list($1) ORDER BY 1",
                    )
                    .bind(&name)
                    .fetch_all(p)
                    .await?;
                    let columns = cols
                        .into_iter()
                        .map(|(col, declared, not_null, pk)| {
                            // A SQLite INTEGER PRIMARY KEY is the rowid: never NULL, though
                            // the pragma does not say NOT NULL.
                            column(&name, col, &declared, !not_null && pk == 0)
                        })
                        .collect::<StoreResult<_>>()?;
                    tables.push(Table {
                        name,
                        columns,
                        primary_key: pk.into_iter().map(|(_, c)| c).collect(),
                        references,
                    });
                }
            }
            Db::Postgres(p) => {
                let names: Vec<String> = sqlx::query_scalar(
                    "SELECT table_name::text FROM information_schema.tables \
                     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
                     AND table_name <> $1 ORDER BY 1",
                )
                .bind(MIGRATIONS_TABLE)
                .fetch_all(p)
                .await?;
                for name in names {
                    let cols: Vec<(String, String, String)> = sqlx::query_as(
                        "SELECT column_name::text, data_type::text, is_nullable::text \
                         FROM information_schema.columns \
                         WHERE table_schema = current_schema() AND table_name = $1 \
                         ORDER BY ordinal_position",
                    )
                    .bind(&name)
                    .fetch_all(p)
                    .await?;
                    let primary_key: Vec<String> = sqlx::query_scalar(
                        "SELECT a.attname::text FROM pg_index i \
                         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) \
                         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
                         WHERE i.indrelid = quote_ident($1)::regclass AND i.indisprimary ORDER BY k.n",
                    )
                    .bind(&name)
                    .fetch_all(p)
                    .await?;
                    let references: Vec<String> = sqlx::query_scalar(
                        "SELECT DISTINCT r.relname::text FROM pg_constraint c \
                         JOIN pg_class r ON r.oid = c.confrelid \
                         WHERE c.contype = 'f' AND c.conrelid = quote_ident($1)::regclass ORDER BY 1",
                    )
                    .bind(&name)
                    .fetch_all(p)
                    .await?;
                    let columns = cols
                        .into_iter()
                        .map(|(col, declared, nullable)| {
                            column(&name, col, &declared, nullable == "YES")
                        })
                        .collect::<StoreResult<_>>()?;
                    tables.push(Table {
                        name,
                        columns,
                        primary_key,
                        references,
                    });
                }
            }
        }
        Ok(tables)
    }
}

fn column(table: &str, name: String, declared: &str, nullable: bool) -> StoreResult<Column> {
    let class = TypeClass::of(declared).ok_or_else(|| {
        StoreError::Config(format!(
            "column {table}.{name} has type {declared:?}, not one of the portable types \
             (BIGINT, TEXT, BOOLEAN, DOUBLE PRECISION)"
        ))
    })?;
    Ok(Column {
        name,
        class,
        nullable,
    })
}

/// The tables ordered so that every table comes after the tables it references (a table that
/// references itself only needs its own rows in key order, see `transfer`). Fails on a cycle.
pub fn dependency_order(tables: &[Table]) -> StoreResult<Vec<&Table>> {
    let mut ordered: Vec<&Table> = Vec::with_capacity(tables.len());
    let mut pending: Vec<&Table> = tables.iter().collect();
    while !pending.is_empty() {
        let before = pending.len();
        pending.retain(|t| {
            let ready = t
                .references
                .iter()
                .all(|r| r == &t.name || ordered.iter().any(|o| &o.name == r));
            if ready {
                ordered.push(t);
            }
            !ready
        });
        if pending.len() == before {
            let names: Vec<&str> = pending.iter().map(|t| t.name.as_str()).collect();
            return Err(StoreError::Config(format!(
                "foreign keys form a cycle (or reference a missing table) among: {}",
                names.join(", ")
            )));
        }
    }
    Ok(ordered)
}

/// `name` quoted as an SQL identifier (the same syntax on both backends).
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_the_portable_types_of_both_backends() {
        for (declared, class) in [
            ("INTEGER", TypeClass::Integer),
            ("BIGINT", TypeClass::Integer),
            ("bigint", TypeClass::Integer),
            ("TEXT", TypeClass::Text),
            ("text", TypeClass::Text),
            ("character varying", TypeClass::Text),
            ("BOOLEAN", TypeClass::Boolean),
            ("boolean", TypeClass::Boolean),
            ("DOUBLE PRECISION", TypeClass::Real),
            ("double precision", TypeClass::Real),
        ] {
            assert_eq!(TypeClass::of(declared), Some(class), "{declared}");
        }
        assert_eq!(TypeClass::of("BLOB"), None);
        assert_eq!(TypeClass::of("numeric"), None);
    }

    fn table(name: &str, references: &[&str]) -> Table {
        Table {
            name: name.into(),
            columns: Vec::new(),
            primary_key: Vec::new(),
            references: references.iter().map(|r| r.to_string()).collect(),
        }
    }

    #[test]
    fn orders_tables_by_foreign_keys() {
        let tables = [
            table("location_users", &["locations", "users"]),
            table("locations", &["chains", "users"]),
            table("chains", &[]),
            table("users", &[]),
            table("tree", &["tree"]),
        ];
        let order: Vec<&str> = dependency_order(&tables)
            .unwrap()
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(
            order,
            ["chains", "users", "tree", "locations", "location_users"]
        );
        let cycle = [table("a", &["b"]), table("b", &["a"])];
        assert!(dependency_order(&cycle).is_err());
    }
}
