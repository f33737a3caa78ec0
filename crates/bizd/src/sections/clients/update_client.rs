use axum::extract::State;
use bizd_domain::time::now_unix;

use super::json::{ClientBody, ClientDto};
use super::rules;
use crate::app::AppState;
use crate::http::extract::Path;
use crate::http::wire::Int;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Edit client (`clients/update_client.md`). Fields not sent keep their values; tags are
/// replaced when `categories` (or `labels`) is sent.
#[utoipa::path(
    put, path = "/client/{location_id}/{id}", operation_id = "update_client", tag = "Clients",
    params(("location_id" = i64, Path, description = "Location ID"), ("id" = i64, Path, description = "Client ID")),
    request_body = ClientBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<ClientDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn update_client(
    State(state): State<AppState>,
    access: LocationAccess,
    Path((_location, id)): Path<(Int, Int)>,
    Json(body): Json<ClientBody>,
) -> ApiResult<Envelope<ClientDto>> {
    access.require(|p| p.clients)?;
    let location = &access.location;
    let current = state
        .db
        .client(location.id, id.0)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let changes = body.into_changes()?;
    if changes
        .phone
        .as_deref()
        .is_some_and(|p| p.trim().is_empty())
    {
        return Err(ApiError::field(
            "phone",
            "Customer phone number cannot be empty.",
        ));
    }
    let fields = rules::resolve(&state.db, location.id, changes, current.fields, false).await?;
    state
        .db
        .update_client(location.id, id.0, &fields, now_unix())
        .await
        .map_err(rules::write_error)?;
    let client = state
        .db
        .client(location.id, id.0)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Envelope::one(ClientDto::from_client(
        client,
        &location.fields.timezone_name,
    )))
}
