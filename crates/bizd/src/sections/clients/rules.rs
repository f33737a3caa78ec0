//! Rules shared by the client operations: tags must belong to the location, a phone must not be
//! empty on update; and where uploaded files live and how their names are made safe.

use std::path::{Path, PathBuf};

use bizd_domain::client::{ClientChanges, ClientFields};
use bizd_store::Conn;

use crate::http::ApiError;

/// Applies the changes to `base` and checks the tag ids against the location (inside the
/// operation's transaction, so a tag deleted meanwhile cannot slip in).
pub async fn resolve(
    c: &mut Conn<'_>,
    location_id: i64,
    changes: ClientChanges,
    base: ClientFields,
    creating: bool,
) -> Result<ClientFields, ApiError> {
    if !creating
        && changes
            .phone
            .as_deref()
            .is_some_and(|p| p.trim().is_empty())
    {
        return Err(ApiError::field(
            "phone",
            "Customer phone number cannot be empty.",
        ));
    }
    let fields = changes.apply(base, creating)?;
    let unknown = bizd_store::clients::unknown_tags(c, location_id, &fields.tag_ids).await?;
    if !unknown.is_empty() {
        let list = unknown
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        return Err(ApiError::field(
            "categories",
            format!("Unknown client tag id(s) in this location: {list}."),
        ));
    }
    Ok(fields)
}

/// A live client of the location, or 404.
pub async fn existing_client(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> Result<bizd_domain::client::Client, ApiError> {
    bizd_store::clients::get(c, location_id, id)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// Largest accepted upload.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Most live files one client may have.
pub const MAX_FILES_PER_CLIENT: usize = 100;

/// A file name safe to store and to send back: no directories, no control or shell characters.
pub fn sanitize_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ' | '(' | ')') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let trimmed = cleaned
        .trim()
        .trim_start_matches('.')
        .chars()
        .take(200)
        .collect::<String>();
    if trimmed.is_empty() {
        "file".to_owned()
    } else {
        trimmed
    }
}

/// Lower-case extension of a sanitized name (`""` when none).
pub fn extension(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && ext.len() <= 10
                && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            ext.to_ascii_lowercase()
        }
        _ => String::new(),
    }
}

/// The MIME type the client declared if plausible, else a guess from the extension.
pub fn mime(declared: Option<&str>, ext: &str) -> String {
    if let Some(d) = declared.map(str::trim).filter(|d| {
        d.len() <= 100
            && d.contains('/')
            && d.chars()
                .all(|c| c.is_ascii_alphanumeric() || "/.+-".contains(c))
    }) {
        return d.to_ascii_lowercase();
    }
    match ext {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
    .to_owned()
}

/// Where a new upload goes: under the data directory, in a name chosen by us.
pub fn new_storage_path(location_id: i64) -> String {
    format!(
        "client-files/{location_id}/{}",
        crate::security::new_token()
    )
}

/// The absolute path of a stored file; refuses anything that would leave the data directory.
pub fn file_path(data_dir: &Path, storage_path: &str) -> Option<PathBuf> {
    let relative = Path::new(storage_path);
    if relative.is_absolute()
        || relative
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return None;
    }
    Some(data_dir.join(relative))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_safe() {
        assert_eq!(sanitize_name("../../etc/passwd"), "passwd");
        assert_eq!(sanitize_name("C:\\Users\\me\\scan 1.PDF"), "scan 1.PDF");
        assert_eq!(sanitize_name("..hidden"), "hidden");
        assert_eq!(sanitize_name("a;rm -rf$.txt"), "a_rm -rf_.txt");
        assert_eq!(sanitize_name(""), "file");
        assert_eq!(extension("scan 1.PDF"), "pdf");
        assert_eq!(extension("noext"), "");
        assert_eq!(mime(None, "pdf"), "application/pdf");
        assert_eq!(mime(Some("text/html; charset=utf-8"), "txt"), "text/plain");
        assert!(file_path(Path::new("/data"), "../x").is_none());
        assert!(file_path(Path::new("/data"), "/etc/passwd").is_none());
        assert_eq!(
            file_path(Path::new("/data"), "client-files/1/ab").unwrap(),
            Path::new("/data/client-files/1/ab")
        );
    }
}
