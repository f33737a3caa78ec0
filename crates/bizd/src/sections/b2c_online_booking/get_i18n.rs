use std::collections::BTreeMap;

use axum::extract::State;

use super::json::I18nPath;
use crate::app::AppState;
use crate::http::{ApiError, ApiResult, Envelope, PartnerAuth, Path};

/// The strings of the booking flow, in both languages bizd carries.
const STRINGS: &[(&str, &str, &str)] = &[
    ("common.next", "Next", "Далее"),
    ("common.back", "Back", "Назад"),
    ("common.cancel", "Cancel", "Отмена"),
    ("common.save", "Save", "Сохранить"),
    ("common.loading", "Loading…", "Загрузка…"),
    ("steps.service", "Select services", "Выберите услуги"),
    (
        "steps.master",
        "Select a specialist",
        "Выберите специалиста",
    ),
    ("steps.any_master", "Any specialist", "Любой специалист"),
    (
        "steps.datetime",
        "Select date and time",
        "Выберите дату и время",
    ),
    ("steps.contact", "Your details", "Ваши данные"),
    ("steps.confirm", "Confirm the booking", "Подтвердите запись"),
    ("form.name", "Name", "Имя"),
    ("form.phone", "Phone", "Телефон"),
    ("form.email", "E-mail", "E-mail"),
    ("form.comment", "Comment", "Комментарий"),
    ("form.code", "Confirmation code", "Код подтверждения"),
    ("form.send_code", "Send the code", "Отправить код"),
    ("booking.success", "You are booked", "Вы записаны"),
    ("booking.cancel", "Cancel the booking", "Отменить запись"),
    ("booking.reschedule", "Change the time", "Перенести запись"),
    (
        "booking.no_times",
        "No free time on this day",
        "Нет свободного времени в этот день",
    ),
    (
        "errors.time_taken",
        "The selected time is already taken",
        "Выбранное время уже занято",
    ),
    (
        "errors.invalid_code",
        "Incorrect confirmation code",
        "Неверный код подтверждения",
    ),
    (
        "errors.invalid_phone",
        "Invalid phone number",
        "Неверный номер телефона",
    ),
];

/// Get internationalization options (`GET /i18n/{langCode}`, the full reference): the booking
/// flow's interface strings by key, for `en-US` and `ru-RU` (also `en` and `ru`); another
/// language is 404.
#[utoipa::path(
    get, path = "/i18n/{langCode}", operation_id = "get_i18n", tag = "Online Booking",
    params(I18nPath),
    security(("BearerPartner" = [])),
    responses((status = 200, body = Envelope<BTreeMap<String, String>>))
)]
pub async fn get_i18n(
    State(_state): State<AppState>,
    _partner: PartnerAuth,
    Path(path): Path<I18nPath>,
) -> ApiResult<Envelope<BTreeMap<String, String>>> {
    let russian = match path.langCode.to_ascii_lowercase().as_str() {
        "en-us" | "en" | "en-gb" => false,
        "ru-ru" | "ru" => true,
        _ => return Err(ApiError::NotFound("Language not found.".into())),
    };
    let map = STRINGS
        .iter()
        .map(|(k, en, ru)| {
            (
                (*k).to_owned(),
                (if russian { *ru } else { *en }).to_owned(),
            )
        })
        .collect();
    Ok(Envelope::one(map))
}
