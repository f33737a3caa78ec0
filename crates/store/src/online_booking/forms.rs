//! Booking forms ("booking widgets"): a title, a description, whether it is the location's
//! default, and display options kept as one JSON object (the API shapes them; nothing here
//! reads inside). Soft-deleted; the default form cannot be deleted.

use sea_query::{Expr, Iden, Order, Query, SelectStatement};

use crate::{Conn, StoreError, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum BookingForms {
    Table,
    Id,
    LocationId,
    Title,
    Description,
    IsDefault,
    Options,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}
use BookingForms as F;

/// A stored booking form.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct BookingForm {
    pub id: i64,
    pub location_id: i64,
    pub title: String,
    pub description: String,
    pub is_default: bool,
    /// A JSON object.
    pub options: String,
}
crate::sqlite_row!(BookingForm {
    id,
    location_id,
    title,
    description,
    is_default,
    options
});

/// What a form is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormFields {
    pub title: String,
    pub description: String,
    pub is_default: bool,
    pub options: String,
}

impl Default for FormFields {
    fn default() -> Self {
        FormFields {
            title: String::new(),
            description: String::new(),
            is_default: false,
            options: "{}".into(),
        }
    }
}

fn select() -> SelectStatement {
    Query::select()
        .columns([
            F::Id,
            F::LocationId,
            F::Title,
            F::Description,
            F::IsDefault,
            F::Options,
        ])
        .from(F::Table)
        .and_where(Expr::col(F::DeletedAt).is_null())
        .to_owned()
}

/// The live forms of the location, by id.
pub async fn list(c: &mut Conn<'_>, location_id: i64) -> StoreResult<Vec<BookingForm>> {
    let stmt = select()
        .and_where(Expr::col(F::LocationId).eq(location_id))
        .order_by(F::Id, Order::Asc)
        .to_owned();
    c.all(&stmt).await
}

/// A live form by id (of any location: the public `GET /bookform/{id}` knows only the id).
pub async fn get(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<BookingForm>> {
    let stmt = select().and_where(Expr::col(F::Id).eq(id)).to_owned();
    c.optional(&stmt).await
}

/// Adds a form; a new default form takes the flag from the others. Returns its id.
pub async fn insert(
    c: &mut Conn<'_>,
    location_id: i64,
    f: &FormFields,
    now: i64,
) -> StoreResult<i64> {
    if f.is_default {
        clear_default(c, location_id, now).await?;
    }
    let stmt = Query::insert()
        .into_table(F::Table)
        .columns([
            F::LocationId,
            F::Title,
            F::Description,
            F::IsDefault,
            F::Options,
            F::CreatedAt,
            F::UpdatedAt,
        ])
        .values_panic([
            location_id.into(),
            f.title.as_str().into(),
            f.description.as_str().into(),
            f.is_default.into(),
            f.options.as_str().into(),
            now.into(),
            now.into(),
        ])
        .returning_col(F::Id)
        .to_owned();
    c.scalar(&stmt).await?.ok_or(StoreError::NotFound)
}

async fn clear_default(c: &mut Conn<'_>, location_id: i64, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(F::Table)
        .values([(F::IsDefault, false.into()), (F::UpdatedAt, now.into())])
        .and_where(Expr::col(F::LocationId).eq(location_id))
        .and_where(Expr::col(F::IsDefault).eq(true))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Stores every field of a live form of the location.
pub async fn update(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
    f: &FormFields,
    now: i64,
) -> StoreResult<()> {
    if f.is_default {
        clear_default(c, location_id, now).await?;
    }
    let stmt = Query::update()
        .table(F::Table)
        .values([
            (F::Title, f.title.as_str().into()),
            (F::Description, f.description.as_str().into()),
            (F::IsDefault, f.is_default.into()),
            (F::Options, f.options.as_str().into()),
            (F::UpdatedAt, now.into()),
        ])
        .and_where(Expr::col(F::LocationId).eq(location_id))
        .and_where(Expr::col(F::Id).eq(id))
        .and_where(Expr::col(F::DeletedAt).is_null())
        .to_owned();
    match c.execute(&stmt).await? {
        0 => Err(StoreError::NotFound),
        _ => Ok(()),
    }
}

/// Soft-deletes a live form of the location.
pub async fn delete(c: &mut Conn<'_>, location_id: i64, id: i64, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(F::Table)
        .values([(F::DeletedAt, now.into()), (F::UpdatedAt, now.into())])
        .and_where(Expr::col(F::LocationId).eq(location_id))
        .and_where(Expr::col(F::Id).eq(id))
        .and_where(Expr::col(F::DeletedAt).is_null())
        .to_owned();
    match c.execute(&stmt).await? {
        0 => Err(StoreError::NotFound),
        _ => Ok(()),
    }
}
