use axum::extract::State;
use bizd_store::Lock;

use super::json::{ProductBody, ProductDto, ProductPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};

/// Edit Products (`products/update_product.md`): the fields sent. A product with inventory
/// transactions keeps its units (409: recalculating them by `correction_rules` is not built).
#[utoipa::path(
    put, path = "/goods/{location_id}/{product_id}", operation_id = "update_product", tag = "Products",
    params(ProductPath),
    request_body = ProductBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Vec<ProductDto>>))
)]
pub async fn update_product(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<ProductPath>,
    Json(body): Json<ProductBody>,
) -> ApiResult<Envelope<Vec<ProductDto>>> {
    let location = &access.location;
    let id = path.product_id.0;
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Product(id)]).await?;
    let base = rules::existing(&mut tx, location.id, id).await?;
    let f = rules::product_fields(&mut tx, location, body, Some(&base)).await?;
    let units_changed = (f.sale_unit_id, f.service_unit_id, f.unit_equals)
        != (base.sale_unit_id, base.service_unit_id, base.unit_equals);
    if units_changed && bizd_store::products::has_transactions(&mut tx, id).await? {
        return Err(ApiError::ConflictWith {
            code: "product_has_transactions",
            message: "The product has inventory transactions: its units cannot change.".into(),
        });
    }
    bizd_store::products::update(&mut tx, id, &f, state.clock.now()).await?;
    let row = rules::existing(&mut tx, location.id, id).await?;
    let data = rules::answers(&mut tx, location, &[row]).await?;
    tx.commit().await?;
    Ok(Envelope::one(data))
}
