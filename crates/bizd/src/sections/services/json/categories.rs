//! Service categories: bodies, answers and queries.

use bizd_domain::catalog::CategoryChanges;
use bizd_store::services::Category;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::wire::{text, Int, Text};

/// Body of creating or changing a service category.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CategoryBody {
    /// Category name (required on create).
    pub title: Option<Text>,
    /// External category ID.
    pub api_id: Option<Text>,
    /// Heavier categories are listed first.
    pub weight: Option<Int>,
    /// Team members assigned to the category (replaces the assignment when sent).
    pub staff: Option<Vec<Int>>,
}

impl CategoryBody {
    pub fn into_changes(self) -> (CategoryChanges, Option<Vec<i64>>) {
        (
            CategoryChanges {
                title: text(self.title),
                api_id: text(self.api_id),
                weight: self.weight.map(|v| v.0),
            },
            self.staff.map(|s| s.into_iter().map(|v| v.0).collect()),
        )
    }
}

/// A service category.
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryDto {
    pub id: i64,
    /// The category's id in the location (same as `id`).
    pub salon_service_id: i64,
    pub title: String,
    pub api_id: String,
    pub weight: i64,
    /// Team members providing services of the category.
    pub staff: Vec<i64>,
    pub is_chain: bool,
}

impl From<Category> for CategoryDto {
    fn from(c: Category) -> Self {
        CategoryDto {
            id: c.id,
            salon_service_id: c.id,
            title: c.fields.title,
            api_id: c.fields.api_id,
            weight: c.fields.weight,
            staff: c.staff,
            is_chain: false,
        }
    }
}

/// Query of the category lists.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct CategoryListQuery {
    /// Only categories associated with this team member (aliases `team_member_id`, `master_id`).
    #[serde(alias = "team_member_id", alias = "master_id")]
    pub staff_id: Option<Int>,
}

/// Query of the chain's category list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ChainCategoryQuery {
    /// `services`: list each category's services.
    pub include: Option<Text>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChainServiceRefDto {
    pub id: i64,
    pub title: String,
}

impl ChainCategoryQuery {
    /// Whether `include` names `services`.
    pub fn with_services(&self) -> bool {
        self.include
            .as_ref()
            .is_some_and(|v| v.0.split(',').any(|p| p.trim() == "services"))
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChainCategoryDto {
    pub id: i64,
    pub title: String,
    /// Only with `include=services`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<ChainServiceRefDto>>,
}

impl ChainCategoryDto {
    /// A row of the chain's category list: `(id, title, services)`; the services only when
    /// asked for.
    pub fn from_row(row: (i64, String, Vec<(i64, String)>), with_services: bool) -> Self {
        let (id, title, services) = row;
        ChainCategoryDto {
            id,
            title,
            services: with_services.then(|| {
                services
                    .into_iter()
                    .map(|(id, title)| ChainServiceRefDto { id, title })
                    .collect()
            }),
        }
    }
}
