use axum::extract::State;

use super::json::{CategoryPath, ProductCategoryBody, ProductCategoryDto};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};

/// Edit a Product Category (`products/update_product_category.md`): title, parent (never the
/// category itself or a descendant), article, comment.
#[utoipa::path(
    put, path = "/goods_categories/{location_id}/{category_id}", operation_id = "update_product_category", tag = "Products",
    params(CategoryPath),
    request_body = ProductCategoryBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<ProductCategoryDto>))
)]
pub async fn update_product_category(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<CategoryPath>,
    Json(body): Json<ProductCategoryBody>,
) -> ApiResult<Envelope<ProductCategoryDto>> {
    let location = &access.location;
    let id = path.category_id.0;
    let not_found = || ApiError::NotFound("Product category not found.".into());
    let mut tx = state.db.write().await?;
    bizd_store::products::category(&mut tx, location.id, id)
        .await?
        .ok_or_else(not_found)?;
    let f = rules::category_fields(&mut tx, location, body, Some(id)).await?;
    bizd_store::products::update_category(&mut tx, id, &f, state.clock.now()).await?;
    let row = bizd_store::products::category(&mut tx, location.id, id)
        .await?
        .ok_or_else(not_found)?;
    tx.commit().await?;
    Ok(Envelope::one(ProductCategoryDto::from(&row)))
}
