//! Checks and conversions shared by the Products operations: a product or category body read
//! against the location, quantities and prices exact, a product answer with its stock.

use bizd_domain::inventory::{qty_from_decimal, unit};
use bizd_domain::location::Location;
use bizd_domain::validation::FieldErrors;
use bizd_store::products::{CategoryFields, ProductFields, ProductRow};
use bizd_store::Conn;

use super::json::{ProductBody, ProductCategoryBody, ProductDto};
use crate::http::wire::{text, Amount};
use crate::http::ApiError;
use crate::sections::payments::rules::amount_in;

/// A quantity in thousandths (at least `min`), else a field error.
pub fn qty(e: &mut FieldErrors, field: &str, a: Amount, min: i64) -> Option<i64> {
    match qty_from_decimal(a.0) {
        Ok(v) if v < min => {
            e.add(field, format!("The {field} is too small."));
            None
        }
        Ok(v) => Some(v),
        Err(err) => {
            e.add(field, err.message(field));
            None
        }
    }
}

fn title(e: &mut FieldErrors, v: Option<String>, required: bool) -> Option<String> {
    let t = v.map(|t| t.trim().to_owned());
    match &t {
        Some(t) if t.is_empty() || t.chars().count() > 255 => {
            e.add("title", "The title must have 1 to 255 characters.")
        }
        None if required => e.add("title", "The title is required."),
        _ => {}
    }
    t
}

/// `body` applied to `base` (`None`: a new product, whose title, category and units are
/// required), checked against the location.
pub async fn product_fields(
    c: &mut Conn<'_>,
    location: &Location,
    body: ProductBody,
    base: Option<&ProductRow>,
) -> Result<ProductFields, ApiError> {
    let mut e = FieldErrors::new();
    let create = base.is_none();
    let mut f = base.map(ProductFields::of).unwrap_or(ProductFields {
        unit_equals: 1000,
        ..ProductFields::default()
    });
    if let Some(t) = title(&mut e, text(body.title), create) {
        f.title = t;
    }
    for (field, v, slot) in [
        ("print_title", body.print_title, &mut f.print_title),
        ("article", body.article, &mut f.article),
        ("barcode", body.barcode, &mut f.barcode),
        ("comment", body.comment, &mut f.comment),
    ] {
        if let Some(v) = text(v) {
            if v.chars().count() > 1000 {
                e.add(field, format!("The {field} is too long."));
            }
            *slot = v.trim().to_owned();
        }
    }
    match body.category_id.map(|i| i.0) {
        Some(id) => {
            if bizd_store::products::category(c, location.id, id)
                .await?
                .is_none()
            {
                e.add("category_id", "No such product category at this location.");
            }
            f.category_id = id;
        }
        None if create => e.add("category_id", "The category_id is required."),
        None => {}
    }
    for (field, v, slot) in [
        ("sale_unit_id", body.sale_unit_id, &mut f.sale_unit_id),
        (
            "service_unit_id",
            body.service_unit_id,
            &mut f.service_unit_id,
        ),
    ] {
        match v.map(|i| i.0) {
            Some(id) if unit(id).is_some() => *slot = id,
            Some(_) => e.add(field, "Unknown unit: 1 to 8."),
            None if create => e.add(field, format!("The {field} is required.")),
            None => {}
        }
    }
    if let Some(v) = body
        .unit_equals
        .and_then(|a| qty(&mut e, "unit_equals", a, 1))
    {
        f.unit_equals = v;
    }
    for (field, v, slot) in [
        (
            "critical_amount",
            body.critical_amount,
            &mut f.critical_amount,
        ),
        ("desired_amount", body.desired_amount, &mut f.desired_amount),
        ("netto", body.netto, &mut f.netto),
        ("brutto", body.brutto, &mut f.brutto),
    ] {
        if let Some(v) = v.and_then(|a| qty(&mut e, field, a, 0)) {
            *slot = v;
        }
    }
    for (field, v, slot) in [
        ("cost", body.cost, &mut f.cost),
        ("actual_cost", body.actual_cost, &mut f.actual_cost),
    ] {
        if let Some(a) = v {
            match amount_in(&mut e, field, a, location) {
                Some(m) if m.minor() < 0 => {
                    e.add(field, format!("The {field} must not be negative."))
                }
                Some(m) => *slot = m.minor(),
                None => {}
            }
        }
    }
    if let Some(v) = body.tax_variant {
        f.tax_variant = v.0;
    }
    if let Some(v) = body.vat_id {
        f.vat_id = v.0;
    }
    e.into_result()?;
    Ok(f)
}

/// A category body, checked: the title is required; the parent, when given, is a live category
/// of the location and not the category itself or one of its descendants.
pub async fn category_fields(
    c: &mut Conn<'_>,
    location: &Location,
    body: ProductCategoryBody,
    id: Option<i64>,
) -> Result<CategoryFields, ApiError> {
    let mut e = FieldErrors::new();
    let title = title(&mut e, text(body.title), true).unwrap_or_default();
    let parent_id = body.parent_category_id.map(|i| i.0).filter(|i| *i != 0);
    if let Some(mut p) = parent_id {
        // Walk up from the parent: it must exist, and the category must not be its ancestor.
        let mut steps = 0;
        loop {
            if Some(p) == id {
                e.add("parent_category_id", "A category cannot be inside itself.");
                break;
            }
            match bizd_store::products::category(c, location.id, p).await? {
                None => {
                    e.add(
                        "parent_category_id",
                        "No such product category at this location.",
                    );
                    break;
                }
                Some(row) => match row.parent_id {
                    Some(next) if steps < 100 => {
                        p = next;
                        steps += 1;
                    }
                    _ => break,
                },
            }
        }
    }
    e.into_result()?;
    Ok(CategoryFields {
        parent_id,
        title,
        article: text(body.article).unwrap_or_default(),
        comment: text(body.comment).unwrap_or_default(),
    })
}

/// Products as answered, each with its stock per storage.
pub async fn answers(
    c: &mut Conn<'_>,
    location: &Location,
    rows: &[ProductRow],
) -> Result<Vec<ProductDto>, ApiError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let stock = bizd_store::products::stock(c, &ids).await?;
    Ok(rows
        .iter()
        .map(|p| {
            let mine: Vec<(i64, i64)> = stock
                .iter()
                .filter(|s| s.0 == p.id)
                .map(|s| (s.1, s.2))
                .collect();
            ProductDto::new(p, &mine, &location.tz, &location.fields.currency)
        })
        .collect())
}

/// A live product of the location, else 404.
pub async fn existing(c: &mut Conn<'_>, location_id: i64, id: i64) -> Result<ProductRow, ApiError> {
    bizd_store::products::get(c, location_id, id, false)
        .await?
        .ok_or_else(|| ApiError::NotFound("Product not found.".into()))
}
