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
        (name = "Schedule & Resources", description = "Work schedules, the appointment calendar and resources"),
        (name = "Appointments", description = "Appointments (records) and visits"),
        (name = "Comments", description = "Reviews of team members: a rating 1–5 with a text (listed under Appointments in the reference)"),
        (name = "Online Booking Settings", description = "Settings of the public booking flow, its timeslot grid and booking forms"),
        (name = "Online Booking", description = "The public booking flow (partner token only): booking forms, services, team members, dates, times, checks, codes and appointments"),
        (name = "Online Booking Users", description = "Booking-site accounts: sign in by phone code or password, own data, own appointments"),
        (name = "Sales", description = "Sale documents of visits and their payments"),
        (name = "Payments", description = "Accounts (cash desks) and financial transactions"),
        (name = "Users & Permissions", description = "A location's users, their roles and permission values, invitations"),
        (name = "Products", description = "The product catalog and its category tree"),
        (name = "Inventory", description = "Storages, inventory documents, product transactions, bills of materials and the consumables of appointments"),
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

/// Documents, on every operation, the error answers the shared plumbing can give whatever the
/// handler: 401 (tokens), 403/404 (access, unknown ids), 413/422 (input), 429 (rate limit), 503
/// (timeout, database unavailable) — each the error envelope. A handler's own text for a status
/// is kept.
pub fn add_common_responses(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    let error = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build()
    };
    for (path, item) in doc.paths.paths.iter_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
            &mut item.head,
            &mut item.options,
            &mut item.trace,
        ];
        for op in operations.into_iter().flatten() {
            let has_input =
                op.request_body.is_some() || op.parameters.as_ref().is_some_and(|p| !p.is_empty());
            let mut common = vec![
                ("401", "Missing or invalid tokens (`unauthorized`)"),
                ("403", "No access (`forbidden`)"),
                ("429", "Rate limited (`rate_limited`); see `Retry-After`"),
                ("503", "Timed out or database unavailable (`unavailable`)"),
            ];
            if path.contains('{') {
                common.push(("404", "No such resource (`not_found`)"));
            }
            if has_input {
                common.push(("422", "Invalid input (`validation_failed`, `meta.errors`)"));
            }
            if op.request_body.is_some() {
                common.push(("413", "Body too large (`payload_too_large`)"));
            }
            for (status, description) in common {
                op.responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| error(description).into());
            }
        }
    }
}
