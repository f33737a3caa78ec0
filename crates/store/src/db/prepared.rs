//! Statements rendered once: for the hottest reads, building and rendering a sea-query statement
//! (dozens of column names quoted through `fmt::Write`) cost more than running it on SQLite.

use std::sync::OnceLock;

use sea_query::{QueryBuilder, Value, Values};
use sea_query_binder::{SqlxBinder, SqlxValues};

use super::Backend;

/// A statement whose text is rendered on first use, once per placeholder style (SQLite `?`,
/// PostgreSQL `$N`), and bound afresh with each call's values.
///
/// The statement is still written once, with the builder, in the function the closure calls;
/// its shape must not depend on the values (no branches on them). Debug builds — every test —
/// build and render it on each call and check that text and values are what the cached text and
/// the values given would run.
pub struct Prepared {
    question_marks: OnceLock<String>,
    numbered: OnceLock<String>,
}

/// A [`Prepared`] statement with its values: what [`super::Conn`]'s methods run.
pub struct Bound<'a> {
    sql: &'a str,
    values: Vec<Value>,
}

impl Prepared {
    pub const fn new() -> Self {
        Prepared {
            question_marks: OnceLock::new(),
            numbered: OnceLock::new(),
        }
    }

    /// The statement for `values`, which are its values in the order they appear in it.
    /// `build` makes the same statement with the builder (called on first use, and on every
    /// call in debug builds to check the cached text).
    pub fn bind<S: SqlxBinder>(
        &self,
        build: impl Fn() -> S,
        values: impl IntoIterator<Item = Value>,
        backend: Backend,
    ) -> Bound<'_> {
        let numbered = backend == Backend::Postgres;
        let values: Vec<Value> = values.into_iter().collect();
        let first = || render(&build(), numbered).0;
        let sql = if numbered {
            self.numbered.get_or_init(first)
        } else {
            self.question_marks.get_or_init(first)
        };
        if cfg!(debug_assertions) {
            let (fresh_sql, fresh_values) = render(&build(), numbered);
            assert_eq!(&fresh_sql, sql, "a prepared statement changed shape");
            assert_eq!(
                fresh_values, values,
                "a prepared statement's values are out of order"
            );
        }
        Bound { sql, values }
    }
}

impl Default for Prepared {
    fn default() -> Self {
        Prepared::new()
    }
}

fn render(stmt: &impl SqlxBinder, numbered: bool) -> (String, Vec<Value>) {
    let (sql, values) = if numbered {
        stmt.build_sqlx(sea_query::PostgresQueryBuilder)
    } else {
        stmt.build_sqlx(sea_query::SqliteQueryBuilder)
    };
    (sql, values.0 .0)
}

impl SqlxBinder for Bound<'_> {
    /// The cached text, rendered for the backend given to [`Prepared::bind`].
    fn build_sqlx<T: QueryBuilder>(&self, _: T) -> (String, SqlxValues) {
        (self.sql.to_owned(), SqlxValues(Values(self.values.clone())))
    }

    fn build_any_sqlx(&self, _: &dyn QueryBuilder) -> (String, SqlxValues) {
        (self.sql.to_owned(), SqlxValues(Values(self.values.clone())))
    }
}
