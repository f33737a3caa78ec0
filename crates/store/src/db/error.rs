//! What can go wrong in the store, decided once for both backends: a refused write names its
//! constraint through one typed table ([`Constraint`]), a lock that could not be had in time is
//! [`StoreError::Busy`], a database that cannot be reached is [`StoreError::Unavailable`].

use std::borrow::Cow;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique, foreign-key or check constraint refused the write.
    #[error("constraint violated: {0:?}")]
    Constraint(Constraint),
    /// A lock was not granted in time (PostgreSQL `lock_timeout`, a deadlock, SQLite's busy
    /// timeout): the same request may succeed when retried.
    #[error("the data is locked by another operation: {0}")]
    Busy(String),
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// A write would leave a product's stock in a storage negative, which the location does
    /// not allow (checked under the product's lock, after the write, before the commit).
    #[error("insufficient stock of product {product_id} in storage {storage_id}")]
    InsufficientStock { product_id: i64, storage_id: i64 },
    #[error("database error: {0}")]
    Database(Box<dyn std::error::Error + Send + Sync>),
    #[error("{0}")]
    Config(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// The named constraints the API turns into field errors. Each has the same name on both
/// backends (PostgreSQL reports the name; SQLite reports the columns of a unique index, listed
/// beside it); the table is checked against the migrations by a test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Constraint {
    /// A live client of the location already has this phone.
    ClientsLocationPhone,
    /// A user with this login exists.
    UsersLogin,
    /// Any other constraint: a foreign key, or a unique index the API does not expect to hit.
    Other(String),
}

/// `(constraint, index name, SQLite's "table.column, …" for a unique index)`.
pub const NAMED_CONSTRAINTS: &[(Constraint, &str, &str)] = &[
    (
        Constraint::ClientsLocationPhone,
        "clients_location_phone",
        "clients.location_id, clients.phone",
    ),
    (Constraint::UsersLogin, "users_login", "users.login"),
];

impl Constraint {
    fn from_name(name: &str) -> Constraint {
        NAMED_CONSTRAINTS
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(c, _, _)| c.clone())
            .unwrap_or_else(|| Constraint::Other(name.to_owned()))
    }

    /// SQLite: `UNIQUE constraint failed: clients.location_id, clients.phone`.
    fn from_sqlite_message(message: &str) -> Constraint {
        let columns = message.split_once(": ").map_or("", |(_, c)| c);
        NAMED_CONSTRAINTS
            .iter()
            .find(|(_, _, cols)| *cols == columns)
            .map(|(c, _, _)| c.clone())
            .unwrap_or_else(|| Constraint::Other(message.to_owned()))
    }
}

/// PostgreSQL: `lock_not_available` (lock_timeout), `deadlock_detected`, `serialization_failure`.
const PG_BUSY: [&str; 3] = ["55P03", "40P01", "40001"];
/// SQLite primary codes BUSY (5) and LOCKED (6), in their extended forms too.
fn sqlite_busy(code: &str) -> bool {
    code.parse::<i32>().is_ok_and(|c| matches!(c & 0xff, 5 | 6))
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                StoreError::Unavailable(e.to_string())
            }
            sqlx::Error::Database(d)
                if d.is_unique_violation()
                    || d.is_foreign_key_violation()
                    || d.is_check_violation() =>
            {
                StoreError::Constraint(match d.constraint() {
                    Some(name) => Constraint::from_name(name),
                    None => Constraint::from_sqlite_message(d.message()),
                })
            }
            sqlx::Error::Database(d) => {
                let code = d.code().unwrap_or(Cow::Borrowed(""));
                let is_pg = d
                    .try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
                    .is_some();
                if (is_pg && PG_BUSY.contains(&code.as_ref())) || (!is_pg && sqlite_busy(&code)) {
                    StoreError::Busy(d.message().to_owned())
                } else {
                    StoreError::Database(e.into())
                }
            }
            _ => StoreError::Database(e.into()),
        }
    }
}

/// The synchronous SQLite statement connections' errors, mapped as sqlx's SQLite errors are.
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match &e {
            rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound,
            rusqlite::Error::SqliteFailure(f, message) => match f.code {
                ErrorCode::ConstraintViolation => StoreError::Constraint(
                    Constraint::from_sqlite_message(message.as_deref().unwrap_or_default()),
                ),
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                    StoreError::Busy(e.to_string())
                }
                ErrorCode::CannotOpen | ErrorCode::SystemIoFailure => {
                    StoreError::Unavailable(e.to_string())
                }
                _ => StoreError::Database(e.into()),
            },
            _ => StoreError::Database(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_messages_map_to_the_named_constraint() {
        assert_eq!(
            Constraint::from_sqlite_message(
                "UNIQUE constraint failed: clients.location_id, clients.phone"
            ),
            Constraint::ClientsLocationPhone
        );
        assert_eq!(
            Constraint::from_name("clients_location_phone"),
            Constraint::ClientsLocationPhone
        );
        assert!(matches!(
            Constraint::from_sqlite_message("FOREIGN KEY constraint failed"),
            Constraint::Other(_)
        ));
        assert!(sqlite_busy("5") && sqlite_busy("517") && sqlite_busy("6"));
        assert!(!sqlite_busy("2067"));
    }
}
