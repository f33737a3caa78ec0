//! Wire types of booking-site accounts.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::wire::{Int, Text};

/// Body of `POST /user/auth`: a phone and the code `book_code` (or the phone confirmation)
/// sent to it; `login` + `password` are accepted too, as the reference's sample shows.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct PhoneCodeBody {
    #[schema(value_type = Option<String>)]
    pub phone: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub code: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub login: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub password: Option<Text>,
}

/// The signed-in booking-site user.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookingUserDto {
    pub id: i64,
    /// The token this request was made with
    pub user_token: String,
    pub name: String,
    pub phone: String,
    pub login: String,
    pub email: String,
    pub avatar: String,
}

/// Body of `PUT /booking/user`: only the fields sent change; a new phone needs
/// `confirmation_code` (sent to the new phone by `GET /booking/user/phone_confirmation`).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct BookingUserBody {
    #[schema(value_type = Option<String>)]
    pub name: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub email: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub phone: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub confirmation_code: Option<Text>,
}

/// Body of `PUT /booking/user/password`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct BookingPasswordBody {
    /// The current password (not needed for an account that never set one)
    #[schema(value_type = Option<String>)]
    pub old_password: Option<Text>,
    /// At least 6 characters
    #[schema(value_type = Option<String>)]
    pub new_password: Option<Text>,
}

/// The new token of a password change.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewTokenDto {
    pub user_token: String,
}

/// Query of `GET /booking/user/phone_confirmation`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct PhoneConfirmationQuery {
    /// Location ID (or `group_id`)
    #[serde(alias = "location_id")]
    #[param(value_type = Option<i64>)]
    pub company_id: Option<Int>,
    /// Chain ID (or `company_id`)
    #[serde(alias = "chain_id")]
    #[param(value_type = Option<i64>)]
    pub group_id: Option<Int>,
    /// The phone the code goes to
    #[param(value_type = Option<String>)]
    pub phone: Option<Text>,
}

/// `/user/records/{record_id}/{record_hash}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct UserRecordPath {
    /// Appointment ID
    #[param(value_type = i64)]
    pub record_id: Int,
    /// The appointment's hash (any text when signed in as its booker)
    pub record_hash: String,
}
