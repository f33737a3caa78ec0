//! The client search: conditions combined with AND or OR, ordered and paged.

use bizd_domain::client::{search_term, Client};
use sea_query::{Alias, Cond, Expr, Func, Order, Query, SimpleExpr};

use super::{select_clients, tags, ClientTagLinks, Clients};
use crate::{Conn, StoreResult};

/// One condition of a client search.
#[derive(Debug, Clone)]
pub enum ClientCondition {
    Ids(Vec<i64>),
    /// Substring of name, surname, middle name, phone digits, e-mail or card (case-insensitive).
    Text(String),
    EmailPart(String),
    CardPart(String),
    Importance(Vec<i64>),
    Gender(Vec<i64>),
    /// Has any of these tags.
    Tags(Vec<i64>),
    /// Birth date within `[from, to]` (`YYYY-MM-DD`, either end open).
    BirthDate(Option<String>, Option<String>),
    /// Money spent within `[from, to]` hundredths.
    Spent(Option<i64>, Option<i64>),
    ChangedAfter(i64),
    ChangedBefore(i64),
    /// Matches every client / no client (for filters on features bizd has no data for).
    Constant(bool),
    /// Every one of these (a group inside an OR search).
    All(Vec<ClientCondition>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientOrder {
    Id,
    Name,
    Phone,
    Email,
    Discount,
    FirstVisit,
    LastVisit,
    Spent,
    Visits,
}

impl ClientOrder {
    fn column(self) -> Clients {
        match self {
            ClientOrder::Id => Clients::Id,
            ClientOrder::Name => Clients::Name,
            ClientOrder::Phone => Clients::Phone,
            ClientOrder::Email => Clients::Email,
            ClientOrder::Discount => Clients::Discount,
            ClientOrder::FirstVisit => Clients::FirstVisitAt,
            ClientOrder::LastVisit => Clients::LastVisitAt,
            ClientOrder::Spent => Clients::Spent,
            ClientOrder::Visits => Clients::Visits,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ClientQuery {
    pub conditions: Vec<ClientCondition>,
    /// Combine conditions with OR instead of AND.
    pub any: bool,
    pub order: ClientOrder,
    pub descending: bool,
    /// One-based.
    pub page: i64,
    pub per_page: i64,
}

fn col(c: Clients) -> Expr {
    Expr::col((Clients::Table, c))
}

/// A substring pattern for `LIKE`: wildcards in user input are dropped, so they match literally
/// nothing special (a search is a plain substring).
fn like_pattern(term: &str) -> String {
    let cleaned: String = term
        .to_lowercase()
        .chars()
        .filter(|c| *c != '%' && *c != '_')
        .collect();
    format!("%{}%", cleaned.trim())
}

fn range<T: Into<sea_query::Value> + Clone>(
    c: Clients,
    from: &Option<T>,
    to: &Option<T>,
) -> SimpleExpr {
    let mut cond = Cond::all();
    if let Some(from) = from {
        cond = cond.add(col(c).gte(from.clone()));
    }
    if let Some(to) = to {
        cond = cond.add(col(c).lte(to.clone()));
    }
    cond.into()
}

fn condition(wanted: &ClientCondition) -> SimpleExpr {
    match wanted {
        ClientCondition::Ids(ids) => col(Clients::Id).is_in(ids.iter().copied()),
        ClientCondition::Text(term) => col(Clients::Id).in_subquery(
            // SQLite: an FTS5 trigram index; PostgreSQL: a view over clients with a trigram index.
            Query::select()
                .column(Alias::new("rowid"))
                .from(Alias::new("client_search"))
                .and_where(
                    Expr::col(Alias::new("search_text")).like(like_pattern(&search_term(term))),
                )
                .to_owned(),
        ),
        ClientCondition::EmailPart(part) => {
            Expr::expr(Func::lower(col(Clients::Email))).like(like_pattern(part))
        }
        ClientCondition::CardPart(part) => {
            Expr::expr(Func::lower(col(Clients::Card))).like(like_pattern(part))
        }
        ClientCondition::Importance(v) => col(Clients::ImportanceId).is_in(v.iter().copied()),
        ClientCondition::Gender(v) => col(Clients::GenderId).is_in(v.iter().copied()),
        ClientCondition::Tags(tags) => col(Clients::Id).in_subquery(
            Query::select()
                .column(ClientTagLinks::ClientId)
                .from(ClientTagLinks::Table)
                .and_where(Expr::col(ClientTagLinks::TagId).is_in(tags.iter().copied()))
                .to_owned(),
        ),
        ClientCondition::BirthDate(from, to) => Cond::all()
            .add(col(Clients::BirthDate).is_not_null())
            .add(range(Clients::BirthDate, from, to))
            .into(),
        ClientCondition::Spent(from, to) => range(Clients::Spent, from, to),
        ClientCondition::ChangedAfter(t) => col(Clients::UpdatedAt).gte(*t),
        ClientCondition::ChangedBefore(t) => col(Clients::UpdatedAt).lte(*t),
        ClientCondition::Constant(v) => Expr::val(*v).into(),
        ClientCondition::All(group) => group
            .iter()
            .fold(Cond::all(), |all, c| all.add(condition(c)))
            .into(),
    }
}

/// One page of live clients matching the query, and how many match in all.
pub async fn search(
    c: &mut Conn<'_>,
    location_id: i64,
    q: &ClientQuery,
) -> StoreResult<(Vec<Client>, i64)> {
    // With a substring condition the search index must drive the query: `+` keeps SQLite from
    // walking the location index over every client and probing the index for each (17 ms →
    // 1 ms at a million clients). PostgreSQL reads `+x` as `x`.
    let text_driven = !q.any
        && q.conditions
            .iter()
            .any(|c| matches!(c, ClientCondition::Text(_)));
    let location = if text_driven {
        Expr::expr(Expr::cust(r#"+"clients"."location_id""#))
    } else {
        col(Clients::LocationId)
    };
    let mut filter = Cond::all()
        .add(location.eq(location_id))
        .add(col(Clients::DeletedAt).is_null());
    if !q.conditions.is_empty() {
        let combined = if q.any { Cond::any() } else { Cond::all() };
        filter = filter.add(
            q.conditions
                .iter()
                .fold(combined, |all, c| all.add(condition(c))),
        );
    }
    let count = Query::select()
        .expr(Expr::col((Clients::Table, Clients::Id)).count())
        .from(Clients::Table)
        .cond_where(filter.clone())
        .to_owned();
    let total: i64 = c.scalar(&count).await?.unwrap_or(0);
    let direction = if q.descending {
        Order::Desc
    } else {
        Order::Asc
    };
    let page = select_clients()
        .cond_where(filter)
        .order_by((Clients::Table, q.order.column()), direction.clone())
        .order_by((Clients::Table, Clients::Id), direction)
        .limit(q.per_page.max(0) as u64)
        .offset(((q.page.max(1) - 1).saturating_mul(q.per_page)).max(0) as u64)
        .to_owned();
    let rows: Vec<super::ClientRow> = c.all(&page).await?;
    let mut clients: Vec<Client> = rows.into_iter().map(Client::from).collect();
    tags::attach(c, &mut clients).await?;
    Ok((clients, total))
}
