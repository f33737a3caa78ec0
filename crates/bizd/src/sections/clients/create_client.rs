use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::client::ClientFields;
use bizd_domain::time::now_unix;

use super::json::{ClientBody, ClientDto};
use super::rules;
use crate::app::AppState;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Adding a client (`clients/create_client`, full reference "Adding a Client").
#[utoipa::path(
    post, path = "/clients/{location_id}", operation_id = "create_client", tag = "Clients",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = ClientBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 201, body = Envelope<ClientDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "Invalid input or a duplicate phone", body = ErrorBody),
    )
)]
pub async fn create_client(
    State(state): State<AppState>,
    access: LocationAccess,
    Json(body): Json<ClientBody>,
) -> ApiResult<Envelope<ClientDto>> {
    access.require(|p| p.clients)?;
    let location = &access.location;
    let fields = rules::resolve(
        &state.db,
        location.id,
        body.into_changes()?,
        ClientFields::default(),
        true,
    )
    .await?;
    let id = state
        .db
        .insert_client(location.id, &fields, now_unix())
        .await
        .map_err(rules::write_error)?;
    let client = state
        .db
        .client(location.id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Envelope::one(ClientDto::from_client(
        client,
        &location.fields.timezone_name,
    ))
    .status(StatusCode::CREATED))
}
