//! The permission tree of the reference's Users & Permissions section, and what one membership
//! may do: its role's defaults ([`Role::grants`]) with the values set for that user on top.
//!
//! Every operation's declared [`Permission`] is a node of the tree (`<slug>_access`); two
//! children narrow a granted node: `timetable_master_id` (only one team member's calendar) and
//! `client_history_last_days_count` (only the last N days of a client's history).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::access::{Permission, Permissions, Role};

/// The kind of a node, as the reference's `type.slug`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// On or off, with children that narrow it.
    HasGroupAccess,
    /// On or off.
    HasAccess,
    /// One id, 0 for all (`all_access_value` "0").
    AllowedId,
    /// A number of days, -1 for all.
    LastDaysCount,
}

impl Kind {
    pub fn slug(self) -> &'static str {
        match self {
            Kind::HasGroupAccess => "has_group_access",
            Kind::HasAccess => "has_access",
            Kind::AllowedId => "allowed_id",
            Kind::LastDaysCount => "last_days_count",
        }
    }
}

/// A child that narrows a granted permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Only this team member's appointments (0: every team member's).
    TimetableTeamMember,
    /// Only the client history of the last N days (-1: all of it).
    ClientHistoryDays,
}

impl Limit {
    pub const ALL: [Limit; 2] = [Limit::TimetableTeamMember, Limit::ClientHistoryDays];

    pub fn from_slug(slug: &str) -> Option<Limit> {
        Limit::ALL.into_iter().find(|l| l.slug() == slug)
    }

    pub fn slug(self) -> &'static str {
        match self {
            Limit::TimetableTeamMember => "timetable_master_id",
            Limit::ClientHistoryDays => "client_history_last_days_count",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Limit::TimetableTeamMember => "Only this team member's calendar",
            Limit::ClientHistoryDays => "Client history of the last days",
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Limit::TimetableTeamMember => Kind::AllowedId,
            Limit::ClientHistoryDays => Kind::LastDaysCount,
        }
    }

    /// The permission it narrows.
    pub fn parent(self) -> Permission {
        match self {
            Limit::TimetableTeamMember => Permission::Timetable,
            Limit::ClientHistoryDays => Permission::Clients,
        }
    }

    /// The value meaning "no limit".
    pub fn unlimited(self) -> i64 {
        match self {
            Limit::TimetableTeamMember => 0,
            Limit::ClientHistoryDays => -1,
        }
    }

    pub fn entity_name(self) -> Option<&'static str> {
        match self {
            Limit::TimetableTeamMember => Some("staff"),
            Limit::ClientHistoryDays => None,
        }
    }
}

impl Permission {
    /// The node's slug in the tree (`timetable_access`, …).
    pub fn key(self) -> String {
        format!("{}_access", self.slug())
    }

    pub fn title(self) -> &'static str {
        match self {
            Permission::Settings => "Settings",
            Permission::Clients => "Clients",
            Permission::Users => "Users and their rights",
            Permission::Loyalty => "Loyalty",
            Permission::LoyaltyCardsManualTransactions => "Manual loyalty card transactions",
            Permission::ChainServices => "Chain services",
            Permission::Timetable => "Appointment calendar",
            Permission::DeleteLocation => "Delete the location",
            Permission::RecordsFinances => "Payments of visits",
            Permission::Finances => "Finances",
            Permission::RecordEditFullPaid => "Edit fully paid appointments",
            Permission::Storages => "Products and storages",
        }
    }

    /// Whether it can be given or taken away per user: deleting a location stays the owner's.
    pub fn is_adjustable(self) -> bool {
        self != Permission::DeleteLocation
    }

    /// The children that narrow it.
    pub fn limits(self) -> impl Iterator<Item = Limit> {
        Limit::ALL.into_iter().filter(move |l| l.parent() == self)
    }

    pub fn from_key(key: &str) -> Option<Permission> {
        Permission::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// The values set for one user in one location, over their role's defaults. Stored as JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermissionValues {
    /// Permissions given or taken away, by node slug.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub flags: BTreeMap<String, bool>,
    /// Limits, by node slug.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub limits: BTreeMap<String, i64>,
}

/// A value sent for a node: a flag or a number (ids and day counts; strings of digits too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Flag(bool),
    Number(i64),
}

/// Why a value cannot be set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No such node.
    Unknown,
    /// A flag where a number belongs, or the reverse, or a number out of range.
    Invalid(&'static str),
    /// The acting user does not hold what they would grant: the permission that governs the node.
    NotEditable(Permission),
}

/// What one membership may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grants {
    pub role: Role,
    pub values: PermissionValues,
}

impl Grants {
    pub fn of_role(role: Role) -> Grants {
        Grants {
            role,
            values: PermissionValues::default(),
        }
    }

    /// Whether the membership holds the permission: the owner holds everything; otherwise a value
    /// set for the user wins over the role's default.
    pub fn grants(&self, permission: Permission) -> bool {
        if self.role == Role::Owner || !permission.is_adjustable() {
            return self.role.grants(permission);
        }
        self.values
            .flags
            .get(&permission.key())
            .copied()
            .unwrap_or_else(|| self.role.grants(permission))
    }

    /// The limit's value, `None` when unlimited (or the owner's).
    pub fn limit(&self, limit: Limit) -> Option<i64> {
        if self.role == Role::Owner {
            return None;
        }
        self.values
            .limits
            .get(limit.slug())
            .copied()
            .filter(|&v| v != limit.unlimited())
    }

    /// The team member whose appointments alone this membership may see and book, if narrowed.
    pub fn only_team_member(&self) -> Option<i64> {
        self.limit(Limit::TimetableTeamMember)
    }

    /// The days of client history this membership may see, if narrowed.
    pub fn client_history_days(&self) -> Option<i64> {
        self.limit(Limit::ClientHistoryDays)
    }

    /// The flags of the reference's `access` object.
    pub fn permissions(&self) -> Permissions {
        Permissions::from_fn(|p| self.grants(p))
    }

    /// Every node's value, in tree order: what `GET …/permissions` lists.
    pub fn values(&self) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        for p in Permission::ALL {
            out.push((p.key(), Value::Flag(self.grants(p))));
            for l in p.limits() {
                let v = self.limit(l).unwrap_or(l.unlimited());
                out.push((l.slug().to_owned(), Value::Number(v)));
            }
        }
        out
    }

    /// Whether `self` (the acting membership) may set the node `key` for someone: only what it
    /// holds itself, and never the owner-only node.
    pub fn may_set(&self, key: &str) -> bool {
        let governing = match Permission::from_key(key) {
            Some(p) => Some(p).filter(|p| p.is_adjustable()),
            None => Limit::from_slug(key).map(Limit::parent),
        };
        governing.is_some_and(|p| self.grants(p) && self.grants(Permission::Users))
    }

    /// Sets one node, on behalf of `actor`.
    pub fn set(&mut self, actor: &Grants, key: &str, value: Value) -> Result<(), Refusal> {
        if let Some(p) = Permission::from_key(key) {
            let Value::Flag(on) = value else {
                return Err(Refusal::Invalid("must be true or false"));
            };
            if !actor.may_set(key) {
                return Err(Refusal::NotEditable(p));
            }
            if on == self.role.grants(p) {
                self.values.flags.remove(key);
            } else {
                self.values.flags.insert(key.to_owned(), on);
            }
            return Ok(());
        }
        let limit = Limit::from_slug(key).ok_or(Refusal::Unknown)?;
        let n = match value {
            Value::Number(n) => n,
            Value::Flag(_) => return Err(Refusal::Invalid("must be a number")),
        };
        let valid = match limit.kind() {
            Kind::AllowedId => n >= 0,
            _ => n >= -1,
        };
        if !valid {
            return Err(Refusal::Invalid("is out of range"));
        }
        if !actor.may_set(key) {
            return Err(Refusal::NotEditable(limit.parent()));
        }
        if n == limit.unlimited() {
            self.values.limits.remove(key);
        } else {
            self.values.limits.insert(key.to_owned(), n);
        }
        Ok(())
    }
}

/// One node of the tree as shown to an acting user for a target role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub slug: String,
    pub title: &'static str,
    pub kind: Kind,
    pub entity_name: Option<&'static str>,
    /// The role's default.
    pub default_value: Value,
    pub is_editable: bool,
    pub children: Vec<Node>,
}

/// The tree with `role`'s defaults, editable where `editor` may set the node (nowhere without
/// an editor, and never for the owner's role).
pub fn tree(role: Role, editor: Option<&Grants>) -> Vec<Node> {
    let editable = |key: &str| role != Role::Owner && editor.is_some_and(|a| a.may_set(key));
    Permission::ALL
        .into_iter()
        .map(|p| Node {
            slug: p.key(),
            title: p.title(),
            kind: if p.limits().next().is_some() {
                Kind::HasGroupAccess
            } else {
                Kind::HasAccess
            },
            entity_name: None,
            default_value: Value::Flag(role.grants(p)),
            is_editable: editable(&p.key()),
            children: p
                .limits()
                .map(|l| Node {
                    slug: l.slug().to_owned(),
                    title: l.title(),
                    kind: l.kind(),
                    entity_name: l.entity_name(),
                    default_value: Value::Number(l.unlimited()),
                    is_editable: editable(l.slug()),
                    children: Vec::new(),
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_override_the_role_and_nobody_grants_more_than_they_hold() {
        let admin = Grants::of_role(Role::Administrator);
        let manager = Grants::of_role(Role::Manager);
        let mut worker = Grants::of_role(Role::Employee);
        assert!(!worker.grants(Permission::Clients));
        worker
            .set(&admin, "clients_access", Value::Flag(true))
            .unwrap();
        assert!(worker.grants(Permission::Clients));
        // A manager holds no users permission: it may set nothing.
        assert_eq!(
            worker.set(&manager, "timetable_access", Value::Flag(false)),
            Err(Refusal::NotEditable(Permission::Timetable))
        );
        // Nobody but the owner deletes a location.
        assert_eq!(
            worker.set(&admin, "delete_location_access", Value::Flag(true)),
            Err(Refusal::NotEditable(Permission::DeleteLocation))
        );
        assert_eq!(
            worker.set(&admin, "nope", Value::Flag(true)),
            Err(Refusal::Unknown)
        );
        worker
            .set(&admin, "timetable_master_id", Value::Number(7))
            .unwrap();
        assert_eq!(worker.only_team_member(), Some(7));
        worker
            .set(&admin, "timetable_master_id", Value::Number(0))
            .unwrap();
        assert_eq!(worker.only_team_member(), None);
        assert!(worker.values.limits.is_empty());
        // Setting a role's default stores nothing.
        worker
            .set(&admin, "clients_access", Value::Flag(false))
            .unwrap();
        assert_eq!(worker.values, PermissionValues::default());
        // The owner is never narrowed.
        let mut owner = Grants::of_role(Role::Owner);
        owner.values.flags.insert("clients_access".into(), false);
        assert!(owner.grants(Permission::Clients));
    }

    #[test]
    fn the_tree_marks_what_the_actor_may_edit() {
        let admin = Grants::of_role(Role::Administrator);
        let nodes = tree(Role::Employee, Some(&admin));
        let timetable = nodes.iter().find(|n| n.slug == "timetable_access").unwrap();
        assert!(timetable.is_editable);
        assert_eq!(timetable.kind, Kind::HasGroupAccess);
        assert_eq!(timetable.children[0].slug, "timetable_master_id");
        let delete = nodes
            .iter()
            .find(|n| n.slug == "delete_location_access")
            .unwrap();
        assert!(!delete.is_editable);
        assert!(tree(Role::Owner, Some(&admin))
            .iter()
            .all(|n| !n.is_editable));
        assert!(tree(Role::Employee, None)
            .iter()
            .flat_map(|n| std::iter::once(n).chain(&n.children))
            .all(|n| !n.is_editable));
    }
}
