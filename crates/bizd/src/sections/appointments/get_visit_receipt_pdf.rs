use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use bizd_domain::inventory::{line_cost, qty_to_decimal};
use bizd_domain::money::{Currency, Money};
use bizd_domain::time::{iso8601, TimeZone};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

use super::json::VisitPath;
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, LocationAccess, Path};
use crate::sections::payments::json::amount_text;

/// What a receipt shows, already as text.
pub struct Receipt {
    pub location: String,
    pub date: String,
    pub client: String,
    /// `(title, price, discount %, total)`
    pub lines: Vec<(String, String, String, String)>,
    /// `(account, amount)`
    pub payments: Vec<(String, String)>,
    pub total: String,
    pub paid: String,
    pub due: String,
}

/// WinAnsi bytes of `s` (the standard fonts' encoding): characters outside it become `?`.
fn win_ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c as u32 {
            0x20..=0x7e | 0xa0..=0xff => c as u8,
            _ => b'?',
        })
        .collect()
}

/// One A4 page with Helvetica: a line of text per row, the columns of each line at fixed x.
pub fn render(r: &Receipt) -> Vec<u8> {
    let (catalog, tree, page, font, bold, content_id) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
        Ref::new(6),
    );
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page]).count(1);
    let mut p = pdf.page(page);
    p.media_box(Rect::new(0.0, 0.0, 595.0, 842.0))
        .parent(tree)
        .contents(content_id);
    p.resources()
        .fonts()
        .pair(Name(b"F1"), font)
        .pair(Name(b"F2"), bold);
    p.finish();
    for (id, name) in [(font, b"Helvetica".as_slice()), (bold, b"Helvetica-Bold")] {
        pdf.type1_font(id)
            .base_font(Name(name))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    let mut c = Content::new();
    let mut y = 790.0;
    let row = |c: &mut Content, y: &mut f32, cells: &[(&str, f32)], bold: bool, size: f32| {
        for (text, x) in cells {
            c.begin_text();
            c.set_font(Name(if bold { b"F2" } else { b"F1" }), size);
            c.next_line(*x, *y);
            c.show(Str(&win_ansi(text)));
            c.end_text();
        }
        *y -= size + 8.0;
    };
    row(&mut c, &mut y, &[(&r.location, 50.0)], true, 16.0);
    row(
        &mut c,
        &mut y,
        &[(&format!("Receipt, {}", r.date), 50.0)],
        false,
        11.0,
    );
    row(
        &mut c,
        &mut y,
        &[(&format!("Client: {}", r.client), 50.0)],
        false,
        11.0,
    );
    y -= 10.0;
    let columns = [50.0, 330.0, 420.0, 490.0];
    let header = ["Service", "Price", "Discount", "Total"];
    let cells: Vec<(&str, f32)> = header.iter().copied().zip(columns).collect();
    row(&mut c, &mut y, &cells, true, 11.0);
    for (title, price, discount, total) in &r.lines {
        let texts = [title.as_str(), price, discount, total];
        let cells: Vec<(&str, f32)> = texts.into_iter().zip(columns).collect();
        row(&mut c, &mut y, &cells, false, 11.0);
    }
    y -= 10.0;
    row(&mut c, &mut y, &[("Payments", 50.0)], true, 11.0);
    for (account, amount) in &r.payments {
        row(
            &mut c,
            &mut y,
            &[(account, 50.0), (amount, 490.0)],
            false,
            11.0,
        );
    }
    y -= 10.0;
    for (label, value) in [
        ("Total", &r.total),
        ("Paid", &r.paid),
        ("Balance due", &r.due),
    ] {
        row(&mut c, &mut y, &[(label, 50.0), (value, 490.0)], true, 11.0);
    }
    pdf.stream(content_id, &c.finish());
    pdf.finish()
}

/// The receipt of a visit, from its lines (services, products) and live payments.
pub fn receipt(
    location: &str,
    tz: &TimeZone,
    currency: &str,
    doc: &bizd_store::sales::DocumentRow,
    client: String,
    (lines, goods): (
        &[bizd_store::sales::SaleLine],
        &[bizd_store::inventory::transactions::TransactionRow],
    ),
    payments: &[bizd_store::payments::transactions::TransactionRow],
) -> Receipt {
    let cur = Currency::of(currency);
    let money = |minor: i64| format!("{} {currency}", amount_text(Money::from_minor(minor), cur));
    let total: i64 =
        lines.iter().map(|l| l.cost).sum::<i64>() + goods.iter().map(|t| t.cost).sum::<i64>();
    let paid: i64 = payments.iter().map(|t| t.amount).sum();
    Receipt {
        location: location.to_owned(),
        date: iso8601(doc.visit_starts_at.unwrap_or(doc.created_at), tz),
        client,
        lines: lines
            .iter()
            .map(|l| {
                (
                    if l.amount == 1 {
                        l.title.clone()
                    } else {
                        format!("{} x {}", l.title, l.amount)
                    },
                    money(l.first_cost.saturating_mul(l.amount)),
                    format!("{} %", Money::from_minor(l.discount_percent).to_decimal()),
                    money(l.cost),
                )
            })
            .chain(goods.iter().map(|t| {
                let title = t.product_title.clone().unwrap_or_default();
                let amount = qty_to_decimal(t.amount.abs());
                (
                    if amount == rust_decimal::Decimal::ONE {
                        title
                    } else {
                        format!("{title} x {amount}")
                    },
                    money(line_cost(t.amount, t.cost_per_unit, 0)),
                    format!("{} %", Money::from_minor(t.discount).to_decimal()),
                    money(t.cost),
                )
            }))
            .collect(),
        payments: payments
            .iter()
            .map(|t| (t.account_title.clone().unwrap_or_default(), money(t.amount)))
            .collect(),
        total: money(total),
        paid: money(paid),
        due: money((total - paid).max(0)),
    }
}

/// Check PDF for the visit (`appointments/get_visit_receipt_pdf.md`): `application/pdf`, one
/// page: the location, the visit's date, the client, each service and product line with its price,
/// discount and total, the payments by account, the total, what was paid and the balance due.
/// Access is decided by the visit's location; it needs `records_finances`.
#[utoipa::path(
    get, path = "/attendance/receipt_print/{visit_id}", operation_id = "get_visit_receipt_pdf", tag = "Appointments",
    params(VisitPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "The receipt, a one-page PDF", content_type = "application/pdf"))
)]
pub async fn get_visit_receipt_pdf(
    State(state): State<AppState>,
    access: LocationAccess<perm::RecordsFinances>,
    Path(path): Path<VisitPath>,
) -> ApiResult<Response> {
    let location = &access.location;
    let mut c = state.db.snapshot().await?;
    let visit = rules::existing_visit(&mut c, location.id, path.visit_id.0).await?;
    let doc = bizd_store::sales::of_visits(&mut c, &[visit.id])
        .await?
        .pop()
        .ok_or_else(|| crate::http::ApiError::NotFound("Visit not found.".into()))?;
    let lines = bizd_store::sales::lines(&mut c, visit.id).await?;
    let goods = bizd_store::inventory::transactions::sales_of(&mut c, doc.id).await?;
    let payments = bizd_store::payments::transactions::of_document(&mut c, doc.id).await?;
    let client = match visit.client_id {
        Some(id) => bizd_store::clients::get(&mut c, location.id, id)
            .await?
            .map(|cl| {
                format!("{} {}", cl.fields.name, cl.fields.surname)
                    .trim()
                    .to_owned()
            })
            .unwrap_or_default(),
        None => String::new(),
    };
    let r = receipt(
        &location.fields.title,
        &location.tz,
        &location.fields.currency,
        &doc,
        client,
        (&lines, &goods),
        &payments,
    );
    let pdf = render(&r);
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"receipt-{}.pdf\"", visit.id),
            ),
        ],
        pdf,
    )
        .into_response())
}
