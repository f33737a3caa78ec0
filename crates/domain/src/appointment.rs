//! Appointments: what a booking must satisfy and how a visit's status follows its appointments.
//! No I/O; the appointments section runs these checks inside its write transaction.

use crate::money::Money;

/// The longest appointment accepted, in seconds. Also how far back the overlap search looks,
/// so that its cost follows one day's appointments, not the table.
pub const MAX_SEANCE_LENGTH: i64 = 86_400;

/// Why a booking was refused (each with its own stable `meta.code`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// Another live appointment of the team member overlaps.
    Busy { appointment_id: i64 },
    /// The time is not inside one working interval of the team member.
    OutsideWorkingHours,
    /// Every instance of a resource a service needs is held by overlapping appointments.
    ResourceUnavailable { resource_id: i64 },
}

impl Conflict {
    pub fn code(&self) -> &'static str {
        match self {
            Conflict::Busy { .. } => "slot_busy",
            Conflict::OutsideWorkingHours => "outside_working_hours",
            Conflict::ResourceUnavailable { .. } => "resource_unavailable",
        }
    }

    pub fn message(&self) -> String {
        match self {
            Conflict::Busy { appointment_id } => {
                format!("The team member is busy at this time (appointment {appointment_id}).")
            }
            Conflict::OutsideWorkingHours => {
                "The time is outside the team member's working hours.".to_owned()
            }
            Conflict::ResourceUnavailable { resource_id } => {
                format!("Every instance of resource {resource_id} is taken at this time.")
            }
        }
    }
}

/// Whether `[start, end)` lies inside one of `intervals` (UTC instants, any order).
pub fn within_working_hours(start: i64, end: i64, intervals: &[(i64, i64)]) -> bool {
    intervals
        .iter()
        .any(|&(from, to)| from <= start && end <= to)
}

/// The attendance of a visit from its live appointments' (−1 no-show, 0 waiting, 1 arrived,
/// 2 confirmed): arrived if anyone arrived, no-show if everyone failed to come, confirmed if
/// anyone confirmed, otherwise waiting.
pub fn visit_attendance(appointments: &[i64]) -> i64 {
    if appointments.contains(&1) {
        1
    } else if !appointments.is_empty() && appointments.iter().all(|&a| a == -1) {
        -1
    } else if appointments.contains(&2) {
        2
    } else {
        0
    }
}

/// A service line's cost after its discount (percent, in hundredths: 1000 = 10 %) for `amount`
/// units at `first_cost` each, rounded half away from zero to the minor unit.
pub fn discounted_cost(first_cost: Money, discount_hundredths: i64, amount: i64) -> Option<Money> {
    let gross = (first_cost.minor() as i128).checked_mul(amount as i128)?;
    let kept = 10_000i128.checked_sub(discount_hundredths as i128)?;
    let num = gross.checked_mul(kept)?;
    let rounded = if num >= 0 {
        (num + 5_000) / 10_000
    } else {
        (num - 5_000) / 10_000
    };
    i64::try_from(rounded).ok().map(Money::from_minor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visit_attendance_follows_its_appointments() {
        assert_eq!(visit_attendance(&[]), 0);
        assert_eq!(visit_attendance(&[0, 1]), 1);
        assert_eq!(visit_attendance(&[-1, -1]), -1);
        assert_eq!(visit_attendance(&[-1, 0]), 0);
        assert_eq!(visit_attendance(&[2, 0]), 2);
        assert_eq!(visit_attendance(&[2, -1, 1]), 1);
    }

    #[test]
    fn working_hours_hold_the_whole_appointment() {
        let day = [(100, 200), (300, 400)];
        assert!(within_working_hours(100, 200, &day));
        assert!(within_working_hours(300, 350, &day));
        assert!(!within_working_hours(150, 250, &day));
        assert!(!within_working_hours(190, 310, &day));
        assert!(!within_working_hours(0, 10, &[]));
    }

    #[test]
    fn discounts_round_to_the_minor_unit() {
        let m = Money::from_minor;
        assert_eq!(discounted_cost(m(900_000), 5000, 1), Some(m(450_000)));
        assert_eq!(discounted_cost(m(1999), 1000, 1), Some(m(1799)));
        assert_eq!(discounted_cost(m(1000), 0, 3), Some(m(3000)));
        assert_eq!(discounted_cost(m(333), 3333, 1), Some(m(222)));
    }
}
