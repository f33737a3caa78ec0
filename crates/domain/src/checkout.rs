//! Checkout: how a sale document is paid, how its payments spread over its lines, and what an
//! account's balance is. Money rules only; the store keeps the rows, the API the wire.

use crate::money::Money;

/// Document type 7: a visit's sale document.
pub const DOCUMENT_TYPE_VISIT: i64 = 7;

/// Payment item of a visit's payments ("Provision of services").
pub const EXPENSE_SERVICES: i64 = 5;

/// Payment item of a paid sale document ("Sale of goods").
pub const EXPENSE_GOODS_SALE: i64 = 7;

/// Payment item of a paid arrival document ("Purchase of goods", a bizd built-in).
pub const EXPENSE_GOODS_PURCHASE: i64 = 8;

/// The built-in payment items (the reference's examples, and the purchase of goods a paid
/// arrival needs; payment item management is not built): `(id, title)`.
pub const EXPENSES: [(i64, &str); 7] = [
    (1, "Other income"),
    (2, "Other expenses"),
    (3, "Cash deposit"),
    (4, "Cash withdrawal"),
    (EXPENSE_SERVICES, "Provision of services"),
    (EXPENSE_GOODS_SALE, "Sale of goods"),
    (EXPENSE_GOODS_PURCHASE, "Purchase of goods"),
];

/// The title of a payment item (`""` for an unknown one).
pub fn expense_title(id: i64) -> &'static str {
    EXPENSES
        .iter()
        .find(|(i, _)| *i == id)
        .map_or("", |(_, t)| *t)
}

/// Document types and their titles (the reference's table).
pub fn document_type_title(type_id: i64) -> &'static str {
    match type_id {
        1 => "Sale of products",
        2 => "Provision of services",
        3 => "Arrival of products",
        4 => "Products write-off",
        5 => "Transfer of products",
        6 => "Inventory",
        7 => "Visit",
        8 => "Consumables write-off",
        _ => "",
    }
}

/// A payment method of `POST /company/{location_id}/sale/{document_id}/payment` (`method.slug`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentMethod {
    /// Money into one of the location's accounts: the one method that needs no other section.
    Account,
    /// Methods that need sections not built yet (client deposits, gift certificates,
    /// memberships, loyalty cards and programs).
    Unavailable(&'static str),
}

impl PaymentMethod {
    pub const UNAVAILABLE: [&'static str; 6] = [
        "deposit",
        "loyalty_certificate",
        "loyalty_abonement",
        "loyalty_card",
        "loyalty_program",
        "referral_loyalty_program",
    ];

    /// The method named by `slug`; `None` for a slug the reference does not name.
    pub fn parse(slug: &str) -> Option<Self> {
        let slug = slug.trim();
        if slug == "account" {
            return Some(Self::Account);
        }
        Self::UNAVAILABLE
            .iter()
            .find(|s| **s == slug)
            .map(|s| Self::Unavailable(s))
    }
}

/// Why a payment of a document is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentError {
    /// A zero amount moves nothing.
    Zero,
    /// A refund (negative amount) larger than what was paid for the document.
    RefundAbovePaid,
    OutOfRange,
}

/// What the document has been paid after a payment of `amount` (negative: a refund) when `paid`
/// was already recorded.
pub fn pay(paid: Money, amount: Money) -> Result<Money, PaymentError> {
    if amount.minor() == 0 {
        return Err(PaymentError::Zero);
    }
    let after = paid.checked_add(amount).ok_or(PaymentError::OutOfRange)?;
    if after.minor() < 0 {
        return Err(PaymentError::RefundAbovePaid);
    }
    Ok(after)
}

/// Spreads what was paid for a document over its lines, in order: each line takes up to its
/// cost; what is left (an overpayment) goes to the last line. The parts add up to `paid`
/// exactly. No lines: nothing to spread.
pub fn allocate(paid: Money, line_costs: &[Money]) -> Vec<Money> {
    let mut left = paid.minor();
    let mut parts: Vec<Money> = line_costs
        .iter()
        .map(|cost| {
            let take = left.min(cost.minor().max(0)).max(0);
            left -= take;
            Money::from_minor(take)
        })
        .collect();
    if let Some(last) = parts.last_mut() {
        *last = Money::from_minor(last.minor() + left);
    }
    parts
}

/// An account's balance: the sum of its live transactions (`None` on overflow).
pub fn balance(amounts: impl IntoIterator<Item = Money>) -> Option<Money> {
    amounts
        .into_iter()
        .try_fold(Money::ZERO, |sum, m| sum.checked_add(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(v: i64) -> Money {
        Money::from_minor(v)
    }

    #[test]
    fn methods_parse_and_unbuilt_ones_are_named() {
        assert_eq!(
            PaymentMethod::parse("account"),
            Some(PaymentMethod::Account)
        );
        assert_eq!(
            PaymentMethod::parse("deposit"),
            Some(PaymentMethod::Unavailable("deposit"))
        );
        assert_eq!(PaymentMethod::parse("cash"), None);
    }

    #[test]
    fn payments_and_refunds_move_the_paid_total() {
        assert_eq!(pay(m(0), m(500)), Ok(m(500)));
        assert_eq!(pay(m(500), m(-200)), Ok(m(300)));
        assert_eq!(pay(m(500), m(-600)), Err(PaymentError::RefundAbovePaid));
        assert_eq!(pay(m(500), m(0)), Err(PaymentError::Zero));
    }

    #[test]
    fn payments_spread_over_lines_in_order_and_add_up() {
        assert_eq!(allocate(m(700), &[m(500), m(500)]), vec![m(500), m(200)]);
        assert_eq!(allocate(m(1200), &[m(500), m(500)]), vec![m(500), m(700)]);
        assert_eq!(allocate(m(0), &[m(500)]), vec![m(0)]);
        assert!(allocate(m(100), &[]).is_empty());
        for paid in [0, 1, 499, 500, 999, 1000, 5000] {
            let parts = allocate(m(paid), &[m(300), m(0), m(700)]);
            assert_eq!(parts.iter().map(|p| p.minor()).sum::<i64>(), paid);
        }
    }

    #[test]
    fn a_balance_is_the_sum_of_its_transactions() {
        assert_eq!(balance([m(100), m(-30), m(5)]), Some(m(75)));
        assert_eq!(balance([]), Some(m(0)));
        assert_eq!(balance([m(i64::MAX), m(1)]), None);
        assert_eq!(expense_title(EXPENSE_SERVICES), "Provision of services");
        assert_eq!(document_type_title(DOCUMENT_TYPE_VISIT), "Visit");
    }
}
