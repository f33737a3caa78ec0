//! Clients: the record itself here; search, bulk creation, tags, comments and files beside it.
//! Every function runs on a [`Conn`]: the caller decides whether inside a write transaction.

mod bulk;
mod comments;
mod files;
mod search;
mod tags;

pub use bulk::insert_many;
pub use comments::{comment, comments, delete_comment, insert_comment, CommentRow};
pub use files::{delete_file, file, files, insert_file, FileRow, NewFile};
pub use search::{search, ClientCondition, ClientOrder, ClientQuery};
pub use tags::{insert_tag, tags_among, unknown_tags};

use bizd_domain::client::{search_text, Client, ClientFields, Tag};
use bizd_domain::money::Money;
use sea_query::{Alias, Expr, Iden, Order, Query, SelectStatement, SimpleExpr};

use crate::{Conn, Prepared, StoreError, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum Clients {
    Table,
    Id,
    LocationId,
    Name,
    Surname,
    MiddleName,
    Phone,
    Email,
    GenderId,
    ImportanceId,
    Discount,
    Card,
    BirthDate,
    Comment,
    Spent,
    Balance,
    SmsCheck,
    SmsNot,
    Visits,
    FirstVisitAt,
    LastVisitAt,
    CustomFields,
    SearchText,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum ClientTags {
    Table,
    Id,
    LocationId,
    Title,
    Color,
    CreatedAt,
    DeletedAt,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum ClientTagLinks {
    Table,
    ClientId,
    TagId,
}

/// The columns [`ClientRow`] reads, in its order.
const CLIENT_COLUMNS: [Clients; 24] = [
    Clients::Id,
    Clients::LocationId,
    Clients::Name,
    Clients::Surname,
    Clients::MiddleName,
    Clients::Phone,
    Clients::Email,
    Clients::GenderId,
    Clients::ImportanceId,
    Clients::Discount,
    Clients::Card,
    Clients::BirthDate,
    Clients::Comment,
    Clients::Spent,
    Clients::Balance,
    Clients::SmsCheck,
    Clients::SmsNot,
    Clients::Visits,
    Clients::FirstVisitAt,
    Clients::LastVisitAt,
    Clients::CustomFields,
    Clients::CreatedAt,
    Clients::UpdatedAt,
    Clients::DeletedAt,
];

#[derive(sqlx::FromRow)]
pub(crate) struct ClientRow {
    id: i64,
    location_id: i64,
    name: String,
    surname: String,
    middle_name: String,
    phone: String,
    email: String,
    gender_id: i64,
    importance_id: i64,
    discount: i64,
    card: String,
    birth_date: Option<String>,
    comment: String,
    spent: i64,
    balance: i64,
    sms_check: bool,
    sms_not: bool,
    visits: i64,
    first_visit_at: Option<i64>,
    last_visit_at: Option<i64>,
    custom_fields: String,
    created_at: i64,
    updated_at: i64,
    deleted_at: Option<i64>,
}
crate::sqlite_row!(ClientRow {
    id,
    location_id,
    name,
    surname,
    middle_name,
    phone,
    email,
    gender_id,
    importance_id,
    discount,
    card,
    birth_date,
    comment,
    spent,
    balance,
    sms_check,
    sms_not,
    visits,
    first_visit_at,
    last_visit_at,
    custom_fields,
    created_at,
    updated_at,
    deleted_at
});

impl From<ClientRow> for Client {
    fn from(r: ClientRow) -> Self {
        Client {
            id: r.id,
            location_id: r.location_id,
            fields: ClientFields {
                name: r.name,
                surname: r.surname,
                middle_name: r.middle_name,
                phone: r.phone,
                email: r.email,
                gender_id: r.gender_id,
                importance_id: r.importance_id,
                discount: Money::from_minor(r.discount),
                card: r.card,
                birth_date: r.birth_date,
                comment: r.comment,
                spent: Money::from_minor(r.spent),
                balance: Money::from_minor(r.balance),
                sms_check: r.sms_check,
                sms_not: r.sms_not,
                custom_fields: r.custom_fields,
                tag_ids: Vec::new(),
            },
            tags: Vec::new(),
            visits: r.visits,
            first_visit_at: r.first_visit_at,
            last_visit_at: r.last_visit_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
            deleted_at: r.deleted_at,
        }
    }
}

/// `SELECT <client columns> FROM clients`.
pub(crate) fn select_clients() -> SelectStatement {
    let mut stmt = Query::select();
    stmt.columns(CLIENT_COLUMNS.map(|c| (Clients::Table, c)))
        .from(Clients::Table);
    stmt
}

/// A client row joined with one of its tags.
#[derive(sqlx::FromRow)]
struct ClientTagRow {
    #[sqlx(flatten)]
    client: ClientRow,
    tag_id: Option<i64>,
    tag_title: Option<String>,
    tag_color: Option<String>,
}
crate::sqlite_row!(ClientTagRow { tag_id, tag_title, tag_color } flatten { client });

/// A live client of the location, with its tags.
pub async fn get(c: &mut Conn<'_>, location_id: i64, id: i64) -> StoreResult<Option<Client>> {
    // The most frequent read of all (every integration reads clients): rendered once.
    static STATEMENT: Prepared = Prepared::new();
    let stmt = STATEMENT.bind(
        || get_statement(location_id, id),
        [id.into(), location_id.into()],
        c.backend(),
    );
    let rows: Vec<ClientTagRow> = c.all(&stmt).await?;
    let mut client: Option<Client> = None;
    for row in rows {
        let tag = match (row.tag_id, row.tag_title, row.tag_color) {
            (Some(id), Some(title), Some(color)) => Some(Tag { id, title, color }),
            _ => None,
        };
        let c = client.get_or_insert_with(|| Client::from(row.client));
        if let Some(tag) = tag {
            c.fields.tag_ids.push(tag.id);
            c.tags.push(tag);
        }
    }
    Ok(client)
}

/// One round trip: the client once per tag (or once with NULL tag columns).
fn get_statement(location_id: i64, id: i64) -> SelectStatement {
    select_clients()
        .expr_as(
            Expr::col((ClientTags::Table, ClientTags::Id)),
            Alias::new("tag_id"),
        )
        .expr_as(
            Expr::col((ClientTags::Table, ClientTags::Title)),
            Alias::new("tag_title"),
        )
        .expr_as(
            Expr::col((ClientTags::Table, ClientTags::Color)),
            Alias::new("tag_color"),
        )
        .left_join(
            ClientTagLinks::Table,
            Expr::col((ClientTagLinks::Table, ClientTagLinks::ClientId))
                .equals((Clients::Table, Clients::Id)),
        )
        .left_join(
            ClientTags::Table,
            Expr::col((ClientTags::Table, ClientTags::Id))
                .equals((ClientTagLinks::Table, ClientTagLinks::TagId)),
        )
        .and_where(Expr::col((Clients::Table, Clients::Id)).eq(id))
        .and_where(Expr::col((Clients::Table, Clients::LocationId)).eq(location_id))
        .and_where(Expr::col((Clients::Table, Clients::DeletedAt)).is_null())
        // By the link's tag id, not the tag's: the same order, read straight from the link's
        // primary key, where ordering by the joined table's id makes SQLite sort whole rows.
        .order_by((ClientTagLinks::Table, ClientTagLinks::TagId), Order::Asc)
        .to_owned()
}

/// Creates a client and its tag links; returns the id.
pub async fn insert(
    c: &mut Conn<'_>,
    location_id: i64,
    f: &ClientFields,
    now: i64,
) -> StoreResult<i64> {
    Ok(bulk::insert_rows(c, location_id, &[f], now).await?[0])
}

/// The clients' `updated_at` for a change at `now` (see [`crate::db::touched`]).
pub(crate) fn touched(now: i64) -> SimpleExpr {
    crate::db::touched(Clients::UpdatedAt, now)
}

/// Replaces the client's fields and tags. `NotFound` when it is gone.
pub async fn update(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
    f: &ClientFields,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Clients::Table)
        .values([
            (Clients::Name, f.name.clone().into()),
            (Clients::Surname, f.surname.clone().into()),
            (Clients::MiddleName, f.middle_name.clone().into()),
            (Clients::Phone, f.phone.clone().into()),
            (Clients::Email, f.email.clone().into()),
            (Clients::GenderId, f.gender_id.into()),
            (Clients::ImportanceId, f.importance_id.into()),
            (Clients::Discount, f.discount.minor().into()),
            (Clients::Card, f.card.clone().into()),
            (Clients::BirthDate, f.birth_date.clone().into()),
            (Clients::Comment, f.comment.clone().into()),
            (Clients::Balance, f.balance.minor().into()),
            (Clients::SmsCheck, f.sms_check.into()),
            (Clients::SmsNot, f.sms_not.into()),
            (Clients::CustomFields, f.custom_fields.clone().into()),
            (Clients::SearchText, search_text(f).into()),
        ])
        .value(Clients::UpdatedAt, touched(now))
        .and_where(Expr::col(Clients::Id).eq(id))
        .and_where(Expr::col(Clients::LocationId).eq(location_id))
        .and_where(Expr::col(Clients::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    let unlink = Query::delete()
        .from_table(ClientTagLinks::Table)
        .and_where(Expr::col(ClientTagLinks::ClientId).eq(id))
        .to_owned();
    c.execute(&unlink).await?;
    tags::link(c, id, &f.tag_ids).await
}

/// Deletes a client: gone from every list and search; comments and files stay for history.
pub async fn delete(c: &mut Conn<'_>, location_id: i64, id: i64, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Clients::Table)
        .values([(Clients::DeletedAt, now.into())])
        .value(Clients::UpdatedAt, touched(now))
        .and_where(Expr::col(Clients::Id).eq(id))
        .and_where(Expr::col(Clients::LocationId).eq(location_id))
        .and_where(Expr::col(Clients::DeletedAt).is_null())
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The live client of the location with this phone (digits), if any.
pub async fn id_by_phone(
    c: &mut Conn<'_>,
    location_id: i64,
    phone_digits: &str,
) -> StoreResult<Option<i64>> {
    let stmt = Query::select()
        .column(Clients::Id)
        .from(Clients::Table)
        .and_where(Expr::col(Clients::LocationId).eq(location_id))
        .and_where(Expr::col(Clients::Phone).eq(phone_digits))
        // The partial unique index's own condition, so that SQLite uses it.
        .and_where(Expr::col(Clients::Phone).ne(""))
        .and_where(Expr::col(Clients::DeletedAt).is_null())
        .to_owned();
    c.scalar(&stmt).await
}
