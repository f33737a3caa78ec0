//! Services: service categories, services and the links saying which team member provides which
//! service for how long (`../shared/reference/altegio-b2b-v1/services/`, with the full
//! reference's Service-category and Services groups for the endpoints without a page).
//!
//! Quirks: a service's `staff` and a team member's services come from the same link rows.
//! A category's `staff` is its assigned team members plus those linked to one of its services.
//! Deleting a service removes its links; a category that still has services cannot be deleted
//! (422). Writes need the settings permission; every member may read. Deletes answer 204.

mod assign_service_to_team_member;
mod create_service;
mod create_service_category;
mod delete_service;
mod delete_service_category;
mod deprecated_get_service_category_list;
mod deprecated_get_service_list_by_id;
mod deprecated_update_service_by_id;
mod get_chain_service_category_list;
mod get_service;
mod get_service_category;
mod get_service_category_list;
mod get_service_list;
pub mod json;
mod patch_service;
mod remove_service_from_team_member;
mod update_service_category;
mod update_service_links;
mod update_service_team_member_assignment;

use bizd_domain::catalog::{
    check_staff_list, ServiceChanges, ServiceFields, StaffLength, DEFAULT_DURATION,
};
use bizd_domain::time::now_unix;
use bizd_domain::FieldErrors;
use bizd_store::catalog::Service;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::http::{ApiError, ApiResult, LocationAccess};
use json::{ServiceBody, ServiceDto};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_service_category::create_service_category))
        .routes(routes!(
            deprecated_get_service_category_list::deprecated_get_service_category_list_without_id
        ))
        .routes(routes!(
            deprecated_get_service_category_list::deprecated_get_service_category_list
        ))
        .routes(routes!(
            get_service_category::get_service_category,
            update_service_category::update_service_category,
            delete_service_category::delete_service_category
        ))
        .routes(routes!(
            get_service_category_list::get_service_category_list_without_id
        ))
        .routes(routes!(
            get_service_category_list::get_service_category_list
        ))
        .routes(routes!(
            get_chain_service_category_list::get_chain_service_category_list
        ))
        .routes(routes!(
            get_service_list::get_service_list,
            create_service::create_service
        ))
        .routes(routes!(
            deprecated_get_service_list_by_id::deprecated_get_service_list_by_id,
            deprecated_update_service_by_id::deprecated_update_service_by_id,
            patch_service::patch_service,
            delete_service::delete_service
        ))
        .routes(routes!(get_service::get_service_without_id))
        .routes(routes!(
            get_service::get_service,
            patch_service::patch_service_via_company
        ))
        .routes(routes!(
            assign_service_to_team_member::assign_service_to_team_member
        ))
        .routes(routes!(
            update_service_team_member_assignment::update_service_team_member_assignment,
            remove_service_from_team_member::remove_service_from_team_member
        ))
        .routes(routes!(update_service_links::update_service_links))
}

/// 422 unless every id is a live team member of the location; names the offending entries.
pub(crate) async fn check_team_members(
    state: &AppState,
    location_id: i64,
    ids: &[(String, i64)],
) -> ApiResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let live = state.db.live_team_member_ids(location_id).await?;
    let mut e = FieldErrors::new();
    for (field, id) in ids {
        if !live.contains(id) {
            e.add(
                field.clone(),
                format!("Team member {id} was not found in this location."),
            );
        }
    }
    e.into_result()?;
    Ok(())
}

pub(crate) async fn load_service(
    state: &AppState,
    location_id: i64,
    id: i64,
) -> ApiResult<Service> {
    state
        .db
        .service(location_id, id)
        .await?
        .ok_or_else(|| ApiError::NotFound("Service not found.".into()))
}

/// Creates (`existing = None`) or changes a service from a request body, checking every rule,
/// and answers the stored service.
pub(crate) async fn save_service(
    state: &AppState,
    access: &LocationAccess,
    existing: Option<Service>,
    body: ServiceBody,
) -> ApiResult<ServiceDto> {
    access.require(|p| p.settings)?;
    let location_id = access.location.id;
    let (changes, staff): (ServiceChanges, Option<Vec<StaffLength>>) = body.into_changes()?;
    let creating = existing.is_none();
    let base: ServiceFields = existing
        .as_ref()
        .map(|s| s.fields.clone())
        .unwrap_or_default();
    // Field rules and the staff list are checked together, so one answer names every problem.
    let mut e = FieldErrors::new();
    let fields = changes
        .apply(base, creating)
        .map_err(|errors| e.extend(errors))
        .ok();
    let duration = fields.as_ref().map_or(DEFAULT_DURATION, |f| f.duration);
    let pairs = staff
        .as_ref()
        .map(|list| check_staff_list(&mut e, "staff", list, duration));
    e.into_result()?;
    let fields = fields.expect("no errors, so fields are set");
    if state
        .db
        .category(location_id, fields.category_id)
        .await?
        .is_none()
    {
        return Err(ApiError::field(
            "category_id",
            "The category was not found in this location.",
        ));
    }
    if let Some(pairs) = &pairs {
        let ids: Vec<(String, i64)> = pairs
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (format!("staff.{i}.id"), *id))
            .collect();
        check_team_members(state, location_id, &ids).await?;
    }
    let now = now_unix();
    let id = match &existing {
        None => {
            state
                .db
                .insert_service(location_id, &fields, pairs.as_deref().unwrap_or(&[]), now)
                .await?
        }
        Some(s) => {
            state
                .db
                .update_service(location_id, s.id, &fields, pairs.as_deref(), now)
                .await?;
            s.id
        }
    };
    Ok(load_service(state, location_id, id).await?.into())
}
