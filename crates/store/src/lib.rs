//! bizd storage. One query definition per query: every statement is built once with sea-query
//! and rendered for the backend of the connection it runs on ([`Conn`]). Column types are
//! portable (integer ids, UTC Unix seconds, money in hundredths, booleans, text), and two
//! migration trees with the same names keep the schemas in step (the schema parity test compares
//! tables, columns, indexes, defaults and checks).
//!
//! The modules mirror the API sections; each is a set of free functions over a [`Conn`], so the
//! same read serves a plain request and a write transaction. Hand-written SQL exists only where
//! the builder cannot speak: catalog introspection ([`schema`]) and savepoints.

pub mod appointments;
pub mod auth;
pub mod clients;
pub mod comments;
pub mod db;
pub mod idempotency;
pub mod inventory;
pub mod locations;
pub mod online_booking;
pub mod payments;
pub mod products;
pub mod sales;
pub mod schedules;
pub mod schema;
pub mod services;
pub mod team_members;
pub mod transfer;
pub mod users;
pub mod visits;

pub use db::{
    column_at, migrations_fingerprint, Backend, Bound, Conn, Constraint, Db, DbOptions,
    FromSqliteRow, Lock, Prepared, Row, RowRef, Scalar, SqliteDb, StoreError, StoreResult,
};

/// Bind values of hand-written SQL ([`Conn::raw_execute`]).
pub use sea_query::Values;

use std::sync::atomic::{AtomicU64, Ordering};

/// Counts the writes that can change who may do what: tokens, passwords, memberships, locations.
/// Caches of access decisions remember the value they read under and drop an answer once it
/// moved. Process-wide (not per [`Db`]) because it only needs to move, never to be exact: another
/// database's write costs a spurious miss, nothing more. Writes by other processes (the admin
/// CLI, a second server on PostgreSQL) do not move it; such caches must also expire by time.
static ACCESS_GENERATION: AtomicU64 = AtomicU64::new(0);

/// The current access generation; read it *before* the reads whose answer is cached.
pub fn access_generation() -> u64 {
    ACCESS_GENERATION.load(Ordering::Acquire)
}

/// Called after (never before) an access-relevant write has committed.
pub(crate) fn access_changed() {
    ACCESS_GENERATION.fetch_add(1, Ordering::AcqRel);
}
