//! Plain types and rules of bizd. No I/O lives here: the store persists these values and the API
//! renders them, but what is valid and how values are computed is decided in this crate.

pub mod access;
pub mod appointment;
pub mod availability;
pub mod catalog;
pub mod checkout;
pub mod client;
pub mod inventory;
pub mod location;
pub mod money;
pub mod permissions;
pub mod schedule;
pub mod staff;
pub mod time;
pub mod validation;
pub mod visit;

pub use validation::FieldErrors;
