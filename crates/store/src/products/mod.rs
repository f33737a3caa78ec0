//! Products and their categories (a tree). A deleted product or category leaves lists and search
//! but stays readable where old documents name it. Stock is not a column: [`stock`] adds up the
//! live product transactions (see [`crate::inventory`]).

use sea_query::{Alias, Expr, Func, Iden, LikeExpr, Order, Query, SelectStatement};

mod categories;

pub use categories::{
    categories_of, category, children_count, delete_category, insert_category, search_categories,
    update_category, CategoryFields, CategoryRow,
};

use crate::inventory::ProductTransactions;
use crate::{Conn, StoreError, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum ProductCategories {
    Table,
    Id,
    LocationId,
    ParentId,
    Title,
    Article,
    Comment,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum Products {
    Table,
    Id,
    LocationId,
    CategoryId,
    Title,
    PrintTitle,
    Article,
    Barcode,
    SaleUnitId,
    ServiceUnitId,
    UnitEquals,
    Cost,
    ActualCost,
    CriticalAmount,
    DesiredAmount,
    Netto,
    Brutto,
    Comment,
    TaxVariant,
    VatId,
    SearchText,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

/// A product as stored (amounts in thousandths, prices in minor units).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProductRow {
    pub id: i64,
    pub location_id: i64,
    pub category_id: i64,
    pub title: String,
    pub print_title: String,
    pub article: String,
    pub barcode: String,
    pub sale_unit_id: i64,
    pub service_unit_id: i64,
    pub unit_equals: i64,
    pub cost: i64,
    pub actual_cost: i64,
    pub critical_amount: i64,
    pub desired_amount: i64,
    pub netto: i64,
    pub brutto: i64,
    pub comment: String,
    pub tax_variant: i64,
    pub vat_id: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
    pub category_title: Option<String>,
}
crate::sqlite_row!(ProductRow {
    id,
    location_id,
    category_id,
    title,
    print_title,
    article,
    barcode,
    sale_unit_id,
    service_unit_id,
    unit_equals,
    cost,
    actual_cost,
    critical_amount,
    desired_amount,
    netto,
    brutto,
    comment,
    tax_variant,
    vat_id,
    updated_at,
    deleted_at,
    category_title
});

/// What a product is made of (create and update write every field).
#[derive(Debug, Clone, Default)]
pub struct ProductFields {
    pub category_id: i64,
    pub title: String,
    pub print_title: String,
    pub article: String,
    pub barcode: String,
    pub sale_unit_id: i64,
    pub service_unit_id: i64,
    pub unit_equals: i64,
    pub cost: i64,
    pub actual_cost: i64,
    pub critical_amount: i64,
    pub desired_amount: i64,
    pub netto: i64,
    pub brutto: i64,
    pub comment: String,
    pub tax_variant: i64,
    pub vat_id: i64,
}

impl ProductFields {
    pub fn of(r: &ProductRow) -> Self {
        ProductFields {
            category_id: r.category_id,
            title: r.title.clone(),
            print_title: r.print_title.clone(),
            article: r.article.clone(),
            barcode: r.barcode.clone(),
            sale_unit_id: r.sale_unit_id,
            service_unit_id: r.service_unit_id,
            unit_equals: r.unit_equals,
            cost: r.cost,
            actual_cost: r.actual_cost,
            critical_amount: r.critical_amount,
            desired_amount: r.desired_amount,
            netto: r.netto,
            brutto: r.brutto,
            comment: r.comment.clone(),
            tax_variant: r.tax_variant,
            vat_id: r.vat_id,
        }
    }

    fn search_text(&self) -> String {
        format!("{}\n{}\n{}", self.title, self.article, self.barcode).to_lowercase()
    }

    fn values(&self) -> Vec<(Products, sea_query::SimpleExpr)> {
        vec![
            (Products::CategoryId, self.category_id.into()),
            (Products::Title, self.title.clone().into()),
            (Products::PrintTitle, self.print_title.clone().into()),
            (Products::Article, self.article.clone().into()),
            (Products::Barcode, self.barcode.clone().into()),
            (Products::SaleUnitId, self.sale_unit_id.into()),
            (Products::ServiceUnitId, self.service_unit_id.into()),
            (Products::UnitEquals, self.unit_equals.into()),
            (Products::Cost, self.cost.into()),
            (Products::ActualCost, self.actual_cost.into()),
            (Products::CriticalAmount, self.critical_amount.into()),
            (Products::DesiredAmount, self.desired_amount.into()),
            (Products::Netto, self.netto.into()),
            (Products::Brutto, self.brutto.into()),
            (Products::Comment, self.comment.clone().into()),
            (Products::TaxVariant, self.tax_variant.into()),
            (Products::VatId, self.vat_id.into()),
            (Products::SearchText, self.search_text().into()),
        ]
    }
}

fn products() -> SelectStatement {
    Query::select()
        .columns(
            [
                Products::Id,
                Products::LocationId,
                Products::CategoryId,
                Products::Title,
                Products::PrintTitle,
                Products::Article,
                Products::Barcode,
                Products::SaleUnitId,
                Products::ServiceUnitId,
                Products::UnitEquals,
                Products::Cost,
                Products::ActualCost,
                Products::CriticalAmount,
                Products::DesiredAmount,
                Products::Netto,
                Products::Brutto,
                Products::Comment,
                Products::TaxVariant,
                Products::VatId,
                Products::UpdatedAt,
                Products::DeletedAt,
            ]
            .map(|c| (Products::Table, c)),
        )
        .expr_as(
            Expr::col((ProductCategories::Table, ProductCategories::Title)),
            Alias::new("category_title"),
        )
        .from(Products::Table)
        .left_join(
            ProductCategories::Table,
            Expr::col((ProductCategories::Table, ProductCategories::Id))
                .equals((Products::Table, Products::CategoryId)),
        )
        .to_owned()
}

fn p(c: Products) -> Expr {
    Expr::col((Products::Table, c))
}

/// `%term%` for a LIKE, with the wildcards of `term` escaped.
pub(crate) fn like(term: &str) -> LikeExpr {
    let escaped = term
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

/// A product of the location; deleted ones only with `with_deleted` (old documents name them).
pub async fn get(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
    with_deleted: bool,
) -> StoreResult<Option<ProductRow>> {
    let mut stmt = products()
        .and_where(p(Products::LocationId).eq(location_id))
        .and_where(p(Products::Id).eq(id))
        .to_owned();
    if !with_deleted {
        stmt.and_where(p(Products::DeletedAt).is_null());
    }
    c.optional(&stmt).await
}

/// Several products of the location, deleted ones included.
pub async fn get_many(
    c: &mut Conn<'_>,
    location_id: i64,
    ids: &[i64],
) -> StoreResult<Vec<ProductRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let stmt = products()
        .and_where(p(Products::LocationId).eq(location_id))
        .and_where(p(Products::Id).is_in(ids.to_vec()))
        .to_owned();
    c.all(&stmt).await
}

/// Filters of the product list.
#[derive(Debug, Clone, Default)]
pub struct ProductFilter {
    /// Lower-case; matched anywhere in the title, article or barcode.
    pub term: Option<String>,
    pub category_id: Option<i64>,
    pub changed_after: Option<i64>,
    pub changed_before: Option<i64>,
}

fn filtered(location_id: i64, f: &ProductFilter) -> SelectStatement {
    // With a term the search index drives the query: `+` keeps SQLite from walking the location's
    // index over every product and probing the term's matches for each. PostgreSQL reads `+x`
    // as `x`.
    let location = match &f.term {
        Some(_) => Expr::expr(Expr::cust(r#"+"products"."location_id""#)),
        None => p(Products::LocationId),
    };
    let mut stmt = products()
        .and_where(location.eq(location_id))
        .and_where(p(Products::DeletedAt).is_null())
        .to_owned();
    if let Some(t) = &f.term {
        // SQLite: an FTS5 trigram index; PostgreSQL: a view over products with a trigram index.
        // `%` and `_` in a term are LIKE wildcards there (they also match themselves).
        stmt.and_where(
            p(Products::Id).in_subquery(
                Query::select()
                    .column(Alias::new("rowid"))
                    .from(Alias::new("product_search"))
                    .and_where(Expr::col(Alias::new("search_text")).like(format!("%{t}%")))
                    .to_owned(),
            ),
        );
    }
    if let Some(cat) = f.category_id {
        stmt.and_where(p(Products::CategoryId).eq(cat));
    }
    if let Some(a) = f.changed_after {
        stmt.and_where(p(Products::UpdatedAt).gte(a));
    }
    if let Some(b) = f.changed_before {
        stmt.and_where(p(Products::UpdatedAt).lte(b));
    }
    stmt
}

/// A page of the location's live products, by title, and how many match.
pub async fn list(
    c: &mut Conn<'_>,
    location_id: i64,
    f: &ProductFilter,
    offset: i64,
    limit: i64,
) -> StoreResult<(Vec<ProductRow>, i64)> {
    let mut count = filtered(location_id, f);
    count.clear_selects();
    count.expr(Func::count(p(Products::Id)));
    let total: i64 = c.scalar(&count).await?.unwrap_or(0);
    let stmt = filtered(location_id, f)
        .order_by((Products::Table, Products::Title), Order::Asc)
        .order_by((Products::Table, Products::Id), Order::Asc)
        .offset(u64::try_from(offset).unwrap_or(0))
        .limit(u64::try_from(limit).unwrap_or(0))
        .to_owned();
    Ok((c.all(&stmt).await?, total))
}

pub async fn insert(
    c: &mut Conn<'_>,
    location_id: i64,
    f: &ProductFields,
    now: i64,
) -> StoreResult<i64> {
    let mut cols = vec![
        Products::LocationId,
        Products::CreatedAt,
        Products::UpdatedAt,
    ];
    let mut vals: Vec<sea_query::SimpleExpr> = vec![location_id.into(), now.into(), now.into()];
    for (col, v) in f.values() {
        cols.push(col);
        vals.push(v);
    }
    let stmt = Query::insert()
        .into_table(Products::Table)
        .columns(cols)
        .values_panic(vals)
        .returning_col(Products::Id)
        .to_owned();
    c.scalar(&stmt).await?.ok_or(StoreError::NotFound)
}

pub async fn update(c: &mut Conn<'_>, id: i64, f: &ProductFields, now: i64) -> StoreResult<()> {
    let mut values = f.values();
    values.push((
        Products::UpdatedAt,
        crate::db::touched(Products::UpdatedAt, now),
    ));
    let stmt = Query::update()
        .table(Products::Table)
        .values(values)
        .and_where(Expr::col(Products::Id).eq(id))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn delete(c: &mut Conn<'_>, id: i64, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Products::Table)
        .values([
            (Products::DeletedAt, now.into()),
            (
                Products::UpdatedAt,
                crate::db::touched(Products::UpdatedAt, now),
            ),
        ])
        .and_where(Expr::col(Products::Id).eq(id))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Whether a product has live transactions (its units then need correction rules to change).
pub async fn has_transactions(c: &mut Conn<'_>, id: i64) -> StoreResult<bool> {
    let stmt = Query::select()
        .column(ProductTransactions::Id)
        .from(ProductTransactions::Table)
        .and_where(Expr::col(ProductTransactions::ProductId).eq(id))
        .and_where(Expr::col(ProductTransactions::DeletedAt).is_null())
        .limit(1)
        .to_owned();
    Ok(c.scalar::<i64>(&stmt).await?.is_some())
}

/// Stock of products per storage: `(product_id, storage_id, write-off units in thousandths)`,
/// the sum of their live transactions.
pub async fn stock(c: &mut Conn<'_>, product_ids: &[i64]) -> StoreResult<Vec<(i64, i64, i64)>> {
    if product_ids.is_empty() {
        return Ok(Vec::new());
    }
    let t = |col| Expr::col((ProductTransactions::Table, col));
    let stmt = Query::select()
        .expr(t(ProductTransactions::ProductId))
        .expr(t(ProductTransactions::StorageId))
        .expr(Func::cast_as(
            Func::sum(t(ProductTransactions::ServiceAmount)),
            Alias::new("BIGINT"),
        ))
        .from(ProductTransactions::Table)
        .and_where(t(ProductTransactions::ProductId).is_in(product_ids.to_vec()))
        .and_where(t(ProductTransactions::DeletedAt).is_null())
        .group_by_col((ProductTransactions::Table, ProductTransactions::ProductId))
        .group_by_col((ProductTransactions::Table, ProductTransactions::StorageId))
        .order_by(
            (ProductTransactions::Table, ProductTransactions::StorageId),
            Order::Asc,
        )
        .to_owned();
    c.all(&stmt).await
}

/// The first `limit` live products whose title, article or barcode contains `term`
/// (lower-case), by title: the search's page, without counting every match.
pub async fn search(
    c: &mut Conn<'_>,
    location_id: i64,
    term: &str,
    limit: i64,
) -> StoreResult<Vec<ProductRow>> {
    let f = ProductFilter {
        term: Some(term.to_owned()),
        ..ProductFilter::default()
    };
    let stmt = filtered(location_id, &f)
        .order_by((Products::Table, Products::Title), Order::Asc)
        .order_by((Products::Table, Products::Id), Order::Asc)
        .limit(u64::try_from(limit).unwrap_or(0))
        .to_owned();
    c.all(&stmt).await
}
