use axum::extract::State;
use bizd_domain::money::Currency;
use bizd_domain::schedule::{day_instants, parse_date};
use bizd_domain::validation::FieldErrors;
use bizd_store::payments::transactions::Filter;

use super::json::{
    PaymentsLocationPath, TransactionItemDto, TransactionListQuery, TransactionPages,
};
use crate::app::AppState;
use crate::http::paging::Page;
use crate::http::{perm, ApiError, ApiResult, Envelope, LocationAccess, Path, Query};

/// The filter a query names: ids of 0 mean "any" (the reference's examples send 0), dates are
/// inclusive local days of the location.
fn filter_of(
    q: &TransactionListQuery,
    location_id: i64,
    tz: &bizd_domain::time::TimeZone,
) -> Result<Filter, ApiError> {
    let mut e = FieldErrors::new();
    let id = |v: Option<crate::http::wire::Int>| v.map(|i| i.0).filter(|&i| i != 0);
    let mut day = |v: &Option<String>, name: &str, end: bool| {
        let t = v
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty() && *t != "''")?;
        match parse_date(t).and_then(|d| day_instants(d, tz)) {
            Some((from, to)) => Some(if end { to } else { from }),
            None => {
                e.add(name, "A date, YYYY-MM-DD.");
                None
            }
        }
    };
    let date_from = day(&q.start_date, "start_date", false);
    let date_before = day(&q.end_date, "end_date", true);
    let positive = match q.balance_is.map(|b| b.0).unwrap_or(0) {
        0 => None,
        1 => Some(true),
        2 => Some(false),
        _ => {
            e.add("balance_is", "The balance_is is 0, 1 or 2.");
            None
        }
    };
    for (name, v) in [("deleted", q.deleted), ("real_money", q.real_money)] {
        if v.is_some_and(|f| !(0..=1).contains(&f.0)) {
            e.add(name, format!("The {name} is 0 or 1."));
        }
    }
    e.into_result()?;
    Ok(Filter {
        location_id,
        account_id: id(q.account_id),
        supplier_id: id(q.supplier_id),
        client_id: id(q.client_id),
        user_id: id(q.user_id),
        team_member_id: id(q.master_id),
        expense_id: id(q.kind),
        document_id: id(q.document_id),
        deleted: q.deleted.is_some_and(|d| d.0 == 1),
        date_from,
        date_before,
        positive,
        ..Filter::default()
    })
}

/// Get transactions (`payments/get_transactions.md`): newest first (by date, then id), every
/// documented filter, pages of `count` (default 50, at most 1000). `meta` is `[]`, as documented.
#[utoipa::path(
    get, path = "/transactions/{location_id}", operation_id = "get_transactions", tag = "Payments",
    params(PaymentsLocationPath, TransactionListQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<TransactionItemDto>>))
)]
pub async fn get_transactions(
    State(state): State<AppState>,
    access: LocationAccess<perm::Finances>,
    Path(_path): Path<PaymentsLocationPath>,
    Query(q): Query<TransactionListQuery>,
) -> ApiResult<Envelope<Vec<TransactionItemDto>>> {
    let location = &access.location;
    let page = Page::new::<TransactionPages>(q.page, q.count)?;
    let mut f = filter_of(&q, location.id, &location.tz)?;
    f.page = Some((page.offset(), page.size));
    let mut c = state.db.snapshot().await?;
    let (rows, _total) = bizd_store::payments::transactions::list(&mut c, &f).await?;
    let currency = Currency::of(&location.fields.currency);
    Ok(Envelope::one(
        rows.iter()
            .map(|t| TransactionItemDto::new(t, &location.tz, currency))
            .collect(),
    ))
}
