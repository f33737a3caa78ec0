//! Money is exact: stored as a whole number of hundredths (an `i64`, portable to every SQL
//! engine and summable in SQL), handled as `rust_decimal::Decimal` at the edges. No binary
//! floating point anywhere: amounts arrive as decimal text and leave as decimal text.

use rust_decimal::Decimal;

/// An amount of money (or a percentage) in hundredths of its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Money(i64);

/// Digits kept after the decimal point.
pub const SCALE: u32 = 2;

/// Why a decimal is not an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// More than [`SCALE`] decimal places: storing it would change it.
    TooPrecise,
    OutOfRange,
}

impl MoneyError {
    /// A field error message for `field`.
    pub fn message(self, field: &str) -> String {
        match self {
            MoneyError::TooPrecise => format!("The {field} must have at most two decimal places."),
            MoneyError::OutOfRange => format!("The {field} is out of range."),
        }
    }
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_minor(minor: i64) -> Self {
        Money(minor)
    }

    pub fn minor(self) -> i64 {
        self.0
    }

    /// Exactly `value`; refused when it has more than two decimal places (what a write accepts,
    /// a read returns unchanged) or does not fit.
    pub fn from_decimal(value: Decimal) -> Result<Self, MoneyError> {
        let value = value.normalize();
        if value.scale() > SCALE {
            return Err(MoneyError::TooPrecise);
        }
        let scaled = value
            .checked_mul(Decimal::from(100))
            .ok_or(MoneyError::OutOfRange)?;
        i64::try_from(scaled)
            .map(Money)
            .map_err(|_| MoneyError::OutOfRange)
    }

    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, SCALE).normalize()
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn round_trips_exactly() {
        let m = Money::from_decimal(Decimal::from_str("1234.50").unwrap()).unwrap();
        assert_eq!(m.minor(), 123450);
        assert_eq!(m.to_decimal().to_string(), "1234.5");
        assert_eq!(Money::from_minor(1000).to_decimal().to_string(), "10");
        let sum = Money::from_minor(10)
            .checked_add(Money::from_minor(20))
            .unwrap();
        assert_eq!(sum.to_decimal().to_string(), "0.3");
        assert_eq!(
            Money::from_decimal(Decimal::from_str("1234.505").unwrap()),
            Err(MoneyError::TooPrecise)
        );
        assert_eq!(
            Money::from_decimal(Decimal::from_str("1e20").unwrap_or(Decimal::MAX)),
            Err(MoneyError::OutOfRange)
        );
    }
}
