use axum::extract::State;

use super::json::{BookformDto, BookformLangDto, BookformPath, BookformStepDto, BookformStyleDto};
use crate::app::AppState;
use crate::http::{ApiError, ApiResult, Envelope, PartnerAuth, Path};
use crate::sections::online_booking_settings::json::FormOptions;

/// Get booking form settings (`GET /bookform/{id}`, the full reference): what a booking site
/// needs to start: the form's location (`company_id`), whether phones are confirmed by code,
/// the steps in their order with the values chosen in advance, the design and languages. A
/// deleted or unknown form is 404.
#[utoipa::path(
    get, path = "/bookform/{id}", operation_id = "get_bookform", tag = "Online Booking",
    params(BookformPath),
    security(("BearerPartner" = [])),
    responses((status = 200, body = Envelope<BookformDto>))
)]
pub async fn get_bookform(
    State(state): State<AppState>,
    _partner: PartnerAuth,
    Path(path): Path<BookformPath>,
) -> ApiResult<Envelope<BookformDto>> {
    let mut c = state.db.snapshot().await?;
    let form = bizd_store::online_booking::forms::get(&mut c, path.id.0)
        .await?
        .ok_or_else(|| ApiError::NotFound("Booking form not found.".into()))?;
    let location = bizd_store::locations::get(&mut c, form.location_id)
        .await?
        .filter(|l| l.deleted_at.is_none())
        .ok_or_else(|| ApiError::NotFound("Booking form not found.".into()))?;
    let settings = bizd_store::online_booking::settings(&mut c, form.location_id).await?;
    let o: FormOptions = serde_json::from_str(&form.options).unwrap_or_default();
    let default = |id: i64| (id > 0).then_some(id);
    let mut steps = vec![
        BookformStepDto {
            step: "service".into(),
            title: "Services".into(),
            number: o.service_step_num,
            default: default(o.service_step_default),
            hidden: o.service_step_hide,
        },
        BookformStepDto {
            step: "master".into(),
            title: "Team member".into(),
            number: o.master_step_num,
            default: default(o.master_step_default),
            hidden: o.master_step_hide,
        },
        BookformStepDto {
            step: "datetime".into(),
            title: "Date and time".into(),
            number: o.datetime_step_num,
            default: None,
            hidden: false,
        },
    ];
    steps.sort_by_key(|s| s.number);
    Ok(Envelope::one(BookformDto {
        steps,
        style: BookformStyleDto {
            show_header: !o.without_menu,
            logo: String::new(),
            primary_palette: "blue".into(),
            accent_palette: "blue-grey".into(),
            warn_palette: "blue".into(),
            background_palette: "white".into(),
        },
        group_id: location.chain_id,
        company_id: location.id,
        phone_confirmation: settings.confirm_number,
        language: "en-US".into(),
        langs: vec![
            BookformLangDto {
                id: 2,
                code: "en-US".into(),
                title: "English".into(),
            },
            BookformLangDto {
                id: 1,
                code: "ru-RU".into(),
                title: "Русский".into(),
            },
        ],
        comment_required: false,
        google_analytics_id: String::new(),
        facebook_pixel_id: String::new(),
        sms_enabled: false,
        is_show_privacy_policy: false,
        specialization_display_mode: 0,
    }))
}
