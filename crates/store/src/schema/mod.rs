//! What the migrations created, read back from the database's own catalog: tables, columns with
//! a portable type class, nullability and default, primary keys, foreign-key references,
//! indexes and CHECK constraints. Used by `migrate-data` (generic over every table) and by the
//! schema parity test, which compares both backends' migrated schemas field by field.
//!
//! The catalog queries are the one place with a per-backend fragment each ([`sqlite`],
//! [`postgres`]): SQLite describes its schema through `sqlite_master` and `pragma_*` functions,
//! PostgreSQL through `information_schema` and `pg_catalog`; there is no common spelling. They
//! run as hand-written SQL ([`Conn::raw_all`]). Expression text (defaults, index predicates,
//! checks) is brought to one spelling by [`normalize`].

mod normalize;
mod postgres;
mod sqlite;

pub use normalize::{normalize_check, normalize_default, normalize_expr};

use crate::{Backend, Conn, Db, StoreError, StoreResult};

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
    /// The default, normalised ([`normalize_default`]); `None` for none, and for the identity
    /// (PostgreSQL) or rowid (SQLite) id column.
    pub default: Option<String>,
}

/// An index other than the primary key's (and SQLite's internal `sqlite_autoindex_*` ones).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    pub name: String,
    /// Key columns in index order; an expression entry as its normalised text.
    pub columns: Vec<String>,
    pub unique: bool,
    /// The partial-index predicate, normalised ([`normalize_expr`]).
    pub predicate: Option<String>,
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
    /// Sorted by name.
    pub indexes: Vec<Index>,
    /// CHECK constraint expressions, normalised ([`normalize_check`]), sorted.
    pub checks: Vec<String>,
}

/// sqlx's bookkeeping: each side has its own, written by its own migrator.
const MIGRATIONS_TABLE: &str = "_sqlx_migrations";

impl Db {
    /// Every table of the application schema (not sqlx's migration table), sorted by name; read
    /// on a [`Db::read`] connection (see [`tables`]).
    pub async fn tables(&self) -> StoreResult<Vec<Table>> {
        tables(&mut self.read().await?).await
    }
}

/// Every table of the application schema (not sqlx's migration table), sorted by name.
pub async fn tables(c: &mut Conn<'_>) -> StoreResult<Vec<Table>> {
    match c.backend() {
        Backend::Sqlite => sqlite::tables(c).await,
        Backend::Postgres => postgres::tables(c).await,
    }
}

/// A column from its catalog description; fails for a type that is not portable.
fn column(
    table: &str,
    name: String,
    declared: &str,
    nullable: bool,
    default: Option<&str>,
) -> StoreResult<Column> {
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
        default: normalize_default(default, class),
    })
}

/// Groups `(index, position, column)` rows, ordered by index and position, into column lists.
fn group_columns(rows: Vec<(String, i64, String)>) -> Vec<(String, Vec<String>)> {
    let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
    for (index, _, column) in rows {
        match grouped.last_mut() {
            Some((name, columns)) if *name == index => columns.push(column),
            _ => grouped.push((index, vec![column])),
        }
    }
    grouped
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
            indexes: Vec::new(),
            checks: Vec::new(),
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
