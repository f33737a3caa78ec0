//! Declared access: every operation states what it needs in its signature, with one of these
//! extractors, and the extractor enforces it — the only place where access is decided after the
//! [`super::auth`] middleware has resolved tokens and the path's location or chain.
//!
//! | extractor | needs |
//! |---|---|
//! | [`PartnerAuth`] | a partner token (a user token is optional) |
//! | [`PartnerLocation`] | a partner token and the path's location (with a user token: a member) |
//! | [`BookingLocation`] | a partner token and the path's location; any user token (public booking flow) |
//! | [`UserAuth`] | partner and user tokens |
//! | [`LocationAccess<P>`] | a signed-in member of the path's location whose role grants `P` |
//! | [`ChainAccess<P>`] | a signed-in member of the path's chain whose strongest role grants `P` |
//!
//! `P` is a marker of [`perm`] naming a [`Permission`] (or [`perm::Member`]: membership alone).
//! Which role grants what is [`Role::grants`], in the domain crate. The route-table test sends
//! every operation an access probe ([`super::auth::ACCESS_PROBE_HEADER`]) and fails for one that
//! answers without declaring its access.

use std::sync::Arc;

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use bizd_domain::access::{Permission, Permissions, Role};
use bizd_domain::location::Location;
use bizd_domain::permissions::Grants;
use bizd_store::auth::User;

use super::auth::{Caller, ChainContext, LocationContext};
use super::ApiError;

/// What an operation needs, as declared by its access extractor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Partner,
    PartnerLocation,
    BookingLocation,
    User,
    Location(Option<Permission>),
    Chain(Option<Permission>),
}

impl Access {
    /// `partner`, `partner+location`, `user`, `location`, `location:clients`, `chain:settings`, …
    pub fn describe(self) -> String {
        let scoped = |scope: &str, p: Option<Permission>| match p {
            None => scope.to_owned(),
            Some(p) => format!("{scope}:{}", p.slug()),
        };
        match self {
            Access::Partner => "partner".into(),
            Access::PartnerLocation => "partner+location".into(),
            Access::BookingLocation => "partner+location, any user".into(),
            Access::User => "user".into(),
            Access::Location(p) => scoped("location", p),
            Access::Chain(p) => scoped("chain", p),
        }
    }

    /// Whether a partner token alone is enough.
    pub fn partner_only(self) -> bool {
        matches!(
            self,
            Access::Partner | Access::PartnerLocation | Access::BookingLocation
        )
    }
}

/// Set by the middleware on an access probe: the access extractor answers with its declaration.
#[derive(Clone, Copy, Debug)]
pub struct AccessProbe;

fn probe(parts: &Parts, access: Access) -> Result<(), ApiError> {
    match parts.extensions.get::<AccessProbe>() {
        Some(_) => Err(ApiError::AccessProbe(access)),
        None => Ok(()),
    }
}

/// Permission markers for [`LocationAccess`] and [`ChainAccess`].
pub mod perm {
    use bizd_domain::access::Permission;

    pub trait Perm: Send + Sync + 'static {
        const PERMISSION: Option<Permission>;
    }

    /// Membership of the location or chain, no particular permission.
    pub struct Member;
    impl Perm for Member {
        const PERMISSION: Option<Permission> = None;
    }

    macro_rules! permission_markers {
        ($($marker:ident),* $(,)?) => {$(
            #[doc = concat!("[`Permission::", stringify!($marker), "`].")]
            pub struct $marker;
            impl Perm for $marker {
                const PERMISSION: Option<Permission> = Some(Permission::$marker);
            }
        )*};
    }

    permission_markers!(
        Settings,
        Clients,
        Users,
        Loyalty,
        LoyaltyCardsManualTransactions,
        ChainServices,
        Timetable,
        DeleteLocation,
        RecordsFinances,
        Finances,
        RecordEditFullPaid,
        Storages,
    );
}

use perm::Perm;

fn caller(parts: &Parts) -> Result<&Caller, ApiError> {
    // Absent only when a route was mounted outside the authenticated router: a bug, not a 401.
    parts
        .extensions
        .get::<Arc<Caller>>()
        .map(|c| &**c)
        .ok_or_else(|| ApiError::Internal("route without authentication layer".into()))
}

fn signed_in(parts: &Parts) -> Result<User, ApiError> {
    caller(parts)?.user.clone().ok_or(ApiError::Unauthorized)
}

fn location_context(parts: &Parts) -> Result<Arc<LocationContext>, ApiError> {
    parts
        .extensions
        .get::<Arc<LocationContext>>()
        .cloned()
        .ok_or_else(|| {
            ApiError::Internal("location access on a route without {location_id}".into())
        })
}

fn chain_context(parts: &Parts) -> Result<ChainContext, ApiError> {
    parts
        .extensions
        .get::<ChainContext>()
        .cloned()
        .ok_or_else(|| ApiError::Internal("chain access on a route without {chain_id}".into()))
}

/// A membership's grants as stored: the role's name and its permission values (JSON).
pub fn stored_grants(role: &str, values: &str) -> Result<Grants, ApiError> {
    Ok(Grants {
        role: role.parse::<Role>().map_err(ApiError::Internal)?,
        values: serde_json::from_str(values)
            .map_err(|e| ApiError::Internal(format!("permission values: {e}")))?,
    })
}

/// 403 `forbidden` without a membership, 403 `permission_denied` when it lacks the permission.
fn grant(grants: Option<Grants>, permission: Option<Permission>) -> Result<Grants, ApiError> {
    let grants = grants.ok_or(ApiError::Forbidden)?;
    match permission {
        Some(p) if !grants.grants(p) => Err(ApiError::PermissionDenied(p)),
        _ => Ok(grants),
    }
}

/// A request carrying a valid partner token (the user token is optional).
pub struct PartnerAuth(pub Caller);

impl<S: Send + Sync> FromRequestParts<S> for PartnerAuth {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        probe(parts, Access::Partner)?;
        caller(parts).cloned().map(PartnerAuth)
    }
}

/// A request carrying valid partner and user tokens.
pub struct UserAuth(pub User);

impl<S: Send + Sync> FromRequestParts<S> for UserAuth {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        probe(parts, Access::User)?;
        signed_in(parts).map(UserAuth)
    }
}

/// The path's location, for an operation a partner token alone may call. When a user token is
/// present the membership check has still been made (`role`).
pub struct PartnerLocation {
    pub location: Arc<Location>,
    pub grants: Option<Grants>,
}

impl<S: Send + Sync> FromRequestParts<S> for PartnerLocation {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        probe(parts, Access::PartnerLocation)?;
        let ctx = location_context(parts)?;
        // A user token names someone who must belong to the location.
        if ctx.grants.is_none() && caller(parts)?.user.is_some() {
            return Err(ApiError::Forbidden);
        }
        Ok(PartnerLocation {
            location: ctx.location.clone(),
            grants: ctx.grants.clone(),
        })
    }
}

/// The path's location for the public booking flow: a partner token; a user token, if sent,
/// may be anyone's (a booking-site user's own account), and is handed over.
pub struct BookingLocation {
    pub location: Arc<Location>,
    pub user: Option<User>,
}

impl<S: Send + Sync> FromRequestParts<S> for BookingLocation {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        probe(parts, Access::BookingLocation)?;
        let ctx = location_context(parts)?;
        Ok(BookingLocation {
            location: ctx.location.clone(),
            user: caller(parts)?.user.clone(),
        })
    }
}

/// The path's location, for a signed-in member whose role and permission values grant `P`.
pub struct LocationAccess<P: Perm = perm::Member> {
    pub user: User,
    pub location: Arc<Location>,
    pub grants: Grants,
    _permission: PhantomData<P>,
}

impl<P: Perm> LocationAccess<P> {
    /// Whether the membership also grants `permission` (for answers that show what the user
    /// may do; what the operation itself needs is `P`).
    pub fn can(&self, permission: Permission) -> bool {
        self.grants.grants(permission)
    }

    pub fn permissions(&self) -> Permissions {
        self.grants.permissions()
    }

    /// The team member whose calendar alone this user may see and book, when narrowed to one
    /// (the `timetable_master_id` permission value).
    pub fn only_team_member(&self) -> Option<i64> {
        self.grants.only_team_member()
    }

    /// 403 `permission_denied` (timetable) for an appointment of another team member than the
    /// one this user is narrowed to.
    pub fn check_team_member(&self, team_member_id: i64) -> Result<(), ApiError> {
        match self.only_team_member() {
            Some(own) if own != team_member_id => {
                Err(ApiError::PermissionDenied(Permission::Timetable))
            }
            _ => Ok(()),
        }
    }
}

impl<S: Send + Sync, P: Perm> FromRequestParts<S> for LocationAccess<P> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        probe(parts, Access::Location(P::PERMISSION))?;
        let user = signed_in(parts)?;
        let ctx = location_context(parts)?;
        let grants = grant(ctx.grants.clone(), P::PERMISSION)?;
        Ok(LocationAccess {
            user,
            location: ctx.location.clone(),
            grants,
            _permission: PhantomData,
        })
    }
}

/// The path's chain, for a signed-in member of one of its locations whose strongest role there
/// grants `P`.
pub struct ChainAccess<P: Perm = perm::Member> {
    pub user: User,
    pub chain_id: i64,
    pub chain_title: String,
    pub role: Role,
    _permission: PhantomData<P>,
}

impl<S: Send + Sync, P: Perm> FromRequestParts<S> for ChainAccess<P> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        probe(parts, Access::Chain(P::PERMISSION))?;
        let user = signed_in(parts)?;
        let ctx = chain_context(parts)?;
        let role = grant(ctx.role.map(Grants::of_role), P::PERMISSION)?.role;
        Ok(ChainAccess {
            user,
            chain_id: ctx.id,
            chain_title: ctx.title,
            role,
            _permission: PhantomData,
        })
    }
}
