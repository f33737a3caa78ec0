//! Shared by the comment operations: rendering comments with their files and authors.

use bizd_domain::time;
use bizd_store::clients::{CommentRow, FileRow};

use super::json::{file_link, CommentDto, CommentFileDto, CommentUserDto};

pub fn render(
    c: CommentRow,
    files: &[FileRow],
    location_id: i64,
    timezone: &str,
    base: &str,
) -> CommentDto {
    let files = if c.kind == "file" {
        files
            .iter()
            .filter(|f| f.comment_id == Some(c.id))
            .map(|f| CommentFileDto {
                link: file_link(base, location_id, f.client_id, f.id),
                filename: f.name.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    CommentDto {
        id: c.id,
        create_date: time::iso8601(c.created_at, timezone),
        update_date: time::iso8601(c.updated_at, timezone),
        kind: c.kind,
        text: c.text,
        files,
        user: c.user_id.map(|id| CommentUserDto {
            id,
            name: c.user_name.unwrap_or_default(),
            avatar: c.user_avatar.unwrap_or_default(),
        }),
    }
}
