//! A short-lived memory of access decisions, so that a request's token and location checks do
//! not cost database round trips each time (they were two of the four queries of a client read).
//!
//! Correctness rests on two bounds:
//! - this process's own writes to tokens, passwords, memberships and locations move
//!   [`bizd_store::access_generation`], and an answer read under an older generation is never
//!   served again: a changed password or role takes effect on the next request;
//! - writes this process cannot see (`bizd admin` against the same SQLite file, a second server
//!   on the same PostgreSQL) are picked up when an answer expires, after `ttl` at most.
//!
//! Only successful decisions are kept; a 401/403/404 always asks the database again. The memory
//! is bounded by `quick_cache` (S3-FIFO eviction), whatever the number of tokens × scopes.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::auth::{Caller, ScopeContext};

/// Which scope of the path a decision is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScopeKey {
    None,
    Location(i64),
    Chain(i64),
    /// A visit's location (visits never move between locations).
    Visit(i64),
    Document(i64),
}

/// What a decision depends on: the two token digests and the path's location or chain.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AccessKey {
    pub partner_hash: String,
    pub user_hash: Option<String>,
    pub scope: ScopeKey,
}

#[derive(Clone)]
pub struct Decision {
    /// Shared: a request takes the decision without copying the user and location it holds.
    pub caller: Arc<Caller>,
    pub scope: Option<ScopeContext>,
}

#[derive(Clone)]
struct Entry {
    generation: u64,
    stored_at: Instant,
    decision: Decision,
}

const MAX_ENTRIES: usize = 10_000;

/// Clones share the entries. A zero `ttl` turns the cache off.
#[derive(Clone)]
pub struct AccessCache {
    ttl: Duration,
    entries: Arc<quick_cache::sync::Cache<AccessKey, Entry>>,
}

impl Default for AccessCache {
    fn default() -> Self {
        AccessCache::new(Duration::from_secs(2))
    }
}

impl std::fmt::Debug for AccessCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AccessCache(ttl {:?})", self.ttl)
    }
}

impl AccessCache {
    pub fn new(ttl: Duration) -> Self {
        AccessCache {
            ttl,
            entries: Arc::new(quick_cache::sync::Cache::new(MAX_ENTRIES)),
        }
    }

    pub fn get(&self, key: &AccessKey) -> Option<Decision> {
        if self.ttl.is_zero() {
            return None;
        }
        let entry = self.entries.get(key)?;
        (entry.generation == bizd_store::access_generation()
            && entry.stored_at.elapsed() < self.ttl)
            .then_some(entry.decision)
    }

    /// Remembers a decision the database gave while the access generation was `generation`
    /// (read before the queries, so a write that raced them makes the entry stale at once).
    pub fn put(&self, key: AccessKey, generation: u64, decision: Decision) {
        if self.ttl.is_zero() {
            return;
        }
        self.entries.insert(
            key,
            Entry {
                generation,
                stored_at: Instant::now(),
                decision,
            },
        );
    }
}
