//! bizd storage. One query definition per query: every statement is written once, with `$N`
//! placeholders that SQLite and PostgreSQL both understand, and the [`on_db!`]/[`on_tx!`] macros
//! compile it for whichever backend the URL chose. Column types are portable (integer ids,
//! UTC Unix seconds, money in hundredths, booleans, text), and two migration trees with the same
//! names keep the schemas in step.

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
