use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::staff::{phone_digits, TeamMemberChanges};
use bizd_domain::FieldErrors;
use serde_json::Value;

use super::json::{QuickTeamMemberBody, TeamMemberDto};
use super::{render, save_team_member};
use crate::app::AppState;
use crate::http::wire::Text;
use crate::http::{ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Quick create a team member (`team-members/create_team_member_quick.md`): `name` and
/// `specialization` are required; `position` is `null` when none is assigned.
#[utoipa::path(
    post, path = "/company/{location_id}/staff/quick", operation_id = "create_team_member_quick", tag = "Team Members",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = QuickTeamMemberBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 201, body = Envelope<TeamMemberDto<i64>>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn create_team_member_quick(
    State(state): State<AppState>,
    access: LocationAccess,
    Json(body): Json<QuickTeamMemberBody>,
) -> ApiResult<Envelope<TeamMemberDto>> {
    access.require(|p| p.settings)?;
    let mut e = FieldErrors::new();
    if body
        .specialization
        .as_ref()
        .is_none_or(|s| s.0.trim().is_empty())
    {
        e.add("specialization", "The specialization field is required.");
    }
    if let Some(phone) = &body.user_phone {
        phone_digits(&mut e, "user_phone", &phone.0);
    }
    if let Some(email) = body.user_email.as_ref().map(|t| t.0.trim()) {
        if !email.is_empty() && !email.contains('@') {
            e.add("user_email", "The user_email must be an e-mail address.");
        }
    }
    e.into_result()?;
    let changes = TeamMemberChanges {
        name: Some(body.name.map(Text::into_inner).unwrap_or_default()),
        specialization: body.specialization.map(Text::into_inner),
        position_id: body.position_id.map(|v| v.map(|i| i.0)),
        phone: body.phone_number.map(Text::into_inner),
        is_paid_staff: body.is_paid_staff.map(|f| f.0),
        ..TeamMemberChanges::default()
    };
    let member = save_team_member(&state, &access, None, changes).await?;
    let mut dto = render(&state, member).await?;
    if dto.position_id == 0 {
        dto.position = Value::Null;
    }
    Ok(Envelope::one(dto).status(StatusCode::CREATED))
}
