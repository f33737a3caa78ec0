//! Plumbing shared by every API section: the envelope, errors, authentication and declared
//! access, idempotency, paging, lenient extractors and wire types.

pub mod access;
pub mod access_cache;
pub mod auth;
pub mod envelope;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod paging;
pub mod rate_limit;
pub mod schema;
pub mod wire;

pub use access::{
    perm, BookingLocation, ChainAccess, LocationAccess, PartnerAuth, PartnerLocation, UserAuth,
};
pub use envelope::{Envelope, ErrorBody};
pub use error::{ApiError, ApiResult, BookingIssue};
pub use extract::{Json, Path, Query};
pub use paging::{ListMeta, Page, PageRules, Paging};
