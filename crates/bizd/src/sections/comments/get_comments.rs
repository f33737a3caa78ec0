use axum::extract::State;

use super::json::{LocationPath, ReviewDto, ReviewListQuery, ReviewPages};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, LocationAccess, Paging, Query};

/// Get comments (`appointments/get_comments.md`): the location's reviews, newest first,
/// filtered by `start_date`/`end_date` (local dates, inclusive), `staff_id` and `rating`, one
/// page of `count` (default 20, at most 200). `meta` is `[]`, as the reference's sample shows.
#[utoipa::path(
    get, path = "/comments/{location_id}", operation_id = "get_comments", tag = "Comments",
    params(LocationPath, Paging<ReviewPages>, ReviewListQuery),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, description = "Reviews, newest first; `meta` is `[]`", body = Envelope<Vec<ReviewDto>>))
)]
pub async fn get_comments(
    State(state): State<AppState>,
    access: LocationAccess<perm::Timetable>,
    Paging(page, ..): Paging<ReviewPages>,
    Query(q): Query<ReviewListQuery>,
) -> ApiResult<Envelope<Vec<ReviewDto>>> {
    let location = &access.location;
    let filter = rules::filter(q, &location.tz)?;
    let mut c = state.db.read().await?;
    let rows =
        bizd_store::comments::list(&mut c, location.id, &filter, page.size, page.offset()).await?;
    let data = rows
        .into_iter()
        .map(|r| ReviewDto::from_row(r, &location.tz))
        .collect();
    Ok(Envelope::one(data))
}
