//! The one list of record kinds the JSON export carries ([`KINDS`]): each
//! kind's key in the file, its table, its fields with their types and limits,
//! the list nested in each record (if any) and the rules the field types
//! cannot say on their own.
//!
//! Export, import, the dry run and the format test all read this list, so
//! adding a record kind (growth goals, say) is adding an entry here, in
//! dependency order, and documenting it in `docs/export-format.md` (a test
//! checks that every key and field appears there).

use crate::store::{
    action_items, agenda, conflicts, feedback, goals, one_on_ones, people, questions, templates,
};

/// One record kind: a top-level list in the file, one table in the journal.
pub(crate) struct Kind {
    /// The key of the kind's list in the file: `"one_on_ones"`.
    pub key: &'static str,
    /// The table its records live in.
    pub table: &'static str,
    /// How messages name one record: `"no such 1-on-1"`.
    pub noun: &'static str,
    /// The fields, in file order. The first is the record's id (a UUID, or a
    /// text key for settings and snoozes). Field names are column names.
    pub fields: &'static [Field],
    /// A list carried inside each record, stored in a child table.
    pub nested: Option<Nested>,
    /// What the field types cannot check on their own.
    pub rules: &'static [Rule],
}

/// One field of a record: its JSON key (also its column) and type.
pub(crate) struct Field {
    pub name: &'static str,
    pub ty: Ty,
}

/// What a field holds. Every field must be present in the file; a nullable
/// field says "none" with `null`.
#[derive(Clone, Copy)]
pub(crate) enum Ty {
    /// The record's UUID (lowercase, hyphenated): its primary key.
    Id,
    /// A text primary key (settings, snoozes): not blank, at most `max`
    /// characters.
    Key { max: usize },
    /// The id of a record of the kind whose key is `kind`.
    Ref { kind: &'static str, nullable: bool },
    /// Text of at most `max` characters, counted as stored: the import
    /// writes text exactly as the file has it, so spaces and line breaks
    /// around it count too. `blank` says whether it may be empty (or only
    /// spaces).
    Text {
        max: usize,
        blank: bool,
        nullable: bool,
    },
    /// A calendar date, `YYYY-MM-DD`.
    Date { nullable: bool },
    /// A local wall-clock time to the minute, `YYYY-MM-DDTHH:MM`.
    LocalDateTime,
    /// An instant in RFC 3339 (`2026-11-29T10:30:00.000Z`).
    Instant { nullable: bool },
    /// A whole number within `min..=max`.
    Int { min: i64, max: i64, nullable: bool },
    /// `true` or `false` (stored as 1 or 0).
    Bool,
    /// One of `values`.
    Choice {
        values: &'static [&'static str],
        nullable: bool,
    },
}

impl Ty {
    pub fn nullable(self) -> bool {
        match self {
            Ty::Ref { nullable, .. }
            | Ty::Text { nullable, .. }
            | Ty::Date { nullable }
            | Ty::Instant { nullable }
            | Ty::Int { nullable, .. }
            | Ty::Choice { nullable, .. } => nullable,
            Ty::Id | Ty::Key { .. } | Ty::LocalDateTime | Ty::Bool => false,
        }
    }
}

/// A list carried inside each record of a kind (a template's prompts, a
/// feedback's tags, a conflict's parties), stored in a child table and
/// replaced as a whole when the record is updated.
pub(crate) struct Nested {
    /// The key of the list inside the record.
    pub key: &'static str,
    pub table: &'static str,
    /// The child table's column that holds the record's id.
    pub parent: &'static str,
    /// The column holding each item's 1-based place in the list; `None`
    /// keeps the list in insertion order.
    pub position: Option<&'static str>,
    pub item: Item,
    /// How many items a record may have.
    pub min: usize,
    pub max: usize,
}

/// What one item of a nested list is.
pub(crate) enum Item {
    /// A bare string, stored in `column`: not blank, at most `max`
    /// characters, never twice in one list (ignoring case).
    Text { column: &'static str, max: usize },
    /// An object with these fields (no id of its own).
    Object {
        fields: &'static [Field],
        /// Exactly one of these two fields is set (not null).
        exactly_one_of: Option<(&'static str, &'static str)>,
        /// Fields whose non-null values may not repeat within one list
        /// (text compared ignoring case).
        unique: &'static [&'static str],
    },
}

/// A rule across fields or records. Mirrors the schema's CHECK and UNIQUE
/// constraints and the invariants the record modules keep, so that a bad
/// file is refused with a message, before anything is written.
pub(crate) enum Rule {
    /// `field` is set (not null) exactly when `when` is one of `values`.
    SetExactlyWhen {
        field: &'static str,
        when: &'static str,
        values: &'static [&'static str],
    },
    /// `field` is not blank when `when` equals `value`.
    NotBlankWhen {
        field: &'static str,
        when: &'static str,
        value: &'static str,
    },
    /// The record that `field` refers to (a 1-on-1) is with the same person
    /// as this record: its `person_id`, or with `via`, the `person_id` of the
    /// record that `via` refers to (a check-in's goal).
    SamePerson {
        field: &'static str,
        via: Option<&'static str>,
    },
    /// At least one of `fields` is set: not null and not blank.
    AnyOf { fields: &'static [&'static str] },
    /// `field` is unique in the journal, ignoring case, once imported.
    UniqueIgnoringCase { field: &'static str },
    /// Records with `flag` set ship with Candor under fixed ids: they must
    /// exist in the journal as built-ins, and only the `editable` fields may
    /// differ from what shipped. A built-in id cannot be imported as the
    /// user's own record.
    Builtin {
        flag: &'static str,
        editable: &'static [&'static str],
    },
}

const fn field(name: &'static str, ty: Ty) -> Field {
    Field { name, ty }
}
const fn id() -> Field {
    field("id", Ty::Id)
}
const fn refers(name: &'static str, kind: &'static str) -> Field {
    field(
        name,
        Ty::Ref {
            kind,
            nullable: false,
        },
    )
}
const fn maybe_ref(name: &'static str, kind: &'static str) -> Field {
    field(
        name,
        Ty::Ref {
            kind,
            nullable: true,
        },
    )
}
/// Text that may be empty.
const fn text(name: &'static str, max: usize) -> Field {
    field(
        name,
        Ty::Text {
            max,
            blank: true,
            nullable: false,
        },
    )
}
/// Text that must not be blank.
const fn words(name: &'static str, max: usize) -> Field {
    field(
        name,
        Ty::Text {
            max,
            blank: false,
            nullable: false,
        },
    )
}
const fn date(name: &'static str) -> Field {
    field(name, Ty::Date { nullable: false })
}
const fn maybe_date(name: &'static str) -> Field {
    field(name, Ty::Date { nullable: true })
}
const fn instant(name: &'static str) -> Field {
    field(name, Ty::Instant { nullable: false })
}
const fn maybe_instant(name: &'static str) -> Field {
    field(name, Ty::Instant { nullable: true })
}
const fn flag(name: &'static str) -> Field {
    field(name, Ty::Bool)
}
const fn choice(name: &'static str, values: &'static [&'static str]) -> Field {
    field(
        name,
        Ty::Choice {
            values,
            nullable: false,
        },
    )
}
const fn maybe_choice(name: &'static str, values: &'static [&'static str]) -> Field {
    field(
        name,
        Ty::Choice {
            values,
            nullable: true,
        },
    )
}
/// An order within a list: 1 or more.
const fn position() -> Field {
    field(
        "position",
        Ty::Int {
            min: 1,
            max: i64::MAX,
            nullable: false,
        },
    )
}

const PARTY: &[&str] = &["me", "them"];
/// The category ids of `questions::CATEGORIES` (a test keeps them equal).
pub(crate) const QUESTION_CATEGORIES: &[&str] = &[
    "goal",
    "reality",
    "options",
    "will",
    "support",
    "reflection",
    "career",
    "first_one_on_ones",
];

// Limits the record modules keep private; a test in `people` would be the
// better home for these, so they mirror people.rs exactly.
const PERSON_SHORT_CHARS: usize = 200;
const PERSON_PREFERENCES_CHARS: usize = 2_000;
const PERSON_NOTES_CHARS: usize = 100_000;
/// Settings are short: a number or a boolean, written as text.
const SETTING_KEY_CHARS: usize = 100;
const SETTING_VALUE_CHARS: usize = 1_000;
/// Reminder keys are a kind and an id: `one_on_one:<uuid>`.
const REMINDER_KEY_CHARS: usize = 300;

/// Every record kind, in the order they are exported and written: a kind
/// comes after the kinds it refers to.
pub(crate) const KINDS: &[Kind] = &[
    Kind {
        key: "people",
        table: "people",
        noun: "person",
        fields: &[
            id(),
            words("name", people::MAX_NAME_CHARS),
            text("role", PERSON_SHORT_CHARS),
            text("team", PERSON_SHORT_CHARS),
            maybe_date("start_date"),
            field(
                "cadence_days",
                Ty::Int {
                    min: *people::CADENCE_RANGE.start(),
                    max: *people::CADENCE_RANGE.end(),
                    nullable: false,
                },
            ),
            text("feedback_preferences", PERSON_PREFERENCES_CHARS),
            maybe_choice("recognition", &["public", "private"]),
            maybe_choice("feedback_medium", &["written", "spoken"]),
            text("notes", PERSON_NOTES_CHARS),
            maybe_instant("archived_at"),
            instant("created_at"),
            instant("updated_at"),
        ],
        nested: None,
        rules: &[],
    },
    Kind {
        key: "agenda_templates",
        table: "agenda_templates",
        noun: "agenda template",
        fields: &[
            id(),
            words("name", templates::MAX_NAME_CHARS),
            flag("builtin"),
            flag("hidden"),
            instant("created_at"),
            instant("updated_at"),
        ],
        nested: Some(Nested {
            key: "prompts",
            table: "agenda_template_prompts",
            parent: "template_id",
            position: Some("position"),
            item: Item::Object {
                fields: &[
                    words("text", agenda::MAX_POINT_CHARS),
                    choice("raised_by", PARTY),
                ],
                exactly_one_of: None,
                unique: &[],
            },
            min: 1,
            max: templates::MAX_PROMPTS,
        }),
        rules: &[Rule::Builtin {
            flag: "builtin",
            editable: &["hidden", "updated_at"],
        }],
    },
    Kind {
        key: "one_on_ones",
        table: "one_on_ones",
        noun: "1-on-1",
        fields: &[
            id(),
            refers("person_id", "people"),
            field("scheduled_at", Ty::LocalDateTime),
            choice("status", &["scheduled", "held", "cancelled", "rescheduled"]),
            maybe_date("held_on"),
            maybe_ref("rescheduled_to", "one_on_ones"),
            text("notes", one_on_ones::MAX_TEXT_CHARS),
            text("outcomes", one_on_ones::MAX_TEXT_CHARS),
            field(
                "mood",
                Ty::Int {
                    min: 1,
                    max: 5,
                    nullable: true,
                },
            ),
            instant("created_at"),
            instant("updated_at"),
        ],
        nested: None,
        rules: &[Rule::SetExactlyWhen {
            field: "held_on",
            when: "status",
            values: &["held"],
        }],
    },
    Kind {
        key: "talking_points",
        table: "talking_points",
        noun: "talking point",
        fields: &[
            id(),
            refers("one_on_one_id", "one_on_ones"),
            words("text", agenda::MAX_POINT_CHARS),
            choice("raised_by", PARTY),
            position(),
            flag("resolved"),
            maybe_ref("carried_from_id", "talking_points"),
            date("first_raised_on"),
            instant("created_at"),
            instant("updated_at"),
        ],
        nested: None,
        rules: &[],
    },
    Kind {
        key: "action_items",
        table: "action_items",
        noun: "action item",
        fields: &[
            id(),
            refers("person_id", "people"),
            maybe_ref("one_on_one_id", "one_on_ones"),
            words("text", action_items::MAX_ITEM_CHARS),
            choice("owner", PARTY),
            maybe_date("due_on"),
            maybe_date("done_on"),
            instant("created_at"),
            instant("updated_at"),
        ],
        nested: None,
        rules: &[Rule::SamePerson {
            field: "one_on_one_id",
            via: None,
        }],
    },
    Kind {
        key: "feedback",
        table: "feedback",
        noun: "feedback",
        fields: &[
            id(),
            refers("person_id", "people"),
            choice("kind", &["reinforcing", "redirecting"]),
            text("context", feedback::MAX_FIELD_CHARS),
            text("observation", feedback::MAX_FIELD_CHARS),
            text("impact", feedback::MAX_FIELD_CHARS),
            text("next_time", feedback::MAX_FIELD_CHARS),
            date("observed_on"),
            choice("status", &["draft", "ready", "delivered", "discarded"]),
            maybe_date("delivered_on"),
            maybe_ref("delivered_in", "one_on_ones"),
            text("response", feedback::MAX_RESPONSE_CHARS),
            instant("created_at"),
            instant("updated_at"),
        ],
        nested: Some(Nested {
            key: "tags",
            table: "feedback_tags",
            parent: "feedback_id",
            position: None,
            item: Item::Text {
                column: "tag",
                max: feedback::MAX_TAG_CHARS,
            },
            min: 0,
            max: feedback::MAX_TAGS,
        }),
        rules: &[
            Rule::SetExactlyWhen {
                field: "delivered_on",
                when: "status",
                values: &["delivered"],
            },
            Rule::SamePerson {
                field: "delivered_in",
                via: None,
            },
        ],
    },
    Kind {
        key: "conflicts",
        table: "conflicts",
        noun: "conflict",
        fields: &[
            id(),
            words("title", conflicts::MAX_TITLE_CHARS),
            text("description", conflicts::MAX_TEXT_CHARS),
            date("surfaced_on"),
            choice("status", &["open", "in_progress", "parked", "resolved"]),
            text("next_step", conflicts::MAX_NEXT_STEP_CHARS),
            text("resolution", conflicts::MAX_TEXT_CHARS),
            maybe_date("resolved_on"),
            instant("created_at"),
            instant("updated_at"),
        ],
        nested: Some(Nested {
            key: "parties",
            table: "conflict_parties",
            parent: "conflict_id",
            position: Some("position"),
            item: Item::Object {
                fields: &[
                    maybe_ref("person_id", "people"),
                    field(
                        "outsider_name",
                        Ty::Text {
                            max: people::MAX_NAME_CHARS,
                            blank: false,
                            nullable: true,
                        },
                    ),
                ],
                exactly_one_of: Some(("person_id", "outsider_name")),
                unique: &["person_id", "outsider_name"],
            },
            min: 1,
            max: conflicts::MAX_PARTIES,
        }),
        rules: &[
            Rule::SetExactlyWhen {
                field: "resolved_on",
                when: "status",
                values: &["resolved"],
            },
            Rule::NotBlankWhen {
                field: "resolution",
                when: "status",
                value: "resolved",
            },
        ],
    },
    Kind {
        key: "conflict_updates",
        table: "conflict_updates",
        noun: "conflict update",
        fields: &[
            id(),
            refers("conflict_id", "conflicts"),
            date("noted_on"),
            words("note", conflicts::MAX_TEXT_CHARS),
            maybe_ref("one_on_one_id", "one_on_ones"),
            instant("created_at"),
        ],
        nested: None,
        rules: &[],
    },
    Kind {
        key: "questions",
        table: "coaching_questions",
        noun: "question",
        fields: &[
            id(),
            words("text", questions::MAX_QUESTION_CHARS),
            choice("category", QUESTION_CATEGORIES),
            flag("builtin"),
            flag("retired"),
            position(),
            instant("created_at"),
            instant("updated_at"),
        ],
        nested: None,
        rules: &[
            Rule::UniqueIgnoringCase { field: "text" },
            Rule::Builtin {
                flag: "builtin",
                editable: &["retired", "updated_at"],
            },
        ],
    },
    Kind {
        key: "questions_asked",
        table: "questions_asked",
        noun: "question asked",
        fields: &[
            id(),
            maybe_ref("question_id", "questions"),
            words("question_text", questions::MAX_QUESTION_CHARS),
            refers("person_id", "people"),
            date("asked_on"),
            maybe_ref("one_on_one_id", "one_on_ones"),
            text("answer", questions::MAX_ANSWER_CHARS),
            text("follow_up", questions::MAX_FOLLOW_UP_CHARS),
            instant("created_at"),
            instant("updated_at"),
        ],
        nested: None,
        rules: &[Rule::SamePerson {
            field: "one_on_one_id",
            via: None,
        }],
    },
    Kind {
        key: "goals",
        table: "goals",
        noun: "goal",
        fields: &[
            id(),
            refers("person_id", "people"),
            words("title", goals::MAX_TITLE_CHARS),
            text("why", goals::MAX_TEXT_CHARS),
            text("measure", goals::MAX_TEXT_CHARS),
            maybe_date("target_on"),
            choice("status", &["active", "achieved", "dropped"]),
            date("created_on"),
            maybe_date("closed_on"),
            instant("created_at"),
            instant("updated_at"),
        ],
        nested: None,
        rules: &[Rule::SetExactlyWhen {
            field: "closed_on",
            when: "status",
            values: &["achieved", "dropped"],
        }],
    },
    Kind {
        key: "goal_checkins",
        table: "goal_checkins",
        noun: "goal check-in",
        fields: &[
            id(),
            refers("goal_id", "goals"),
            date("noted_on"),
            text("note", goals::MAX_NOTE_CHARS),
            field(
                "progress",
                Ty::Int {
                    min: 0,
                    max: 100,
                    nullable: true,
                },
            ),
            maybe_ref("one_on_one_id", "one_on_ones"),
            instant("created_at"),
        ],
        nested: None,
        rules: &[
            Rule::AnyOf {
                fields: &["note", "progress"],
            },
            Rule::SamePerson {
                field: "one_on_one_id",
                via: Some("goal_id"),
            },
        ],
    },
    Kind {
        key: "settings",
        table: "settings",
        noun: "setting",
        fields: &[
            field(
                "key",
                Ty::Key {
                    max: SETTING_KEY_CHARS,
                },
            ),
            text("value", SETTING_VALUE_CHARS),
            instant("updated_at"),
        ],
        nested: None,
        rules: &[],
    },
    Kind {
        key: "snoozes",
        table: "snoozes",
        noun: "snooze",
        fields: &[
            field(
                "reminder_key",
                Ty::Key {
                    max: REMINDER_KEY_CHARS,
                },
            ),
            date("since"),
            date("until"),
            instant("created_at"),
        ],
        nested: None,
        rules: &[],
    },
];

/// The kind whose key is `key`.
pub(crate) fn kind(key: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|kind| kind.key == key)
}

impl Kind {
    /// The id field: the first.
    pub fn id_field(&self) -> &'static Field {
        &self.fields[0]
    }

    /// The index of the field called `name`.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    /// `a, b, c`: the columns, for SQL.
    pub fn columns(&self) -> String {
        join_names(self.fields)
    }
}

impl Nested {
    /// The item's own columns (not the parent or the position).
    pub fn item_columns(&self) -> Vec<&'static str> {
        match &self.item {
            Item::Text { column, .. } => vec![column],
            Item::Object { fields, .. } => fields.iter().map(|f| f.name).collect(),
        }
    }
}

pub(crate) fn join_names(fields: &[Field]) -> String {
    fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    /// Tables that hold nothing of their own: triggers rebuild them from the
    /// records (the search index and its FTS5 shadow tables), so an import
    /// refills them and an export leaves them out.
    const DERIVED_TABLES: &[&str] = &["search_docs", "search_index"];

    #[test]
    fn every_kind_refers_only_to_kinds_listed_before_it_or_itself() {
        for (i, kind) in KINDS.iter().enumerate() {
            let nested_fields: &[Field] = match kind.nested.as_ref().map(|n| &n.item) {
                Some(Item::Object { fields, .. }) => fields,
                _ => &[],
            };
            for field in kind.fields.iter().chain(nested_fields) {
                if let Ty::Ref { kind: target, .. } = field.ty {
                    let at = KINDS.iter().position(|k| k.key == target);
                    assert!(
                        at.is_some_and(|at| at <= i),
                        "{}.{} refers to {target}, which must be listed before it",
                        kind.key,
                        field.name
                    );
                }
            }
        }
    }

    #[test]
    fn every_kind_matches_its_table_column_for_column() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let columns = |table: &str| -> Vec<String> {
            let mut stmt = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        for kind in KINDS {
            let mut expected: Vec<String> = kind.fields.iter().map(|f| f.name.into()).collect();
            let mut actual = columns(kind.table);
            expected.sort();
            actual.sort();
            assert_eq!(
                actual, expected,
                "{} must carry every column of {} (a new column needs a field here)",
                kind.key, kind.table
            );
            if let Some(nested) = &kind.nested {
                let mut expected: Vec<String> = nested
                    .item_columns()
                    .iter()
                    .map(|c| c.to_string())
                    .collect();
                expected.push(nested.parent.into());
                expected.extend(nested.position.map(String::from));
                let mut actual = columns(nested.table);
                expected.sort();
                actual.sort();
                assert_eq!(actual, expected, "{}.{}", kind.key, nested.key);
            }
        }
    }

    #[test]
    fn every_table_of_the_journal_is_exported() {
        let store = Store::open_in_memory().unwrap();
        let mut stmt = store
            .conn()
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .unwrap();
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let derived = |table: &str| {
            DERIVED_TABLES
                .iter()
                .any(|d| table == *d || table.starts_with(&format!("{d}_")))
        };
        for table in tables.into_iter().filter(|t| !derived(t)) {
            let covered = KINDS
                .iter()
                .any(|k| k.table == table || k.nested.as_ref().is_some_and(|n| n.table == table));
            assert!(
                covered,
                "the table {table} is not in transfer::kinds::KINDS, so exports would lose it"
            );
        }
    }

    #[test]
    fn every_rule_names_fields_its_kind_has() {
        let has = |kind: &Kind, name: &str| kind.field_index(name).is_some();
        let person_of_target =
            |kind: &Kind, name: &str| match kind.field_index(name).map(|i| kind.fields[i].ty) {
                Some(Ty::Ref { kind: target, .. }) => {
                    super::kind(target).is_some_and(|t| has(t, "person_id"))
                }
                _ => false,
            };
        for kind in KINDS {
            for rule in kind.rules {
                let ok = match rule {
                    Rule::SetExactlyWhen { field, when, .. }
                    | Rule::NotBlankWhen { field, when, .. } => has(kind, field) && has(kind, when),
                    Rule::SamePerson { field, via } => {
                        person_of_target(kind, field)
                            && via.map_or(has(kind, "person_id"), |via| person_of_target(kind, via))
                    }
                    Rule::AnyOf { fields } => fields.iter().all(|f| has(kind, f)),
                    Rule::UniqueIgnoringCase { field } => has(kind, field),
                    Rule::Builtin { flag, editable } => {
                        has(kind, flag) && editable.iter().all(|f| has(kind, f))
                    }
                };
                assert!(ok, "a rule of {} names a field it does not have", kind.key);
            }
        }
    }

    #[test]
    fn question_categories_are_the_banks() {
        let bank: Vec<&str> = questions::CATEGORIES.iter().map(|(id, _)| *id).collect();
        assert_eq!(QUESTION_CATEGORIES, bank.as_slice());
    }
}
