//! Clients: `../shared/reference/altegio-b2b-v1/clients/` and the full reference's Clients tag.
//!
//! Quirks: phones are stored as digits and sent back as numbers (as in the examples); `patronymic`
//! / `sex_id` are accepted and sent beside `middle_name` / `gender_id`; tags arrive as `categories`
//! or `labels`. The modern search pages with `page`/`page_size` (≤ 200, more is a 422), the
//! deprecated list with `page`/`count`. Deletion is soft: gone from every list and search.
//! Every operation needs the clients permission. Uploads are `multipart/form-data` at `POST /company/{location_id}/clients/files/{client_id}`
//! (not in the reference), and a file's `link` downloads it.

mod bulk_create_clients;
mod create_client;
mod create_client_comment;
mod delete_client;
mod delete_client_comment;
mod delete_client_file;
mod deprecated_get_client_list;
mod download_client_file;
mod get_client;
mod get_client_file_list;
mod get_client_list;
pub mod json;
mod list_client_comments;
pub mod rules;
mod search_client_visits;
mod update_client;
mod upload_client_file;

use axum::extract::DefaultBodyLimit;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

/// Body limit of the bulk endpoint: 100,000 clients of about 300 bytes each.
const BULK_BODY_LIMIT: usize = 64 * 1024 * 1024;

pub fn routes() -> OpenApiRouter<AppState> {
    let bulk = OpenApiRouter::new()
        .routes(routes!(bulk_create_clients::bulk_create_clients))
        .layer(DefaultBodyLimit::max(BULK_BODY_LIMIT));
    let upload = OpenApiRouter::new()
        .routes(routes!(
            get_client_file_list::get_client_file_list,
            upload_client_file::upload_client_file
        ))
        .layer(DefaultBodyLimit::max(rules::MAX_FILE_BYTES + 64 * 1024));
    OpenApiRouter::new()
        .routes(routes!(
            create_client::create_client,
            deprecated_get_client_list::deprecated_get_client_list
        ))
        .routes(routes!(get_client_list::get_client_list))
        .routes(routes!(search_client_visits::search_client_visits))
        .routes(routes!(
            get_client::get_client,
            update_client::update_client,
            delete_client::delete_client
        ))
        .routes(routes!(
            list_client_comments::list_client_comments,
            create_client_comment::create_client_comment
        ))
        .routes(routes!(delete_client_comment::delete_client_comment))
        .routes(routes!(
            delete_client_file::delete_client_file,
            download_client_file::download_client_file
        ))
        .merge(bulk)
        .merge(upload)
}
