use axum::extract::State;
use axum::http::StatusCode;

use super::json::{ProductCategoryBody, ProductCategoryDto, ProductsLocationPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};

/// Create a Product Category (`products/create_product_category.md`): `title` required,
/// `parent_category_id` a live category of the location (0 or null: a root). Answers 201.
#[utoipa::path(
    post, path = "/goods_categories/{location_id}", operation_id = "create_product_category", tag = "Products",
    params(ProductsLocationPath),
    request_body = ProductCategoryBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<ProductCategoryDto>))
)]
pub async fn create_product_category(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(_path): Path<ProductsLocationPath>,
    Json(body): Json<ProductCategoryBody>,
) -> ApiResult<Envelope<ProductCategoryDto>> {
    let location = &access.location;
    let mut tx = state.db.write().await?;
    let f = rules::category_fields(&mut tx, location, body, None).await?;
    let id =
        bizd_store::products::insert_category(&mut tx, location.id, &f, state.clock.now()).await?;
    let row = bizd_store::products::category(&mut tx, location.id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    tx.commit().await?;
    Ok(Envelope::one(ProductCategoryDto::from(&row)).status(StatusCode::CREATED))
}
