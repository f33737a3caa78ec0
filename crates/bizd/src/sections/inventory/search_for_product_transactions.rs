use axum::extract::State;
use bizd_domain::schedule::{day_instants, parse_date};
use bizd_domain::time::parse_instant;
use bizd_store::inventory::transactions::TransactionFilter;

use super::json::{
    InventoryLocationPath, ProductTransactionDto, TransactionListQuery, TransactionPages,
};
use super::rules;
use crate::app::AppState;
use crate::http::{
    perm, ApiError, ApiResult, Envelope, ListMeta, LocationAccess, Paging, Path, Query,
};

/// Search for product transactions (`inventory/search_for_product_transactions.md`): the live
/// transactions, newest first, by day range, document, change time (and, as extensions,
/// product, storage and type), paged; `meta` `{page, count, total_count}`.
#[utoipa::path(
    get, path = "/storages/transactions/{location_id}", operation_id = "search_for_product_transactions", tag = "Inventory",
    params(InventoryLocationPath, TransactionListQuery, Paging<TransactionPages>),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<ProductTransactionDto>>))
)]
pub async fn search_for_product_transactions(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(_path): Path<InventoryLocationPath>,
    Query(q): Query<TransactionListQuery>,
    Paging(page, _): Paging<TransactionPages>,
) -> ApiResult<Envelope<Vec<ProductTransactionDto>>> {
    let location = &access.location;
    let tz = &location.tz;
    let day = |v: &Option<String>, field: &str, end: bool| -> Result<Option<i64>, ApiError> {
        match v
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty() && *s != "''")
        {
            None => Ok(None),
            Some(t) => match parse_date(t).and_then(|d| day_instants(d, tz)) {
                Some((from, to)) => Ok(Some(if end { to } else { from })),
                None => Err(ApiError::field(field, "A date, YYYY-MM-DD.")),
            },
        }
    };
    let instant = |v: &Option<String>, field: &str| match v.as_deref().filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => parse_instant(s, tz)
            .map(Some)
            .ok_or_else(|| ApiError::field(field, "Not a date and time.")),
    };
    let filter = TransactionFilter {
        from: day(&q.start_date, "start_date", false)?,
        to: day(&q.end_date, "end_date", true)?,
        document_id: q.document_id.map(|i| i.0).filter(|i| *i != 0),
        changed_after: instant(&q.changed_after, "changed_after")?,
        changed_before: instant(&q.changed_before, "changed_before")?,
        product_id: q.good_id.map(|i| i.0).filter(|i| *i != 0),
        storage_id: q.storage_id.map(|i| i.0).filter(|i| *i != 0),
        type_id: q.type_id.map(|i| i.0).filter(|i| *i != 0),
    };
    let mut c = state.db.snapshot().await?;
    let (rows, total) = bizd_store::inventory::transactions::list(
        &mut c,
        location.id,
        &filter,
        page.offset(),
        page.size,
    )
    .await?;
    Ok(Envelope::list(
        rules::answers(&rows, location),
        ListMeta::page_count_total(page, total),
    ))
}
