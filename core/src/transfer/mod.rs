//! Export and import: the whole journal as one Candor JSON file (lossless,
//! stable ids, byte-for-byte repeatable) that imports all or nothing, and a
//! readable Markdown folder with one file per person.
//!
//! The record kinds the JSON carries are listed once, in `kinds.rs`; the
//! format is documented in `docs/export-format.md`.

mod export;
mod import;
mod json;
mod kinds;
mod markdown_export;

pub use export::export_json;
pub use import::{import_json, import_json_with, ImportReport, KindCounts, MAX_PROBLEMS};
pub use markdown_export::{export_markdown, export_markdown_sealed, MarkdownReport};

/// The two shapes of an export: one lossless JSON file, or a folder of
/// Markdown files to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Json,
    Markdown,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 2] = [ExportFormat::Json, ExportFormat::Markdown];

    /// The name the app and the CLI use for it.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Markdown => "markdown",
        }
    }
}

impl std::str::FromStr for ExportFormat {
    type Err = crate::Error;

    fn from_str(text: &str) -> crate::Result<ExportFormat> {
        ExportFormat::ALL
            .into_iter()
            .find(|format| format.as_str() == text)
            .ok_or_else(|| crate::Error::Invalid {
                field: "format",
                message: format!("export as \"json\" or \"markdown\" (got \"{text}\")"),
            })
    }
}

/// The value of `"format"` in every Candor export.
pub const FORMAT: &str = "candor";

/// The format version this build writes, and the newest it reads.
///
/// Bump it when the meaning of a file changes: a record kind or a field is
/// added, removed or renamed, or a field's allowed values change. Files with
/// a lower version still import; files with a higher one are refused.
pub const FORMAT_VERSION: i64 = 1;

/// The keys of the record lists in a Candor JSON file, in file order.
pub fn record_kinds() -> Vec<&'static str> {
    kinds::KINDS.iter().map(|kind| kind.key).collect()
}

#[cfg(test)]
mod tests {
    use super::kinds::{Item, KINDS};
    use super::*;

    /// The shape of version 1. If this test fails, the format changed: bump
    /// `FORMAT_VERSION`, teach the importer to read the older versions (a
    /// missing field needs a default) and update docs/export-format.md.
    const SHAPE_V1: &str = "\
people: id name role team start_date cadence_days feedback_preferences recognition feedback_medium notes archived_at created_at updated_at
agenda_templates: id name builtin hidden created_at updated_at prompts[text raised_by]
one_on_ones: id person_id scheduled_at status held_on rescheduled_to notes outcomes mood created_at updated_at
talking_points: id one_on_one_id text raised_by position resolved carried_from_id first_raised_on created_at updated_at
action_items: id person_id one_on_one_id text owner due_on done_on created_at updated_at
feedback: id person_id kind context observation impact next_time observed_on status delivered_on delivered_in response created_at updated_at tags[tag]
conflicts: id title description surfaced_on status next_step resolution resolved_on created_at updated_at parties[person_id outsider_name]
conflict_updates: id conflict_id noted_on note one_on_one_id created_at
questions: id text category builtin retired position created_at updated_at
questions_asked: id question_id question_text person_id asked_on one_on_one_id answer follow_up created_at updated_at
goals: id person_id title why measure target_on status created_on closed_on created_at updated_at
goal_checkins: id goal_id noted_on note progress one_on_one_id created_at
settings: key value updated_at
snoozes: reminder_key since until created_at
";

    fn shape() -> String {
        let mut shape = String::new();
        for kind in KINDS {
            let mut line = format!("{}:", kind.key);
            for field in kind.fields {
                line.push(' ');
                line.push_str(field.name);
            }
            if let Some(nested) = &kind.nested {
                line.push_str(&format!(
                    " {}[{}]",
                    nested.key,
                    nested.item_columns().join(" ")
                ));
            }
            shape.push_str(&line);
            shape.push('\n');
        }
        shape
    }

    #[test]
    fn export_formats_parse_by_name_and_refuse_others_in_words() {
        for format in ExportFormat::ALL {
            assert_eq!(format.as_str().parse::<ExportFormat>().unwrap(), format);
        }
        let err = "pdf".parse::<ExportFormat>().unwrap_err();
        assert_eq!(err.field(), Some("format"));
        assert_eq!(
            err.to_string(),
            "export as \"json\" or \"markdown\" (got \"pdf\")"
        );
    }

    #[test]
    fn the_format_shape_is_pinned_to_its_version() {
        assert_eq!(FORMAT_VERSION, 1);
        assert_eq!(
            shape(),
            SHAPE_V1,
            "the export format changed: bump FORMAT_VERSION and document it"
        );
    }

    #[test]
    fn the_format_document_describes_every_kind_and_field() {
        let doc = include_str!("../../../docs/export-format.md");
        for kind in KINDS {
            let heading = format!("### `{}`", kind.key);
            let start = doc
                .find(&heading)
                .unwrap_or_else(|| panic!("docs/export-format.md has no section {heading}"));
            let rest = &doc[start + heading.len()..];
            let section = &rest[..rest.find("\n#").unwrap_or(rest.len())];
            let mut rows: Vec<String> = kind.fields.iter().map(|f| f.name.to_owned()).collect();
            if let Some(nested) = &kind.nested {
                rows.push(nested.key.to_owned());
                if let Item::Object { fields, .. } = &nested.item {
                    rows.extend(
                        fields
                            .iter()
                            .map(|f| format!("{}[].{}", nested.key, f.name)),
                    );
                }
            }
            for row in rows {
                assert!(
                    section.contains(&format!("| `{row}` |")),
                    "docs/export-format.md, section {heading}, has no row for `{row}`"
                );
            }
        }
        assert!(
            doc.contains(&format!("| {FORMAT_VERSION} |")),
            "the version history lists the current version"
        );
    }
}
