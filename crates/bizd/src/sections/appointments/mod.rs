//! Appointments (records) and visits (`../shared/reference/altegio-b2b-v1/appointments/`, with
//! the full reference's Appointments and Visits groups).
//!
//! Quirks: an appointment belongs to a visit — the client's appointments of one local day at the
//! location share one (production's grouping); an appointment without a client has a visit of
//! its own. A visit's attendance follows its appointments', and setting it on the visit sets
//! theirs. Creating, rescheduling or reassigning an appointment is a booking: in one write
//! transaction that first locks the team member (both, when it moves), the resources its
//! services need and the client, it must not overlap another live appointment of the team
//! member (409 `slot_busy`), must lie inside one of their working intervals (409
//! `outside_working_hours`), find a free instance of each resource (409
//! `resource_unavailable`), and use services the team member provides (422
//! `service_not_provided`) — unless `save_if_busy` is true. A client named by phone is the
//! location's client with that phone, or is created. Deleting an appointment frees its slot at
//! once; it stays in the list with `with_deleted` (`deleted: true`) so that a sync sees it.
//! Every operation needs the timetable permission (every role holds it). `{visit_id}` routes
//! are decided by the visit's location, like a `{location_id}` route. `send_sms`/`send_email`
//! and `record_labels` are accepted; messages and appointment categories come with their
//! sections. Create answers 201 with the appointment object (the reference's array example is
//! the list's).

mod create_appointment;
mod delete_appointment;
mod get_appointment;
mod get_appointment_list;
mod get_partner_appointment_list;
mod get_visit;
mod get_visit_details;
mod get_visit_receipt_pdf;
pub mod json;
pub mod rules;
mod update_appointment;
mod update_visit;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(
            get_appointment_list::get_appointment_list,
            create_appointment::create_appointment
        ))
        .routes(routes!(
            get_partner_appointment_list::get_partner_appointment_list
        ))
        .routes(routes!(
            get_appointment::get_appointment,
            update_appointment::update_appointment,
            delete_appointment::delete_appointment
        ))
        .routes(routes!(get_visit::get_visit))
        .routes(routes!(update_visit::update_visit))
        .routes(routes!(get_visit_details::get_visit_details))
        .routes(routes!(get_visit_receipt_pdf::get_visit_receipt_pdf))
}
