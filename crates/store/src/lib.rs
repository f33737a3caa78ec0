//! bizd storage. One query definition per query: every statement is written once, with `$N`
//! placeholders that SQLite and PostgreSQL both understand, and the [`on_db!`]/[`on_tx!`] macros
//! compile it for whichever backend the URL chose. Column types are portable (integer ids,
//! UTC Unix seconds, money in hundredths, booleans, text), and two migration trees with the same
//! names keep the schemas in step (checked by the schema parity test).
//!
//! Per-backend code exists only where the two cannot share a spelling: catalog introspection
//! ([`schema`]) and the row lock's `FOR UPDATE` ([`Tx::lock_row`]). The pitfalls of writing one
//! query for both are listed in docs/scaling.md ("Writing queries that run on both").

pub mod auth;
pub mod catalog;
pub mod clients;
pub mod db;
pub mod locations;
pub mod schema;
pub mod staff;
pub mod transfer;
pub mod visits;

pub use db::{Backend, Db, DbOptions, Dialect, SqliteDb, StoreError, StoreResult, Tx};

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
