//! Input validation shared by every record kind: ids, text lengths, dates,
//! ranges.
//!
//! Each helper takes the input field's name (as the UI and JSON call it) and a
//! human label, so that errors read "name must not be empty" and a form can
//! point at the field.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::{Error, Result};

/// Parses the id of a `noun` (`"person"`, `"1-on-1"`) that arrived as text
/// in `field`: "\"abc\" is not a valid person id" otherwise.
pub fn parse_uuid(field: &'static str, noun: &str, text: &str) -> Result<Uuid> {
    Uuid::parse_str(text.trim())
        .map_err(|_| Error::invalid(field, format!("\"{text}\" is not a valid {noun} id")))
}

/// An optional input: `None` when absent, empty or only spaces, else the
/// trimmed text.
pub(crate) fn blank_to_none(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A required single-line text: trimmed, not empty, at most `max` characters.
pub(crate) fn required_text(
    field: &'static str,
    label: &str,
    value: &str,
    max: usize,
) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid(field, format!("{label} must not be empty")));
    }
    max_chars(field, label, value, max)?;
    Ok(value.to_owned())
}

/// An optional text: trimmed, possibly empty, at most `max` characters.
pub(crate) fn optional_text(
    field: &'static str,
    label: &str,
    value: &str,
    max: usize,
) -> Result<String> {
    let value = value.trim();
    max_chars(field, label, value, max)?;
    Ok(value.to_owned())
}

/// A Markdown text: stored as typed except for blank lines around it
/// (leading indentation means something in Markdown), at most `max`
/// characters as stored.
pub(crate) fn markdown_text(
    field: &'static str,
    label: &str,
    value: &str,
    max: usize,
) -> Result<String> {
    if value.trim().is_empty() {
        return Ok(String::new());
    }
    let start = value
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(0, |(i, _)| value[..i].rfind('\n').map_or(0, |nl| nl + 1));
    let stored = value[start..].trim_end();
    max_chars(field, label, stored, max)?;
    Ok(stored.to_owned())
}

/// A text stored exactly as typed (notes that save as you type, where a
/// trailing space is the start of the next word): at most `max` characters,
/// every one counted.
pub(crate) fn as_typed(field: &'static str, label: &str, value: &str, max: usize) -> Result<()> {
    max_chars(field, label, value, max)
}

fn max_chars(field: &'static str, label: &str, value: &str, max: usize) -> Result<()> {
    // Counting characters costs a pass over the text; one within `max`
    // bytes cannot have more than `max` characters.
    if value.len() <= max {
        return Ok(());
    }
    let count = value.chars().count();
    if count > max {
        return Err(Error::invalid(
            field,
            format!("{label} is too long: {count} characters, at most {max} allowed"),
        ));
    }
    Ok(())
}

/// An optional calendar date written `YYYY-MM-DD`; empty means none.
pub(crate) fn optional_date(
    field: &'static str,
    label: &str,
    value: Option<&str>,
) -> Result<Option<NaiveDate>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => parse_date(field, label, text).map(Some),
    }
}

/// A calendar date written `YYYY-MM-DD`.
pub(crate) fn parse_date(field: &'static str, label: &str, text: &str) -> Result<NaiveDate> {
    // chrono accepts a few lax forms ("2026-1-5"); the journal stores one
    // canonical form so that dates sort as text, so insist on it.
    let well_formed = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            matches!(i, 4 | 7) && b == b'-' || !matches!(i, 4 | 7) && b.is_ascii_digit()
        });
    let parsed = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    match parsed {
        Some(date) if well_formed => Ok(date),
        _ => Err(Error::invalid(
            field,
            format!("{label} must be a real date written as YYYY-MM-DD, like 2026-11-29 (got \"{text}\")"),
        )),
    }
}

/// An integer within `range`, inclusive.
pub(crate) fn in_range(
    field: &'static str,
    label: &str,
    value: i64,
    range: std::ops::RangeInclusive<i64>,
    unit: &str,
) -> Result<i64> {
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(Error::invalid(
            field,
            format!(
                "{label} must be between {} and {} {unit} (got {value})",
                range.start(),
                range.end()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_trimmed_and_name_their_noun_and_field_when_they_do_not() {
        let id = Uuid::new_v4();
        assert_eq!(
            parse_uuid("person_id", "person", &format!(" {id} ")).unwrap(),
            id
        );
        let err = parse_uuid("person_id", "person", "nope").unwrap_err();
        assert_eq!(err.to_string(), "\"nope\" is not a valid person id");
        assert_eq!(err.field(), Some("person_id"));
        assert_eq!(blank_to_none(&Some("  ".into())), None);
        assert_eq!(blank_to_none(&Some(" a ".into())), Some("a"));
        assert_eq!(blank_to_none(&None), None);
    }

    #[test]
    fn required_text_trims_and_refuses_blank() {
        assert_eq!(required_text("name", "name", "  Ana ", 10).unwrap(), "Ana");
        let err = required_text("name", "name", " \t\n ", 10).unwrap_err();
        assert_eq!(err.to_string(), "name must not be empty");
        assert_eq!(err.field(), Some("name"));
    }

    #[test]
    fn text_length_is_counted_in_characters_not_bytes() {
        let accented = "é".repeat(10); // 20 bytes, 10 characters
        assert!(required_text("name", "name", &accented, 10).is_ok());
        let err = required_text("name", "name", &"é".repeat(11), 10).unwrap_err();
        assert!(err.to_string().contains("11 characters"), "{err}");
    }

    #[test]
    fn markdown_text_keeps_indentation_but_drops_blank_lines_around() {
        assert_eq!(
            markdown_text("d", "d", "\n\n    code\n  \n", 100).unwrap(),
            "    code"
        );
        assert_eq!(markdown_text("d", "d", " \n\t ", 100).unwrap(), "");
        assert_eq!(
            markdown_text("d", "d", "- a\n- b", 100).unwrap(),
            "- a\n- b"
        );
        let err = markdown_text("d", "the note", &"x".repeat(11), 10).unwrap_err();
        assert_eq!(err.field(), Some("d"));
    }

    #[test]
    fn limits_count_the_text_as_it_is_stored() {
        // Indentation is kept, so it counts; blank lines around are not.
        let indented = format!("  {}", "x".repeat(9));
        let err = markdown_text("d", "the note", &indented, 10).unwrap_err();
        assert!(err.to_string().contains("11 characters"), "{err}");
        assert_eq!(
            markdown_text("d", "d", &format!("\n\n{}\n\n", "x".repeat(10)), 10).unwrap(),
            "x".repeat(10)
        );
        let err = as_typed("notes", "notes", &format!("{} ", "x".repeat(10)), 10).unwrap_err();
        assert!(err.to_string().contains("11 characters"), "{err}");
        assert!(as_typed("notes", "notes", &"é".repeat(10), 10).is_ok());
    }

    #[test]
    fn dates_must_be_canonical_and_real() {
        assert_eq!(
            parse_date("d", "date", "2024-02-29").unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-1-05",
            "29/11/2026",
            "tomorrow",
            "2026-11-29T10:00",
        ] {
            let err = parse_date("d", "date", bad).unwrap_err();
            assert!(
                err.to_string().contains("YYYY-MM-DD"),
                "{bad} should be refused: {err}"
            );
        }
        assert_eq!(optional_date("d", "date", Some("  ")).unwrap(), None);
        assert_eq!(optional_date("d", "date", None).unwrap(), None);
    }

    #[test]
    fn in_range_names_the_bounds() {
        assert_eq!(in_range("c", "cadence", 7, 1..=365, "days").unwrap(), 7);
        let err = in_range("c", "cadence", 0, 1..=365, "days").unwrap_err();
        assert_eq!(
            err.to_string(),
            "cadence must be between 1 and 365 days (got 0)"
        );
    }
}
