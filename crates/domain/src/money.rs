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
    /// Finer than the currency's minor unit (its digits).
    TooPreciseFor(u32),
    OutOfRange,
}

impl MoneyError {
    /// A field error message for `field`.
    pub fn message(self, field: &str) -> String {
        match self {
            MoneyError::TooPrecise => format!("The {field} must have at most two decimal places."),
            MoneyError::TooPreciseFor(0) => {
                format!("The {field} must be a whole amount in this currency.")
            }
            MoneyError::TooPreciseFor(d) => {
                format!("The {field} must have at most {d} decimal places in this currency.")
            }
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

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// Exactly `value` in `currency`: refused when it is finer than the currency's minor unit
    /// (`12.5` yen) or than the stored hundredths.
    pub fn from_decimal_in(value: Decimal, currency: Currency) -> Result<Self, MoneyError> {
        let m = Money::from_decimal(value)?;
        if m.round_to(currency) != m {
            return Err(MoneyError::TooPreciseFor(currency.minor_digits()));
        }
        Ok(m)
    }

    /// Rounded half away from zero to the currency's minor unit: the one rounding rule of every
    /// computed amount (discounts, splits). Stored hundredths are already exact for currencies
    /// of two or more minor digits.
    pub fn round_to(self, currency: Currency) -> Money {
        let step = currency.step();
        if step == 1 {
            return self;
        }
        let half = step / 2;
        let q = if self.0 >= 0 {
            (self.0 + half) / step
        } else {
            (self.0 - half) / step
        };
        Money(q * step)
    }
}

/// A location's currency, as far as money needs it: the digits of its minor unit (ISO 4217).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    minor_digits: u32,
}

impl Currency {
    /// The currency of an ISO 4217 code. Codes without minor units (JPY, KRW, …) have 0 digits,
    /// the three-digit ones (BHD, KWD, …) 3 — kept to the hundredth here, since amounts are
    /// stored in hundredths —, every other code 2.
    pub fn of(code: &str) -> Currency {
        const ZERO: [&str; 16] = [
            "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
            "VND", "VUV", "XAF", "XOF",
        ];
        const THREE: [&str; 7] = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
        let code = code.trim().to_ascii_uppercase();
        let minor_digits = if ZERO.contains(&code.as_str()) || code == "XPF" {
            0
        } else if THREE.contains(&code.as_str()) {
            3
        } else {
            2
        };
        Currency { minor_digits }
    }

    /// The ISO 4217 minor-unit digits.
    pub fn minor_digits(self) -> u32 {
        self.minor_digits
    }

    /// The smallest amount that can be written, in stored hundredths.
    fn step(self) -> i64 {
        if self.minor_digits >= SCALE {
            1
        } else {
            10i64.pow(SCALE - self.minor_digits)
        }
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

    #[test]
    fn amounts_follow_the_currencys_minor_unit() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        let (usd, jpy, kwd) = (
            Currency::of("USD"),
            Currency::of("jpy"),
            Currency::of("KWD"),
        );
        assert_eq!((usd.minor_digits(), jpy.minor_digits()), (2, 0));
        assert_eq!(kwd.minor_digits(), 3);
        assert_eq!(Money::from_decimal_in(d("12.34"), usd), Ok(Money(1234)));
        assert_eq!(Money::from_decimal_in(d("1200"), jpy), Ok(Money(120_000)));
        assert_eq!(
            Money::from_decimal_in(d("12.5"), jpy),
            Err(MoneyError::TooPreciseFor(0))
        );
        assert_eq!(
            Money::from_decimal_in(d("1.234"), kwd),
            Err(MoneyError::TooPrecise)
        );
        // Half away from zero, to the minor unit.
        assert_eq!(Money(1250).round_to(jpy), Money(1300));
        assert_eq!(Money(1249).round_to(jpy), Money(1200));
        assert_eq!(Money(-1250).round_to(jpy), Money(-1300));
        assert_eq!(Money(1249).round_to(usd), Money(1249));
    }
}
