use axum::extract::State;
use axum::http::StatusCode;

use super::json::{ProductBody, ProductDto, ProductsLocationPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Create product (`products/create_product.md`): `title`, `category_id`, `sale_unit_id` and
/// `service_unit_id` required; prices exact in the location's currency, amounts to a
/// thousandth. Answers 201 with the product in a one-item list, as the reference shows.
#[utoipa::path(
    post, path = "/goods/{location_id}", operation_id = "create_product", tag = "Products",
    params(ProductsLocationPath),
    request_body = ProductBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<Vec<ProductDto>>))
)]
pub async fn create_product(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(_path): Path<ProductsLocationPath>,
    Json(body): Json<ProductBody>,
) -> ApiResult<Envelope<Vec<ProductDto>>> {
    let location = &access.location;
    let mut tx = state.db.write().await?;
    let f = rules::product_fields(&mut tx, location, body, None).await?;
    let id = bizd_store::products::insert(&mut tx, location.id, &f, state.clock.now()).await?;
    let row = rules::existing(&mut tx, location.id, id).await?;
    let data = rules::answers(&mut tx, location, &[row]).await?;
    tx.commit().await?;
    Ok(Envelope::one(data).status(StatusCode::CREATED))
}
