//! Who may do what in a location. A user's membership in a location carries a role; the role
//! grants permissions. This is the one place that says which role grants what: the HTTP layer
//! asks [`Role::grants`] for the permission an operation declares.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Created the location (or was made its owner); may do everything, including delete it.
    Owner,
    Administrator,
    Manager,
    /// The books and the payments of visits, the calendar; no settings, no clients.
    Accountant,
    /// A team member's own login (the reference's `worker`): the calendar, no settings.
    Employee,
}

/// What an operation may need besides membership of its location or chain. The names follow
/// the `access` object of the reference (`settings_access`, `clients_access`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Location settings, the service catalog, the team, positions.
    Settings,
    /// The client base: create, edit, delete, comments, files.
    Clients,
    /// Users and their rights.
    Users,
    Loyalty,
    LoyaltyCardsManualTransactions,
    /// Chain-wide services and categories; adding locations to a chain.
    ChainServices,
    /// The appointment calendar.
    Timetable,
    DeleteLocation,
    /// Taking and reversing payments of visits, their receipts (`records_finances_access`).
    RecordsFinances,
    /// The books: accounts, financial transactions (`finances_access`).
    Finances,
    /// Changing the services and prices of a fully paid appointment
    /// (`record_edit_full_paid_access`, the reference's "Editing restrictions").
    RecordEditFullPaid,
    /// Products, storages, inventory documents, bills of materials and consumables
    /// (`storages_access`).
    Storages,
}

impl Permission {
    pub const ALL: [Permission; 12] = [
        Permission::Settings,
        Permission::Clients,
        Permission::Users,
        Permission::Loyalty,
        Permission::LoyaltyCardsManualTransactions,
        Permission::ChainServices,
        Permission::Timetable,
        Permission::DeleteLocation,
        Permission::RecordsFinances,
        Permission::Finances,
        Permission::RecordEditFullPaid,
        Permission::Storages,
    ];

    /// The slug, as in the reference's `access` object without the `_access` suffix.
    pub fn slug(self) -> &'static str {
        match self {
            Permission::Settings => "settings",
            Permission::Clients => "clients",
            Permission::Users => "users",
            Permission::Loyalty => "loyalty",
            Permission::LoyaltyCardsManualTransactions => "loyalty_cards_manual_transactions",
            Permission::ChainServices => "chain_services",
            Permission::Timetable => "timetable",
            Permission::DeleteLocation => "delete_location",
            Permission::RecordsFinances => "records_finances",
            Permission::Finances => "finances",
            Permission::RecordEditFullPaid => "record_edit_full_paid",
            Permission::Storages => "storages",
        }
    }
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Owner,
        Role::Administrator,
        Role::Manager,
        Role::Accountant,
        Role::Employee,
    ];

    /// The stored name (and `bizd admin`'s).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Administrator => "administrator",
            Role::Manager => "manager",
            Role::Accountant => "accountant",
            Role::Employee => "employee",
        }
    }

    /// The reference's slug (`user_role`): an employee is a `worker` there.
    pub fn slug(self) -> &'static str {
        match self {
            Role::Employee => "worker",
            other => other.as_str(),
        }
    }

    /// The reference's title and description of the role, and its weight (more weight, more
    /// permissions by default).
    pub fn describe(self) -> (&'static str, &'static str, i64) {
        match self {
            Role::Owner => ("Owner", "Full access, including deleting the location", 5),
            Role::Administrator => (
                "Administrator",
                "Runs the location: calendar, clients, settings, users",
                4,
            ),
            Role::Manager => (
                "Manager",
                "Calendar, clients, settings and the books; no users",
                3,
            ),
            Role::Accountant => ("Accountant", "The books and the payments of visits", 2),
            Role::Employee => ("Team member", "Provides services", 1),
        }
    }

    /// Whether this role grants the permission.
    pub fn grants(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Owner => true,
            Role::Administrator => permission != DeleteLocation,
            Role::Manager => !matches!(
                permission,
                DeleteLocation | Users | ChainServices | RecordEditFullPaid
            ),
            Role::Accountant => matches!(permission, Timetable | RecordsFinances | Finances),
            Role::Employee => permission == Timetable,
        }
    }

    /// Every permission, as the flags of the reference's `access` object.
    pub fn permissions(self) -> Permissions {
        Permissions::from_fn(|p| self.grants(p))
    }

    /// The strongest of several roles (a user's roles across the locations of a chain).
    pub fn strongest(roles: impl IntoIterator<Item = Role>) -> Option<Role> {
        roles.into_iter().min()
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
            .find(|r| {
                r.as_str().eq_ignore_ascii_case(s.trim()) || r.slug().eq_ignore_ascii_case(s.trim())
            })
            .ok_or_else(|| {
                format!(
                    "unknown role {s:?}; expected one of owner, administrator, manager, accountant, worker (employee)"
                )
            })
    }
}

/// Permission flags, named after the `access` object of the reference (derived from
/// [`Role::grants`], for answers that list them).
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

impl Permissions {
    /// The flags, each as `holds` answers for its permission.
    pub fn from_fn(holds: impl Fn(Permission) -> bool) -> Permissions {
        Permissions {
            settings: holds(Permission::Settings),
            clients: holds(Permission::Clients),
            users: holds(Permission::Users),
            loyalty: holds(Permission::Loyalty),
            loyalty_cards_manual_transactions: holds(Permission::LoyaltyCardsManualTransactions),
            chain_services: holds(Permission::ChainServices),
            timetable: holds(Permission::Timetable),
            delete_location: holds(Permission::DeleteLocation),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_and_grant() {
        assert_eq!("Owner".parse::<Role>().unwrap(), Role::Owner);
        assert!("root".parse::<Role>().is_err());
        assert!(Role::Owner.grants(Permission::DeleteLocation));
        assert!(!Role::Administrator.grants(Permission::DeleteLocation));
        assert!(!Role::Employee.grants(Permission::Settings));
        assert!(Role::Employee.grants(Permission::Timetable));
        assert!(!Role::Manager.grants(Permission::Users));
        assert!(Role::Manager.grants(Permission::Finances));
        assert!(!Role::Manager.grants(Permission::RecordEditFullPaid));
        assert!(Role::Administrator.grants(Permission::RecordEditFullPaid));
        assert!(!Role::Employee.grants(Permission::RecordsFinances));
        assert!(Role::Manager.grants(Permission::Storages));
        assert!(!Role::Employee.grants(Permission::Storages));
        assert_eq!(
            Role::strongest([Role::Employee, Role::Administrator]),
            Some(Role::Administrator)
        );
        let flags = Role::Manager.permissions();
        assert!(flags.clients && flags.settings && !flags.users && !flags.chain_services);
    }
}
