//! Field-level validation errors, collected so one answer lists every problem of a request.

use std::collections::BTreeMap;

/// Field name → human-readable messages, rendered as `meta.errors` of a 422 answer.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<String, Vec<String>>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.entry(field.into()).or_default().push(message.into());
    }

    pub fn single(field: impl Into<String>, message: impl Into<String>) -> Self {
        let mut errors = Self::new();
        errors.add(field, message);
        errors
    }

    /// Adds every message of `other`.
    pub fn extend(&mut self, other: FieldErrors) {
        for (field, messages) in other.0 {
            self.0.entry(field).or_default().extend(messages);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when nothing was collected, so rules can end with `errors.into_result()?`.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<String>)> {
        self.0.iter()
    }

    /// The first message, used as the summary `meta.message` of a 422 answer.
    pub fn first_message(&self) -> Option<&str> {
        self.0.values().flatten().next().map(String::as_str)
    }
}

/// Trims a text field and checks its length in characters.
pub fn text(errors: &mut FieldErrors, field: &str, value: &str, max: usize) -> String {
    let trimmed = value.trim();
    if trimmed.chars().count() > max {
        errors.add(
            field,
            format!("The {field} must be at most {max} characters."),
        );
    }
    trimmed.to_owned()
}

/// Like [`text`] but the value must not be empty.
pub fn required_text(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
    max: usize,
) -> String {
    match value.map(str::trim) {
        Some(v) if !v.is_empty() => text(errors, field, v, max),
        _ => {
            errors.add(field, format!("The {field} field is required."));
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_and_reports() {
        let mut errors = FieldErrors::new();
        assert!(errors.clone().into_result().is_ok());
        let title = required_text(&mut errors, "title", Some("  "), 10);
        assert_eq!(title, "");
        text(&mut errors, "city", "abcdefghijk", 10);
        assert_eq!(errors.iter().count(), 2);
        assert_eq!(
            errors.first_message(),
            Some("The city must be at most 10 characters.")
        );
    }
}
