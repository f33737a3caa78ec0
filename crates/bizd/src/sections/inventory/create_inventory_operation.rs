use axum::extract::State;
use bizd_domain::checkout::{EXPENSE_GOODS_PURCHASE, EXPENSE_GOODS_SALE};
use bizd_domain::inventory::doc_type;
use bizd_domain::validation::FieldErrors;
use bizd_store::inventory::documents::DocumentRow;
use bizd_store::inventory::transactions::{NewTransaction as NewLine, StockGuard};
use bizd_store::payments::transactions::NewTransaction;
use bizd_store::Lock;

use super::json::{DocumentBody, InventoryLocationPath, OperationBody, OperationDto};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};

/// Create an inventory operation (`inventory/create_inventory_operation.md`): a document with
/// its product transactions in one request, all or nothing. Stock never goes below zero unless
/// the location allows it (422 `insufficient_stock`). A transfer names the receiving storage
/// in `to_storage_id` (extension): each line then leaves one storage and enters the other.
/// With `account_id` (extension: the reference's "payment type"), a sale is paid into that
/// account, or an arrival paid from it, by one financial transaction of the document's total.
#[utoipa::path(
    post, path = "/storage_operations/operation/{location_id}", operation_id = "create_inventory_operation", tag = "Inventory",
    params(InventoryLocationPath),
    request_body = OperationBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<OperationDto>))
)]
pub async fn create_inventory_operation(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(_path): Path<InventoryLocationPath>,
    Json(body): Json<OperationBody>,
) -> ApiResult<Envelope<OperationDto>> {
    let location = &access.location;
    let now = state.clock.now();
    let mut tx = state.db.write().await?;
    let f = rules::document_fields(
        &mut tx,
        location,
        DocumentBody {
            type_id: body.type_id,
            comment: body.comment,
            storage_id: body.storage_id,
            create_date: body.create_date,
        },
        None,
        now,
    )
    .await?;
    let mut e = FieldErrors::new();
    if body.goods_transactions.is_empty() {
        e.add(
            "goods_transactions",
            "At least one transaction is required.",
        );
    }
    let to_storage = body.to_storage_id.map(|i| i.0).filter(|i| *i != 0);
    match to_storage {
        Some(_) if f.type_id != doc_type::TRANSFER => e.add(
            "to_storage_id",
            "Only a transfer (type 5) has a receiving storage.",
        ),
        Some(s) if s == f.storage_id => e.add(
            "to_storage_id",
            "The receiving storage must differ from the source.",
        ),
        Some(s) => rules::storage(&mut tx, &mut e, location.id, "to_storage_id", s).await?,
        None => {}
    }
    let account = body.account_id.map(|i| i.0).filter(|i| *i != 0);
    if let Some(a) = account {
        if f.type_id != doc_type::SALE && f.type_id != doc_type::ARRIVAL {
            e.add(
                "account_id",
                "Only a sale (type 1) or an arrival (type 3) is paid.",
            );
        } else if bizd_store::payments::accounts::get(&mut tx, location.id, a)
            .await?
            .is_none()
        {
            e.add("account_id", "No such account at this location.");
        }
    }
    e.into_result()?;
    let doc_id = bizd_store::inventory::documents::insert(
        &mut tx,
        location.id,
        &f,
        Some(access.user.id),
        now,
    )
    .await?;
    let doc = bizd_store::inventory::documents::get(&mut tx, location.id, doc_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let member = body.master_id.map(|i| i.0).filter(|i| *i != 0);
    let mut lines = Vec::new();
    for (i, t) in body.goods_transactions.into_iter().enumerate() {
        let line = rules::transaction_of(&mut tx, location, &doc, t, None, member)
            .await
            .map_err(|err| rules::in_line(err, &format!("goods_transactions.{i}.")))?;
        if let Some(to) = to_storage {
            let mut arrival = line.clone();
            arrival.storage_id = to;
            arrival.amount = -line.amount;
            arrival.service_amount = -line.service_amount;
            lines.push(line);
            lines.push(arrival);
        } else {
            lines.push(line);
        }
    }
    let mut pairs: Vec<(i64, i64)> = lines.iter().map(|l| (l.product_id, l.storage_id)).collect();
    pairs.sort_unstable();
    pairs.dedup();
    // The account before the products: the lock order.
    if let Some(a) = account {
        tx.lock(&[Lock::Account(a)]).await?;
    }
    let guard = StockGuard::lock(&mut tx, location.id, &pairs).await?;
    for l in &lines {
        bizd_store::inventory::transactions::insert(
            &mut tx,
            location.id,
            l,
            Some(access.user.id),
            now,
        )
        .await?;
    }
    guard.check(&mut tx).await?;
    if let Some(account_id) = account {
        let payment = payment_of(&doc, account_id, &lines)?;
        if payment.amount != 0 {
            bizd_store::payments::transactions::insert(
                &mut tx,
                location.id,
                &payment,
                Some(access.user.id),
                now,
            )
            .await?;
        }
    }
    let rows = bizd_store::inventory::transactions::of_document(&mut tx, doc_id).await?;
    tx.commit().await?;
    Ok(Envelope::one(OperationDto {
        document: super::json::DocumentDto::new(&doc, &location.tz, &location.fields.title),
        transactions: rules::answers(&rows, location),
    }))
}

/// The payment of a paid sale or arrival: the document's total into (sale) or out of (arrival)
/// the account, named after the first line's client, team member and supplier.
fn payment_of(
    doc: &DocumentRow,
    account_id: i64,
    lines: &[NewLine],
) -> Result<NewTransaction, ApiError> {
    let total = lines
        .iter()
        .try_fold(0i64, |sum, l| sum.checked_add(l.cost))
        .ok_or_else(|| ApiError::field("goods_transactions", "The total is out of range."))?;
    let first = lines.first();
    let (expense_id, amount) = if doc.type_id == doc_type::SALE {
        (EXPENSE_GOODS_SALE, total)
    } else {
        (EXPENSE_GOODS_PURCHASE, -total)
    };
    Ok(NewTransaction {
        account_id,
        document_id: Some(doc.id),
        visit_id: None,
        record_id: None,
        expense_id,
        amount,
        client_id: first.and_then(|l| l.client_id),
        team_member_id: first.and_then(|l| l.team_member_id),
        supplier_id: first.map_or(0, |l| l.supplier_id),
        comment: doc.comment.clone(),
        date: doc.date,
    })
}
