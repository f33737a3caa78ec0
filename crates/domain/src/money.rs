//! Money is exact: stored as a whole number of hundredths (an `i64`, portable to every SQL
//! engine), handled as `rust_decimal::Decimal` at the edges. No `f64` arithmetic anywhere.

use rust_decimal::Decimal;

/// An amount of money in hundredths of the currency unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Money(i64);

/// Digits kept after the decimal point.
pub const SCALE: u32 = 2;

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_minor(minor: i64) -> Self {
        Money(minor)
    }

    pub fn minor(self) -> i64 {
        self.0
    }

    /// Rounds half away from zero to two decimals; `None` when out of range.
    pub fn from_decimal(value: Decimal) -> Option<Self> {
        let scaled = value
            .round_dp_with_strategy(SCALE, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            .checked_mul(Decimal::from(100))?;
        i64::try_from(scaled).ok().map(Money)
    }

    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, SCALE).normalize()
    }

    /// From a JSON number: its shortest decimal form is what the client wrote (`12.34`, not
    /// `12.339999…`), so the amount is exact.
    pub fn from_f64(value: f64) -> Option<Decimal> {
        if !value.is_finite() {
            return None;
        }
        value.to_string().parse::<Decimal>().ok()
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
        let m = Money::from_decimal(Decimal::from_str("1234.505").unwrap()).unwrap();
        assert_eq!(m.minor(), 123451);
        assert_eq!(m.to_decimal().to_string(), "1234.51");
        assert_eq!(Money::from_minor(1000).to_decimal().to_string(), "10");
        let sum = Money::from_minor(10)
            .checked_add(Money::from_minor(20))
            .unwrap();
        assert_eq!(sum.to_decimal().to_string(), "0.3");
    }
}
