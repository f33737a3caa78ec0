use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::client::ClientFields;

use super::json::{ClientBody, ClientDto};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, ErrorBody, Json, LocationAccess};

/// Adding a client (`clients/create_client`, full reference "Adding a Client").
#[utoipa::path(
    post, path = "/clients/{location_id}", operation_id = "create_client", tag = "Clients",
    params(("location_id" = i64, Path, description = "Location ID")),
    request_body = ClientBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 201, body = Envelope<ClientDto>),
        (status = 422, description = "Invalid input or a duplicate phone", body = ErrorBody),
    )
)]
pub async fn create_client(
    State(state): State<AppState>,
    access: LocationAccess<perm::Clients>,
    Json(body): Json<ClientBody>,
) -> ApiResult<Envelope<ClientDto>> {
    let location = &access.location;
    let changes = body.into_changes()?;
    let mut tx = state.db.write().await?;
    let fields =
        rules::resolve(&mut tx, location.id, changes, ClientFields::default(), true).await?;
    let id = bizd_store::clients::insert(&mut tx, location.id, &fields, state.clock.now()).await?;
    let client = rules::existing_client(&mut tx, location.id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(ClientDto::from_client(client, &location.tz)).status(StatusCode::CREATED))
}
