use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

use super::json::{ClientItemsPath, CommentDto};
use super::rules;
use crate::app::AppState;
use crate::http::extract::BaseUrl;
use crate::http::wire::Text;
use crate::http::{perm, ApiError, ApiResult, Envelope, Json, LocationAccess, Path};

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CommentBody {
    /// Text of the comment (required, at most 10,000 characters).
    pub text: Option<Text>,
}

/// Add a comment for a client (`clients/create_client_comment.md`).
#[utoipa::path(
    post, path = "/clients/{location_id}/clients/{client_id}/comments", operation_id = "create_client_comment", tag = "Clients",
    params(ClientItemsPath),
    request_body = CommentBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<CommentDto>))
)]
pub async fn create_client_comment(
    State(state): State<AppState>,
    access: LocationAccess<perm::Clients>,
    BaseUrl(base): BaseUrl,
    Path(path): Path<ClientItemsPath>,
    Json(body): Json<CommentBody>,
) -> ApiResult<Envelope<CommentDto>> {
    let (location, client_id) = (&access.location, path.client_id.0);
    let mut errors = bizd_domain::FieldErrors::new();
    let text = bizd_domain::validation::required_text(
        &mut errors,
        "text",
        body.text.as_ref().map(|t| t.0.as_str()),
        10_000,
    );
    errors.into_result()?;
    let mut tx = state.db.write().await?;
    rules::existing_client(&mut tx, location.id, client_id).await?;
    let now = state.clock.now();
    let id = bizd_store::clients::insert_comment(
        &mut tx,
        location.id,
        client_id,
        access.user.id,
        "default",
        &text,
        now,
    )
    .await?;
    let comment = bizd_store::clients::comment(&mut tx, location.id, client_id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    tx.commit().await?;
    let dto = CommentDto::from_row(comment, &[], location.id, &location.tz, &base);
    Ok(Envelope::with_meta(dto, serde_json::json!({})).status(StatusCode::CREATED))
}
