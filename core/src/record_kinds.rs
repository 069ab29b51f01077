//! The kinds of record a person sees named (in search results, a person's
//! timeline, the command line), with their labels: the one table the UI and
//! the CLI both take them from.

use serde::Serialize;

/// One kind of record, as the full-text index and the timeline call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RecordKind {
    /// The id the index stores (`"one_on_one"`).
    pub id: &'static str,
    /// One record of it: "1-on-1", "Goal check-in".
    pub one: &'static str,
    /// A group of them: "1-on-1 notes", "Goal check-ins".
    pub many: &'static str,
    /// Whether a person's timeline shows it (talking points and the profile
    /// itself live inside 1-on-1s and the page header instead).
    pub in_timeline: bool,
}

const fn kind(
    id: &'static str,
    one: &'static str,
    many: &'static str,
    in_timeline: bool,
) -> RecordKind {
    RecordKind {
        id,
        one,
        many,
        in_timeline,
    }
}

/// Every kind, in the order search results are grouped and the timeline's
/// filters are listed.
pub const RECORD_KINDS: &[RecordKind] = &[
    kind("person", "Person", "People", false),
    kind("one_on_one", "1-on-1", "1-on-1 notes", true),
    kind("talking_point", "Talking point", "Talking points", false),
    kind("action_item", "Action item", "Action items", true),
    kind("feedback", "Feedback", "Feedback", true),
    kind("conflict", "Conflict", "Conflicts", true),
    kind(
        "conflict_update",
        "Conflict update",
        "Conflict updates",
        true,
    ),
    kind("question_asked", "Question", "Questions asked", true),
    kind("goal", "Goal", "Goals", true),
    kind("goal_checkin", "Goal check-in", "Goal check-ins", true),
];

/// The kind with this id.
pub fn find(id: &str) -> Option<&'static RecordKind> {
    RECORD_KINDS.iter().find(|kind| kind.id == id)
}

/// The ids of the kinds a timeline shows.
pub fn timeline_kinds() -> impl Iterator<Item = &'static str> {
    RECORD_KINDS
        .iter()
        .filter(|kind| kind.in_timeline)
        .map(|kind| kind.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_labels_and_a_unique_id() {
        let mut ids: Vec<&str> = RECORD_KINDS.iter().map(|k| k.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RECORD_KINDS.len(), "ids are unique");
        for kind in RECORD_KINDS {
            assert!(!kind.one.is_empty() && !kind.many.is_empty(), "{kind:?}");
        }
        assert_eq!(find("goal_checkin").map(|k| k.one), Some("Goal check-in"));
        assert!(!timeline_kinds().any(|id| id == "talking_point"));
    }

    #[test]
    fn the_index_holds_exactly_these_kinds() {
        // Migration 7 and its successors fill search_docs.kind; a kind
        // added there needs its labels here.
        let store = crate::Store::open_in_memory().unwrap();
        let sql: String = store
            .conn()
            .query_row(
                "SELECT group_concat(sql, ' ') FROM sqlite_schema WHERE type = 'trigger'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        for kind in RECORD_KINDS {
            assert!(
                sql.contains(&format!("'{}'", kind.id)),
                "the index triggers never write the kind {}",
                kind.id
            );
        }
    }
}
