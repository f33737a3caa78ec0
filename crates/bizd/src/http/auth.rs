//! Authentication and location access, decided in one place.
//!
//! [`authenticate`] runs on every `/api/v1` route: it checks the partner token (every endpoint
//! needs one), the optional user token, and — for any route whose path has `{location_id}` — that
//! the location exists (404) and that the user, when one is signed in, is a member of it (403).
//! A handler therefore cannot forget the check; the extractors below only read its result.

use axum::extract::{FromRequestParts, MatchedPath, RawPathParams, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bizd_domain::access::{Permissions, Role};
use bizd_domain::location::Location;
use bizd_store::auth::User;

use super::access_cache::{AccessKey, Decision};
use super::ApiError;
use crate::app::AppState;
use crate::security::token_hash;

/// The authenticated caller.
#[derive(Clone, Debug)]
pub struct Caller {
    pub partner_id: i64,
    pub user: Option<User>,
}

/// The location named in the path, after the access check.
#[derive(Clone, Debug)]
pub struct LocationContext {
    pub location: Location,
    /// The signed-in user's role there; `None` for partner-only calls.
    pub role: Option<Role>,
}

/// `Authorization: Bearer <partner_token>, User <user_token>` split into its two tokens.
/// The scheme names are case-insensitive and either part may come first.
pub fn parse_authorization(headers: &HeaderMap) -> (Option<String>, Option<String>) {
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return (None, None);
    };
    let (mut partner, mut user) = (None, None);
    for part in value.split(',') {
        let part = part.trim();
        let Some((scheme, token)) = part.split_once(char::is_whitespace) else {
            continue;
        };
        let token = token.trim();
        if token.is_empty() {
            continue;
        }
        if scheme.eq_ignore_ascii_case("bearer") {
            partner = Some(token.to_owned());
        } else if scheme.eq_ignore_ascii_case("user") {
            user = Some(token.to_owned());
        }
    }
    (partner, user)
}

/// The middleware described in the module doc.
pub async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    match check(&state, &mut req).await {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

async fn check(state: &AppState, req: &mut Request) -> Result<(), ApiError> {
    let (partner, user_token) = parse_authorization(req.headers());
    let partner_hash = token_hash(&partner.ok_or(ApiError::Unauthorized)?);
    let user_hash = user_token.as_deref().map(token_hash);

    let (mut parts, body) =
        std::mem::replace(req, Request::new(axum::body::Body::empty())).into_parts();
    let location_param = location_param(&mut parts).await;
    *req = Request::from_parts(parts, body);
    // `None`: the route names no location; `Some(None)`: it names one that cannot exist.
    let location_id = location_param.map(|raw| crate::http::wire::parse_int(&raw));

    let cache = &state.settings.access_cache;
    let key = AccessKey {
        partner_hash,
        user_hash,
        location_id: location_id.flatten(),
    };
    let decision = match cache.get(&key) {
        Some(hit) if location_id.is_none() || key.location_id.is_some() => hit,
        _ => {
            let generation = bizd_store::access_generation();
            let decision = decide(state, &key, location_id).await?;
            cache.put(key, generation, decision.clone());
            decision
        }
    };
    if let Some(location) = decision.location {
        req.extensions_mut().insert(location);
    }
    req.extensions_mut().insert(decision.caller);
    Ok(())
}

/// The database's answer: who calls, and their access to the path's location.
async fn decide(
    state: &AppState,
    key: &AccessKey,
    location_id: Option<Option<i64>>,
) -> Result<Decision, ApiError> {
    let (partner_id, user) = state
        .db
        .authenticate(&key.partner_hash, key.user_hash.as_deref())
        .await?;
    let partner_id = partner_id.ok_or(ApiError::Unauthorized)?;
    if key.user_hash.is_some() && user.is_none() {
        return Err(ApiError::Unauthorized);
    }
    let location = match location_id {
        None => None,
        Some(id) => {
            let (location, role) = match id {
                Some(id) => {
                    state
                        .db
                        .location_with_role(id, user.as_ref().map(|u| u.id))
                        .await?
                }
                None => None,
            }
            .filter(|(l, _)| l.deleted_at.is_none())
            .ok_or_else(ApiError::not_found)?;
            let role = match (&user, role) {
                (Some(_), Some(role)) => Some(role.parse::<Role>().map_err(ApiError::Internal)?),
                (Some(_), None) => return Err(ApiError::Forbidden),
                (None, _) => None,
            };
            Some(LocationContext { location, role })
        }
    };
    Ok(Decision {
        caller: Caller { partner_id, user },
        location,
    })
}

/// The raw `{location_id}` path parameter of the matched route, if it has one.
async fn location_param(parts: &mut Parts) -> Option<String> {
    let matched = parts.extensions.get::<MatchedPath>()?.as_str().to_owned();
    if !matched.contains("{location_id}") {
        return None;
    }
    // A parameter that cannot be read (invalid UTF-8 once percent-decoded) names no location:
    // the empty string, which then answers 404 like any other unknown id.
    let Ok(params) = RawPathParams::from_request_parts(parts, &()).await else {
        return Some(String::new());
    };
    Some(
        params
            .iter()
            .find(|(k, _)| *k == "location_id")
            .map(|(_, v)| v.to_owned())
            .unwrap_or_default(),
    )
}

fn caller(parts: &Parts) -> Result<&Caller, ApiError> {
    // Absent only when a route was mounted outside the authenticated router: a bug, not a 401.
    parts
        .extensions
        .get::<Caller>()
        .ok_or_else(|| ApiError::Internal("route without authentication layer".into()))
}

/// A request carrying a valid partner token (the user token is optional).
pub struct PartnerAuth(pub Caller);

impl<S: Send + Sync> FromRequestParts<S> for PartnerAuth {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        caller(parts).cloned().map(PartnerAuth)
    }
}

/// A request carrying valid partner and user tokens.
pub struct UserAuth(pub User);

impl<S: Send + Sync> FromRequestParts<S> for UserAuth {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        caller(parts)?
            .user
            .clone()
            .map(UserAuth)
            .ok_or(ApiError::Unauthorized)
    }
}

/// The `{location_id}` of the path, for a signed-in member of it.
pub struct LocationAccess {
    pub user: User,
    pub location: Location,
    pub role: Role,
}

impl LocationAccess {
    pub fn permissions(&self) -> Permissions {
        self.role.permissions()
    }

    /// 403 unless the role grants the permission `pick` selects.
    pub fn require(&self, pick: impl Fn(&Permissions) -> bool) -> Result<(), ApiError> {
        if pick(&self.permissions()) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

fn location_context(parts: &Parts) -> Result<LocationContext, ApiError> {
    parts
        .extensions
        .get::<LocationContext>()
        .cloned()
        .ok_or_else(|| {
            ApiError::Internal("location extractor on a route without {location_id}".into())
        })
}

impl<S: Send + Sync> FromRequestParts<S> for LocationAccess {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let UserAuth(user) = UserAuth::from_request_parts(parts, state).await?;
        let ctx = location_context(parts)?;
        let role = ctx.role.ok_or(ApiError::Forbidden)?;
        Ok(LocationAccess {
            user,
            location: ctx.location,
            role,
        })
    }
}

/// The `{location_id}` of the path for endpoints a partner token alone may call. When a user
/// token is present the membership check has still been made.
pub struct PublicLocation {
    pub location: Location,
    pub role: Option<Role>,
}

impl<S: Send + Sync> FromRequestParts<S> for PublicLocation {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ctx = location_context(parts)?;
        Ok(PublicLocation {
            location: ctx.location,
            role: ctx.role,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn parses_both_tokens_in_any_order() {
        let mut h = HeaderMap::new();
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer abc, User def"),
        );
        assert_eq!(
            parse_authorization(&h),
            (Some("abc".into()), Some("def".into()))
        );
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("user def,bearer  abc"),
        );
        assert_eq!(
            parse_authorization(&h),
            (Some("abc".into()), Some("def".into()))
        );
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer abc"),
        );
        assert_eq!(parse_authorization(&h), (Some("abc".into()), None));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic xyz"));
        assert_eq!(parse_authorization(&h), (None, None));
    }
}
