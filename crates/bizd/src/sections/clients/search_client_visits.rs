use std::collections::{HashMap, HashSet};

use axum::extract::State;
use bizd_domain::client::normalize_phone;
use bizd_domain::inventory::{line_cost, qty_to_decimal, unit};
use bizd_domain::money::Money;
use bizd_domain::time;
use bizd_domain::visit::{date_pages, page_of, valid_attendance, CursorPage, PaymentStatus};
use bizd_domain::FieldErrors;
use bizd_store::visits::ClientHistory;
use serde_json::json;

use super::json::{
    CursorPageDto, DateCursorDto, GoodDto, GoodsTransactionDto, RefDto, TipsDto, VisitHistoryDto,
    VisitHistoryMeta, VisitRecordDto, VisitSearchBody, VisitServiceDto,
};
use crate::app::AppState;
use crate::http::wire::{Amount, Text};
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess};

/// Items per page; a date is never split, so a page may hold more.
const PAGE_SIZE: usize = 25;

fn date_arg(errors: &mut FieldErrors, field: &str, value: Option<Text>) -> Option<String> {
    let v = value
        .map(Text::into_inner)
        .filter(|s| !s.trim().is_empty())?;
    let date = v.trim().get(..10).unwrap_or_default().to_owned();
    if date.parse::<jiff::civil::Date>().is_err() {
        errors.add(
            field,
            format!("The {field} must be a date in the format YYYY-MM-DD."),
        );
        return None;
    }
    Some(date)
}

/// One entry of the history: an appointment or a sale, with its local date.
#[derive(Clone, Copy)]
enum Item {
    Record(usize),
    Sale(usize),
}

fn cursor_dto(p: &CursorPage) -> CursorPageDto {
    CursorPageDto {
        from: p.from.clone(),
        to: p.to.clone(),
        count: p.count,
    }
}

/// Search by customer history (`clients/search_client_visits.md`): a client's appointments and
/// product sales grouped by visit, newest first, in pages of 25 items that never split a date.
#[utoipa::path(
    post, path = "/company/{location_id}/clients/visits/search", operation_id = "search_client_visits", tag = "Clients",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = VisitSearchBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "History page; `meta.dateCursor` has previous/current/next", body = Envelope<VisitHistoryDto>))
)]
pub async fn search_client_visits(
    State(state): State<AppState>,
    access: LocationAccess<perm::Clients>,
    Json(body): Json<VisitSearchBody>,
) -> ApiResult<Envelope<VisitHistoryDto>> {
    let location = &access.location;
    let tz = &location.tz;

    let mut errors = FieldErrors::new();
    let from = date_arg(&mut errors, "from", body.from);
    let to = date_arg(&mut errors, "to", body.to);
    if let (Some(f), Some(t)) = (&from, &to) {
        if f > t {
            errors.add("from", "The from date must not be after the to date.");
        }
    }
    let mut statuses = HashSet::new();
    for s in body.payment_statuses.unwrap_or_default() {
        match PaymentStatus::parse(s.0.trim()) {
            Some(p) => {
                statuses.insert(p);
            }
            None => errors.add(
                "payment_statuses",
                format!("Unknown payment status {:?}.", s.0),
            ),
        }
    }
    let attendance = body.attendance.map(|a| a.0);
    if attendance.is_some_and(|a| !valid_attendance(a)) {
        errors.add("attendance", "The attendance must be -1, 0, 1 or 2.");
    }
    let phone = body
        .client_phone
        .map(Text::into_inner)
        .filter(|p| !p.trim().is_empty());
    if body.client_id.is_none() && phone.is_none() {
        errors.add("client_id", "Give client_id or client_phone.");
    }
    let digits = match phone.as_deref().map(normalize_phone) {
        Some(Err(m)) => {
            errors.add("client_phone", m);
            None
        }
        Some(Ok(d)) => Some(d),
        None => None,
    };
    errors.into_result()?;

    let mut c = state.db.snapshot().await?;
    let client_id = match (body.client_id, digits) {
        (Some(id), _) => bizd_store::clients::get(&mut c, location.id, id.0)
            .await?
            .map(|c| c.id),
        (None, Some(d)) => bizd_store::clients::id_by_phone(&mut c, location.id, &d).await?,
        (None, None) => None,
    }
    .ok_or_else(|| ApiError::NotFound("Client not found".into()))?;
    let history = bizd_store::visits::client_history(&mut c, location.id, client_id).await?;

    let status_of_visit = |visit: Option<i64>, own: (Money, Money)| -> PaymentStatus {
        let (cost, paid) = visit
            .and_then(|v| history.visit_totals.get(&v).copied())
            .unwrap_or(own);
        PaymentStatus::of(cost, paid)
    };
    let sale_totals = |id: i64| -> (Money, Money) {
        history
            .items
            .iter()
            .filter(|i| i.transaction_id == id)
            .fold((Money::ZERO, Money::ZERO), |(c, p), i| {
                (
                    Money::from_minor(c.minor() + i.cost_to_pay),
                    Money::from_minor(p.minor() + i.paid_sum),
                )
            })
    };
    // All matching items, newest first, with their local dates.
    let mut items: Vec<(i64, String, Item)> = Vec::new();
    for (i, r) in history.records.iter().enumerate() {
        let status = status_of_visit(Some(r.visit_id), (Money::ZERO, Money::ZERO));
        if attendance.is_some_and(|a| a != r.attendance)
            || (!statuses.is_empty() && !statuses.contains(&status))
        {
            continue;
        }
        items.push((r.starts_at, local_date(r.starts_at, tz), Item::Record(i)));
    }
    for (i, g) in history.goods.iter().enumerate() {
        let status = status_of_visit(g.visit_id, sale_totals(g.id));
        let attended = match attendance {
            None => true,
            Some(a) => g.visit_attendance == Some(a),
        };
        if !attended || (!statuses.is_empty() && !statuses.contains(&status)) {
            continue;
        }
        items.push((g.sold_at, local_date(g.sold_at, tz), Item::Sale(i)));
    }
    // A `client_history_last_days_count` permission value hides what is older.
    if let Some(days) = access.grants.client_history_days() {
        let oldest = state.clock.now() - days * 86_400;
        items.retain(|i| i.0 >= oldest);
    }
    items.sort_by_key(|i| std::cmp::Reverse(i.0));

    let in_window =
        |d: &String| from.as_ref().is_none_or(|f| d >= f) && to.as_ref().is_none_or(|t| d <= t);
    let window: Vec<&(i64, String, Item)> = items.iter().filter(|i| in_window(&i.1)).collect();
    let dates: Vec<String> = window.iter().map(|i| i.1.clone()).collect();
    let pages = date_pages(&dates, PAGE_SIZE);
    let current_range = pages.first().cloned().unwrap_or(0..0);
    let mut current = page_of(&dates, current_range.clone());
    if current.count == 0 {
        current = CursorPage {
            from: from.clone(),
            to: to.clone(),
            count: 0,
        };
    } else if pages.len() == 1 {
        // The page holds the rest of the window: it spans the whole requested period.
        current.from = from.clone().or(current.from);
        current.to = to.clone().or(current.to);
    } else {
        current.to = to.clone().or(current.to);
    }
    let next = pages
        .get(1)
        .map(|r| page_of(&dates, r.clone()))
        .unwrap_or_default();
    // The previous page: the oldest group of items newer than the window.
    let newer: Vec<String> = match &to {
        Some(t) => items
            .iter()
            .filter(|i| &i.1 > t)
            .rev()
            .map(|i| i.1.clone())
            .collect(),
        None => Vec::new(),
    };
    let previous = date_pages(&newer, PAGE_SIZE)
        .first()
        .map_or_else(CursorPage::default, |r| {
            let p = page_of(&newer, r.clone());
            // `newer` runs oldest first, so its page range is reversed.
            CursorPage {
                from: p.to,
                to: p.from,
                count: p.count,
            }
        });

    let page: Vec<Item> = window[current_range].iter().map(|i| i.2).collect();
    let mut member_ids: Vec<i64> = page
        .iter()
        .filter_map(|item| match *item {
            Item::Record(i) => history.records[i].team_member_id,
            Item::Sale(i) => history.goods[i].team_member_id,
        })
        .collect();
    member_ids.sort_unstable();
    member_ids.dedup();
    let staff: HashMap<i64, serde_json::Value> =
        bizd_store::team_members::get_many(&mut c, location.id, &member_ids)
            .await?
            .iter()
            .map(|m| (m.id, staff_json(m)))
            .collect();
    drop(c);
    let ctx = RenderContext {
        location_id: location.id,
        location_title: &location.fields.title,
        tz,
        staff: &staff,
    };
    let data = render(&history, &page, &ctx, &status_of_visit, &sale_totals);
    let meta = VisitHistoryMeta {
        date_cursor: DateCursorDto {
            previous: cursor_dto(&previous),
            current: cursor_dto(&current),
            next: cursor_dto(&next),
        },
    };
    Ok(Envelope::with_meta(data, meta))
}

fn local_date(unix: i64, tz: &time::TimeZone) -> String {
    time::local_date(unix, tz)
}

/// A team member as the history shows them (deleted ones stay readable here).
fn staff_json(m: &bizd_store::team_members::TeamMember) -> serde_json::Value {
    json!({
        "id": m.id,
        "name": m.fields.name,
        "company_id": m.location_id,
        "specialization": m.fields.specialization,
        "avatar": m.avatar,
        "avatar_big": m.avatar_big,
        "position": m.position.as_ref().map(|p| json!({"id": p.id, "title": p.fields.title})),
        "is_paid_staff": false,
    })
}

struct RenderContext<'a> {
    location_id: i64,
    location_title: &'a str,
    tz: &'a time::TimeZone,
    staff: &'a HashMap<i64, serde_json::Value>,
}

fn render(
    h: &ClientHistory,
    page: &[Item],
    ctx: &RenderContext<'_>,
    status_of_visit: &dyn Fn(Option<i64>, (Money, Money)) -> PaymentStatus,
    sale_totals: &dyn Fn(i64) -> (Money, Money),
) -> VisitHistoryDto {
    let m = |minor: i64| Amount::from(Money::from_minor(minor));
    let tz = ctx.tz;
    let company = || RefDto {
        id: ctx.location_id,
        title: ctx.location_title.to_owned(),
    };
    let staff_of = |id: Option<i64>| id.and_then(|id| ctx.staff.get(&id).cloned());
    let mut out = VisitHistoryDto {
        goods_transactions: Vec::new(),
        records: Vec::new(),
    };
    for item in page {
        match *item {
            Item::Record(i) => {
                let r = &h.records[i];
                let status = status_of_visit(Some(r.visit_id), (Money::ZERO, Money::ZERO)).as_str();
                out.records.push(VisitRecordDto {
                    id: r.id,
                    comment: r.comment.clone(),
                    date: time::iso8601(r.starts_at, tz),
                    visit_id: r.visit_id,
                    attendance: r.attendance,
                    services: h
                        .services
                        .iter()
                        .filter(|s| s.record_id == r.id)
                        .map(|s| VisitServiceDto {
                            id: s.service_id,
                            title: s.title.clone(),
                            first_cost: m(s.first_cost),
                            discount_percent: m(s.discount_percent),
                            cost_to_pay: m(s.cost_to_pay),
                            paid_sum: m(s.paid_sum),
                            payment_status: status.to_owned(),
                            consumables: Vec::new(),
                        })
                        .collect(),
                    staff: staff_of(r.team_member_id),
                    company: company(),
                    tips: TipsDto {
                        has_tips: false,
                        sum: None,
                    },
                });
            }
            Item::Sale(i) => {
                let g = &h.goods[i];
                let status = status_of_visit(g.visit_id, sale_totals(g.id)).as_str();
                out.goods_transactions.push(GoodsTransactionDto {
                    id: g.id,
                    comment: g.comment.clone(),
                    date: time::iso8601(g.sold_at, tz),
                    visit_id: g.visit_id.unwrap_or(0),
                    record_id: g.record_id.unwrap_or(0),
                    goods: h
                        .items
                        .iter()
                        .filter(|it| it.transaction_id == g.id)
                        .map(|it| {
                            let unit_id = if it.operation_unit_type == 2 {
                                it.service_unit_id
                            } else {
                                it.sale_unit_id
                            };
                            GoodDto {
                                id: it.good_id,
                                title: it.title.clone(),
                                amount: Amount(qty_to_decimal(it.amount)),
                                unit: unit(unit_id).map_or("", |u| u.1).to_owned(),
                                cost_per_unit: m(it.cost_per_unit),
                                // The signed amount at the unit price, before the discount.
                                first_cost: m(line_cost(it.amount.abs(), it.cost_per_unit, 0)
                                    * it.amount.signum()),
                                discount_percent: m(it.discount_percent),
                                cost_to_pay: m(it.cost_to_pay),
                                paid_sum: m(it.paid_sum),
                                payment_status: status.to_owned(),
                            }
                        })
                        .collect(),
                    staff: staff_of(g.team_member_id),
                    company: company(),
                });
            }
        }
    }
    out
}
