//! Wire types of the Clients section.

use bizd_domain::client::{gender_label, importance_label, Client, ClientChanges};
use bizd_domain::time::{self, TimeZone};
use bizd_store::clients::{CommentRow, FileRow};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::{IntoParams, ToSchema};

use crate::http::wire::{nullable, text, Amount, Flag, Int, Text};
use crate::http::{ApiError, PageRules};

/// `/…/{location_id}/{id}` of one client.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ClientPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Client ID
    #[param(value_type = i64)]
    pub id: Int,
}

/// `/…/{location_id}/…/{client_id}` of a client's comments or files.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ClientItemsPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Client ID
    #[param(value_type = i64)]
    pub client_id: Int,
}

/// `/…/{location_id}/clients/{client_id}/comments/{comment_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CommentPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Client ID
    #[param(value_type = i64)]
    pub client_id: Int,
    /// Comment ID
    #[param(value_type = i64)]
    pub comment_id: Int,
}

/// `/company/{location_id}/clients/files/{client_id}/{file_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct FilePath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// Client ID
    #[param(value_type = i64)]
    pub client_id: Int,
    /// File ID
    #[param(value_type = i64)]
    pub file_id: Int,
}

/// The client search (`POST …/clients/search`): `page_size` 25 by default, at most 200.
pub struct ClientSearchPages;
impl PageRules for ClientSearchPages {
    const SIZE_NAME: &'static str = "page_size";
    const DEFAULT: i64 = 25;
    const MAX: i64 = 200;
}

/// The deprecated list (`GET /clients/{location_id}`): `count` 20 by default, at most 200.
pub struct ClientListPages;
impl PageRules for ClientListPages {
    const DEFAULT: i64 = 20;
    const MAX: i64 = 200;
}

/// A client as sent to `POST /clients/{location_id}`, `PUT /client/{location_id}/{id}` and in
/// the bulk list. On update, fields not sent keep their values.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ClientBody {
    /// Required on create.
    pub name: Option<Text>,
    pub surname: Option<Text>,
    /// Also accepted as `patronymic`.
    #[serde(alias = "patronymic")]
    pub middle_name: Option<Text>,
    /// Required on create; any format with 9 to 15 digits; stored as digits.
    pub phone: Option<Text>,
    pub email: Option<Text>,
    /// 0 unknown, 1 male, 2 female (also `sex_id`).
    #[serde(alias = "sex_id")]
    pub gender_id: Option<Int>,
    /// 0 none, 1 bronze, 2 silver, 3 gold.
    pub importance_id: Option<Int>,
    /// Percent, 0–100.
    pub discount: Option<Amount>,
    pub card: Option<Text>,
    /// `yyyy-mm-dd`; `null` or `""` clears it.
    #[serde(deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub birth_date: Option<Option<Text>>,
    pub comment: Option<Text>,
    pub spent: Option<Amount>,
    pub balance: Option<Amount>,
    pub sms_check: Option<Flag>,
    pub sms_not: Option<Flag>,
    /// Client tag ids (also `labels`).
    #[serde(alias = "labels")]
    pub categories: Option<Vec<Int>>,
    /// `"api-key": value` pairs.
    #[schema(value_type = Option<Object>)]
    pub custom_fields: Option<Value>,
}

impl ClientBody {
    pub fn into_changes(self) -> Result<ClientChanges, ApiError> {
        let custom_fields = match self.custom_fields {
            None | Some(Value::Null) => None,
            Some(Value::Object(m)) => Some(Value::Object(m).to_string()),
            // `[]` is how PHP encodes an empty map.
            Some(Value::Array(a)) if a.is_empty() => Some("{}".to_owned()),
            Some(_) => {
                return Err(ApiError::field(
                    "custom_fields",
                    "The custom_fields must be an object of \"api-key\": value pairs.",
                ))
            }
        };
        Ok(ClientChanges {
            name: text(self.name),
            surname: text(self.surname),
            middle_name: text(self.middle_name),
            phone: text(self.phone),
            email: text(self.email),
            gender_id: self.gender_id.map(|v| v.0),
            importance_id: self.importance_id.map(|v| v.0),
            discount: self.discount.map(|v| v.0),
            card: text(self.card),
            birth_date: self.birth_date.map(|d| d.map(Text::into_inner)),
            comment: text(self.comment),
            spent: self.spent.map(|v| v.0),
            balance: self.balance.map(|v| v.0),
            sms_check: self.sms_check.map(|v| v.0),
            sms_not: self.sms_not.map(|v| v.0),
            custom_fields,
            tag_ids: self
                .categories
                .map(|c| c.into_iter().map(|v| v.0).collect()),
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TagDto {
    pub id: i64,
    pub title: String,
    pub color: String,
}

/// A client as every Clients endpoint returns it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClientDto {
    pub id: i64,
    pub name: String,
    pub surname: String,
    pub middle_name: String,
    /// The same as `middle_name` (older spelling).
    pub patronymic: String,
    /// Digits, as a number (as in the reference examples).
    pub phone: u64,
    pub email: String,
    pub categories: Vec<TagDto>,
    pub gender_id: i64,
    pub gender: String,
    /// The same as `gender_id` (older spelling).
    pub sex_id: i64,
    pub sex: String,
    pub importance_id: i64,
    pub importance: String,
    pub discount: Amount,
    pub card: String,
    pub birth_date: Option<String>,
    pub comment: String,
    pub sms_check: i64,
    pub sms_not: i64,
    pub spent: Amount,
    pub balance: Amount,
    pub visits: i64,
    /// Last change, with the location's offset (`2026-02-01T12:00:00-0500`).
    pub last_change_date: String,
    #[schema(value_type = Object)]
    pub custom_fields: Value,
}

impl ClientDto {
    pub fn from_client(c: Client, tz: &TimeZone) -> Self {
        let f = c.fields;
        ClientDto {
            id: c.id,
            name: f.name,
            surname: f.surname,
            patronymic: f.middle_name.clone(),
            middle_name: f.middle_name,
            phone: f.phone.parse().unwrap_or(0),
            email: f.email,
            categories: c
                .tags
                .into_iter()
                .map(|t| TagDto {
                    id: t.id,
                    title: t.title,
                    color: t.color,
                })
                .collect(),
            gender_id: f.gender_id,
            gender: gender_label(f.gender_id).to_owned(),
            sex_id: f.gender_id,
            sex: gender_label(f.gender_id).to_owned(),
            importance_id: f.importance_id,
            importance: importance_label(f.importance_id).to_owned(),
            discount: f.discount.into(),
            card: f.card,
            birth_date: f.birth_date,
            comment: f.comment,
            sms_check: i64::from(f.sms_check),
            sms_not: i64::from(f.sms_not),
            spent: f.spent.into(),
            balance: f.balance.into(),
            visits: c.visits,
            last_change_date: time::iso8601_compact_offset(c.updated_at, tz),
            custom_fields: serde_json::from_str(&f.custom_fields)
                .unwrap_or_else(|_| Value::Object(Map::new())),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentUserDto {
    pub id: i64,
    pub name: String,
    pub avatar: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentFileDto {
    pub link: String,
    pub filename: String,
}

/// A comment on a client; `type` is `default` (text) or `file` (an upload).
#[derive(Debug, Serialize, ToSchema)]
pub struct CommentDto {
    pub id: i64,
    pub create_date: String,
    pub update_date: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub text: String,
    pub files: Vec<CommentFileDto>,
    pub user: Option<CommentUserDto>,
}

/// A client file.
#[derive(Debug, Serialize, ToSchema)]
pub struct FileDto {
    pub id: i64,
    pub client_id: i64,
    pub name: String,
    pub description: String,
    pub extension: String,
    pub mime: String,
    /// Download link (needs the same Authorization header).
    pub link: String,
    pub date_create: String,
    /// Formatted size, e.g. `1.5 MB`.
    pub size: String,
    pub username: String,
    pub user_avatar: String,
    pub can_edit: bool,
}

/// `1536` → `1.5 KB`.
pub fn format_size(bytes: i64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut unit = 0;
    let mut whole = bytes.max(0);
    let mut tenths = 0;
    while whole >= 1024 && unit < UNITS.len() - 1 {
        tenths = (whole % 1024) * 10 / 1024;
        whole /= 1024;
        unit += 1;
    }
    if unit == 0 || tenths == 0 {
        format!("{whole} {}", UNITS[unit])
    } else {
        format!("{whole}.{tenths} {}", UNITS[unit])
    }
}

/// The download path of a file; absolute when the request told us its host.
pub fn file_link(base: &str, location_id: i64, client_id: i64, file_id: i64) -> String {
    format!("{base}/api/v1/company/{location_id}/clients/files/{client_id}/{file_id}")
}

impl FileDto {
    pub fn from_row(
        f: FileRow,
        location_id: i64,
        tz: &TimeZone,
        base: &str,
        can_edit: bool,
    ) -> Self {
        FileDto {
            link: file_link(base, location_id, f.client_id, f.id),
            id: f.id,
            client_id: f.client_id,
            name: f.name,
            description: f.description,
            extension: f.extension,
            mime: f.mime,
            date_create: time::iso8601(f.created_at, tz),
            size: format_size(f.size),
            username: f.user_name.unwrap_or_default(),
            user_avatar: f.user_avatar.unwrap_or_default(),
            can_edit,
        }
    }
}

impl CommentDto {
    /// A comment with its author, and for an upload's `file` comment, the file it announced.
    pub fn from_row(
        c: CommentRow,
        files: &[FileRow],
        location_id: i64,
        tz: &TimeZone,
        base: &str,
    ) -> Self {
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
            create_date: time::iso8601(c.created_at, tz),
            update_date: time::iso8601(c.updated_at, tz),
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
}

// Visit history (`search_client_visits`).

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct VisitSearchBody {
    /// The client, by id …
    pub client_id: Option<Int>,
    /// … or by phone.
    pub client_phone: Option<Text>,
    /// Period start date (`YYYY-MM-DD`, inclusive, location time).
    pub from: Option<Text>,
    /// Period end date (inclusive).
    pub to: Option<Text>,
    /// `not_paid`, `paid_not_full`, `paid_full`, `paid_over`; `[]` for all.
    pub payment_statuses: Option<Vec<Text>>,
    /// -1 no-show, 0 waiting, 1 arrived, 2 confirmed; `null` for all.
    pub attendance: Option<Int>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RefDto {
    pub id: i64,
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VisitServiceDto {
    pub id: i64,
    pub title: String,
    pub first_cost: Amount,
    pub discount_percent: Amount,
    pub cost_to_pay: Amount,
    pub paid_sum: Amount,
    pub payment_status: String,
    pub consumables: Vec<serde_json::Value>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TipsDto {
    pub has_tips: bool,
    pub sum: Option<Amount>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VisitRecordDto {
    pub id: i64,
    pub comment: String,
    pub date: String,
    pub visit_id: i64,
    pub attendance: i64,
    pub services: Vec<VisitServiceDto>,
    /// The team member, when the appointment has one.
    #[schema(value_type = Option<Object>)]
    pub staff: Option<serde_json::Value>,
    pub company: RefDto,
    pub tips: TipsDto,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GoodDto {
    pub id: i64,
    pub title: String,
    pub amount: Amount,
    pub unit: String,
    pub cost_per_unit: Amount,
    pub first_cost: Amount,
    pub discount_percent: Amount,
    pub cost_to_pay: Amount,
    pub paid_sum: Amount,
    pub payment_status: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GoodsTransactionDto {
    pub id: i64,
    pub comment: String,
    pub date: String,
    /// 0 when the sale belongs to no visit.
    pub visit_id: i64,
    /// 0 when the sale belongs to no appointment.
    pub record_id: i64,
    pub goods: Vec<GoodDto>,
    #[schema(value_type = Option<Object>)]
    pub staff: Option<serde_json::Value>,
    pub company: RefDto,
}

/// The three pages of the visit history around the one answered.
#[derive(Debug, Serialize, ToSchema)]
pub struct DateCursorDto {
    pub previous: CursorPageDto,
    pub current: CursorPageDto,
    pub next: CursorPageDto,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CursorPageDto {
    pub from: Option<String>,
    pub to: Option<String>,
    pub count: usize,
}

/// `meta` of the visit history.
#[derive(Debug, Serialize, ToSchema)]
pub struct VisitHistoryMeta {
    #[serde(rename = "dateCursor")]
    pub date_cursor: DateCursorDto,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VisitHistoryDto {
    pub goods_transactions: Vec<GoodsTransactionDto>,
    pub records: Vec<VisitRecordDto>,
}

#[cfg(test)]
mod tests {
    use super::format_size;

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(format_size(0), "0 B");
        assert_eq!(format_size(1023), "1023 B");
        assert_eq!(format_size(1536), "1.5 KB");
        assert_eq!(format_size(5 * 1024 * 1024), "5 MB");
    }
}
