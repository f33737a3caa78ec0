use axum::extract::State;
use axum::http::StatusCode;
use bizd_store::comments::NewComment;
use bizd_store::Lock;

use super::json::{ReviewBody, ReviewDto, TeamMemberPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};

/// Leave a Comment (`appointments/leave_comment.md`): a review of a live team member of the
/// location (404 otherwise) with `mark` (alias `rating`) 1–5 and `text`, both required; `name`
/// is the name shown (default: the signed-in user's). The signed-in user is the author. The
/// team member's `rating` (mean), `votes_count` and `comments_count` change in the same
/// transaction. Answers 201 with the comment object.
#[utoipa::path(
    post, path = "/comments/{location_id}/{team_member_id}", operation_id = "leave_comment", tag = "Comments",
    params(TeamMemberPath),
    request_body = ReviewBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<ReviewDto>))
)]
pub async fn leave_comment(
    State(state): State<AppState>,
    access: LocationAccess<perm::Clients>,
    Path(path): Path<TeamMemberPath>,
    Json(body): Json<ReviewBody>,
) -> ApiResult<Envelope<ReviewDto>> {
    let (location, member) = (&access.location, path.team_member_id.0);
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::TeamMember(member)]).await?;
    if !bizd_store::comments::is_live_team_member(&mut tx, location.id, member).await? {
        return Err(ApiError::NotFound("Team member not found.".into()));
    }
    let (rating, text, username) = rules::review(body, &access.user.name)?;
    let new = NewComment {
        location_id: location.id,
        team_member_id: Some(member),
        user_id: access.user.id,
        username,
        text,
        rating,
    };
    let id = bizd_store::comments::insert(&mut tx, &new, state.clock.now()).await?;
    bizd_store::comments::refresh_team_member_rating(&mut tx, member).await?;
    let comment = bizd_store::comments::get(&mut tx, location.id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    tx.commit().await?;
    Ok(Envelope::one(ReviewDto::from_row(comment, &location.tz)).status(StatusCode::CREATED))
}
