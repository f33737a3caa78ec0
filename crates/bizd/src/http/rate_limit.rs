//! Rate limiting per client IP and per partner token (off unless configured).
//!
//! A spec lists limits per scope: `ip=5/s,200/m;partner=1000/m` (units `s`, `m`, `h`, optionally
//! with a count: `100/10s`). `altegio` is the production API's published limit, 200 requests a
//! minute or 5 a second per IP, whichever trips first; `off` (the default) disables limiting.
//! Each limit is a GCRA bucket (the `governor` crate): `200/m` allows a burst of 200 and refills
//! one request every 300 ms. Every `/api/v1` answer of a limited server carries
//! `X-RateLimit-Limit/Remaining/Reset` (of the limit closest to tripping; `Reset` in seconds
//! until that bucket is full again); a refused request answers 429 in the envelope (`meta.code`
//! `rate_limited`) with `Retry-After` in seconds. The check runs before authentication, so a
//! flood costs no database work. IPv6 clients are keyed by their /64 network.

use std::fmt;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::DefaultClock;
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

use super::auth::parse_authorization;
use super::ApiError;
use crate::security::token_hash;

/// `count` requests per `per`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub count: u32,
    pub per: Duration,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.per.as_secs();
        let (n, unit) = match (secs % 3600, secs % 60) {
            (0, _) => (secs / 3600, "h"),
            (_, 0) => (secs / 60, "m"),
            _ => (secs, "s"),
        };
        if n == 1 {
            write!(f, "{}/{unit}", self.count)
        } else {
            write!(f, "{}/{n}{unit}", self.count)
        }
    }
}

impl FromStr for Limit {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("bad limit {s:?}: expected COUNT/UNIT, e.g. 5/s, 200/m, 100/10s");
        let (count, period) = s.trim().split_once('/').ok_or_else(bad)?;
        let count: u32 = count.trim().parse().map_err(|_| bad())?;
        let period = period.trim();
        let digits = period.chars().take_while(char::is_ascii_digit).count();
        let n: u64 = if digits == 0 {
            1
        } else {
            period[..digits].parse().map_err(|_| bad())?
        };
        let unit = match &period[digits..] {
            "s" | "sec" | "second" => 1,
            "m" | "min" | "minute" => 60,
            "h" | "hour" => 3600,
            _ => return Err(bad()),
        };
        if count == 0 || n == 0 || n > 24 {
            return Err(bad());
        }
        Ok(Limit {
            count,
            per: Duration::from_secs(n * unit),
        })
    }
}

/// Which limits apply to which key. Empty: no limiting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RateLimitSpec {
    pub ip: Vec<Limit>,
    pub partner: Vec<Limit>,
}

impl RateLimitSpec {
    /// The production API's published limit: 200 requests a minute or 5 a second per IP.
    pub fn altegio() -> Self {
        RateLimitSpec {
            ip: vec![
                Limit {
                    count: 5,
                    per: Duration::from_secs(1),
                },
                Limit {
                    count: 200,
                    per: Duration::from_secs(60),
                },
            ],
            partner: Vec::new(),
        }
    }

    pub fn is_off(&self) -> bool {
        self.ip.is_empty() && self.partner.is_empty()
    }
}

impl FromStr for RateLimitSpec {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        match s.to_ascii_lowercase().as_str() {
            "" | "off" | "none" | "0" | "false" => return Ok(RateLimitSpec::default()),
            "altegio" | "yclients" => return Ok(RateLimitSpec::altegio()),
            _ => {}
        }
        let mut spec = RateLimitSpec::default();
        for group in s.split(';').map(str::trim).filter(|g| !g.is_empty()) {
            let (scope, limits) = group.split_once('=').ok_or_else(|| {
                format!("bad rate limit {group:?}: expected ip=LIMITS or partner=LIMITS")
            })?;
            let limits = limits
                .split(',')
                .map(str::parse)
                .collect::<Result<Vec<Limit>, _>>()?;
            match scope.trim() {
                "ip" => spec.ip.extend(limits),
                "partner" => spec.partner.extend(limits),
                other => {
                    return Err(format!(
                        "unknown rate limit scope {other:?}: use ip or partner"
                    ))
                }
            }
        }
        Ok(spec)
    }
}

impl fmt::Display for RateLimitSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_off() {
            return f.write_str("off");
        }
        let join = |limits: &[Limit]| {
            limits
                .iter()
                .map(Limit::to_string)
                .collect::<Vec<_>>()
                .join(",")
        };
        let mut groups = Vec::new();
        if !self.ip.is_empty() {
            groups.push(format!("ip={}", join(&self.ip)));
        }
        if !self.partner.is_empty() {
            groups.push(format!("partner={}", join(&self.partner)));
        }
        f.write_str(&groups.join(";"))
    }
}

type Keyed<K> = RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock, StateInformationMiddleware>;

struct Bucket<K: std::hash::Hash + Eq + Clone> {
    limit: Limit,
    limiter: Keyed<K>,
}

impl<K: std::hash::Hash + Eq + Clone> Bucket<K> {
    fn new(limit: Limit) -> Self {
        let count = NonZeroU32::new(limit.count).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(limit.per / count.get())
            .unwrap_or_else(|| Quota::per_second(count))
            .allow_burst(count);
        Bucket {
            limit,
            limiter: RateLimiter::keyed(quota).with_middleware::<StateInformationMiddleware>(),
        }
    }

    /// Ok(remaining) or Err(wait).
    fn check(&self, key: &K) -> Result<u32, Duration> {
        match self.limiter.check_key(key) {
            Ok(snapshot) => Ok(snapshot.remaining_burst_capacity()),
            Err(not_until) => Err(not_until.wait_time_from(Instant::now())),
        }
    }
}

struct Inner {
    spec: RateLimitSpec,
    ip: Vec<Bucket<IpAddr>>,
    partner: Vec<Bucket<String>>,
    calls: AtomicU64,
}

/// The live limiters; clones share their state. The default is off.
#[derive(Clone, Default)]
pub struct RateLimits(Option<Arc<Inner>>);

impl fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RateLimits({})", self.spec())
    }
}

/// The outcome for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed {
        limit: u32,
        remaining: u32,
        reset: Duration,
    },
    Refused {
        limit: u32,
        wait: Duration,
    },
}

impl RateLimits {
    pub fn new(spec: &RateLimitSpec) -> Self {
        if spec.is_off() {
            return RateLimits(None);
        }
        RateLimits(Some(Arc::new(Inner {
            spec: spec.clone(),
            ip: spec.ip.iter().copied().map(Bucket::new).collect(),
            partner: spec.partner.iter().copied().map(Bucket::new).collect(),
            calls: AtomicU64::new(0),
        })))
    }

    pub fn is_on(&self) -> bool {
        self.0.is_some()
    }

    pub fn spec(&self) -> RateLimitSpec {
        self.0
            .as_ref()
            .map(|inner| inner.spec.clone())
            .unwrap_or_default()
    }

    /// Counts one request from `ip` (with `partner`, a token digest, when it sent one).
    pub fn check(&self, ip: IpAddr, partner: Option<&str>) -> Option<Decision> {
        let inner = self.0.as_ref()?;
        // Forget idle keys now and then, so the tables do not grow without bound.
        if inner.calls.fetch_add(1, Ordering::Relaxed) % 4096 == 4095 {
            inner.ip.iter().for_each(|b| b.limiter.retain_recent());
            inner.partner.iter().for_each(|b| b.limiter.retain_recent());
        }
        let ip = network_key(ip);
        let mut tightest: Option<(Limit, u32)> = None;
        let mut consider = |limit: Limit, outcome: Result<u32, Duration>| match outcome {
            Ok(remaining) => {
                if tightest.is_none_or(|(l, r)| {
                    (remaining as u64) * (l.count as u64) < (r as u64) * (limit.count as u64)
                }) {
                    tightest = Some((limit, remaining));
                }
                None
            }
            Err(wait) => Some(Decision::Refused {
                limit: limit.count,
                wait,
            }),
        };
        for bucket in &inner.ip {
            if let Some(refused) = consider(bucket.limit, bucket.check(&ip)) {
                return Some(refused);
            }
        }
        if let Some(partner) = partner {
            let key = partner.to_owned();
            for bucket in &inner.partner {
                if let Some(refused) = consider(bucket.limit, bucket.check(&key)) {
                    return Some(refused);
                }
            }
        }
        let (limit, remaining) = tightest?;
        let used = limit.count.saturating_sub(remaining);
        Some(Decision::Allowed {
            limit: limit.count,
            remaining,
            reset: limit.per / limit.count * used,
        })
    }
}

/// IPv6 hosts usually own a whole /64: key them by it, or one host could rotate addresses.
fn network_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

fn whole_seconds(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

fn set(headers: &mut HeaderMap, name: &'static str, value: u64) {
    headers.insert(HeaderName::from_static(name), HeaderValue::from(value));
}

/// The middleware: counts `/api/…` requests; answers 429 over the limit.
pub async fn limit(State(limits): State<RateLimits>, req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    // Without a socket address (only in-process tests) every request shares one key.
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    let partner = parse_authorization(req.headers()).0.map(|t| token_hash(&t));
    match limits.check(ip, partner.as_deref()) {
        None => next.run(req).await,
        Some(Decision::Allowed {
            limit,
            remaining,
            reset,
        }) => {
            let mut response = next.run(req).await;
            let headers = response.headers_mut();
            set(headers, "x-ratelimit-limit", limit.into());
            set(headers, "x-ratelimit-remaining", remaining.into());
            set(headers, "x-ratelimit-reset", whole_seconds(reset));
            response
        }
        Some(Decision::Refused { limit, wait }) => {
            let wait = whole_seconds(wait).max(1);
            let mut response = ApiError::RateLimited.into_response();
            let headers = response.headers_mut();
            set(headers, "retry-after", wait);
            set(headers, "x-ratelimit-limit", limit.into());
            set(headers, "x-ratelimit-remaining", 0);
            set(headers, "x-ratelimit-reset", wait);
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_specs() {
        assert!("off".parse::<RateLimitSpec>().unwrap().is_off());
        assert!("".parse::<RateLimitSpec>().unwrap().is_off());
        let altegio: RateLimitSpec = "altegio".parse().unwrap();
        assert_eq!(altegio.to_string(), "ip=5/s,200/m");
        let custom: RateLimitSpec = "ip=5/s, 200/m; partner=1000/m,100/10s".parse().unwrap();
        assert_eq!(custom.to_string(), "ip=5/s,200/m;partner=1000/m,100/10s");
        assert_eq!(custom.partner[1].per, Duration::from_secs(10));
        for bad in ["ip", "ip=5", "ip=0/s", "ip=5/d", "host=5/s", "ip=x/s"] {
            assert!(bad.parse::<RateLimitSpec>().is_err(), "{bad}");
        }
    }

    #[test]
    fn limits_each_key_separately() {
        let limits = RateLimits::new(&"ip=3/m;partner=5/m".parse().unwrap());
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        for remaining in [2, 1, 0] {
            match limits.check(a, None) {
                Some(Decision::Allowed {
                    limit: 3,
                    remaining: r,
                    ..
                }) => assert_eq!(r, remaining),
                other => panic!("{other:?}"),
            }
        }
        assert!(matches!(
            limits.check(a, None),
            Some(Decision::Refused { limit: 3, wait }) if wait > Duration::from_secs(10)
        ));
        assert!(matches!(
            limits.check(b, Some("p")),
            Some(Decision::Allowed { .. })
        ));
        // The same /64 is one IPv6 client.
        let v6a: IpAddr = "2001:db8::1".parse().unwrap();
        let v6b: IpAddr = "2001:db8::2".parse().unwrap();
        assert_eq!(network_key(v6a), network_key(v6b));
        assert!(RateLimits::new(&RateLimitSpec::default())
            .check(a, None)
            .is_none());
    }
}
