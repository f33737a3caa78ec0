use axum::extract::State;
use bizd_store::Lock;

use super::json::{ClientBody, ClientDto, ClientPath};
use super::rules;
use crate::app::AppState;
use crate::http::{perm, ApiResult, Envelope, ErrorBody, Json, LocationAccess, Path};

/// Edit client (`clients/update_client.md`). Fields not sent keep their values; tags are
/// replaced when `categories` (or `labels`) is sent. The client is locked and read again inside
/// the write, so two partial updates of different fields both take effect.
#[utoipa::path(
    put, path = "/client/{location_id}/{id}", operation_id = "update_client", tag = "Clients",
    params(ClientPath),
    request_body = ClientBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 200, body = Envelope<ClientDto>),
        (status = 422, description = "Invalid input or a duplicate phone", body = ErrorBody),
    )
)]
pub async fn update_client(
    State(state): State<AppState>,
    access: LocationAccess<perm::Clients>,
    Path(path): Path<ClientPath>,
    Json(body): Json<ClientBody>,
) -> ApiResult<Envelope<ClientDto>> {
    let (location, id) = (&access.location, path.id.0);
    let changes = body.into_changes()?;
    let mut tx = state.db.write().await?;
    tx.lock(&[Lock::Client(id)]).await?;
    let current = rules::existing_client(&mut tx, location.id, id).await?;
    let fields = rules::resolve(&mut tx, location.id, changes, current.fields, false).await?;
    bizd_store::clients::update(&mut tx, location.id, id, &fields, state.clock.now()).await?;
    let client = rules::existing_client(&mut tx, location.id, id).await?;
    tx.commit().await?;
    Ok(Envelope::one(ClientDto::from_client(client, &location.tz)))
}
