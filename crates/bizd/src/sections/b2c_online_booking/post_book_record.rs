use axum::extract::State;
use axum::http::StatusCode;
use bizd_domain::client::{normalize_phone, ClientFields};
use bizd_store::appointments::write::Origin;
use bizd_store::Lock;

use super::json::{BookLocationPath, BookRecordBody, BookedDto};
use super::phone_codes;
use super::rules::{self, Flow, Placed};
use crate::app::AppState;
use crate::http::wire::text;
use crate::http::{ApiError, ApiResult, BookingLocation, Envelope, Json, Path};
use crate::sections::appointments::rules::{self as booking, ClientRef, Draft, ServiceRequest};
use crate::security::{new_token, token_hash};

/// Create an Online Booking (`b2c-online-booking/post_book_record.md`). One transaction: it
/// locks the location (the client may be created by phone), every team member it may choose and
/// the resources of the services, places the appointments again under those locks (as
/// `book_check` does), then books each through the same conflict check as `POST /records` — a
/// time offered by `book_times` and taken meanwhile is 422 code 433, never a double booking.
/// The client is the location's client with that phone, or a new one. With `confirm_number`
/// on, `code` must be the live code `book_code` sent (432 otherwise; a code confirms one
/// booking). `client_online_records_max` caps the client's future online appointments (422
/// `online_records_limit`). Appointments are marked online (`record_from` from `type`,
/// default `widget`; the booking form, default the location's) and show in `GET /records` at
/// once. Answers 201 with each appointment's id and its unguessable `record_hash`.
#[utoipa::path(
    post, path = "/book_record/{location_id}", operation_id = "post_book_record", tag = "Online Booking",
    params(BookLocationPath),
    request_body = BookRecordBody,
    security(("BearerPartner" = [])),
    responses((status = 201, body = Envelope<Vec<BookedDto>>))
)]
pub async fn post_book_record(
    State(state): State<AppState>,
    access: BookingLocation,
    Path(_path): Path<BookLocationPath>,
    Json(body): Json<BookRecordBody>,
) -> ApiResult<Envelope<Vec<BookedDto>>> {
    let location = &access.location;
    let phone = normalize_phone(&text(body.phone).unwrap_or_default())
        .ok()
        .filter(|p| !p.is_empty())
        .ok_or_else(|| rules::refuse(431, "Invalid phone number format.", None))?;
    let name = text(body.fullname).unwrap_or_default().trim().to_owned();
    if name.is_empty() {
        return Err(rules::refuse(435, "The client's name is required.", None));
    }
    let wanted = rules::wanted(body.appointments.unwrap_or_default(), location)?;
    let code = text(body.code).unwrap_or_default();
    let settings =
        bizd_store::online_booking::settings(&mut state.db.read().await?, location.id).await?;
    let code_id = if settings.confirm_number {
        Some(phone_codes::check(&state, &phone, &code).await?)
    } else {
        None
    };
    let record_from = text(body.kind)
        .map(|t| t.trim().chars().take(32).collect::<String>())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "widget".into());
    let hours = |v: Option<crate::http::wire::Int>| v.map(|h| h.0).filter(|h| *h > 0);
    let (sms, email) = (hours(body.notify_by_sms), hours(body.notify_by_email));
    let comment = text(body.comment).unwrap_or_default();
    let api_id = text(body.api_id).unwrap_or_default();
    let client = ClientFields {
        name,
        email: text(body.email).unwrap_or_default(),
        phone: phone.clone(),
        ..ClientFields::default()
    };

    let now = state.clock.now();
    let mut tx = state.db.write().await?;
    let forms = bizd_store::online_booking::forms::list(&mut tx, location.id).await?;
    let bookform_id = match body.bookform_id.map(|v| v.0) {
        Some(id) if forms.iter().any(|f| f.id == id) => id,
        Some(_) => {
            return Err(ApiError::field(
                "bookform_id",
                "No such booking form in this location.",
            ))
        }
        None => forms.iter().find(|f| f.is_default).map_or(0, |f| f.id),
    };
    // Every team member the placement may choose, and every resource the services need.
    let team: Vec<i64> = rules::members(&mut tx, location.id)
        .await?
        .iter()
        .map(|m| m.id)
        .collect();
    let mut locks = vec![Lock::Location(location.id)];
    for w in &wanted {
        match w.member {
            0 => locks.extend(team.iter().map(|&m| Lock::TeamMember(m))),
            m => locks.push(Lock::TeamMember(m)),
        }
    }
    let all_services: Vec<i64> = wanted.iter().flat_map(|w| w.services.clone()).collect();
    let resources =
        bizd_store::schedules::resources_of_services(&mut tx, location.id, &all_services).await?;
    locks.extend(resources.iter().map(|(r, _)| Lock::Resource(*r)));
    locks.sort_unstable();
    locks.dedup();
    tx.lock(&locks).await?;

    let flow = Flow::load(&mut tx, location, now).await?;
    let placed = rules::place(&mut tx, location, &flow, &wanted, None).await?;
    if settings.client_online_records_max > 0 {
        let held = match bizd_store::clients::id_by_phone(&mut tx, location.id, &phone).await? {
            Some(id) => bizd_store::online_booking::records::online_count(&mut tx, id, now).await?,
            None => 0,
        };
        if held + placed.len() as i64 > settings.client_online_records_max {
            return Err(ApiError::Unprocessable {
                code: "online_records_limit",
                message: format!(
                    "A client may hold at most {} future online appointments here.",
                    settings.client_online_records_max
                ),
            });
        }
    }
    if let Some(id) = code_id {
        if !bizd_store::online_booking::codes::use_code(&mut tx, id, now).await? {
            return Err(rules::refuse(432, "Incorrect SMS verification code.", None));
        }
    }
    let mut answer = Vec::with_capacity(placed.len());
    for Placed { wanted, member, .. } in placed {
        let hash = new_token();
        let own: Vec<(i64, i64)> =
            bizd_store::schedules::resources_of_services(&mut tx, location.id, &wanted.services)
                .await?;
        let draft = Draft {
            team_member_id: member,
            services: wanted
                .services
                .iter()
                .map(|&id| ServiceRequest {
                    id,
                    first_cost: None,
                    discount: None,
                    cost: None,
                    amount: 1,
                })
                .collect(),
            client: ClientRef::Phone(Box::new(client.clone())),
            starts_at: wanted.at,
            seance_length: None,
            attendance: 0,
            confirmed: 0,
            comment: comment.clone(),
            api_id: api_id.clone(),
            custom_color: String::new(),
            sms_remain_hours: sms,
            email_remain_hours: email,
            technical_break_duration: 0,
            save_if_busy: false,
            origin: Some(Origin {
                record_from: record_from.clone(),
                bookform_id,
                record_hash_digest: token_hash(&hash),
            }),
        };
        let record_id = booking::book(&mut tx, location, draft, &own, None, None, now)
            .await
            .map_err(|e| rules::taken(e, wanted.request_id, location, member, wanted.at))?;
        answer.push(BookedDto {
            id: wanted.request_id,
            record_id,
            record_hash: hash,
        });
    }
    tx.commit().await?;
    Ok(Envelope::one(answer).status(StatusCode::CREATED))
}
