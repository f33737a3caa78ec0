use std::collections::{HashMap, HashSet};

use axum::extract::State;
use bizd_domain::client::normalize_phone;
use bizd_domain::money::Money;
use bizd_domain::time;
use bizd_domain::visit::{date_pages, page_of, valid_attendance, CursorPage, PaymentStatus};
use bizd_domain::FieldErrors;
use bizd_store::visits::ClientHistory;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::app::AppState;
use crate::http::wire::{money_json, Int, Text};
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Items per page; a date is never split, so a page may hold more.
const PAGE_SIZE: usize = 25;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct VisitSearchBody {
    /// The client, by id …
    pub client_id: Option<Int>,
    /// … or by phone.
    pub client_phone: Option<Text>,
    /// Period start date (`YYYY-MM-DD`, inclusive, location time).
    pub from: Option<Text>,
    /// Period end date (inclusive).
    pub to: Option<Text>,
    /// `not_paid`, `paid_not_full`, `paid_full`, `paid_over`; `[]` for all.
    pub payment_statuses: Option<Vec<Text>>,
    /// -1 no-show, 0 waiting, 1 arrived, 2 confirmed; `null` for all.
    pub attendance: Option<Int>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RefDto {
    pub id: i64,
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VisitServiceDto {
    pub id: i64,
    pub title: String,
    #[schema(value_type = f64)]
    pub first_cost: serde_json::Number,
    #[schema(value_type = f64)]
    pub discount_percent: serde_json::Number,
    #[schema(value_type = f64)]
    pub cost_to_pay: serde_json::Number,
    #[schema(value_type = f64)]
    pub paid_sum: serde_json::Number,
    pub payment_status: String,
    pub consumables: Vec<serde_json::Value>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TipsDto {
    pub has_tips: bool,
    #[schema(value_type = Option<f64>)]
    pub sum: Option<serde_json::Number>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VisitRecordDto {
    pub id: i64,
    pub comment: String,
    pub date: String,
    pub visit_id: i64,
    pub attendance: i64,
    pub services: Vec<VisitServiceDto>,
    /// The team member, when the appointment has one.
    #[schema(value_type = Option<Object>)]
    pub staff: Option<serde_json::Value>,
    pub company: RefDto,
    pub tips: TipsDto,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GoodDto {
    pub id: i64,
    pub title: String,
    #[schema(value_type = f64)]
    pub amount: serde_json::Number,
    pub unit: String,
    #[schema(value_type = f64)]
    pub cost_per_unit: serde_json::Number,
    #[schema(value_type = f64)]
    pub first_cost: serde_json::Number,
    #[schema(value_type = f64)]
    pub discount_percent: serde_json::Number,
    #[schema(value_type = f64)]
    pub cost_to_pay: serde_json::Number,
    #[schema(value_type = f64)]
    pub paid_sum: serde_json::Number,
    pub payment_status: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GoodsTransactionDto {
    pub id: i64,
    pub comment: String,
    pub date: String,
    /// 0 when the sale belongs to no visit.
    pub visit_id: i64,
    /// 0 when the sale belongs to no appointment.
    pub record_id: i64,
    pub goods: Vec<GoodDto>,
    #[schema(value_type = Option<Object>)]
    pub staff: Option<serde_json::Value>,
    pub company: RefDto,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VisitHistoryDto {
    pub goods_transactions: Vec<GoodsTransactionDto>,
    pub records: Vec<VisitRecordDto>,
}

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

fn cursor_json(p: &CursorPage) -> serde_json::Value {
    json!({"from": p.from, "to": p.to, "count": p.count})
}

/// Search by customer history (`clients/search_client_visits.md`): a client's appointments and
/// product sales grouped by visit, newest first, in pages of 25 items that never split a date.
#[utoipa::path(
    post, path = "/company/{location_id}/clients/visits/search", operation_id = "search_client_visits", tag = "Clients",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = VisitSearchBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, description = "History page; `meta.dateCursor` has previous/current/next", body = Envelope<VisitHistoryDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn search_client_visits(
    State(state): State<AppState>,
    access: LocationAccess,
    Json(body): Json<VisitSearchBody>,
) -> ApiResult<Envelope<VisitHistoryDto>> {
    access.require(|p| p.clients)?;
    let location = &access.location;
    let tz = location.fields.timezone_name.as_str();

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

    let client_id = match (body.client_id, digits) {
        (Some(id), _) => state.db.client(location.id, id.0).await?.map(|c| c.id),
        (None, Some(d)) => state.db.client_id_by_phone(location.id, &d).await?,
        (None, None) => None,
    }
    .ok_or_else(|| ApiError::NotFound("Client not found".into()))?;
    let history = state.db.client_history(location.id, client_id).await?;

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
    let mut staff = HashMap::new();
    for item in &page {
        let member = match *item {
            Item::Record(i) => history.records[i].team_member_id,
            Item::Sale(i) => history.goods[i].team_member_id,
        };
        if let Some(id) = member.filter(|id| !staff.contains_key(id)) {
            if let Some(m) = state.db.team_member(location.id, id).await? {
                staff.insert(id, staff_json(&m));
            }
        }
    }
    let ctx = RenderContext {
        location_id: location.id,
        location_title: &location.fields.title,
        tz,
        staff: &staff,
    };
    let data = render(&history, &page, &ctx, &status_of_visit, &sale_totals);
    let meta = json!({"dateCursor": {"previous": cursor_json(&previous), "current": cursor_json(&current), "next": cursor_json(&next)}});
    Ok(Envelope::with_meta(data, meta))
}

fn local_date(unix: i64, tz: &str) -> String {
    time::iso8601(unix, tz)[..10].to_owned()
}

/// A team member as the history shows them (deleted ones stay readable here).
fn staff_json(m: &bizd_store::staff::TeamMember) -> serde_json::Value {
    json!({
        "id": m.id,
        "name": m.fields.name,
        "company_id": m.location_id,
        "specialization": m.fields.specialization,
        "avatar": m.avatar,
        "avatar_big": m.avatar_big,
        "position": m.position.as_ref().map(|(id, title)| json!({"id": id, "title": title})),
        "is_paid_staff": false,
    })
}

struct RenderContext<'a> {
    location_id: i64,
    location_title: &'a str,
    tz: &'a str,
    staff: &'a HashMap<i64, serde_json::Value>,
}

fn render(
    h: &ClientHistory,
    page: &[Item],
    ctx: &RenderContext<'_>,
    status_of_visit: &dyn Fn(Option<i64>, (Money, Money)) -> PaymentStatus,
    sale_totals: &dyn Fn(i64) -> (Money, Money),
) -> VisitHistoryDto {
    let m = |minor: i64| money_json(Money::from_minor(minor));
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
                        .map(|it| GoodDto {
                            id: it.good_id,
                            title: it.title.clone(),
                            amount: m(it.amount),
                            unit: it.unit.clone(),
                            cost_per_unit: m(it.cost_per_unit),
                            first_cost: m(it.cost_per_unit * it.amount / 100),
                            discount_percent: m(it.discount_percent),
                            cost_to_pay: m(it.cost_to_pay),
                            paid_sum: m(it.paid_sum),
                            payment_status: status.to_owned(),
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
