use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::catalog::CategoryFields;
use bizd_store::Lock;

use super::json::{CategoryBody, CategoryDto};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, Json, LocationAccess};

/// Create a service category (`POST /service_categories/{location_id}`).
#[utoipa::path(
    post, path = "/service_categories/{location_id}", operation_id = "create_service_category", tag = "Services",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = CategoryBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<CategoryDto>))
)]
pub async fn create_service_category(
    State(state): State<AppState>,
    access: LocationAccess<perm::Settings>,
    Json(body): Json<CategoryBody>,
) -> ApiResult<Envelope<CategoryDto>> {
    let location_id = access.location.id;
    let (changes, staff) = body.into_changes();
    let fields = changes.apply(CategoryFields::default(), true)?;
    let locks: Vec<Lock> = staff
        .iter()
        .flatten()
        .map(|m| Lock::TeamMember(*m))
        .collect();
    let mut tx = state.db.write().await?;
    tx.lock(&locks).await?;
    let staff = rules::category_staff(&mut tx, location_id, staff)
        .await?
        .unwrap_or_default();
    let now = state.clock.now();
    let id =
        bizd_store::services::insert_category(&mut tx, location_id, &fields, &staff, now).await?;
    let category = rules::existing_category(&mut tx, location_id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(CategoryDto::from(category)).status(StatusCode::CREATED))
}
