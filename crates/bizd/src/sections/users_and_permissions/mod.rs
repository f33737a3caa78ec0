//! Users & Permissions (`../shared/reference/altegio-b2b-v1/INDEX.md` "Users & Permissions";
//! the full reference's "Company-users", "User: Get a list of rights", "Create and Send an
//! Invitation"): a location's users, their roles and permission values, invitations.
//!
//! Quirks: the permission tree is `bizd_domain::permissions` — one node per declared
//! permission (`<slug>_access`) and two limits (`timetable_master_id`,
//! `client_history_last_days_count`); every operation's declared permission is checked against
//! the membership's role defaults with the user's values on top. Nobody gives more than they
//! hold; the owner's membership is never changed over the API. An invited user is a pending
//! membership (`is_approved` false) until `POST /user/invitations/accept` (bizd's own) or
//! `bizd admin accept-invite`. All operations need the `users` permission except
//! `GET /user/permissions/{location_id}` (one's own rights: membership).

mod accept_invitation;
mod copy_user_to_locations;
mod deprecated_get_location_users;
mod get_location_users;
mod get_permission_list;
mod get_user_permissions;
mod get_user_roles;
mod invite_users;
pub mod json;
mod list_roles;
mod remove_user_from_location;
mod remove_user_from_locations;
pub mod rules;
mod update_user_permissions;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_location_users::get_location_users))
        .routes(routes!(
            remove_user_from_location::remove_user_from_location
        ))
        .routes(routes!(get_permission_list::get_permission_list))
        .routes(routes!(list_roles::list_roles))
        .routes(routes!(get_user_roles::get_user_roles))
        .routes(routes!(
            get_user_permissions::get_user_permissions,
            update_user_permissions::update_user_permissions
        ))
        .routes(routes!(invite_users::invite_users))
        .routes(routes!(accept_invitation::accept_invitation))
        .routes(routes!(copy_user_to_locations::copy_user_to_locations))
        .routes(routes!(
            remove_user_from_locations::remove_user_from_locations
        ))
        .routes(routes!(
            deprecated_get_location_users::deprecated_get_location_users
        ))
}
