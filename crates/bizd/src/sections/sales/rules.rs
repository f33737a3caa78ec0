//! The sale document answer, and a payment of a document in one write transaction.

use bizd_domain::checkout::{
    expense_title, pay, PaymentError, PaymentMethod, EXPENSE_GOODS_SALE, EXPENSE_SERVICES,
};
use bizd_domain::inventory::{doc_type, line_cost, qty_to_decimal};
use bizd_domain::location::Location;
use bizd_domain::money::Money;
use bizd_domain::validation::FieldErrors;
use bizd_store::payments::transactions::NewTransaction;
use bizd_store::sales::DocumentRow;
use bizd_store::Conn;

use super::json::{
    SaleAccountDto, SaleDocumentDto, SaleExpenseDto, SaleItemDto, SaleKkmStateDto,
    SaleMethodAccountDto, SalePaymentBody, SalePaymentMethodDto, SalePaymentTransactionDto,
    SaleStateDto,
};
use crate::http::wire::{text, Amount, EmptyList};
use crate::http::ApiError;
use crate::sections::payments::rules::amount_in;

/// The location's document `id`, else 404.
pub async fn document(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> Result<DocumentRow, ApiError> {
    bizd_store::sales::get(c, id)
        .await?
        .filter(|d| d.location_id == location_id)
        .ok_or_else(|| ApiError::NotFound("Document not found.".into()))
}

/// The document as the Sales operations answer it.
pub async fn answer(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> Result<SaleDocumentDto, ApiError> {
    let doc = document(c, location_id, id).await?;
    let lines = match doc.visit_id {
        Some(v) => bizd_store::sales::lines(c, v).await?,
        None => Vec::new(),
    };
    let payments = bizd_store::payments::transactions::of_document(c, doc.id).await?;
    let accounts = bizd_store::payments::accounts::list(c, location_id).await?;
    let goods = bizd_store::inventory::transactions::sales_of(c, doc.id).await?;
    let m = |minor: i64| Money::from_minor(minor).into();
    let items = lines
        .iter()
        .map(|l| SaleItemDto {
            id: l.id,
            kind: "service".into(),
            document_id: doc.id,
            title: l.title.clone(),
            amount: Amount(l.amount.into()),
            default_cost_per_unit: m(l.first_cost),
            default_cost_total: m(l.first_cost.saturating_mul(l.amount)),
            client_discount_percent: m(l.discount_percent),
            cost_to_pay_total: m(l.cost),
        })
        .chain(goods.iter().map(|t| SaleItemDto {
            id: t.id,
            kind: "good".into(),
            document_id: doc.id,
            title: t.product_title.clone().unwrap_or_default(),
            amount: Amount(qty_to_decimal(t.amount.abs())),
            default_cost_per_unit: m(t.cost_per_unit),
            default_cost_total: m(line_cost(t.amount, t.cost_per_unit, 0)),
            client_discount_percent: m(t.discount),
            cost_to_pay_total: m(t.cost),
        }))
        .collect();
    let payment_transactions = payments
        .iter()
        .map(|t| SalePaymentTransactionDto {
            id: t.id,
            document_id: doc.id,
            sale_item_id: 0,
            sale_item_type: String::new(),
            expense_id: t.expense_id,
            account_id: t.account_id,
            amount: m(t.amount),
            account: SaleAccountDto {
                id: t.account_id,
                title: t.account_title.clone().unwrap_or_default(),
                is_cash: t.account_type == Some(0),
                is_default: t.account_is_default.unwrap_or(false),
            },
            expense: SaleExpenseDto {
                id: t.expense_id,
                title: expense_title(t.expense_id).to_owned(),
            },
        })
        .collect();
    // A visit's totals are kept on the visit; a sale of its own is its lines and payments.
    let (cost, paid) = match doc.visit_id {
        Some(_) => (doc.visit_cost.unwrap_or(0), doc.visit_paid.unwrap_or(0)),
        None => (
            goods.iter().map(|t| t.cost).sum::<i64>(),
            payments.iter().map(|t| t.amount).sum::<i64>(),
        ),
    };
    let due = (cost - paid).max(0);
    let payment_methods = accounts
        .iter()
        .map(|a| SalePaymentMethodDto {
            slug: "account".into(),
            is_applicable: due > 0,
            applicable_amount: m(due),
            applicable_count: 0,
            applicable_value: 0,
            account_id: a.id,
            account: SaleMethodAccountDto {
                id: a.id,
                title: a.title.clone(),
                is_cash: a.kind == 0,
            },
        })
        .collect();
    Ok(SaleDocumentDto {
        state: SaleStateDto {
            items,
            loyalty_transactions: EmptyList,
            payment_transactions,
        },
        kkm_state: SaleKkmStateDto {
            last_operation_type: 1,
            transactions: EmptyList,
        },
        payment_methods,
    })
}

/// What a payment body asks for: an account and an amount of the location's currency.
fn draft(body: SalePaymentBody, location: &Location) -> Result<(i64, Money), ApiError> {
    let mut e = FieldErrors::new();
    let payment = body.payment.unwrap_or_default();
    let method = payment.method.unwrap_or_default();
    let slug = text(method.slug).unwrap_or_default();
    match PaymentMethod::parse(&slug) {
        Some(PaymentMethod::Account) => {}
        Some(PaymentMethod::Unavailable(slug)) => {
            return Err(ApiError::Unprocessable {
                code: "payment_method_unavailable",
                message: format!("Payment by {slug} is not available yet."),
            })
        }
        None => e.add(
            "payment.method.slug",
            "The method is one of account, deposit, loyalty_certificate, loyalty_abonement, loyalty_card, loyalty_program, referral_loyalty_program.",
        ),
    }
    let account_id = method.account_id.map(|a| a.0);
    if account_id.is_none() {
        e.add("payment.method.account_id", "The account_id is required.");
    }
    let amount = match payment.amount {
        Some(a) => amount_in(&mut e, "payment.amount", a, location),
        None => {
            e.add("payment.amount", "The amount is required.");
            None
        }
    };
    e.into_result()?;
    match (account_id, amount) {
        (Some(a), Some(m)) => Ok((a, m)),
        _ => Err(ApiError::field("payment", "The payment is incomplete.")),
    }
}

/// Pays the document in one write transaction: locks the visit's client, the visit, the
/// document and the account (in lock order), writes the payment, then brings the visit's paid
/// total, its lines and the client's `spent` in step. Concurrent payments of one document are
/// serialized by its lock, and each is counted once. A sale of products of its own (type 1) is
/// paid the same way, with no visit to bring in step; other documents are 422
/// `document_not_payable`.
pub async fn pay_document(
    tx: &mut Conn<'_>,
    location: &Location,
    document_id: i64,
    body: SalePaymentBody,
    user_id: i64,
    now: i64,
) -> Result<(), ApiError> {
    // An unknown document is a 404 whatever the body says.
    let doc = document(tx, location.id, document_id).await?;
    let (account_id, amount) = draft(body, location)?;
    if doc.visit_id.is_none() && doc.type_id != doc_type::SALE {
        return Err(ApiError::Unprocessable {
            code: "document_not_payable",
            message: "Only a visit's document or a sale of products is paid here.".into(),
        });
    }
    bizd_store::sales::lock_payments(tx, &doc, &[account_id]).await?;
    if bizd_store::payments::accounts::get(tx, location.id, account_id)
        .await?
        .is_none()
    {
        return Err(ApiError::field(
            "payment.method.account_id",
            "No such account at this location.",
        ));
    }
    let paid = match doc.visit_id {
        Some(visit_id) => bizd_store::sales::paid_of_visit(tx, visit_id).await?,
        None => Money::from_minor(
            bizd_store::payments::transactions::of_document(tx, doc.id)
                .await?
                .iter()
                .map(|t| t.amount)
                .sum(),
        ),
    };
    match pay(paid, amount) {
        Ok(_) => {}
        Err(PaymentError::Zero) => {
            return Err(ApiError::field(
                "payment.amount",
                "The amount must not be 0.",
            ))
        }
        Err(PaymentError::RefundAbovePaid) => {
            return Err(ApiError::Unprocessable {
                code: "refund_above_paid",
                message: "A refund cannot exceed what was paid for the document.".into(),
            })
        }
        Err(PaymentError::OutOfRange) => {
            return Err(ApiError::field(
                "payment.amount",
                "The amount is out of range.",
            ))
        }
    }
    let Some(visit_id) = doc.visit_id else {
        // A sale of products of its own: paid as sold goods, to the client of its first line.
        let goods = bizd_store::inventory::transactions::sales_of(tx, doc.id).await?;
        let first = goods.first();
        let t = NewTransaction {
            account_id,
            document_id: Some(doc.id),
            visit_id: None,
            record_id: None,
            expense_id: EXPENSE_GOODS_SALE,
            amount: amount.minor(),
            client_id: first.and_then(|l| l.client_id),
            team_member_id: first.and_then(|l| l.team_member_id),
            supplier_id: 0,
            comment: String::new(),
            date: now,
        };
        bizd_store::payments::transactions::insert(tx, location.id, &t, Some(user_id), now).await?;
        return Ok(());
    };
    let lines = bizd_store::sales::lines(tx, visit_id).await?;
    let first = lines.first();
    let t = NewTransaction {
        account_id,
        document_id: Some(doc.id),
        visit_id: Some(visit_id),
        record_id: first.map(|l| l.record_id),
        expense_id: EXPENSE_SERVICES,
        amount: amount.minor(),
        client_id: doc.client_id,
        team_member_id: first.and_then(|l| l.team_member_id),
        supplier_id: 0,
        comment: String::new(),
        date: now,
    };
    bizd_store::payments::transactions::insert(tx, location.id, &t, Some(user_id), now).await?;
    bizd_store::sales::settle_payments(tx, visit_id, now).await?;
    Ok(())
}
