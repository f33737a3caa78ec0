//! Product categories: a tree per location (`parent_id` NULL at the roots).

use sea_query::{Expr, Func, Order, Query, SelectStatement};

use super::{like, ProductCategories, Products};
use crate::{Conn, StoreError, StoreResult};

/// A product category.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CategoryRow {
    pub id: i64,
    pub location_id: i64,
    pub parent_id: Option<i64>,
    pub title: String,
    pub article: String,
    pub comment: String,
}
crate::sqlite_row!(CategoryRow {
    id,
    location_id,
    parent_id,
    title,
    article,
    comment
});

/// A category to create, or its new state.
#[derive(Debug, Clone, Default)]
pub struct CategoryFields {
    pub parent_id: Option<i64>,
    pub title: String,
    pub article: String,
    pub comment: String,
}

fn categories() -> SelectStatement {
    Query::select()
        .columns([
            ProductCategories::Id,
            ProductCategories::LocationId,
            ProductCategories::ParentId,
            ProductCategories::Title,
            ProductCategories::Article,
            ProductCategories::Comment,
        ])
        .from(ProductCategories::Table)
        .and_where(Expr::col(ProductCategories::DeletedAt).is_null())
        .to_owned()
}

/// A live category of the location.
pub async fn category(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> StoreResult<Option<CategoryRow>> {
    let stmt = categories()
        .and_where(Expr::col(ProductCategories::LocationId).eq(location_id))
        .and_where(Expr::col(ProductCategories::Id).eq(id))
        .to_owned();
    c.optional(&stmt).await
}

/// Live categories of the location: the children of `parent` (`None`: the roots) or, with
/// `ids`, those ids; by title.
pub async fn categories_of(
    c: &mut Conn<'_>,
    location_id: i64,
    parent: Option<Option<i64>>,
    ids: Option<&[i64]>,
) -> StoreResult<Vec<CategoryRow>> {
    let mut stmt = categories()
        .and_where(Expr::col(ProductCategories::LocationId).eq(location_id))
        .order_by(ProductCategories::Title, Order::Asc)
        .order_by(ProductCategories::Id, Order::Asc)
        .to_owned();
    match parent {
        Some(Some(p)) => {
            stmt.and_where(Expr::col(ProductCategories::ParentId).eq(p));
        }
        Some(None) => {
            stmt.and_where(Expr::col(ProductCategories::ParentId).is_null());
        }
        None => {}
    }
    if let Some(ids) = ids {
        stmt.and_where(Expr::col(ProductCategories::Id).is_in(ids.to_vec()));
    }
    c.all(&stmt).await
}

/// Live categories whose title or article contains `term` (lower-case), by title.
pub async fn search_categories(
    c: &mut Conn<'_>,
    location_id: i64,
    term: &str,
    limit: u64,
) -> StoreResult<Vec<CategoryRow>> {
    let pattern = like(term);
    let stmt = categories()
        .and_where(Expr::col(ProductCategories::LocationId).eq(location_id))
        .cond_where(
            sea_query::Cond::any()
                .add(
                    Expr::expr(Func::lower(Expr::col(ProductCategories::Title)))
                        .like(pattern.clone()),
                )
                .add(Expr::expr(Func::lower(Expr::col(ProductCategories::Article))).like(pattern)),
        )
        .order_by(ProductCategories::Title, Order::Asc)
        .limit(limit)
        .to_owned();
    c.all(&stmt).await
}

pub async fn insert_category(
    c: &mut Conn<'_>,
    location_id: i64,
    f: &CategoryFields,
    now: i64,
) -> StoreResult<i64> {
    let stmt = Query::insert()
        .into_table(ProductCategories::Table)
        .columns([
            ProductCategories::LocationId,
            ProductCategories::ParentId,
            ProductCategories::Title,
            ProductCategories::Article,
            ProductCategories::Comment,
            ProductCategories::CreatedAt,
            ProductCategories::UpdatedAt,
        ])
        .values_panic([
            location_id.into(),
            f.parent_id.into(),
            f.title.clone().into(),
            f.article.clone().into(),
            f.comment.clone().into(),
            now.into(),
            now.into(),
        ])
        .returning_col(ProductCategories::Id)
        .to_owned();
    c.scalar(&stmt).await?.ok_or(StoreError::NotFound)
}

pub async fn update_category(
    c: &mut Conn<'_>,
    id: i64,
    f: &CategoryFields,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::update()
        .table(ProductCategories::Table)
        .values([
            (ProductCategories::ParentId, f.parent_id.into()),
            (ProductCategories::Title, f.title.clone().into()),
            (ProductCategories::Article, f.article.clone().into()),
            (ProductCategories::Comment, f.comment.clone().into()),
            (ProductCategories::UpdatedAt, now.into()),
        ])
        .and_where(Expr::col(ProductCategories::Id).eq(id))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Live child categories and products of a category.
pub async fn children_count(c: &mut Conn<'_>, id: i64) -> StoreResult<i64> {
    let cats = Query::select()
        .expr(Func::count(Expr::col(ProductCategories::Id)))
        .from(ProductCategories::Table)
        .and_where(Expr::col(ProductCategories::ParentId).eq(id))
        .and_where(Expr::col(ProductCategories::DeletedAt).is_null())
        .to_owned();
    let goods = Query::select()
        .expr(Func::count(Expr::col(Products::Id)))
        .from(Products::Table)
        .and_where(Expr::col(Products::CategoryId).eq(id))
        .and_where(Expr::col(Products::DeletedAt).is_null())
        .to_owned();
    let a: i64 = c.scalar(&cats).await?.unwrap_or(0);
    let b: i64 = c.scalar(&goods).await?.unwrap_or(0);
    Ok(a + b)
}

pub async fn delete_category(c: &mut Conn<'_>, id: i64, now: i64) -> StoreResult<()> {
    let stmt = Query::update()
        .table(ProductCategories::Table)
        .values([
            (ProductCategories::DeletedAt, now.into()),
            (ProductCategories::UpdatedAt, now.into()),
        ])
        .and_where(Expr::col(ProductCategories::Id).eq(id))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}
