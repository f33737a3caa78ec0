//! Wire types of the Authentication B2B section.

use bizd_store::auth::User;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::http::wire::Text;

#[derive(Debug, Deserialize, ToSchema)]
pub struct AuthorizeBody {
    /// Phone number (`+13155550175`) or e-mail address.
    pub login: Option<Text>,
    pub password: Option<Text>,
}

/// The signed-in user with the new user token, as `POST /auth` answers it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorizedUser {
    pub id: i64,
    pub user_token: String,
    pub name: String,
    pub phone: String,
    pub login: String,
    pub email: String,
    pub avatar: String,
    pub is_approved: bool,
    pub is_email_confirmed: bool,
}

impl AuthorizedUser {
    /// The user's answer, carrying the token just issued (the only time it is shown).
    pub fn new(user: User, user_token: String) -> Self {
        AuthorizedUser {
            id: user.id,
            user_token,
            name: user.name,
            phone: user.phone,
            login: user.login,
            email: user.email,
            avatar: user.avatar,
            is_approved: user.is_approved,
            is_email_confirmed: user.is_email_confirmed,
        }
    }
}
