//! Plumbing shared by every API section: the envelope, errors, authentication and access,
//! lenient extractors and wire types.

pub mod access_cache;
pub mod auth;
pub mod envelope;
pub mod error;
pub mod extract;
pub mod rate_limit;
pub mod schema;
pub mod wire;

pub use auth::{LocationAccess, PartnerAuth, PublicLocation, UserAuth};
pub use envelope::{Envelope, ErrorBody};
pub use error::{ApiError, ApiResult};
pub use extract::{Json, Query};
