use axum::extract::State;
use axum::http::StatusCode;

use super::json::CategoryPath;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, LocationAccess, Path};

/// Delete a Product Category (`products/delete_product_category.md`): only an empty one (422
/// `category_not_empty` while it holds live categories or products). Answers 204.
#[utoipa::path(
    delete, path = "/goods_categories/{location_id}/{category_id}", operation_id = "delete_product_category", tag = "Products",
    params(CategoryPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 204))
)]
pub async fn delete_product_category(
    State(state): State<AppState>,
    access: LocationAccess<perm::Storages>,
    Path(path): Path<CategoryPath>,
) -> ApiResult<StatusCode> {
    let id = path.category_id.0;
    let mut tx = state.db.write().await?;
    bizd_store::products::category(&mut tx, access.location.id, id)
        .await?
        .ok_or_else(|| ApiError::NotFound("Product category not found.".into()))?;
    if bizd_store::products::children_count(&mut tx, id).await? > 0 {
        return Err(ApiError::Unprocessable {
            code: "category_not_empty",
            message: "The category holds categories or products; it cannot be deleted.".into(),
        });
    }
    bizd_store::products::delete_category(&mut tx, id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
