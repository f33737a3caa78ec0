use axum::extract::State;
use bizd_store::Lock;

use super::json::{CategoryBody, CategoryDto, CategoryPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess, Path};

/// Change service category (`PUT /service_category/{location_id}/{id}`). Only the fields sent
/// change; `staff`, when sent, replaces the assigned team members. The category is locked and
/// read again inside the write.
#[utoipa::path(
    put, path = "/service_category/{location_id}/{id}", operation_id = "update_service_category", tag = "Services",
    params(CategoryPath),
    request_body = CategoryBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<CategoryDto>))
)]
pub async fn update_service_category(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Path(path): Path<CategoryPath>,
    Json(body): Json<CategoryBody>,
) -> ApiResult<Envelope<CategoryDto>> {
    let (location_id, id) = (access.location.id, path.id.0);
    let (changes, staff) = body.into_changes();
    let mut locks = vec![Lock::ServiceCategory(id)];
    locks.extend(staff.iter().flatten().map(|m| Lock::TeamMember(*m)));
    let mut tx = state.db.write().await?;
    tx.lock(&locks).await?;
    let current = rules::existing_category(&mut tx, location_id, id).await?;
    let fields = changes.apply(current.fields, false)?;
    let staff = rules::category_staff(&mut tx, location_id, staff).await?;
    let now = state.clock.now();
    bizd_store::services::update_category(&mut tx, location_id, id, &fields, staff.as_deref(), now)
        .await?;
    let category = rules::existing_category(&mut tx, location_id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(CategoryDto::from(category)))
}
