use axum::extract::State;

use super::json::AcceptBody;
use super::rules::{self, Acceptance};
use crate::app::AppState;
use crate::http::{ApiError, ApiResult, Envelope, Json, PartnerAuth};
use crate::sections::authentication_b2b::json::AuthorizedUser;
use crate::security::{new_token, token_hash};

/// Accept an invitation (bizd's own; v1 sends a link to a web page instead): the token from the
/// invitation, and the password — the first one of an account created by the invitation, or
/// the account's own. The membership is approved with the role and values set so far, and the
/// user is signed in (the answer of `POST /auth`). An unknown, used or expired token is 404; a
/// password changed while it was being checked, 409.
#[utoipa::path(
    post, path = "/user/invitations/accept", operation_id = "accept_invitation", tag = "Users & Permissions",
    request_body = AcceptBody,
    security(("BearerPartner" = [])),
    responses(
        (status = 200, body = Envelope<AuthorizedUser>),
        (status = 404, description = "Unknown, used or expired invitation (`not_found`)", body = crate::http::ErrorBody),
        (status = 409, description = "The account's password changed while it was checked (`conflict`)", body = crate::http::ErrorBody)
    )
)]
pub async fn accept_invitation(
    State(state): State<AppState>,
    _partner: PartnerAuth,
    Json(body): Json<AcceptBody>,
) -> ApiResult<Envelope<AuthorizedUser>> {
    let token = body.token.map(|t| t.0).unwrap_or_default();
    if token.trim().is_empty() {
        return Err(ApiError::field("token", "The token field is required."));
    }
    let acceptance = Acceptance {
        token,
        password: body.password.map(|p| p.0),
        name: body.name.map(|n| n.0),
    };
    let now = state.clock.now();
    let user = rules::accept(&state.db, &acceptance, now).await?;
    let user_token = new_token();
    let mut tx = state.db.write().await?;
    bizd_store::auth::insert_user_token(&mut tx, user.id, &token_hash(&user_token), now).await?;
    tx.commit().await?;
    Ok(Envelope::one(AuthorizedUser::new(user, user_token)))
}
