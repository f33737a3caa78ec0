//! Writing a visit with its appointments (the demo data and tests; the API books through the
//! appointments store).

use sea_query::Query;

use super::{NewVisit, RecordServices, Records, Visits};
use crate::{Conn, StoreError, StoreResult};

/// Rows per multi-row `INSERT` of services or items (9 values each at most: far below both
/// backends' bind-parameter limits).
const INSERT_BATCH: usize = 500;

/// Records a visit with its appointments; returns the visit id. Run it in a write
/// transaction ([`Db::write`](crate::Db::write)): all or nothing.
pub async fn insert(
    c: &mut Conn<'_>,
    location_id: i64,
    v: &NewVisit,
    now: i64,
) -> StoreResult<i64> {
    // The visit's cost and paid total, as its lines say (`cost_to_pay` is a line's price to
    // pay, `paid_sum` what was paid of it). Products are sold into its sale document later.
    let services = v.records.iter().flat_map(|r| r.services.iter());
    let cost: i64 = services.clone().map(|s| s.cost_to_pay.minor()).sum();
    let paid: i64 = services.map(|s| s.paid_sum.minor()).sum();
    let stmt = Query::insert()
        .into_table(Visits::Table)
        .columns([
            Visits::LocationId,
            Visits::ClientId,
            Visits::Attendance,
            Visits::StartsAt,
            Visits::CreatedAt,
            Visits::UpdatedAt,
            Visits::Cost,
            Visits::Paid,
        ])
        .values_panic([
            location_id.into(),
            v.client_id.into(),
            v.attendance.into(),
            v.starts_at.into(),
            now.into(),
            now.into(),
            cost.into(),
            paid.into(),
        ])
        .returning_col(Visits::Id)
        .to_owned();
    let visit_id: i64 = c.scalar(&stmt).await?.ok_or(StoreError::NotFound)?;
    crate::sales::create_for_visit(c, location_id, visit_id, None, now).await?;
    for r in &v.records {
        let stmt = Query::insert()
            .into_table(Records::Table)
            .columns([
                Records::LocationId,
                Records::VisitId,
                Records::ClientId,
                Records::TeamMemberId,
                Records::StartsAt,
                Records::Length,
                Records::Attendance,
                Records::Comment,
                Records::CreatedAt,
                Records::UpdatedAt,
            ])
            .values_panic([
                location_id.into(),
                visit_id.into(),
                v.client_id.into(),
                r.team_member_id.into(),
                r.starts_at.into(),
                r.length.into(),
                r.attendance.into(),
                r.comment.as_str().into(),
                now.into(),
                now.into(),
            ])
            .returning_col(Records::Id)
            .to_owned();
        let record_id: i64 = c.scalar(&stmt).await?.ok_or(StoreError::NotFound)?;
        for chunk in r.services.chunks(INSERT_BATCH) {
            let mut stmt = Query::insert()
                .into_table(RecordServices::Table)
                .columns([
                    RecordServices::RecordId,
                    RecordServices::ServiceId,
                    RecordServices::Title,
                    RecordServices::FirstCost,
                    RecordServices::DiscountPercent,
                    RecordServices::CostToPay,
                    RecordServices::PaidSum,
                    RecordServices::Cost,
                ])
                .to_owned();
            for s in chunk {
                stmt.values_panic([
                    record_id.into(),
                    s.service_id.into(),
                    s.title.as_str().into(),
                    s.first_cost.minor().into(),
                    s.discount_percent.into(),
                    s.cost_to_pay.minor().into(),
                    s.paid_sum.minor().into(),
                    (s.cost_to_pay.minor() + s.paid_sum.minor()).into(),
                ]);
            }
            c.execute(&stmt).await?;
        }
    }
    Ok(visit_id)
}
