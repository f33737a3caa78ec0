//! Checks and conversions shared by the Inventory operations: document and transaction bodies
//! read against the location (its storages, products, team members, clients, currency), and
//! the stock guard around every write that can lower stock.

use bizd_domain::inventory::{
    doc_type, line_cost, qty_from_decimal, sign_of, to_service_units, writable_type,
};
use bizd_domain::location::Location;
use bizd_domain::money::Money;
use bizd_domain::time::parse_instant;
use bizd_domain::validation::FieldErrors;
use bizd_store::inventory::documents::{DocumentFields, DocumentRow};
use bizd_store::inventory::transactions::{NewTransaction, TransactionRow};
use bizd_store::{Conn, Lock};

use super::json::{CardBody, CardDto, DocumentBody, ProductTransactionDto, TransactionBody};
use crate::http::wire::text;
use crate::http::ApiError;
use crate::sections::payments::rules::amount_in;
use crate::sections::products::rules::qty;
use bizd_store::inventory::cards::CardFields;

/// A document type as written: 7 (the reference's write-off in the documents group) is read as
/// 4, the write-off of the operations group; a visit's document is never written here.
pub fn document_type(e: &mut FieldErrors, v: i64) -> i64 {
    let v = if v == doc_type::VISIT {
        doc_type::WRITE_OFF
    } else {
        v
    };
    if !writable_type(v) {
        e.add(
            "type_id",
            "The type_id is 1 sale, 3 arrival, 4 write-off, 5 transfer or 6 inventory.",
        );
    }
    v
}

/// A live storage of the location, else a field error on `field`.
pub async fn storage(
    c: &mut Conn<'_>,
    e: &mut FieldErrors,
    location_id: i64,
    field: &str,
    id: i64,
) -> Result<(), ApiError> {
    if bizd_store::inventory::storages::get(c, location_id, id)
        .await?
        .is_none()
    {
        e.add(field, "No such storage at this location.");
    }
    Ok(())
}

/// `body` applied to `base` (`None`: a new document: type and storage required).
pub async fn document_fields(
    c: &mut Conn<'_>,
    location: &Location,
    body: DocumentBody,
    base: Option<&DocumentRow>,
    now: i64,
) -> Result<DocumentFields, ApiError> {
    let mut e = FieldErrors::new();
    let mut f = match base {
        Some(b) => DocumentFields {
            type_id: b.type_id,
            storage_id: b.storage_id.unwrap_or(0),
            comment: b.comment.clone(),
            date: b.date,
        },
        None => DocumentFields {
            type_id: 0,
            storage_id: 0,
            comment: String::new(),
            date: now,
        },
    };
    match body.type_id.map(|i| i.0) {
        Some(t) => f.type_id = document_type(&mut e, t),
        None if base.is_none() => e.add("type_id", "The type_id is required."),
        None => {}
    }
    match body.storage_id.map(|i| i.0) {
        Some(s) => {
            storage(c, &mut e, location.id, "storage_id", s).await?;
            f.storage_id = s;
        }
        None if base.is_none() => e.add("storage_id", "The storage_id is required."),
        None => {}
    }
    if let Some(t) = text(body.comment) {
        if t.chars().count() > 1000 {
            e.add("comment", "The comment must be at most 1000 characters.");
        }
        f.comment = t;
    }
    if let Some(d) = body.create_date.filter(|d| !d.trim().is_empty()) {
        match parse_instant(&d, &location.tz) {
            Some(at) => f.date = at,
            None => e.add("create_date", "A datetime, ISO 8601."),
        }
    }
    e.into_result()?;
    Ok(f)
}

/// A live document of the location (a visit's included), else 404.
pub async fn existing_document(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> Result<DocumentRow, ApiError> {
    bizd_store::inventory::documents::get(c, location_id, id)
        .await?
        .ok_or_else(|| ApiError::NotFound("Document not found.".into()))
}

/// A visit's document is created and deleted with its visit and has no fields of its own to
/// change: only its lines are written here (422 `document_follows_visit`).
pub fn not_visit(doc: &DocumentRow) -> Result<(), ApiError> {
    if doc.type_id == doc_type::VISIT {
        return Err(ApiError::Unprocessable {
            code: "document_follows_visit",
            message: "A visit's document changes with its visit; sell products into it with \
                      POST /storage_operations/goods_transactions."
                .into(),
        });
    }
    Ok(())
}

/// Locks a document for a change of its lines and reads it again under the lock; 404 when it is
/// not a live document of the location. A visit's document is locked with its visit and the
/// visit's client (one call, so in lock order), as a payment of it is: its cost and payments
/// follow its sale lines, and a line names the client (on PostgreSQL the foreign key check
/// would otherwise wait for a payment's client lock while holding the visit).
pub async fn lock_document(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> Result<DocumentRow, ApiError> {
    let seen = existing_document(c, location_id, id).await?;
    let mut locks = vec![Lock::SaleDocument(id)];
    if let Some(visit_id) = seen.visit_id {
        locks.push(Lock::Visit(visit_id));
        // A visit's client never changes: the one read before the lock is the one after.
        let visit = bizd_store::appointments::visits::get(c, visit_id).await?;
        locks.extend(visit.and_then(|v| v.client_id).map(Lock::Client));
    }
    c.lock(&locks).await?;
    let doc = existing_document(c, location_id, id).await?;
    if let Some(visit_id) = doc.visit_id {
        let visit = bizd_store::appointments::visits::get(c, visit_id).await?;
        if visit.is_none_or(|v| v.deleted_at.is_some()) {
            return Err(ApiError::NotFound("Document not found.".into()));
        }
    }
    Ok(doc)
}

/// After a document's lines changed: a visit's cost follows them, and its payments are spread
/// over them again.
pub async fn lines_changed(c: &mut Conn<'_>, doc: &DocumentRow, now: i64) -> Result<(), ApiError> {
    if let Some(visit_id) = doc.visit_id {
        bizd_store::sales::refresh_cost(c, visit_id, now).await?;
    }
    Ok(())
}

/// A live transaction of the location, else 404.
pub async fn existing_transaction(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> Result<TransactionRow, ApiError> {
    bizd_store::inventory::transactions::get(c, location_id, id)
        .await?
        .ok_or_else(|| ApiError::NotFound("Transaction not found.".into()))
}

/// `body` applied to `base` (`None`: a new transaction: product and amount required) in the
/// document `doc`, checked against the location. The amount's sign follows the document type
/// (an inventory correction keeps the sign given; in a transfer, a storage other than the
/// document's receives).
pub async fn transaction_of(
    c: &mut Conn<'_>,
    location: &Location,
    doc: &DocumentRow,
    body: TransactionBody,
    base: Option<&TransactionRow>,
    default_member: Option<i64>,
) -> Result<NewTransaction, ApiError> {
    let mut e = FieldErrors::new();
    let mut t = base.map(NewTransaction::of).unwrap_or(NewTransaction {
        operation_unit_type: 1,
        team_member_id: default_member,
        ..NewTransaction::default()
    });
    // A visit's document holds sales (and the consumables bizd writes off for it).
    let sale = doc.type_id == doc_type::SALE || doc.type_id == doc_type::VISIT;
    t.document_id = doc.id;
    t.type_id = if doc.type_id == doc_type::VISIT {
        base.map_or(doc_type::SALE, |b| b.type_id)
    } else {
        doc.type_id
    };
    t.date = doc.date;
    if let Some(s) = body.storage_id.map(|i| i.0).filter(|s| *s != 0) {
        storage(c, &mut e, location.id, "storage_id", s).await?;
        t.storage_id = s;
    } else if base.is_none() {
        t.storage_id = match doc.storage_id {
            Some(s) => s,
            None => bizd_store::inventory::storages::for_sale(c, location.id)
                .await?
                .map_or(0, |s| s.id),
        };
    }
    match body.good_id.map(|i| i.0) {
        Some(id) => t.product_id = id,
        None if base.is_none() => e.add("good_id", "The good_id is required."),
        None => {}
    }
    let product = if t.product_id != 0 {
        let p = bizd_store::products::get(c, location.id, t.product_id, true).await?;
        let changed = base.is_none_or(|b| b.product_id != t.product_id);
        match p {
            Some(p) if !(changed && p.deleted_at.is_some()) => Some(p),
            _ => {
                e.add("good_id", "No such product at this location.");
                None
            }
        }
    } else {
        None
    };
    if let Some(u) = body.operation_unit_type.map(|i| i.0) {
        if !(1..=2).contains(&u) {
            e.add("operation_unit_type", "1 sale unit or 2 write-off unit.");
        }
        t.operation_unit_type = u;
    }
    let mut magnitude = base.map(|b| b.amount.abs());
    let mut given_sign = base.map(|b| b.amount.signum());
    match body.amount {
        Some(a) => match qty_from_decimal(a.0) {
            Ok(0) => e.add("amount", "The amount must not be 0."),
            Ok(v) => {
                magnitude = Some(v.abs());
                given_sign = Some(v.signum());
            }
            Err(err) => e.add("amount", err.message("amount")),
        },
        None if base.is_none() => e.add("amount", "The amount is required."),
        None => {}
    }
    for (field, v, slot) in [
        ("cost_per_unit", body.cost_per_unit, &mut t.cost_per_unit),
        ("cost", body.cost, &mut t.cost),
    ] {
        if let Some(a) = v {
            if let Some(m) = amount_in(&mut e, field, a, location) {
                *slot = m.minor();
            }
        }
    }
    if base.is_none() && body.cost_per_unit.is_none() {
        if let Some(p) = &product {
            t.cost_per_unit = if sale { p.cost } else { p.actual_cost };
        }
    }
    if let Some(d) = body.discount {
        match Money::from_decimal(d.0) {
            Ok(m) if (0..=10_000).contains(&m.minor()) => t.discount = m.minor(),
            _ => e.add("discount", "The discount is a percentage from 0 to 100."),
        }
    }
    if let Some(id) = body.client_id.map(|i| i.0) {
        t.client_id = (id != 0).then_some(id);
    } else if let (None, Some(visit_id)) = (base, doc.visit_id) {
        // A product sold in a visit is sold to its client.
        t.client_id = bizd_store::appointments::visits::get(c, visit_id)
            .await?
            .and_then(|v| v.client_id);
    }
    if let Some(id) = body.master_id.map(|i| i.0) {
        t.team_member_id = (id != 0).then_some(id);
    }
    if let Some(id) = body.supplier_id.map(|i| i.0) {
        t.supplier_id = id;
    }
    if let Some(c) = text(body.comment) {
        t.comment = c;
    }
    e.into_result()?;
    let mut e = FieldErrors::new();
    let sign = if doc.type_id == doc_type::INVENTORY {
        given_sign.unwrap_or(1)
    } else if doc.type_id == doc_type::TRANSFER && Some(t.storage_id) != doc.storage_id {
        1
    } else {
        sign_of(doc.type_id)
    };
    let magnitude = magnitude.unwrap_or(0);
    t.amount = sign * magnitude;
    if let Some(p) = &product {
        match to_service_units(t.amount, t.operation_unit_type, p.unit_equals) {
            Some(s) => t.service_amount = s,
            None => e.add(
                "amount",
                "The amount is finer than a thousandth of the write-off unit.",
            ),
        }
    }
    if body.cost.is_none()
        && (base.is_none()
            || body.amount.is_some()
            || body.cost_per_unit.is_some()
            || body.discount.is_some())
    {
        t.cost = line_cost(magnitude, t.cost_per_unit, t.discount);
    }
    if let Some(id) = t.client_id {
        if base.and_then(|b| b.client_id) != Some(id)
            && bizd_store::clients::get(c, location.id, id)
                .await?
                .is_none()
        {
            e.add("client_id", "No such client at this location.");
        }
    }
    if let Some(id) = t.team_member_id {
        let member = bizd_store::team_members::get(c, location.id, id).await?;
        if base.and_then(|b| b.team_member_id) != Some(id)
            && member.is_none_or(|m| m.deleted_at.is_some())
        {
            e.add("master_id", "No such team member at this location.");
        }
    }
    e.into_result()?;
    Ok(t)
}

/// Transactions as answered.
pub fn answers(rows: &[TransactionRow], location: &Location) -> Vec<ProductTransactionDto> {
    rows.iter()
        .map(|t| ProductTransactionDto::new(t, &location.tz))
        .collect()
}

/// A line's field errors named after its place in the list (`goods_transactions.0.amount`).
pub fn in_line(err: ApiError, prefix: &str) -> ApiError {
    match err {
        ApiError::Validation(fe) => {
            let mut out = FieldErrors::new();
            for (field, messages) in fe.iter() {
                for m in messages {
                    out.add(format!("{prefix}{field}"), m.clone());
                }
            }
            ApiError::Validation(out)
        }
        other => other,
    }
}

/// The consumables written off for a visit follow its appointments and are changed through
/// them, never directly (422 `consumables_follow_visit`).
pub fn not_consumables(t: &TransactionRow) -> Result<(), ApiError> {
    if t.type_id == doc_type::SERVICE_CONSUMABLES {
        return Err(ApiError::Unprocessable {
            code: "consumables_follow_visit",
            message: "Consumables of a visit change with its appointment's consumables.".into(),
        });
    }
    Ok(())
}

/// A live appointment of the location: `(visit_id, visit attended)`, else 404.
pub async fn appointment(
    c: &mut Conn<'_>,
    location_id: i64,
    record_id: i64,
) -> Result<(i64, bool), ApiError> {
    let a = bizd_store::appointments::get(c, location_id, record_id)
        .await?
        .filter(|a| a.row.deleted_at.is_none())
        .ok_or_else(|| ApiError::NotFound("Appointment not found.".into()))?;
    Ok((a.row.visit_id, a.row.visit_attendance == Some(1)))
}

/// An appointment's consumables per service, as answered (only `service_id`'s when given).
pub async fn record_consumables(
    c: &mut Conn<'_>,
    location_id: i64,
    record_id: i64,
    service_id: Option<i64>,
) -> Result<Vec<super::json::RecordConsumablesDto>, ApiError> {
    use bizd_store::inventory::{cards, consumables, transactions};
    let mut sets = consumables::of_record(c, location_id, record_id).await?;
    if let Some(s) = service_id {
        sets.retain(|x| x.service_id == s);
    }
    let card_ids: Vec<i64> = sets
        .iter()
        .filter_map(|s| s.card.as_ref().map(|c| c.id))
        .collect();
    let items = cards::items(c, &card_ids).await?;
    let written: Vec<TransactionRow> = transactions::of_records(c, &[record_id])
        .await?
        .into_iter()
        .filter(|t| t.type_id == doc_type::SERVICE_CONSUMABLES)
        .collect();
    let ids: Vec<i64> = sets
        .iter()
        .flat_map(|s| s.consumables.iter().map(|x| x.product_id))
        .collect();
    let goods: Vec<(i64, String, i64)> = bizd_store::products::get_many(c, location_id, &ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title, p.service_unit_id))
        .collect();
    Ok(sets
        .iter()
        .map(|s| super::json::RecordConsumablesDto::new(s, &items, &written, &goods))
        .collect())
}

/// A card body, checked: title required; the service and team member are the location's; each
/// item a live product, a storage of the location (default: the consumables storage) and a
/// positive amount in write-off units.
pub async fn card_fields(
    c: &mut Conn<'_>,
    location: &Location,
    body: CardBody,
) -> Result<CardFields, ApiError> {
    let mut e = FieldErrors::new();
    let title = text(body.title)
        .map(|t| t.trim().to_owned())
        .unwrap_or_default();
    if title.is_empty() || title.chars().count() > 255 {
        e.add("title", "The title must have 1 to 255 characters.");
    }
    let service_id = body.service_id.map(|i| i.0).filter(|i| *i != 0);
    if let Some(s) = service_id {
        if bizd_store::services::get(c, location.id, s)
            .await?
            .is_none()
        {
            e.add("service_id", "No such service at this location.");
        }
    }
    let team_member_id = body.staff_id.map(|i| i.0).filter(|i| *i != 0);
    if let Some(m) = team_member_id {
        let member = bizd_store::team_members::get(c, location.id, m).await?;
        if member.is_none_or(|m| m.deleted_at.is_some()) {
            e.add("staff_id", "No such team member at this location.");
        }
    }
    let default_storage = bizd_store::inventory::storages::for_services(c, location.id)
        .await?
        .map_or(0, |s| s.id);
    let mut items = Vec::new();
    for (i, item) in body.technological_card_items.into_iter().enumerate() {
        let f = |n: &str| format!("technological_card_items.{i}.{n}");
        let product = item.good_id.map_or(0, |g| g.0);
        if bizd_store::products::get(c, location.id, product, false)
            .await?
            .is_none()
        {
            e.add(f("good_id"), "No such product at this location.");
        }
        let storage_id = item
            .storage_id
            .map(|s| s.0)
            .filter(|s| *s != 0)
            .unwrap_or(default_storage);
        storage(c, &mut e, location.id, &f("storage_id"), storage_id).await?;
        let amount = match item.amount {
            Some(a) => qty(&mut e, &f("amount"), a, 1).unwrap_or(0),
            None => {
                e.add(f("amount"), "The amount is required.");
                0
            }
        };
        items.push((product, storage_id, amount));
    }
    e.into_result()?;
    Ok(CardFields {
        title,
        service_id,
        team_member_id,
        items,
    })
}

pub async fn card_answer(c: &mut Conn<'_>, location_id: i64, id: i64) -> Result<CardDto, ApiError> {
    let card = bizd_store::inventory::cards::get(c, location_id, id)
        .await?
        .ok_or_else(|| ApiError::NotFound("Bill of materials not found.".into()))?;
    let items = bizd_store::inventory::cards::items(c, &[id]).await?;
    Ok(CardDto::new(&card, &items))
}
