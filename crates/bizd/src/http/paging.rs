//! Pages of lists: one extractor with each list's default and maximum, and one typed `meta`.
//!
//! Pages are one-based, as real clients send them. A page size above the list's maximum is a 422
//! naming the maximum — never silently capped (production caps the client search at 200 without
//! saying so, and integrations read the short page as "no more data").

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::{Deserialize, Serialize};
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::{ObjectBuilder, Required, Type};
use utoipa::{IntoParams, ToSchema};

use super::wire::Int;
use super::ApiError;

/// A list's paging rules: the name of its page-size parameter, its default and maximum.
pub trait PageRules: Send + Sync + 'static {
    /// `count` in most lists; `page_size` in the client search.
    const SIZE_NAME: &'static str = "count";
    const DEFAULT: i64;
    const MAX: i64;
}

/// A validated page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// One-based.
    pub number: i64,
    pub size: i64,
}

impl Page {
    /// Validates what the client sent (either may be absent) against the rules of `R`.
    pub fn new<R: PageRules>(number: Option<Int>, size: Option<Int>) -> Result<Page, ApiError> {
        let number = number.map_or(1, |p| p.0);
        let size = size.map_or(R::DEFAULT, |s| s.0);
        if number < 1 {
            return Err(ApiError::field("page", "The page must be at least 1."));
        }
        if !(1..=R::MAX).contains(&size) {
            return Err(ApiError::field(
                R::SIZE_NAME,
                format!("The {} must be between 1 and {}.", R::SIZE_NAME, R::MAX),
            ));
        }
        Ok(Page { number, size })
    }

    /// Rows to skip.
    pub fn offset(self) -> i64 {
        (self.number - 1).saturating_mul(self.size)
    }
}

/// The page of the query string (`page` and the list's size parameter).
pub struct Paging<R: PageRules>(pub Page, pub PhantomData<R>);

impl<S: Send + Sync, R: PageRules> FromRequestParts<S> for Paging<R> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        #[derive(Deserialize)]
        struct Raw {
            page: Option<Int>,
            #[serde(flatten)]
            rest: serde_json::Map<String, serde_json::Value>,
        }
        let raw: Raw = super::extract::parse_query(parts.uri.query().unwrap_or_default())?;
        let size = match raw.rest.get(R::SIZE_NAME) {
            None => None,
            Some(v) => Some(serde_json::from_value::<Int>(v.clone()).map_err(|_| {
                ApiError::field(
                    R::SIZE_NAME,
                    format!("The {} must be an integer.", R::SIZE_NAME),
                )
            })?),
        };
        Ok(Paging(Page::new::<R>(raw.page, size)?, PhantomData))
    }
}

impl<R: PageRules> IntoParams for Paging<R> {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        // utoipa takes bounds as floats (not money).
        let integer = |minimum: i64, maximum: Option<i64>| {
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(minimum as f64)) // not money
                .maximum(maximum.map(|m| m as f64)) // not money
                .build()
        };
        vec![
            ParameterBuilder::new()
                .name("page")
                .parameter_in(ParameterIn::Query)
                .required(Required::False)
                .description(Some("One-based page (default 1)."))
                .schema(Some(integer(1, None)))
                .build(),
            ParameterBuilder::new()
                .name(R::SIZE_NAME)
                .parameter_in(ParameterIn::Query)
                .required(Required::False)
                .description(Some(format!(
                    "Items per page: default {}, at most {} (more is a 422, never silently capped).",
                    R::DEFAULT,
                    R::MAX
                )))
                .schema(Some(integer(1, Some(R::MAX))))
                .build(),
        ]
    }
}

/// `meta` of a list: the reference's counters, each present when the list documents it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct ListMeta {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_count: Option<i64>,
}

impl ListMeta {
    /// `{"count": n}`.
    pub fn count(n: usize) -> Self {
        ListMeta {
            count: Some(n as i64),
            ..ListMeta::default()
        }
    }

    /// `{"total_count": n}`.
    pub fn total(n: usize) -> Self {
        ListMeta {
            total_count: Some(n as i64),
            ..ListMeta::default()
        }
    }

    /// `{"page": p, "total_count": n}`.
    pub fn page_total(page: Page, total: i64) -> Self {
        ListMeta {
            page: Some(page.number),
            total_count: Some(total),
            ..ListMeta::default()
        }
    }

    /// `{"page": p, "count": size, "total_count": n}`.
    pub fn page_count_total(page: Page, total: i64) -> Self {
        ListMeta {
            page: Some(page.number),
            count: Some(page.size),
            total_count: Some(total),
        }
    }
}
