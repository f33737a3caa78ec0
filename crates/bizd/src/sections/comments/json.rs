//! Wire types of the reviews ("comments"): the path, the list's query, the body of a new
//! review and the comment object.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::wire::{Int, Text};
use crate::http::PageRules;

/// `/comments/{location_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct LocationPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
}

/// `/comments/{location_id}/{team_member_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TeamMemberPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Team member ID (the reference's `staff_id`)
    #[param(value_type = i64)]
    pub team_member_id: Int,
}

/// Paging of the review list: `count` 20 by default, at most 200.
pub struct ReviewPages;

impl PageRules for ReviewPages {
    const DEFAULT: i64 = 20;
    const MAX: i64 = 200;
}

/// Filters of `GET /comments/{location_id}` (besides `page` and `count`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ReviewListQuery {
    /// Reviews left on or after this local date, `YYYY-MM-DD`
    #[param(value_type = Option<String>)]
    pub start_date: Option<Text>,
    /// Reviews left on or before this local date (inclusive), `YYYY-MM-DD`
    #[param(value_type = Option<String>)]
    pub end_date: Option<Text>,
    /// Only the reviews of this team member (aliases `team_member_id`, `master_id`)
    #[serde(alias = "team_member_id", alias = "master_id")]
    #[param(value_type = Option<i64>)]
    pub staff_id: Option<Int>,
    /// Only the reviews with this rating, 1–5
    #[param(value_type = Option<i64>)]
    pub rating: Option<Int>,
}

/// Body of `POST /comments/{location_id}/{team_member_id}`.
// No `#[serde(default)]`: absent `Option` fields are `None` anyway, and with it utoipa would
// document a `null` default for the required fields, which the schema's types refuse.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReviewBody {
    /// Rating from 1 to 5 (required; alias `rating`)
    #[serde(alias = "rating")]
    #[schema(value_type = i64, minimum = 1, maximum = 5)]
    pub mark: Option<Int>,
    /// Feedback text (required, at most 10,000 characters)
    #[schema(value_type = String)]
    pub text: Option<Text>,
    /// Name shown with the review (at most 255 characters; default: the signed-in user's name)
    #[schema(value_type = Option<String>)]
    pub name: Option<Text>,
}

/// A review (the reference's comment object).
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewDto {
    /// Comment ID
    pub id: i64,
    /// Location ID
    pub salon_id: i64,
    /// 1: a review of a team member; 0: of the location
    #[serde(rename = "type")]
    pub kind: i64,
    /// Team member ID (0 when `type` is 0)
    pub master_id: i64,
    /// Comment text
    pub text: String,
    /// When the review was left, ISO 8601 with milliseconds and the location's offset
    /// (`2025-09-21T23:00:00.000+03:00`)
    pub date: String,
    /// Rating, 1–5
    pub rating: i64,
    /// The user who left the review (0 when unknown)
    pub user_id: i64,
    /// The name shown with the review
    pub username: String,
    /// The same name, as the reference's samples spell it
    pub user_name: String,
    /// The author's avatar (`""` when none)
    pub user_avatar: String,
    /// The appointment a review request was sent for; 0 otherwise
    pub record_id: i64,
}
