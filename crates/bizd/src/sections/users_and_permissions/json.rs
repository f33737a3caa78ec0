//! Wire types of the Users & Permissions section: paths, queries, bodies and answers.

use bizd_domain::access::Role;
use bizd_domain::permissions::{Grants, Kind, Node, Value as PermValue};
use bizd_store::users::Member;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use utoipa::{IntoParams, ToSchema};

use crate::http::wire::{Int, Text};

// ---- paths and queries ----

/// `/company/{location_id}/users`, `/user/permissions/{location_id}`, `/user/invite/{location_id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct UsersLocationPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
}

/// `/company/{location_id}/users/{user_id}…`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct LocationUserPath {
    /// Location ID
    #[param(value_type = i64)]
    pub location_id: Int,
    /// User ID
    #[param(value_type = i64)]
    pub user_id: Int,
}

/// `GET /company/{location_id}/users`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UsersQuery {
    /// 1: accepted members only, 0: invited ones only.
    #[serde(rename = "filter[is_approved]")]
    #[param(rename = "filter[is_approved]", value_type = Option<i64>)]
    pub is_approved: Option<Int>,
}

/// `GET …/roles?include=user_permissions` (also `include[]=`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RolesQuery {
    #[param(value_type = Option<String>)]
    pub include: Option<Text>,
    #[serde(rename = "include[]")]
    #[param(rename = "include[]", value_type = Option<String>)]
    pub include_list: Option<Text>,
}

impl RolesQuery {
    pub fn with_permissions(&self) -> bool {
        [&self.include, &self.include_list]
            .into_iter()
            .flatten()
            .any(|t| t.0.split(',').any(|s| s.trim() == "user_permissions"))
    }
}

// ---- bodies ----

/// One `{slug, value}` pair.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct PermissionValueBody {
    pub slug: Option<Text>,
    /// `true`/`false` for an access node; a number for an id or a day count.
    #[schema(value_type = Value)]
    pub value: Option<Value>,
}

/// `PUT /company/{location_id}/users/{user_id}/permissions`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct PermissionsBody {
    /// `worker`, `administrator`, `accountant`, `manager` or `owner`.
    #[schema(value_type = Option<String>)]
    pub user_role: Option<Text>,
    pub user_permissions: Option<Vec<PermissionValueBody>>,
    /// The team member linked to the user (0: none).
    #[schema(value_type = Option<i64>)]
    pub staff_id: Option<Int>,
}

/// One invitation of `POST /user/invite/{location_id}`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct InviteBody {
    #[schema(value_type = Option<String>)]
    pub name: Option<Text>,
    /// The e-mail address or phone number of the person invited.
    #[schema(value_type = Option<String>)]
    pub search: Option<Text>,
    /// The position text shown for the member (`information`).
    #[schema(value_type = Option<String>)]
    pub position: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub user_role: Option<Text>,
    pub user_permissions: Option<Vec<PermissionValueBody>>,
    #[schema(value_type = Option<i64>)]
    pub staff_id: Option<Int>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct InvitesBody {
    pub invites: Option<Vec<InviteBody>>,
}

/// `POST /user/invitations/accept` (bizd's own).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct AcceptBody {
    #[schema(value_type = Option<String>)]
    pub token: Option<Text>,
    /// Required when the account has no password yet; otherwise it must be the account's.
    #[schema(value_type = Option<String>)]
    pub password: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub name: Option<Text>,
}

/// One location of `copy_to_companies` / `remove_from_companies`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct CompanyLinkBody {
    #[schema(value_type = Option<i64>)]
    pub company_id: Option<Int>,
    pub user_permissions: Option<Vec<PermissionValueBody>>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CompanyLinksBody {
    pub user_company_links: Option<Vec<CompanyLinkBody>>,
}

// ---- answers ----

/// A member of the location, as `GET /company/{location_id}/users` lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct LocationUserDto {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub information: String,
    pub is_approved: bool,
    pub is_non_deletable: bool,
}

impl From<&Member> for LocationUserDto {
    fn from(m: &Member) -> Self {
        LocationUserDto {
            id: m.user_id,
            name: m.name.clone(),
            phone: m.phone.clone(),
            email: m.email.clone(),
            information: m.information.clone(),
            is_approved: m.is_approved,
            is_non_deletable: m.role == Role::Owner.as_str(),
        }
    }
}

/// A member as the deprecated `GET /company_users/{location_id}` lists it, with the `access`
/// flags.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyUserDto {
    pub id: i64,
    pub firstname: String,
    pub login: String,
    pub email: String,
    pub phone: String,
    pub information: String,
    #[schema(value_type = Object)]
    pub access: Value,
}

impl CompanyUserDto {
    pub fn new(m: &Member, grants: &Grants, team_member_id: i64) -> Self {
        let mut access = serde_json::Map::new();
        for p in bizd_domain::access::Permission::ALL {
            access.insert(p.key(), json!(grants.grants(p)));
        }
        access.insert("master_id".into(), json!(team_member_id));
        CompanyUserDto {
            id: m.user_id,
            firstname: m.name.clone(),
            login: m.login.clone(),
            email: m.email.clone(),
            phone: m.phone.clone(),
            information: m.information.clone(),
            access: Value::Object(access),
        }
    }
}

/// `{slug, value}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct PermissionValueDto {
    pub slug: String,
    #[schema(value_type = Value)]
    pub value: Value,
}

pub fn value_json(v: &PermValue) -> Value {
    match v {
        PermValue::Flag(b) => json!(b),
        PermValue::Number(n) => json!(n),
    }
}

/// A member's role, linked team member and permission values.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserPermissionsDto {
    pub is_editable: bool,
    pub staff_id: Option<i64>,
    pub user_role: String,
    pub has_any_paid_permission: bool,
    pub user_permissions: Vec<PermissionValueDto>,
}

impl UserPermissionsDto {
    pub fn new(grants: &Grants, team_member_id: Option<i64>, is_editable: bool) -> Self {
        UserPermissionsDto {
            is_editable,
            staff_id: team_member_id,
            user_role: grants.role.slug().to_owned(),
            has_any_paid_permission: false,
            user_permissions: grants
                .values()
                .into_iter()
                .map(|(slug, v)| PermissionValueDto {
                    value: value_json(&v),
                    slug,
                })
                .collect(),
        }
    }
}

/// The type of a node.
#[derive(Debug, Serialize, ToSchema)]
pub struct PermissionTypeDto {
    pub slug: &'static str,
    #[schema(value_type = Value)]
    pub all_access_value: Value,
    #[schema(value_type = Value)]
    pub no_access_value: Value,
}

/// One option of an id node.
#[derive(Debug, Serialize, ToSchema)]
pub struct PermissionOptionDto {
    pub title: String,
    pub value: i64,
    pub is_disabled: bool,
}

/// A node of the permission tree.
#[derive(Debug, Serialize, ToSchema)]
pub struct PermissionNodeDto {
    pub slug: String,
    pub title: &'static str,
    pub hint: &'static str,
    pub is_recommended: bool,
    pub is_editable: bool,
    #[schema(value_type = Value)]
    pub default_value: Value,
    pub entity_name: Option<&'static str>,
    #[schema(no_recursion)]
    pub children: Option<Vec<PermissionNodeDto>>,
    pub options: Option<Vec<PermissionOptionDto>>,
    #[serde(rename = "type")]
    pub kind: PermissionTypeDto,
    pub is_paid: bool,
    pub is_paid_only: bool,
}

impl PermissionNodeDto {
    /// `options`: for the team member node, "All team members" and each team member.
    pub fn new(node: &Node, team_members: &[(i64, String)]) -> Self {
        let kind = match node.kind {
            Kind::HasAccess | Kind::HasGroupAccess => PermissionTypeDto {
                slug: node.kind.slug(),
                all_access_value: json!(true),
                no_access_value: json!(false),
            },
            Kind::AllowedId => PermissionTypeDto {
                slug: node.kind.slug(),
                all_access_value: json!("0"),
                no_access_value: json!("0"),
            },
            Kind::LastDaysCount => PermissionTypeDto {
                slug: node.kind.slug(),
                all_access_value: json!("-1"),
                no_access_value: json!("0"),
            },
        };
        let options = (node.kind == Kind::AllowedId).then(|| {
            std::iter::once(PermissionOptionDto {
                title: "All team members".into(),
                value: 0,
                is_disabled: false,
            })
            .chain(team_members.iter().map(|(id, name)| PermissionOptionDto {
                title: name.clone(),
                value: *id,
                is_disabled: false,
            }))
            .collect()
        });
        PermissionNodeDto {
            slug: node.slug.clone(),
            title: node.title,
            hint: "",
            is_recommended: true,
            is_editable: node.is_editable,
            default_value: value_json(&node.default_value),
            entity_name: node.entity_name,
            children: (!node.children.is_empty()).then(|| {
                node.children
                    .iter()
                    .map(|n| PermissionNodeDto::new(n, team_members))
                    .collect()
            }),
            options,
            kind,
            is_paid: false,
            is_paid_only: false,
        }
    }
}

/// A role, with its permission tree when asked for.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleDto {
    pub slug: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub weight: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_permissions: Option<Vec<PermissionNodeDto>>,
}
