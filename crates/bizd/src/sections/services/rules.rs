//! Rules shared by the Services operations: the rows an operation needs must exist (404 with the
//! section's messages), team members named in a body must be live members of the location, a
//! service body becomes complete fields and `(team member, seance_length)` pairs, and the rows a
//! write locks. Every check runs on the operation's connection, so inside a write it sees what
//! the write will change.

use bizd_domain::catalog::{
    check_staff_list, ServiceChanges, ServiceFields, StaffLength, DEFAULT_DURATION,
};
use bizd_domain::FieldErrors;
use bizd_store::services::{Category, Service, ServiceFilter};
use bizd_store::{Conn, Lock};

use super::json::{CategoryListQuery, ServiceListQuery};
use crate::http::wire::Int;
use crate::http::{ApiError, ApiResult};

/// A live service of the location, or 404.
pub async fn existing_service(c: &mut Conn<'_>, location_id: i64, id: i64) -> ApiResult<Service> {
    bizd_store::services::get(c, location_id, id)
        .await?
        .ok_or_else(|| ApiError::NotFound("Service not found.".into()))
}

/// A live category of the location, or 404.
pub async fn existing_category(c: &mut Conn<'_>, location_id: i64, id: i64) -> ApiResult<Category> {
    bizd_store::services::category(c, location_id, id)
        .await?
        .ok_or_else(category_not_found)
}

pub fn category_not_found() -> ApiError {
    ApiError::NotFound("Service category does not exist.".into())
}

/// 404 for a link the service does not have.
pub fn not_linked() -> ApiError {
    ApiError::NotFound("The team member does not provide this service.".into())
}

/// 422 unless every id is a live team member of the location; names the offending entries.
pub async fn check_team_members(
    c: &mut Conn<'_>,
    location_id: i64,
    ids: &[(String, i64)],
) -> ApiResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let live = bizd_store::team_members::live_ids(c, location_id).await?;
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

/// 422 unless every id is a live resource of the location; names the offending entries
/// (`resource_ids.N`).
pub async fn check_resources(c: &mut Conn<'_>, location_id: i64, ids: &[i64]) -> ApiResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let live = bizd_store::schedules::resource_ids_of_location(c, location_id).await?;
    let mut e = FieldErrors::new();
    for (i, id) in ids.iter().enumerate() {
        if !live.contains(id) {
            e.add(
                format!("resource_ids.{i}"),
                format!("Resource {id} was not found in this location."),
            );
        }
    }
    e.into_result()?;
    Ok(())
}

/// The `staff` of a category body, deduplicated, after checking each is a live team member.
pub async fn category_staff(
    c: &mut Conn<'_>,
    location_id: i64,
    staff: Option<Vec<i64>>,
) -> ApiResult<Option<Vec<i64>>> {
    let Some(mut staff) = staff else {
        return Ok(None);
    };
    let named: Vec<(String, i64)> = staff
        .iter()
        .enumerate()
        .map(|(i, id)| (format!("staff.{i}"), *id))
        .collect();
    check_team_members(c, location_id, &named).await?;
    staff.sort_unstable();
    staff.dedup();
    Ok(Some(staff))
}

/// A service body applied to `base` (the defaults when `creating`), with every rule checked:
/// field rules and the staff list together, so one answer names every problem; then the
/// category and the team members against the location. Returns the fields and, when `staff` was
/// sent, the exact `(team member, seance_length)` pairs.
pub async fn resolve_service(
    c: &mut Conn<'_>,
    location_id: i64,
    changes: ServiceChanges,
    staff: Option<Vec<StaffLength>>,
    base: ServiceFields,
    creating: bool,
) -> ApiResult<(ServiceFields, Option<Vec<(i64, i64)>>)> {
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
    if bizd_store::services::category(c, location_id, fields.category_id)
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
        check_team_members(c, location_id, &ids).await?;
    }
    Ok((fields, pairs))
}

/// The rows a service write locks before its checks: the service (when it exists), the category
/// it moves into and the team members it links, so none of them changes between check and write.
pub fn service_locks(
    service_id: Option<i64>,
    changes: &ServiceChanges,
    staff: Option<&[StaffLength]>,
) -> Vec<Lock> {
    let mut locks: Vec<Lock> = service_id.map(Lock::Service).into_iter().collect();
    locks.extend(changes.category_id.map(Lock::ServiceCategory));
    locks.extend(
        staff
            .unwrap_or_default()
            .iter()
            .map(|s| Lock::TeamMember(s.team_member_id)),
    );
    locks
}

/// The store filter of a service list query.
pub fn service_filter(q: &ServiceListQuery) -> ServiceFilter {
    ServiceFilter {
        id: None,
        category_id: q.category_id.map(|v| v.0),
        team_member_id: q.staff_id.map(|v| v.0),
    }
}

/// One live service, 404 unless it also matches the list filters of the query (the single reads
/// accept them, as the lists do).
pub async fn one_service(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
    q: &ServiceListQuery,
) -> ApiResult<Service> {
    let filter = service_filter(q);
    let service = existing_service(c, location_id, id).await?;
    let in_category = filter
        .category_id
        .is_none_or(|cat| service.fields.category_id == cat);
    let provided = filter
        .team_member_id
        .is_none_or(|m| service.staff.iter().any(|s| s.link.team_member_id == m));
    if in_category && provided {
        Ok(service)
    } else {
        Err(ApiError::NotFound("Service not found.".into()))
    }
}

/// The location's categories (or the one with `id`), only those associated with the query's
/// team member when it names one (404 for a team member that is not live in the location).
pub async fn categories(
    c: &mut Conn<'_>,
    location_id: i64,
    id: Option<i64>,
    q: &CategoryListQuery,
) -> ApiResult<Vec<Category>> {
    let staff_id = q.staff_id.map(|v| v.0);
    if let Some(member) = staff_id {
        bizd_store::team_members::get(c, location_id, member)
            .await?
            .filter(|m| m.deleted_at.is_none())
            .ok_or_else(|| ApiError::NotFound("Team Member not found.".into()))?;
    }
    Ok(bizd_store::services::categories(c, location_id, id, staff_id).await?)
}

/// One category of the location (with the list's team member filter), or 404.
pub async fn one_category(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
    q: &CategoryListQuery,
) -> ApiResult<Category> {
    categories(c, location_id, Some(id), q)
        .await?
        .into_iter()
        .next()
        .ok_or_else(category_not_found)
}

/// A required field of a body whose other checks come first: its value, or a field error.
pub fn required(e: &mut FieldErrors, field: &str, v: Option<Int>) -> i64 {
    match v {
        Some(v) => v.0,
        None => {
            e.add(field, format!("The {field} field is required."));
            0
        }
    }
}

/// `technological_card_id` as stored: 0 and `null` both mean none.
pub fn card(v: Option<Int>) -> Option<i64> {
    v.map(|i| i.0).filter(|i| *i != 0)
}

/// Every `technological_card_id` named is a live bill of materials of the location (422
/// naming the field otherwise).
pub async fn check_cards(
    c: &mut bizd_store::Conn<'_>,
    location_id: i64,
    cards: &[(String, Option<i64>)],
) -> Result<(), ApiError> {
    let mut e = FieldErrors::new();
    for (field, id) in cards {
        if let Some(id) = id {
            if bizd_store::inventory::cards::get(c, location_id, *id)
                .await?
                .is_none()
            {
                e.add(field.clone(), "No such bill of materials at this location.");
            }
        }
    }
    e.into_result()?;
    Ok(())
}
