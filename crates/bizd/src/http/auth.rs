//! Authentication and the path's scope, decided in one place.
//!
//! [`authenticate`] runs on every `/api/v1` route: it checks the partner token (every endpoint
//! needs one), the optional user token, and — for a route whose path has `{location_id}` or
//! `{chain_id}` — that the location or chain exists (404) and that the user, when one is signed
//! in, is a member of it (403). What each operation needs beyond that is declared by the access
//! extractor in its signature ([`super::access`]), which reads this middleware's result.

use std::sync::Arc;

use axum::extract::{FromRequestParts, MatchedPath, RawPathParams, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bizd_domain::access::Role;
use bizd_domain::location::Location;
use bizd_domain::permissions::Grants;
use bizd_store::auth::User;

use super::access::AccessProbe;
use super::access_cache::{AccessKey, Decision, ScopeKey};
use super::ApiError;
use crate::app::AppState;
use crate::security::token_hash;

/// The authenticated caller.
#[derive(Clone, Debug)]
pub struct Caller {
    pub partner_id: i64,
    pub user: Option<User>,
}

/// The location named in the path, after the membership check.
#[derive(Clone, Debug)]
pub struct LocationContext {
    pub location: Arc<Location>,
    /// The signed-in user's role and permission values there; `None` for partner-only calls
    /// and for a signed-in user who is not a member.
    pub grants: Option<Grants>,
}

/// The chain named in the path, after the membership check.
#[derive(Clone, Debug)]
pub struct ChainContext {
    pub id: i64,
    pub title: String,
    /// The signed-in user's strongest role in the chain's locations; `None` for partner-only calls.
    pub role: Option<Role>,
}

/// The scope of the path, resolved.
#[derive(Clone, Debug)]
pub enum ScopeContext {
    Location(Arc<LocationContext>),
    Chain(ChainContext),
}

/// The header that asks for an operation's declared access instead of running it (honoured only
/// when [`crate::app::Settings::access_probe`] is on: the route-table test).
pub const ACCESS_PROBE_HEADER: &str = "x-bizd-access-probe";

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
    if state.settings.access_probe && req.headers().contains_key(ACCESS_PROBE_HEADER) {
        req.extensions_mut().insert(AccessProbe);
        return next.run(req).await;
    }
    match check(&state, &mut req).await {
        // Idempotency runs here rather than as a layer of its own: it needs the caller, and
        // every layer costs each request a clone of the service stack below it.
        Ok(()) => super::idempotency::idempotency(State(state), req, next).await,
        Err(e) => e.into_response(),
    }
}

/// A path parameter as the route names it: `None` when the route has no such parameter,
/// `Some(None)` when it has one that cannot be an id.
type ScopeParam = Option<(ScopeName, Option<i64>)>;

#[derive(Clone, Copy)]
enum ScopeName {
    Location,
    Chain,
    /// `{visit_id}` without `{location_id}`: the visit's location decides.
    Visit,
    /// `{document_id}` without `{location_id}`: the sale document's location decides.
    Document,
}

async fn check(state: &AppState, req: &mut Request) -> Result<(), ApiError> {
    let (partner, user_token) = parse_authorization(req.headers());
    let partner_hash = token_hash(&partner.ok_or(ApiError::Unauthorized)?);
    let user_hash = user_token.as_deref().map(token_hash);

    let (mut parts, body) =
        std::mem::replace(req, Request::new(axum::body::Body::empty())).into_parts();
    let param = scope_param(&mut parts).await;
    *req = Request::from_parts(parts, body);

    // An id that cannot be one is looked up as 0, which names nothing: 404, after the tokens
    // were checked (a bad token is a 401 whatever the path).
    let scope = match param {
        None => ScopeKey::None,
        Some((ScopeName::Location, id)) => ScopeKey::Location(id.unwrap_or(0)),
        Some((ScopeName::Chain, id)) => ScopeKey::Chain(id.unwrap_or(0)),
        Some((ScopeName::Visit, id)) => ScopeKey::Visit(id.unwrap_or(0)),
        Some((ScopeName::Document, id)) => ScopeKey::Document(id.unwrap_or(0)),
    };
    let key = AccessKey {
        partner_hash,
        user_hash,
        scope,
    };
    let cache = &state.settings.access_cache;
    let decision = match cache.get(&key) {
        Some(hit) => hit,
        None => {
            let generation = bizd_store::access_generation();
            let decision = decide(state, &key).await?;
            cache.put(key, generation, decision.clone());
            decision
        }
    };
    match decision.scope {
        Some(ScopeContext::Location(l)) => {
            req.extensions_mut().insert(l);
        }
        Some(ScopeContext::Chain(c)) => {
            req.extensions_mut().insert(c);
        }
        None => {}
    }
    req.extensions_mut().insert(decision.caller);
    Ok(())
}

/// The database's answer: who calls, and their membership of the path's location or chain.
async fn decide(state: &AppState, key: &AccessKey) -> Result<Decision, ApiError> {
    let mut c = state.db.read().await?;
    let (partner_id, user) =
        bizd_store::auth::authenticate(&mut c, &key.partner_hash, key.user_hash.as_deref()).await?;
    let partner_id = partner_id.ok_or(ApiError::Unauthorized)?;
    if key.user_hash.is_some() && user.is_none() {
        return Err(ApiError::Unauthorized);
    }
    let user_id = user.as_ref().map(|u| u.id);
    let scope = match key.scope {
        ScopeKey::None => None,
        ScopeKey::Location(id) => Some(location_scope(&mut c, id, user_id).await?),
        // A visit is looked up for a signed-in user only: without one the operation answers 401
        // and says nothing of the visit's existence.
        ScopeKey::Visit(_) | ScopeKey::Document(_) if user_id.is_none() => None,
        ScopeKey::Visit(id) => {
            let location_id = bizd_store::appointments::visits::location_of(&mut c, id)
                .await?
                .ok_or_else(|| ApiError::NotFound("Visit not found.".into()))?;
            Some(location_scope(&mut c, location_id, user_id).await?)
        }
        ScopeKey::Document(id) => {
            let location_id = bizd_store::sales::location_of(&mut c, id)
                .await?
                .ok_or_else(|| ApiError::NotFound("Document not found.".into()))?;
            Some(location_scope(&mut c, location_id, user_id).await?)
        }
        ScopeKey::Chain(id) => {
            let title = bizd_store::locations::chain_title(&mut c, id)
                .await?
                .ok_or_else(|| ApiError::NotFound("Chain not found.".into()))?;
            let roles = match user_id {
                Some(user_id) => bizd_store::locations::roles_in_chain(&mut c, user_id, id).await?,
                None => Vec::new(),
            };
            let role = member_role(user_id, roles.into_iter())?;
            Some(ScopeContext::Chain(ChainContext { id, title, role }))
        }
    };
    Ok(Decision {
        caller: Arc::new(Caller { partner_id, user }),
        scope,
    })
}

/// The live location and the user's role there; 404 for none, 403 for a non-member.
async fn location_scope(
    c: &mut bizd_store::Conn<'_>,
    id: i64,
    user_id: Option<i64>,
) -> Result<ScopeContext, ApiError> {
    let (location, membership) = bizd_store::locations::get_with_role(c, id, user_id)
        .await?
        .filter(|(l, _)| l.deleted_at.is_none())
        .ok_or_else(ApiError::not_found)?;
    // Without a user the join finds no membership.
    let grants = membership
        .map(|m| super::access::stored_grants(&m.role, &m.permissions))
        .transpose()?;
    Ok(ScopeContext::Location(Arc::new(LocationContext {
        location: Arc::new(location),
        grants,
    })))
}

/// The strongest of the user's roles in the chain; `None` without a user or for a signed-in
/// user with none (the access extractors answer 403 for that, except the public booking
/// flow's, which booking-site users call with their own token).
fn member_role(
    user_id: Option<i64>,
    roles: impl Iterator<Item = String>,
) -> Result<Option<Role>, ApiError> {
    if user_id.is_none() {
        return Ok(None);
    }
    let roles = roles
        .map(|r| r.parse::<Role>().map_err(ApiError::Internal))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Role::strongest(roles))
}

/// The raw `{location_id}` or `{chain_id}` path parameter of the matched route, if it has one.
async fn scope_param(parts: &mut Parts) -> ScopeParam {
    let matched = parts.extensions.get::<MatchedPath>()?.as_str().to_owned();
    let (name, param) = if matched.contains("{location_id}") {
        (ScopeName::Location, "location_id")
    } else if matched.contains("{chain_id}") {
        (ScopeName::Chain, "chain_id")
    } else if matched.contains("{visit_id}") {
        (ScopeName::Visit, "visit_id")
    } else if matched.contains("{document_id}") {
        (ScopeName::Document, "document_id")
    } else {
        return None;
    };
    // A parameter that cannot be read (invalid UTF-8 once percent-decoded) names nothing: 404.
    let Ok(params) = RawPathParams::from_request_parts(parts, &()).await else {
        return Some((name, None));
    };
    let id = params
        .iter()
        .find(|(k, _)| *k == param)
        .and_then(|(_, v)| crate::http::wire::parse_int(v));
    Some((name, id))
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
