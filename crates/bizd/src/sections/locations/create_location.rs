use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::access::Role;
use bizd_domain::location::LocationFields;
use bizd_domain::time::now_unix;
use bizd_store::locations::ChainChoice;

use super::json::{Extras, LocationBody, LocationDto};
use crate::app::AppState;
use crate::http::{ApiError, ApiResult, Envelope, ErrorBody, Json, UserAuth};

/// Create a location (`locations/create_location.md`). The creator becomes its owner.
#[utoipa::path(
    post, path = "/companies", operation_id = "create_location", tag = "Locations",
    request_body = LocationBody,
    security(("BearerPartnerUser" = [])),
    responses(
        (status = 201, body = Envelope<LocationDto>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
pub async fn create_location(
    State(state): State<AppState>,
    UserAuth(user): UserAuth,
    Json(body): Json<LocationBody>,
) -> ApiResult<Envelope<LocationDto>> {
    let requested_chain = body.chain_id.map(|c| c.0);
    let fields = body.into_changes().apply(LocationFields::default(), true)?;
    let chain = match requested_chain {
        Some(chain_id) => {
            if !state.db.chain_exists(chain_id).await? {
                return Err(ApiError::field("chain_id", "The chain does not exist."));
            }
            if !state.db.can_manage_chain(user.id, chain_id).await? {
                return Err(ApiError::Forbidden);
            }
            ChainChoice::Existing(chain_id)
        }
        None => match state.db.default_chain_of(user.id).await? {
            Some(chain_id) => ChainChoice::Existing(chain_id),
            None => ChainChoice::New(format!("{} chain", fields.title)),
        },
    };
    let id = state
        .db
        .insert_location(&fields, chain, user.id, now_unix())
        .await?;
    let location = state
        .db
        .location_by_id(id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let extras = Extras {
        access: Some(Role::Owner.permissions()),
        ..Extras::default()
    };
    Ok(Envelope::one(LocationDto::from_location(location, extras)).status(StatusCode::CREATED))
}
