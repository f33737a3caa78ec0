//! Authentication B2B: `../shared/reference/altegio-b2b-v1/authentication-b2b/`.
//!
//! `POST /auth` needs the partner token only. Each successful call issues a new user token (only
//! its digest is stored, so an old one cannot be shown again); all of a user's tokens stop
//! working when the password changes.

pub mod authorize_user;
pub mod json;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(authorize_user::authorize_user))
}
