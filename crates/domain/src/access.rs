//! Who may do what in a location. A user's membership in a location carries a role; the role
//! decides the permission flags. The Users & Permissions endpoints build on this model.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Created the location (or was made its owner); may do everything, including delete it.
    Owner,
    Administrator,
    Manager,
    /// A team member's own login: read access to the schedule, no settings.
    Employee,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Owner,
        Role::Administrator,
        Role::Manager,
        Role::Employee,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Administrator => "administrator",
            Role::Manager => "manager",
            Role::Employee => "employee",
        }
    }

    pub fn permissions(self) -> Permissions {
        let all = Permissions {
            settings: true,
            clients: true,
            users: true,
            loyalty: true,
            loyalty_cards_manual_transactions: true,
            chain_services: true,
            timetable: true,
            delete_location: false,
        };
        match self {
            Role::Owner => Permissions {
                delete_location: true,
                ..all
            },
            Role::Administrator => all,
            Role::Manager => Permissions {
                users: false,
                chain_services: false,
                ..all
            },
            Role::Employee => Permissions {
                timetable: true,
                ..Permissions::default()
            },
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!(
                    "unknown role {s:?}; expected one of owner, administrator, manager, employee"
                )
            })
    }
}

/// Permission flags, named after the `access` object of the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Permissions {
    pub settings: bool,
    pub clients: bool,
    pub users: bool,
    pub loyalty: bool,
    pub loyalty_cards_manual_transactions: bool,
    pub chain_services: bool,
    pub timetable: bool,
    pub delete_location: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_and_grant() {
        assert_eq!("Owner".parse::<Role>().unwrap(), Role::Owner);
        assert!("root".parse::<Role>().is_err());
        assert!(Role::Owner.permissions().delete_location);
        assert!(!Role::Administrator.permissions().delete_location);
        assert!(!Role::Employee.permissions().settings);
    }
}
