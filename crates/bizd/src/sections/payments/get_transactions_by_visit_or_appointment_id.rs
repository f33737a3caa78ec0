use axum::extract::State;
use bizd_domain::money::Currency;
use bizd_store::payments::transactions::Filter;

use super::json::{PaymentsLocationPath, TimetableTransactionsQuery, TransactionItemDto};
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, LocationAccess, Path, Query};

/// Get Transactions by Visit or Appointment ID
/// (`payments/get_transactions_by_visit_or_appointment_id.md`): the live transactions of a visit
/// (`visit_id`) or of an appointment (`record_id`: those its visit's payments name it by), oldest
/// first. One of the two is required (422); an id of another location matches nothing.
#[utoipa::path(
    get, path = "/timetable/transactions/{location_id}", operation_id = "get_transactions_by_visit_or_appointment_id", tag = "Payments",
    params(PaymentsLocationPath, TimetableTransactionsQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<TransactionItemDto>>))
)]
pub async fn get_transactions_by_visit_or_appointment_id(
    State(state): State<AppState>,
    access: LocationAccess<perm::RecordsFinances>,
    Path(_path): Path<PaymentsLocationPath>,
    Query(q): Query<TimetableTransactionsQuery>,
) -> ApiResult<Envelope<Vec<TransactionItemDto>>> {
    let location = &access.location;
    let (visit_id, record_id) = (
        q.visit_id.map(|i| i.0).filter(|&i| i != 0),
        q.record_id.map(|i| i.0).filter(|&i| i != 0),
    );
    if visit_id.is_none() && record_id.is_none() {
        return Err(ApiError::field(
            "visit_id",
            "A visit_id or a record_id is required.",
        ));
    }
    let f = Filter {
        location_id: location.id,
        visit_id,
        record_id,
        ..Filter::default()
    };
    let mut c = state.db.snapshot().await?;
    let (mut rows, _) = bizd_store::payments::transactions::list(&mut c, &f).await?;
    rows.sort_by_key(|t| t.id);
    let currency = Currency::of(&location.fields.currency);
    Ok(Envelope::one(
        rows.iter()
            .map(|t| TransactionItemDto::new(t, &location.tz, currency))
            .collect(),
    ))
}
