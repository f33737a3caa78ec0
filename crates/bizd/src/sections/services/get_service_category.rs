use axum::extract::State;

use super::json::{CategoryDto, CategoryPath};
use super::rules;
use crate::app::AppState;
use crate::http::{ApiResult, Envelope, PartnerLocation, Path};

/// Get service category (`GET /service_category/{location_id}/{id}`). A partner token alone may
/// read it (as the full reference documents); with a user token the user must be a member.
#[utoipa::path(
    get, path = "/service_category/{location_id}/{id}", operation_id = "get_service_category", tag = "Services",
    params(CategoryPath),
    security(("BearerPartner" = []), ("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<CategoryDto>))
)]
pub async fn get_service_category(
    State(state): State<AppState>,
    access: PartnerLocation,
    Path(path): Path<CategoryPath>,
) -> ApiResult<Envelope<CategoryDto>> {
    let mut c = state.db.snapshot().await?;
    let category = rules::existing_category(&mut c, access.location.id, path.id.0).await?;
    Ok(Envelope::one(CategoryDto::from(category)))
}
