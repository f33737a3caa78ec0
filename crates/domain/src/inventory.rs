//! Products and inventory: units, quantities, document types and the stock rule. Quantities are
//! exact: stored as whole thousandths (an `i64`, summable in SQL), handled as decimals at the
//! edges. Stock is the sum of a product's live transactions in a storage, counted in its
//! write-off (service) unit, so that a sale in bottles and a write-off in millilitres add up.

use rust_decimal::Decimal;

/// Thousandths: the digits kept after the decimal point of a quantity.
pub const QTY_SCALE: u32 = 3;

/// A unit of the fixed list (v1 has no unit endpoints): `(id, title, short title)`.
pub const UNITS: [(i64, &str, &str); 8] = [
    (1, "Piece", "pcs"),
    (2, "Gram", "g"),
    (3, "Kilogram", "kg"),
    (4, "Milliliter", "ml"),
    (5, "Liter", "l"),
    (6, "Centimeter", "cm"),
    (7, "Meter", "m"),
    (8, "Pack", "pack"),
];

/// `(title, short title)` of a unit; `None` for an unknown id.
pub fn unit(id: i64) -> Option<(&'static str, &'static str)> {
    UNITS.iter().find(|u| u.0 == id).map(|u| (u.1, u.2))
}

/// Document types (`type_id`): the reference's, plus 6 (inventory correction, an extension).
pub mod doc_type {
    pub const SALE: i64 = 1;
    /// Consumables written off for a service of a completed visit (written by bizd only).
    pub const SERVICE_CONSUMABLES: i64 = 2;
    pub const ARRIVAL: i64 = 3;
    pub const WRITE_OFF: i64 = 4;
    pub const TRANSFER: i64 = 5;
    /// Extension: a stock count; each transaction sets the product's stock to its amount.
    pub const INVENTORY: i64 = 6;
    /// A visit's sale document (checkout).
    pub const VISIT: i64 = 7;
}

/// The title of a document or transaction type.
pub fn type_title(type_id: i64) -> &'static str {
    match type_id {
        doc_type::SALE => "Sale of goods",
        doc_type::SERVICE_CONSUMABLES => "Provision of services",
        doc_type::ARRIVAL => "Arrival of goods",
        doc_type::WRITE_OFF => "Write-off of goods",
        doc_type::TRANSFER => "Transfer of goods",
        doc_type::INVENTORY => "Inventory",
        doc_type::VISIT => "Visit",
        _ => "Other",
    }
}

/// Whether a document of this type may be written through the inventory endpoints.
pub fn writable_type(type_id: i64) -> bool {
    matches!(
        type_id,
        doc_type::SALE
            | doc_type::ARRIVAL
            | doc_type::WRITE_OFF
            | doc_type::TRANSFER
            | doc_type::INVENTORY
    )
}

/// The sign a transaction's amount takes in a document of this type: stock leaves on a sale,
/// a write-off and the source side of a transfer; it arrives on an arrival. An inventory
/// correction carries its own sign (the difference it makes).
pub fn sign_of(type_id: i64) -> i64 {
    match type_id {
        doc_type::ARRIVAL | doc_type::INVENTORY => 1,
        _ => -1,
    }
}

/// Why a decimal is not a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QtyError {
    TooPrecise,
    OutOfRange,
}

impl QtyError {
    pub fn message(self, field: &str) -> String {
        match self {
            QtyError::TooPrecise => format!("The {field} must have at most three decimal places."),
            QtyError::OutOfRange => format!("The {field} is out of range."),
        }
    }
}

/// A decimal quantity as thousandths, exactly.
pub fn qty_from_decimal(value: Decimal) -> Result<i64, QtyError> {
    let value = value.normalize();
    if value.scale() > QTY_SCALE {
        return Err(QtyError::TooPrecise);
    }
    let scaled = value
        .checked_mul(Decimal::from(1000))
        .ok_or(QtyError::OutOfRange)?;
    match i64::try_from(scaled) {
        Ok(v) if v.abs() <= 1_000_000_000_000_000 => Ok(v),
        _ => Err(QtyError::OutOfRange),
    }
}

/// Thousandths as a decimal.
pub fn qty_to_decimal(thousandths: i64) -> Decimal {
    Decimal::new(thousandths, QTY_SCALE).normalize()
}

/// `amount` (thousandths of the operation unit) in thousandths of the write-off unit: a sale
/// unit holds `unit_equals` write-off units. `None` when the result is finer than a thousandth
/// (it could not be stored exactly).
pub fn to_service_units(amount: i64, operation_unit_type: i64, unit_equals: i64) -> Option<i64> {
    if operation_unit_type != 1 {
        return Some(amount);
    }
    let product = i128::from(amount) * i128::from(unit_equals);
    if product % 1000 != 0 {
        return None;
    }
    i64::try_from(product / 1000).ok()
}

/// Stock in write-off units (thousandths) shown in sale units, rounded to a thousandth.
pub fn to_sale_units(service_amount: i64, unit_equals: i64) -> Decimal {
    if unit_equals == 0 {
        return qty_to_decimal(service_amount);
    }
    let d = Decimal::new(service_amount, QTY_SCALE) / Decimal::new(unit_equals, QTY_SCALE);
    d.round_dp(QTY_SCALE).normalize()
}

/// Whether a product's stock may become `after` (write-off units): never negative unless the
/// location allows it, and a change that raises stock is always allowed.
pub fn stock_allowed(before: i64, after: i64, allow_negative: bool) -> bool {
    allow_negative || after >= 0 || after >= before
}

/// A transaction's total: `amount × cost_per_unit`, less `discount` (hundredths of a percent),
/// in minor units rounded half away from zero. `amount` in thousandths (its absolute value).
pub fn line_cost(amount: i64, cost_per_unit: i64, discount: i64) -> i64 {
    let gross = i128::from(amount.abs()) * i128::from(cost_per_unit);
    let net = gross * i128::from(10_000 - discount.clamp(0, 10_000));
    // amount is in thousandths and discount in ten-thousandths: divide by 10^7, rounding.
    let div: i128 = 10_000_000;
    let q = (net + div / 2) / div;
    i64::try_from(q).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn quantities_are_exact_and_convert_between_units() {
        assert_eq!(
            qty_from_decimal(Decimal::from_str("1.5").unwrap()),
            Ok(1500)
        );
        assert_eq!(
            qty_from_decimal(Decimal::from_str("0.0001").unwrap()),
            Err(QtyError::TooPrecise)
        );
        assert_eq!(qty_to_decimal(1500).to_string(), "1.5");
        // 2 bottles of 250 ml = 500 ml.
        assert_eq!(to_service_units(2000, 1, 250_000), Some(500_000));
        assert_eq!(to_service_units(7000, 2, 250_000), Some(7000));
        assert_eq!(to_sale_units(500_000, 250_000).to_string(), "2");
        assert_eq!(to_sale_units(1000, 3000).to_string(), "0.333");
        assert!(stock_allowed(5, 0, false));
        assert!(!stock_allowed(0, -1, false));
        assert!(stock_allowed(-5, -3, false));
        assert!(stock_allowed(0, -1, true));
        assert_eq!(line_cost(2000, 1000, 1000), 1800);
    }
}
