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

pub use db::{Backend, Db, DbOptions, StoreError, StoreResult, Tx};
