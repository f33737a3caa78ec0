//! Comments: reviews of a location's team members, a rating 1–5 with a text
//! (`../shared/reference/altegio-b2b-v1/appointments/get_comments.md` and `leave_comment.md`:
//! the reference lists them under Appointments, the full reference under its own Comments
//! group; they live in their own module so the appointment operations stay one section).
//!
//! Quirks: the body's rating is `mark` (the reference's name; `rating`, the name of the answer's
//! field, is accepted too); `name`, which the reference marks required, defaults to the
//! signed-in user's name, since bizd knows who writes. The comment object carries the table's
//! fields with its number types (the samples show strings), plus `user_name`, the samples'
//! spelling of `username`, with the same value. `date` is ISO 8601 with `.000` milliseconds and
//! the location's offset, as the samples show. The list's `meta` is `[]` (the sample); it pages
//! with `page`/`count` (default 20, at most 200), newest first; `staff_id` may also be spelled
//! `team_member_id` or `master_id`; an unknown team member there simply matches nothing.
//! Only reviews of team members (`type` 1) can be left through the API; `type` 0 (the location
//! itself) and `record_id` (a review asked for after a visit) exist for the rows other paths
//! may write.
//!
//! Access: any member of the location reads the reviews. Leaving one needs the clients
//! permission (owner, administrator, manager): in production the author is a client with their
//! own account, but bizd has no client accounts — everyone holding a user token is the
//! location's staff, so a review posted here is a client's feedback recorded by someone who
//! manages the client base. An employee's own login (timetable only) cannot post, so nobody
//! rates themselves or a colleague. A user of another location is 403 like everywhere. The
//! write locks the team member (`Lock::TeamMember`) and recomputes its `rating`, `votes_count`
//! and `comments_count` from its reviews in the same transaction, so concurrent reviews never
//! lose a vote.

mod get_comments;
pub mod json;
mod leave_comment;
pub mod rules;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_comments::get_comments))
        .routes(routes!(leave_comment::leave_comment))
}
