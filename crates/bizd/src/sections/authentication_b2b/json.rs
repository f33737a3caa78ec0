//! Wire types of the Authentication B2B section.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::http::wire::Text;

#[derive(Debug, Deserialize, ToSchema)]
pub struct AuthorizeBody {
    /// Phone number (`+13155550175`) or e-mail address.
    pub login: Option<Text>,
    pub password: Option<Text>,
}

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
