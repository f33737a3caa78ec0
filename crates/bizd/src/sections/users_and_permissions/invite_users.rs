use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::access::Role;
use bizd_domain::permissions::Grants;
use bizd_domain::validation::FieldErrors;
use bizd_store::auth::NewUser;
use bizd_store::Lock;
use serde_json::json;

use super::json::{InvitesBody, UsersLocationPath};
use super::rules::{self, INVITATION_DAYS};
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};
use crate::security::{new_token, phone_digits, token_hash};

/// Create and send an invitation (`POST /user/invite/{location_id}`): for each invite, the
/// person named by `search` (an e-mail address or a phone) gets a pending membership with the
/// role (default `worker`), permission values and team member sent, and an invitation whose
/// token (160 random bits, stored as a digest, valid 7 days) goes out through the outbox. An
/// account is created for an unknown person, without a password: accepting the invitation sets
/// it. Answers 202 `{"meta": {"message": "Saved"}}`.
#[utoipa::path(
    post, path = "/user/invite/{location_id}", operation_id = "invite_users", tag = "Users & Permissions",
    params(UsersLocationPath),
    request_body = InvitesBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 202, body = Envelope<Option<String>>))
)]
pub async fn invite_users(
    State(state): State<AppState>,
    access: LocationAccess<perm::Users>,
    Path(_path): Path<UsersLocationPath>,
    Json(body): Json<InvitesBody>,
) -> ApiResult<Envelope<Option<String>>> {
    let location_id = access.location.id;
    let invites = body.invites.unwrap_or_default();
    let mut errors = FieldErrors::new();
    if invites.is_empty() {
        errors.add("invites", "The invites field is required.");
    }
    // Validate every invite before writing any.
    let mut planned = Vec::new();
    for (i, invite) in invites.iter().enumerate() {
        let field = |f: &str| format!("invites.{i}.{f}");
        let search = invite
            .search
            .as_ref()
            .map(|s| s.0.trim().to_owned())
            .unwrap_or_default();
        let email = search.contains('@').then(|| search.to_lowercase());
        let phone = if email.is_none() {
            phone_digits(&search)
        } else {
            None
        };
        if email.is_none() && phone.is_none() {
            errors.add(
                field("search"),
                "An e-mail address or a phone number is required.",
            );
        }
        let role = rules::parse_role(&mut errors, &field("user_role"), invite.user_role.as_ref())
            .unwrap_or(Role::Employee);
        planned.push((search, email, phone, role));
    }
    errors.into_result()?;

    let now = state.clock.now();
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Location(location_id)]).await?;
    for ((search, email, phone, role), invite) in planned.into_iter().zip(&invites) {
        if role == Role::Owner || !rules::may_give_role(&access.grants, role) {
            return Err(ApiError::PermissionDenied(
                bizd_domain::access::Permission::Users,
            ));
        }
        let mut grants = Grants::of_role(role);
        if let Some(values) = &invite.user_permissions {
            rules::apply_values(&mut grants, &access.grants, values, "user_permissions")?;
        }
        let staff = rules::team_member(
            &mut tx,
            location_id,
            invite.staff_id.map(|s| s.0),
            "staff_id",
        )
        .await?;
        let name = invite
            .name
            .as_ref()
            .map(|n| n.0.trim().to_owned())
            .unwrap_or_default();
        let user = match bizd_store::auth::user_by_login(&mut tx, &search, phone.as_deref()).await?
        {
            Some(u) => u.id,
            None => {
                let new = NewUser {
                    name: name.clone(),
                    login: email.clone().or_else(|| phone.clone()).unwrap_or_default(),
                    email: email.clone().unwrap_or_default(),
                    phone: phone.as_ref().map(|p| format!("+{p}")).unwrap_or_default(),
                    phone_digits: phone.clone(),
                    // No password until the invitation is accepted.
                    password_hash: String::new(),
                };
                bizd_store::auth::insert_user(&mut tx, &new, now).await?
            }
        };
        if let Some(m) = bizd_store::users::member(&mut tx, location_id, user).await? {
            if m.is_approved {
                return Err(ApiError::Unprocessable {
                    code: "already_member",
                    message: format!("{search} is already a user of the location."),
                });
            }
        }
        let position = invite
            .position
            .as_ref()
            .map(|p| p.0.trim().to_owned())
            .unwrap_or_default();
        bizd_store::users::put_member(
            &mut tx,
            location_id,
            user,
            role.as_str(),
            &rules::encode(&grants.values),
            &position,
            false,
            now,
        )
        .await?;
        if staff.is_some() {
            bizd_store::users::link_team_member(&mut tx, location_id, user, staff).await?;
        }
        let token = new_token();
        bizd_store::users::insert_invitation(
            &mut tx,
            location_id,
            user,
            &token_hash(&token),
            access.user.id,
            now,
            now + INVITATION_DAYS * 86_400,
        )
        .await?;
        let (channel, recipient) = match (&email, &phone) {
            (Some(e), _) => ("email", e.clone()),
            (None, Some(p)) => ("sms", format!("+{p}")),
            (None, None) => unreachable!("validated above"),
        };
        let message = format!(
            "You are invited to manage {} as {}. Accept within {INVITATION_DAYS} days: POST /api/v1/user/invitations/accept with the token {token}",
            access.location.fields.title,
            role.describe().0,
        );
        bizd_store::online_booking::codes::push(
            &mut tx,
            Some(location_id),
            channel,
            &recipient,
            &message,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Envelope::with_meta(None, json!({"message": "Saved"})).status(StatusCode::ACCEPTED))
}
