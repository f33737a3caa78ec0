//! The rules of user management: who may give what to whom, and invitations.
//!
//! Nobody grants more than they hold ([`Grants::set`]); a role is given only by someone who
//! holds every permission it grants by default; the owner's membership is never changed or
//! removed over the API; an invitation's token is 160 random bits, stored as a digest, valid
//! for [`INVITATION_DAYS`] and used once.

use bizd_domain::access::{Permission, Role};
use bizd_domain::permissions::{Grants, PermissionValues, Refusal, Value as PermValue};
use bizd_domain::validation::FieldErrors;
use bizd_store::auth::User;
use bizd_store::users::Member;
use bizd_store::Conn;
use serde_json::Value;

use super::json::PermissionValueBody;
use crate::http::access::stored_grants;
use crate::http::wire::Text;
use crate::http::ApiError;
use crate::security::{hash_password_blocking, token_hash, verify_password_blocking};

/// How long an invitation may be accepted.
pub const INVITATION_DAYS: i64 = 7;

/// A member's grants, from the stored role and values.
pub fn grants_of(m: &Member) -> Result<Grants, ApiError> {
    stored_grants(&m.role, &m.permissions)
}

/// The stored form of permission values.
pub fn encode(values: &PermissionValues) -> String {
    serde_json::to_string(values).unwrap_or_else(|_| "{}".into())
}

/// A member of the location (accepted or invited), or 404.
pub async fn member(c: &mut Conn<'_>, location_id: i64, user_id: i64) -> Result<Member, ApiError> {
    bizd_store::users::member(c, location_id, user_id)
        .await?
        .ok_or_else(|| ApiError::NotFound("User not found.".into()))
}

/// `user_role` as sent: the reference's slugs (`worker` …), bizd's stored names too.
pub fn parse_role(errors: &mut FieldErrors, field: &str, role: Option<&Text>) -> Option<Role> {
    let text = role?.0.trim();
    match text.parse::<Role>() {
        Ok(r) => Some(r),
        Err(_) => {
            errors.add(
                field,
                "The user_role must be one of worker, administrator, accountant, manager, owner.",
            );
            None
        }
    }
}

/// Whether `actor` may give `role`: only a role whose defaults it holds; the owner's only by
/// the owner.
pub fn may_give_role(actor: &Grants, role: Role) -> bool {
    if role == Role::Owner {
        return actor.role == Role::Owner;
    }
    Permission::ALL
        .into_iter()
        .filter(|p| p.is_adjustable())
        .all(|p| !role.grants(p) || actor.grants(p))
}

/// A sent value: a flag (`true`, `false`, `"true"`), or a number (`7`, `7.0`, `"7"`).
fn value_of(v: &Value) -> Option<PermValue> {
    match v {
        Value::Bool(b) => Some(PermValue::Flag(*b)),
        Value::Number(n) => crate::http::wire::parse_int(&n.to_string()).map(PermValue::Number),
        Value::String(s) => match s.trim() {
            "true" => Some(PermValue::Flag(true)),
            "false" => Some(PermValue::Flag(false)),
            t => t.parse::<i64>().ok().map(PermValue::Number),
        },
        _ => None,
    }
}

/// Applies sent values to `target` on behalf of `actor`: field errors for unknown slugs and
/// bad values, 403 `permission_denied` for a value the actor may not give.
pub fn apply_values(
    target: &mut Grants,
    actor: &Grants,
    values: &[PermissionValueBody],
    field: &str,
) -> Result<(), ApiError> {
    let mut errors = FieldErrors::new();
    let mut denied = None;
    for (i, v) in values.iter().enumerate() {
        let slug = v.slug.as_ref().map(|s| s.0.trim()).unwrap_or_default();
        if slug.is_empty() {
            errors.add(format!("{field}.{i}.slug"), "The slug field is required.");
            continue;
        }
        let Some(value) = v.value.as_ref().and_then(value_of) else {
            errors.add(
                format!("{field}.{i}.value"),
                "The value must be true, false or a whole number.",
            );
            continue;
        };
        match target.set(actor, slug, value) {
            Ok(()) => {}
            Err(Refusal::Unknown) => {
                errors.add(format!("{field}.{i}.slug"), "Unknown permission.");
            }
            Err(Refusal::Invalid(why)) => {
                errors.add(format!("{field}.{i}.value"), format!("The value {why}."));
            }
            Err(Refusal::NotEditable(p)) => {
                denied.get_or_insert(p);
            }
        }
    }
    errors.into_result()?;
    match denied {
        Some(p) => Err(ApiError::PermissionDenied(p)),
        None => Ok(()),
    }
}

/// A team member id sent as `staff_id`: 0 or absent for none; else a live team member of the
/// location, or a field error.
pub async fn team_member(
    c: &mut Conn<'_>,
    location_id: i64,
    staff_id: Option<i64>,
    field: &str,
) -> Result<Option<i64>, ApiError> {
    match staff_id {
        None | Some(0) => Ok(None),
        Some(id) => match bizd_store::team_members::get(c, location_id, id).await? {
            Some(_) => Ok(Some(id)),
            None => Err(ApiError::field(field, "The team member does not exist.")),
        },
    }
}

/// 422 `owner_not_editable`: the owner's membership stays as it is.
pub fn refuse_owner(m: &Member) -> Result<(), ApiError> {
    if m.role == Role::Owner.as_str() {
        return Err(ApiError::Unprocessable {
            code: "owner_not_editable",
            message: "The owner of the location cannot be changed or removed.".into(),
        });
    }
    Ok(())
}

/// What accepting an invitation needs: the token, a password (the account's own, or its first
/// one) and, optionally, a name for a new account.
pub struct Acceptance {
    pub token: String,
    pub password: Option<String>,
    pub name: Option<String>,
}

/// An open invitation behind a token digest and its user (unknown, used or expired: 404).
async fn open_invitation(
    c: &mut Conn<'_>,
    digest: &str,
    now: i64,
) -> Result<(bizd_store::users::Invitation, User), ApiError> {
    let gone = || ApiError::NotFound("Invitation not found or expired.".into());
    let invitation = bizd_store::users::invitation_by_token(c, digest)
        .await?
        .filter(|i| i.accepted_at.is_none() && i.expires_at > now)
        .ok_or_else(gone)?;
    let user = bizd_store::auth::user_by_id(c, invitation.user_id)
        .await?
        .ok_or_else(gone)?;
    Ok((invitation, user))
}

/// Accepts an invitation: checks the token (unknown, used or expired: 404), sets the first
/// password of an account without one (or checks the account's password: 401), and approves
/// the membership, in one write transaction. The password is hashed or checked before it,
/// from a read: argon2 takes tens of milliseconds, and on SQLite a write transaction holds the
/// one write lock. The invited user.
pub async fn accept(
    db: &bizd_store::Db,
    acceptance: &Acceptance,
    now: i64,
) -> Result<User, ApiError> {
    let digest = token_hash(acceptance.token.trim());
    let (_, user) = open_invitation(&mut db.read().await?, &digest, now).await?;
    let password = acceptance.password.clone().unwrap_or_default();
    let first_password = if user.password_hash.is_empty() {
        if password.chars().count() < 6 {
            return Err(ApiError::field(
                "password",
                "A password of at least 6 characters is required.",
            ));
        }
        Some(hash_password_blocking(password).await)
    } else {
        if !verify_password_blocking(password, user.password_hash.clone()).await {
            return Err(ApiError::InvalidCredentials);
        }
        None
    };

    let mut tx = db.write().await?;
    let (invitation, current) = open_invitation(&mut tx, &digest, now).await?;
    // The password checked above must still be the account's.
    if current.password_hash != user.password_hash {
        return Err(ApiError::Conflict(
            "The account changed meanwhile; try again.".into(),
        ));
    }
    if let Some(hash) = first_password {
        bizd_store::auth::set_user_password(&mut tx, user.id, &hash, now).await?;
    }
    if let Some(name) = acceptance.name.as_deref().filter(|n| !n.trim().is_empty()) {
        if current.name.is_empty() {
            bizd_store::auth::update_user_profile(
                &mut tx,
                user.id,
                name.trim(),
                &current.email,
                &current.phone,
                now,
            )
            .await?;
        }
    }
    let gone = || ApiError::NotFound("Invitation not found or expired.".into());
    if !bizd_store::users::accept_invitation(&mut tx, &invitation, now).await? {
        return Err(gone());
    }
    let user = bizd_store::auth::user_by_id(&mut tx, user.id)
        .await?
        .ok_or_else(gone)?;
    tx.commit().await?;
    Ok(user)
}

/// The acting user's grants in another location: `Err` with the per-location refusal (404 for
/// an unknown location, 403 for one they do not manage users of).
pub async fn manager_in(
    c: &mut Conn<'_>,
    location_id: i64,
    user_id: i64,
) -> Result<Result<Grants, crate::http::BookingIssue>, ApiError> {
    let issue = |code: u16, message: &str| crate::http::BookingIssue {
        code,
        message: message.into(),
        id: Some(location_id),
    };
    let Some((location, membership)) =
        bizd_store::locations::get_with_role(c, location_id, Some(user_id)).await?
    else {
        return Ok(Err(issue(404, "Location not found.")));
    };
    if location.deleted_at.is_some() {
        return Ok(Err(issue(404, "Location not found.")));
    }
    let Some(m) = membership else {
        return Ok(Err(issue(403, "Access denied.")));
    };
    let grants = stored_grants(&m.role, &m.permissions)?;
    if !grants.grants(Permission::Users) {
        return Ok(Err(issue(
            403,
            "Your role does not grant the users permission needed here.",
        )));
    }
    Ok(Ok(grants))
}

/// The company ids of `user_company_links`, or field errors.
pub fn company_ids(
    links: Option<&Vec<super::json::CompanyLinkBody>>,
) -> Result<Vec<i64>, ApiError> {
    let links = links.map(Vec::as_slice).unwrap_or_default();
    let mut errors = FieldErrors::new();
    if links.is_empty() {
        errors.add(
            "user_company_links",
            "The user_company_links field is required.",
        );
    }
    let mut ids = Vec::new();
    for (i, l) in links.iter().enumerate() {
        match l.company_id {
            Some(id) if id.0 > 0 && !ids.contains(&id.0) => ids.push(id.0),
            Some(id) if id.0 > 0 => errors.add(
                format!("user_company_links.{i}.company_id"),
                "The locations must be distinct.",
            ),
            _ => errors.add(
                format!("user_company_links.{i}.company_id"),
                "The company_id field is required.",
            ),
        }
    }
    errors.into_result()?;
    Ok(ids)
}

/// The answer when some locations were refused: 422, `meta.errors[{code, message, id}]` with
/// the location's id (the others were done).
pub fn refused(issues: Vec<crate::http::BookingIssue>) -> Result<(), ApiError> {
    if issues.is_empty() {
        return Ok(());
    }
    Err(ApiError::Booking {
        status: axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        code: "locations_refused",
        errors: issues,
    })
}

/// The start of `copy_to_companies` and `remove_from_companies`: the path's member (404 before
/// the body is judged), the listed location ids (422), then a write transaction holding the
/// locks of every named location and the path's, and the member as read under them.
pub async fn begin_links<'a>(
    db: &'a bizd_store::Db,
    location_id: i64,
    user_id: i64,
    links: Option<&Vec<super::json::CompanyLinkBody>>,
) -> Result<(Conn<'a>, Vec<i64>, Member), ApiError> {
    member(&mut db.read().await?, location_id, user_id).await?;
    let ids = company_ids(links)?;
    let mut tx = db.write().await?;
    let mut locks: Vec<bizd_store::Lock> = ids
        .iter()
        .map(|&id| bizd_store::Lock::Location(id))
        .collect();
    locks.push(bizd_store::Lock::Location(location_id));
    tx.lock(&locks).await?;
    let member = member(&mut tx, location_id, user_id).await?;
    Ok((tx, ids, member))
}
