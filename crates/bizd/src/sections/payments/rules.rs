//! Checks and conversions shared by the Payments operations: a transaction body read against
//! the location (its account, client, team member, currency), and the write of a transaction
//! that keeps a paid visit in step when the transaction is one of its payments.

use bizd_domain::location::Location;
use bizd_domain::money::{Currency, Money};
use bizd_domain::time::parse_instant;
use bizd_domain::validation::FieldErrors;
use bizd_store::payments::transactions::{NewTransaction, TransactionRow};
use bizd_store::Conn;

use super::json::FinanceTransactionBody;
use crate::http::wire::text;
use crate::http::ApiError;

/// An amount of the location's currency: exact to its minor unit, else a field error.
pub fn amount_in(
    e: &mut FieldErrors,
    field: &str,
    a: crate::http::wire::Amount,
    location: &Location,
) -> Option<Money> {
    match Money::from_decimal_in(a.0, Currency::of(&location.fields.currency)) {
        Ok(m) if m.minor().abs() <= 1_000_000_000_000 => Some(m),
        Ok(_) => {
            e.add(field, format!("The {field} is out of range."));
            None
        }
        Err(err) => {
            e.add(field, err.message(field));
            None
        }
    }
}

/// `body` applied to `base` (`None`: a new transaction, whose account and amount are required),
/// checked against the location: the account is a live one of it, the client and team member
/// are its own.
pub async fn transaction_of(
    c: &mut Conn<'_>,
    location: &Location,
    body: FinanceTransactionBody,
    base: Option<&TransactionRow>,
    now: i64,
) -> Result<NewTransaction, ApiError> {
    let mut e = FieldErrors::new();
    let mut t = match base {
        Some(b) => NewTransaction::of(b),
        None => NewTransaction {
            account_id: 0,
            document_id: None,
            visit_id: None,
            record_id: None,
            expense_id: bizd_domain::checkout::EXPENSES[0].0,
            amount: 0,
            client_id: None,
            team_member_id: None,
            supplier_id: 0,
            comment: String::new(),
            date: now,
        },
    };
    match body.amount {
        Some(a) => {
            if let Some(m) = amount_in(&mut e, "amount", a, location) {
                if m.minor() == 0 {
                    e.add("amount", "The amount must not be 0.");
                }
                t.amount = m.minor();
            }
        }
        None if base.is_none() => e.add("amount", "The amount is required."),
        None => {}
    }
    match body.account_id.map(|i| i.0) {
        Some(id) => t.account_id = id,
        None if base.is_none() => e.add("account_id", "The account_id is required."),
        None => {}
    }
    if let Some(id) = body.expense_id.map(|i| i.0) {
        if id <= 0 {
            e.add("expense_id", "The expense_id must be a payment item's id.");
        }
        t.expense_id = id;
    }
    if let Some(id) = body.client_id.map(|i| i.0) {
        t.client_id = (id != 0).then_some(id);
    }
    if let Some(id) = body.master_id.map(|i| i.0) {
        t.team_member_id = (id != 0).then_some(id);
    }
    if let Some(id) = body.supplier_id.map(|i| i.0) {
        if id != 0 {
            e.add("supplier_id", "Suppliers are not available yet: send 0.");
        }
    }
    if let Some(comment) = text(body.comment) {
        if comment.chars().count() > 1000 {
            e.add("comment", "The comment must be at most 1000 characters.");
        }
        t.comment = comment;
    }
    if let Some(date) = body.date.filter(|d| !d.trim().is_empty()) {
        match parse_instant(&date, &location.tz) {
            Some(at) => t.date = at,
            None => e.add("date", "A datetime, ISO 8601."),
        }
    }
    e.into_result()?;
    let mut e = FieldErrors::new();
    if t.account_id != 0
        && bizd_store::payments::accounts::get(c, location.id, t.account_id)
            .await?
            .is_none()
    {
        e.add("account_id", "No such account at this location.");
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

/// A live transaction of the location, else 404.
pub async fn existing(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> Result<TransactionRow, ApiError> {
    bizd_store::payments::transactions::get(c, location_id, id)
        .await?
        .filter(|t| t.deleted_at.is_none())
        .ok_or_else(|| ApiError::NotFound("Transaction not found.".into()))
}

/// Changes (`after`) or deletes (`None`) a transaction in a write transaction: locks its
/// accounts — and, for a payment of a sale document, the document's visit and client first —,
/// re-reads it, writes the change with its audit row, and brings the paid visit in step. A
/// change that would leave the document with less than nothing paid is refused.
pub async fn change(
    tx: &mut Conn<'_>,
    location: &Location,
    id: i64,
    body: Option<FinanceTransactionBody>,
    user_id: i64,
    now: i64,
) -> Result<TransactionRow, ApiError> {
    let seen = existing(tx, location.id, id).await?;
    let mut accounts = vec![seen.account_id];
    accounts.extend(body.as_ref().and_then(|b| b.account_id).map(|a| a.0));
    let doc = match seen.document_id {
        Some(d) => bizd_store::sales::get(tx, d).await?,
        None => None,
    };
    match &doc {
        Some(doc) => bizd_store::sales::lock_payments(tx, doc, &accounts).await?,
        None => {
            let locks: Vec<bizd_store::Lock> = accounts
                .iter()
                .map(|&a| bizd_store::Lock::Account(a))
                .collect();
            tx.lock(&locks).await?
        }
    }
    let before = existing(tx, location.id, id).await?;
    match body {
        Some(body) => {
            let after = transaction_of(tx, location, body, Some(&before), now).await?;
            if after.account_id != seen.account_id && !accounts.contains(&after.account_id) {
                tx.lock(&[bizd_store::Lock::Account(after.account_id)])
                    .await?;
            }
            bizd_store::payments::transactions::update(tx, &before, &after, Some(user_id), now)
                .await?;
        }
        None => bizd_store::payments::transactions::delete(tx, &before, Some(user_id), now).await?,
    }
    if let Some(visit_id) = doc.and_then(|d| d.visit_id) {
        let paid = bizd_store::sales::settle_payments(tx, visit_id, now).await?;
        if paid.minor() < 0 {
            return Err(ApiError::Unprocessable {
                code: "refund_above_paid",
                message: "The change would leave the visit with less than nothing paid.".into(),
            });
        }
    }
    Ok(before)
}
