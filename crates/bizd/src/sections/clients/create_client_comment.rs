use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::time::now_unix;
use serde::Deserialize;
use utoipa::ToSchema;

use super::comments::render;
use super::json::CommentDto;
use crate::app::AppState;
use crate::http::extract::{BaseUrl, Path};
use crate::http::wire::{Int, Text};
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, Json, LocationAccess};

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CommentBody {
    /// Text of the comment (required, at most 10,000 characters).
    pub text: Option<Text>,
}

/// Add a comment for a client (`clients/create_client_comment.md`).
#[utoipa::path(
    post, path = "/clients/{location_id}/clients/{client_id}/comments", operation_id = "create_client_comment", tag = "Clients",
    params(("location_id" = i64, Path, description = "Location ID"), ("client_id" = i64, Path, description = "Client ID")),
    request_body = CommentBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 201, body = Envelope<CommentDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn create_client_comment(
    State(state): State<AppState>,
    access: LocationAccess,
    BaseUrl(base): BaseUrl,
    Path((_location, client_id)): Path<(Int, Int)>,
    Json(body): Json<CommentBody>,
) -> ApiResult<Envelope<CommentDto>> {
    access.require(|p| p.clients)?;
    let location = &access.location;
    state
        .db
        .client(location.id, client_id.0)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let mut errors = bizd_domain::FieldErrors::new();
    let text = bizd_domain::validation::required_text(
        &mut errors,
        "text",
        body.text.as_ref().map(|t| t.0.as_str()),
        10_000,
    );
    errors.into_result()?;
    let id = state
        .db
        .insert_client_comment(location.id, client_id.0, access.user.id, &text, now_unix())
        .await?;
    let comment = state
        .db
        .client_comment(location.id, client_id.0, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let dto = render(
        comment,
        &[],
        location.id,
        &location.fields.timezone_name,
        &base,
    );
    Ok(Envelope::with_meta(dto, serde_json::json!({})).status(StatusCode::CREATED))
}
