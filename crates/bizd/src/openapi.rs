//! The OpenAPI document: assembled from the routes themselves (utoipa-axum), so every mounted
//! operation is listed with its schemas.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "bizd — Business Management B2B API v1",
        description = "Self-hosted implementation of the Altegio / YCLIENTS Business Management B2B API v1. \
            Every answer is the envelope `{\"success\", \"data\", \"meta\"}`; errors carry `meta.message` and a stable `meta.code`.",
    ),
    servers((url = "/api/v1", description = "This server")),
    modifiers(&SecuritySchemes),
    tags(
        (name = "Authentication B2B", description = "User authentication"),
        (name = "Locations", description = "Business locations (companies)"),
        (name = "Location Chains", description = "Chains (groups) of locations"),
        (name = "Clients", description = "Client database with comments, files and visit history"),
        (name = "Services", description = "Service catalog: categories, services and which team member provides which service"),
        (name = "Team Members", description = "Team members (staff) and positions"),
    )
)]
pub struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "BearerPartner",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "`Bearer <partner_token>`",
            ))),
        );
        components.add_security_scheme(
            "BearerPartnerUser",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "`Bearer <partner_token>, User <user_token>`",
            ))),
        );
    }
}
