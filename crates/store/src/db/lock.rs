//! Row locks of write transactions, always taken in one order (see [`Conn::lock`]).
//!
//! [`Conn::lock`]: super::Conn::lock

use sea_query::{Alias, Expr, LockType, Query, SelectStatement};

/// A row to lock. The variants are in lock order: a transaction that locks a location and a
/// client locks the location first, whatever order the caller lists them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lock {
    Location(i64),
    Position(i64),
    TeamMember(i64),
    ServiceCategory(i64),
    Service(i64),
    Resource(i64),
    Client(i64),
    Visit(i64),
    Record(i64),
    /// A sale document (its payments are summed into its visit under this lock and the
    /// visit's).
    SaleDocument(i64),
    /// An account: a transaction is written into a live account, never one being deleted.
    Account(i64),
    /// A product: writes that lower its stock lock it, then check the stock they leave.
    Product(i64),
}

impl Lock {
    fn table(self) -> &'static str {
        match self {
            Lock::Location(_) => "locations",
            Lock::Position(_) => "positions",
            Lock::TeamMember(_) => "team_members",
            Lock::ServiceCategory(_) => "service_categories",
            Lock::Service(_) => "services",
            Lock::Resource(_) => "resources",
            Lock::Client(_) => "clients",
            Lock::Visit(_) => "visits",
            Lock::Record(_) => "records",
            Lock::SaleDocument(_) => "sale_documents",
            Lock::Account(_) => "accounts",
            Lock::Product(_) => "products",
        }
    }

    fn id(self) -> i64 {
        match self {
            Lock::Location(id)
            | Lock::Position(id)
            | Lock::TeamMember(id)
            | Lock::ServiceCategory(id)
            | Lock::Service(id)
            | Lock::Resource(id)
            | Lock::Client(id)
            | Lock::Visit(id)
            | Lock::Record(id)
            | Lock::SaleDocument(id)
            | Lock::Account(id)
            | Lock::Product(id) => id,
        }
    }
}

/// One `SELECT id … ORDER BY id FOR UPDATE` per table, tables in lock order.
pub(super) fn statements(rows: &[Lock]) -> Vec<SelectStatement> {
    let mut rows = rows.to_vec();
    rows.sort();
    rows.dedup();
    let mut out: Vec<SelectStatement> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let table = rows[i].table();
        let ids: Vec<i64> = rows[i..]
            .iter()
            .take_while(|r| r.table() == table)
            .map(|r| r.id())
            .collect();
        i += ids.len();
        out.push(
            Query::select()
                .column(Alias::new("id"))
                .from(Alias::new(table))
                .and_where(Expr::col(Alias::new("id")).is_in(ids))
                .order_by(Alias::new("id"), sea_query::Order::Asc)
                .lock(LockType::Update)
                .to_owned(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_query::{PostgresQueryBuilder, SqliteQueryBuilder};

    #[test]
    fn locks_tables_in_one_order_and_ids_ascending() {
        let stmts = statements(&[
            Lock::Client(9),
            Lock::Location(2),
            Lock::Client(3),
            Lock::Client(9),
        ]);
        let pg: Vec<String> = stmts
            .iter()
            .map(|s| s.to_string(PostgresQueryBuilder))
            .collect();
        assert_eq!(
            pg,
            [
                r#"SELECT "id" FROM "locations" WHERE "id" IN (2) ORDER BY "id" ASC FOR UPDATE"#,
                r#"SELECT "id" FROM "clients" WHERE "id" IN (3, 9) ORDER BY "id" ASC FOR UPDATE"#,
            ]
        );
        // A payment's locks: the client, the visit, then the document and the account.
        let tables: Vec<String> = statements(&[
            Lock::Account(4),
            Lock::SaleDocument(3),
            Lock::Visit(2),
            Lock::Client(1),
        ])
        .iter()
        .map(|s| s.to_string(PostgresQueryBuilder))
        .map(|s| s.split('"').nth(3).unwrap_or_default().to_owned())
        .collect();
        assert_eq!(tables, ["clients", "visits", "sale_documents", "accounts"]);
        // SQLite has no row locks: its write transactions hold the database lock.
        assert!(!stmts[0]
            .to_string(SqliteQueryBuilder)
            .contains("FOR UPDATE"));
    }
}
