//! Visits: what a client's history is made of, how a visit's payment status follows its
//! payments, and how the history pages by date without splitting a day.

use crate::money::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaymentStatus {
    NotPaid,
    PaidNotFull,
    PaidFull,
    PaidOver,
}

impl PaymentStatus {
    pub const ALL: [PaymentStatus; 4] = [
        Self::NotPaid,
        Self::PaidNotFull,
        Self::PaidFull,
        Self::PaidOver,
    ];

    /// The status of a visit that costs `cost` and received `paid`.
    pub fn of(cost: Money, paid: Money) -> Self {
        if paid.minor() == 0 && cost.minor() > 0 {
            Self::NotPaid
        } else if paid < cost {
            Self::PaidNotFull
        } else if paid == cost {
            Self::PaidFull
        } else {
            Self::PaidOver
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotPaid => "not_paid",
            Self::PaidNotFull => "paid_not_full",
            Self::PaidFull => "paid_full",
            Self::PaidOver => "paid_over",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Attendance of a visit or appointment: -1 no-show, 0 waiting, 1 arrived, 2 confirmed.
pub fn valid_attendance(a: i64) -> bool {
    (-1..=2).contains(&a)
}

/// One page of the date cursor: its date range (`YYYY-MM-DD`, inclusive) and item count.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CursorPage {
    pub from: Option<String>,
    pub to: Option<String>,
    pub count: usize,
}

/// Splits items (newest first, each with its local date) into pages of about `size` items that
/// never split a date. Returns the index ranges of the pages in order.
pub fn date_pages(dates: &[String], size: usize) -> Vec<std::ops::Range<usize>> {
    let mut pages = Vec::new();
    let mut start = 0;
    while start < dates.len() {
        let mut end = (start + size).min(dates.len());
        while end < dates.len() && dates[end] == dates[end - 1] {
            end += 1;
        }
        pages.push(start..end);
        start = end;
    }
    pages
}

/// The page range of a slice of newest-first dates.
pub fn page_of(dates: &[String], range: std::ops::Range<usize>) -> CursorPage {
    if range.is_empty() {
        return CursorPage::default();
    }
    CursorPage {
        to: Some(dates[range.start].clone()),
        from: Some(dates[range.end - 1].clone()),
        count: range.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payment_status_follows_payments() {
        let m = Money::from_minor;
        assert_eq!(PaymentStatus::of(m(1000), m(0)), PaymentStatus::NotPaid);
        assert_eq!(
            PaymentStatus::of(m(1000), m(500)),
            PaymentStatus::PaidNotFull
        );
        assert_eq!(PaymentStatus::of(m(1000), m(1000)), PaymentStatus::PaidFull);
        assert_eq!(PaymentStatus::of(m(1000), m(1500)), PaymentStatus::PaidOver);
        assert_eq!(PaymentStatus::of(m(0), m(0)), PaymentStatus::PaidFull);
        assert_eq!(
            PaymentStatus::parse("paid_over"),
            Some(PaymentStatus::PaidOver)
        );
        assert_eq!(PaymentStatus::parse("free"), None);
    }

    #[test]
    fn pages_never_split_a_date() {
        let dates: Vec<String> = ["05", "05", "04", "04", "04", "03", "02"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(date_pages(&dates, 3), vec![0..5, 5..7]);
        assert_eq!(date_pages(&dates, 2), vec![0..2, 2..5, 5..7]);
        assert_eq!(date_pages(&dates, 25), vec![0..7]);
        assert!(date_pages(&[], 25).is_empty());
        let p = page_of(&dates, 0..5);
        assert_eq!(
            (p.to.as_deref(), p.from.as_deref(), p.count),
            (Some("05"), Some("04"), 5)
        );
    }
}
