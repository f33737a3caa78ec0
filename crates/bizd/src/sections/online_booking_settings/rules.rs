//! Checks shared by the section's operations.

use bizd_domain::FieldErrors;
use bizd_store::online_booking::forms::{BookingForm, FormFields};
use bizd_store::Conn;

use super::json::{BookingWidgetBody, FormOptions};
use crate::http::wire::text;
use crate::http::ApiError;

/// A live form of the location, or 404.
pub async fn existing_form(
    c: &mut Conn<'_>,
    location_id: i64,
    id: i64,
) -> Result<BookingForm, ApiError> {
    bizd_store::online_booking::forms::get(c, id)
        .await?
        .filter(|f| f.location_id == location_id)
        .ok_or_else(|| ApiError::NotFound("Booking form not found.".into()))
}

/// The body applied onto `current` (a change) or onto the defaults (a create: `title` needed).
pub fn form_fields(
    body: BookingWidgetBody,
    current: Option<&BookingForm>,
) -> Result<FormFields, ApiError> {
    let mut e = FieldErrors::new();
    let mut fields = match current {
        Some(f) => FormFields {
            title: f.title.clone(),
            description: f.description.clone(),
            is_default: f.is_default,
            options: f.options.clone(),
        },
        None => FormFields::default(),
    };
    let mut o: FormOptions = serde_json::from_str(&fields.options).unwrap_or_default();
    match text(body.title).map(|t| t.trim().to_owned()) {
        Some(t) if t.is_empty() => e.add("title", "The title must not be empty."),
        Some(t) if t.chars().count() > 255 => e.add("title", "At most 255 characters."),
        Some(t) => fields.title = t,
        None if current.is_none() => e.add("title", "The title field is required."),
        None => {}
    }
    if let Some(d) = text(body.description) {
        fields.description = d;
    }
    if let Some(v) = body.is_default {
        // The default form stays the default until another takes the flag.
        if !v.0 && current.is_some_and(|f| f.is_default) {
            e.add(
                "is_default",
                "Make another form the default instead of clearing the flag.",
            );
        }
        fields.is_default = v.0;
    }
    let flags = [
        (body.ab_test_enabled, &mut o.ab_test_enabled),
        (body.without_menu, &mut o.without_menu),
        (body.service_step_hide, &mut o.service_step_hide),
        (body.master_step_hide, &mut o.master_step_hide),
        (body.show_button, &mut o.show_button),
        (body.button_animation, &mut o.button_animation),
    ];
    for (v, out) in flags {
        if let Some(v) = v {
            *out = v.0;
        }
    }
    let ids = [
        (
            "service_step_default",
            body.service_step_default,
            &mut o.service_step_default,
        ),
        (
            "master_step_default",
            body.master_step_default,
            &mut o.master_step_default,
        ),
    ];
    for (name, v, out) in ids {
        match v {
            Some(v) if v.0 < 0 => e.add(name, "An id, or 0 for none."),
            Some(v) => *out = v.0,
            None => {}
        }
    }
    let steps = [
        (
            "service_step_num",
            body.service_step_num,
            &mut o.service_step_num,
        ),
        (
            "master_step_num",
            body.master_step_num,
            &mut o.master_step_num,
        ),
        (
            "datetime_step_num",
            body.datetime_step_num,
            &mut o.datetime_step_num,
        ),
    ];
    for (name, v, out) in steps {
        match v {
            Some(v) if !(1..=3).contains(&v.0) => e.add(name, "A step number from 1 to 3."),
            Some(v) => *out = v.0,
            None => {}
        }
    }
    if let Some(p) = text(body.button_position) {
        const POSITIONS: [&str; 4] = ["bottom right", "bottom left", "top right", "top left"];
        match POSITIONS.iter().find(|x| x.eq_ignore_ascii_case(p.trim())) {
            Some(x) => o.button_position = (*x).to_owned(),
            None => e.add(
                "button_position",
                "One of: bottom right, bottom left, top right, top left.",
            ),
        }
    }
    if let Some(p) = text(body.form_position) {
        match p.trim() {
            "right" | "left" => o.form_position = p.trim().to_owned(),
            _ => e.add("form_position", "Either right or left."),
        }
    }
    if let Some(c) = text(body.button_color) {
        if c.chars().count() > 32 {
            e.add("button_color", "At most 32 characters.");
        } else {
            o.button_color = c;
        }
    }
    e.into_result()?;
    fields.options = serde_json::to_string(&o).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(fields)
}
