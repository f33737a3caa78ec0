use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::access::{Permission, Role};
use bizd_domain::location::LocationFields;
use bizd_store::locations::ChainChoice;

use super::json::{Extras, LocationBody, LocationDto};
use crate::app::AppState;
use crate::http::{ApiError, ApiResult, Envelope, Json, UserAuth};

/// Create a location (`locations/create_location.md`). The creator becomes its owner. A chain
/// named in the body must be one whose locations the user manages (a role granting the
/// chain-services permission in one of them).
#[utoipa::path(
    post, path = "/companies", operation_id = "create_location", tag = "Locations",
    request_body = LocationBody,
    security(("BearerPartnerUser" = [])),
    responses((status = 201, body = Envelope<LocationDto>))
)]
pub async fn create_location(
    State(state): State<AppState>,
    UserAuth(user): UserAuth,
    Json(body): Json<LocationBody>,
) -> ApiResult<Envelope<LocationDto>> {
    let requested_chain = body.chain_id.map(|c| c.0);
    let fields = body.into_changes().apply(LocationFields::default(), true)?;
    let now = state.clock.now();
    let mut tx = state.db.write().await?;
    let chain = match requested_chain {
        Some(chain_id) => {
            if bizd_store::locations::chain_title(&mut tx, chain_id)
                .await?
                .is_none()
            {
                return Err(ApiError::field("chain_id", "The chain does not exist."));
            }
            let roles = bizd_store::locations::roles_in_chain(&mut tx, user.id, chain_id).await?;
            let may_add = roles
                .iter()
                .filter_map(|r| r.parse::<Role>().ok())
                .any(|r| r.grants(Permission::ChainServices));
            if !may_add {
                return Err(ApiError::PermissionDenied(Permission::ChainServices));
            }
            ChainChoice::Existing(chain_id)
        }
        None => match bizd_store::locations::default_chain_of(&mut tx, user.id).await? {
            Some(chain_id) => ChainChoice::Existing(chain_id),
            None => ChainChoice::New(format!("{} chain", fields.title)),
        },
    };
    let id = bizd_store::locations::insert(&mut tx, &fields, chain, user.id, now).await?;
    let location = bizd_store::locations::get(&mut tx, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    tx.commit().await?;
    let extras = Extras {
        access: Some(Role::Owner.permissions()),
        ..Extras::default()
    };
    Ok(
        Envelope::one(LocationDto::from_location(location, extras, now))
            .status(StatusCode::CREATED),
    )
}
