//! People on the manager's team: their profile, 1-on-1 cadence and feedback
//! preferences. Archiving hides someone who left without losing their history.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use uuid::Uuid;

use crate::store::{atomic, now_timestamp, uuid_column};
use crate::validate::{blank_to_none, in_range, optional_date, optional_text, required_text};
use crate::{Error, Result};

/// The default 1-on-1 cadence: weekly.
pub const DEFAULT_CADENCE_DAYS: i64 = 7;
/// Cadence bounds, in days: from daily to yearly.
pub const CADENCE_RANGE: std::ops::RangeInclusive<i64> = 1..=365;
pub const MAX_NAME_CHARS: usize = 200;
const MAX_SHORT_CHARS: usize = 200;
const MAX_PREFERENCES_CHARS: usize = 2_000;
pub const MAX_NOTES_CHARS: usize = 100_000;

/// Where the person likes to be recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recognition {
    Public,
    Private,
}

/// How the person likes to receive feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackMedium {
    Written,
    Spoken,
}

/// A person on the team, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: Uuid,
    pub name: String,
    pub role: String,
    pub team: String,
    pub start_date: Option<NaiveDate>,
    pub cadence_days: i64,
    pub feedback_preferences: String,
    pub recognition: Option<Recognition>,
    pub feedback_medium: Option<FeedbackMedium>,
    pub notes: String,
    pub archived: bool,
    pub archived_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What a form (or the CLI, or an import) submits to create or update a
/// person. Everything arrives as text so that core, not a deserializer,
/// decides what is wrong and says so in words.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonInput {
    pub name: String,
    pub role: String,
    pub team: String,
    /// `YYYY-MM-DD`, or empty.
    pub start_date: Option<String>,
    /// Days between 1-on-1s; `None` means the default (weekly).
    pub cadence_days: Option<i64>,
    pub feedback_preferences: String,
    /// `"public"`, `"private"`, or empty for not known.
    pub recognition: Option<String>,
    /// `"written"`, `"spoken"`, or empty for not known.
    pub feedback_medium: Option<String>,
    pub notes: String,
}

/// Which people a list includes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Only people who are not archived.
    #[default]
    Active,
    /// Everyone, active people first.
    All,
}

/// A validated input, ready to be written.
struct Valid {
    name: String,
    role: String,
    team: String,
    start_date: Option<NaiveDate>,
    cadence_days: i64,
    feedback_preferences: String,
    recognition: Option<Recognition>,
    feedback_medium: Option<FeedbackMedium>,
    notes: String,
}

impl PersonInput {
    fn validate(&self) -> Result<Valid> {
        Ok(Valid {
            name: required_text("name", "name", &self.name, MAX_NAME_CHARS)?,
            role: optional_text("role", "role", &self.role, MAX_SHORT_CHARS)?,
            team: optional_text("team", "team", &self.team, MAX_SHORT_CHARS)?,
            start_date: optional_date("start_date", "start date", self.start_date.as_deref())?,
            cadence_days: in_range(
                "cadence_days",
                "1-on-1 cadence",
                self.cadence_days.unwrap_or(DEFAULT_CADENCE_DAYS),
                CADENCE_RANGE,
                "days",
            )?,
            feedback_preferences: optional_text(
                "feedback_preferences",
                "feedback preferences",
                &self.feedback_preferences,
                MAX_PREFERENCES_CHARS,
            )?,
            recognition: match blank_to_none(&self.recognition) {
                None => None,
                Some("public") => Some(Recognition::Public),
                Some("private") => Some(Recognition::Private),
                Some(other) => {
                    return Err(Error::invalid(
                        "recognition",
                        format!("recognition must be \"public\" or \"private\" (got \"{other}\")"),
                    ))
                }
            },
            feedback_medium: match blank_to_none(&self.feedback_medium) {
                None => None,
                Some("written") => Some(FeedbackMedium::Written),
                Some("spoken") => Some(FeedbackMedium::Spoken),
                Some(other) => {
                    return Err(Error::invalid(
                        "feedback_medium",
                        format!(
                            "feedback medium must be \"written\" or \"spoken\" (got \"{other}\")"
                        ),
                    ))
                }
            },
            notes: optional_text("notes", "notes", &self.notes, MAX_NOTES_CHARS)?,
        })
    }
}

const COLUMNS: &str = "id, name, role, team, start_date, cadence_days, feedback_preferences, \
                       recognition, feedback_medium, notes, archived_at, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Person> {
    let recognition: Option<String> = row.get("recognition")?;
    let medium: Option<String> = row.get("feedback_medium")?;
    let archived_at: Option<String> = row.get("archived_at")?;
    Ok(Person {
        id: uuid_column(row, "id")?,
        name: row.get("name")?,
        role: row.get("role")?,
        team: row.get("team")?,
        start_date: row.get("start_date")?,
        cadence_days: row.get("cadence_days")?,
        feedback_preferences: row.get("feedback_preferences")?,
        // The CHECK constraints keep these to the known values.
        recognition: match recognition.as_deref() {
            Some("public") => Some(Recognition::Public),
            Some("private") => Some(Recognition::Private),
            _ => None,
        },
        feedback_medium: match medium.as_deref() {
            Some("written") => Some(FeedbackMedium::Written),
            Some("spoken") => Some(FeedbackMedium::Spoken),
            _ => None,
        },
        notes: row.get("notes")?,
        archived: archived_at.is_some(),
        archived_at,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

fn recognition_text(value: Option<Recognition>) -> Option<&'static str> {
    value.map(|v| match v {
        Recognition::Public => "public",
        Recognition::Private => "private",
    })
}

fn medium_text(value: Option<FeedbackMedium>) -> Option<&'static str> {
    value.map(|v| match v {
        FeedbackMedium::Written => "written",
        FeedbackMedium::Spoken => "spoken",
    })
}

/// Adds a person to the team.
pub fn create(conn: &Connection, input: &PersonInput) -> Result<Person> {
    let valid = input.validate()?;
    let id = Uuid::new_v4();
    let now = now_timestamp();
    conn.execute(
        &format!("INSERT INTO people ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL, ?11, ?11)"),
        params![
            id.to_string(),
            valid.name,
            valid.role,
            valid.team,
            valid.start_date,
            valid.cadence_days,
            valid.feedback_preferences,
            recognition_text(valid.recognition),
            medium_text(valid.feedback_medium),
            valid.notes,
            now,
        ],
    )?;
    get(conn, id)
}

/// Replaces a person's profile with `input`. Archiving is separate
/// ([`set_archived`]).
pub fn update(conn: &Connection, id: Uuid, input: &PersonInput) -> Result<Person> {
    let valid = input.validate()?;
    atomic(conn, |conn| {
        let changed = conn.execute(
            "UPDATE people SET name = ?2, role = ?3, team = ?4, start_date = ?5, cadence_days = ?6, \
             feedback_preferences = ?7, recognition = ?8, feedback_medium = ?9, notes = ?10, \
             updated_at = ?11 WHERE id = ?1",
            params![
                id.to_string(),
                valid.name,
                valid.role,
                valid.team,
                valid.start_date,
                valid.cadence_days,
                valid.feedback_preferences,
                recognition_text(valid.recognition),
                medium_text(valid.feedback_medium),
                valid.notes,
                now_timestamp(),
            ],
        )?;
        if changed == 0 {
            return Err(Error::not_found("person", id));
        }
        get(conn, id)
    })
}

/// Archives (`true`) or restores (`false`) a person. Archiving an archived
/// person keeps the original archive date.
pub fn set_archived(conn: &Connection, id: Uuid, archived: bool) -> Result<Person> {
    atomic(conn, |conn| {
        let now = now_timestamp();
        let changed = if archived {
            conn.execute(
                "UPDATE people SET archived_at = coalesce(archived_at, ?2), updated_at = ?2 WHERE id = ?1",
                params![id.to_string(), now],
            )?
        } else {
            conn.execute(
                "UPDATE people SET archived_at = NULL, updated_at = ?2 WHERE id = ?1",
                params![id.to_string(), now],
            )?
        };
        if changed == 0 {
            return Err(Error::not_found("person", id));
        }
        get(conn, id)
    })
}

/// One person by id.
pub fn get(conn: &Connection, id: Uuid) -> Result<Person> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM people WHERE id = ?1"),
        [id.to_string()],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("person", id))
}

/// People in `scope`: active people first, then archived ones, each by name
/// (ignoring case and accents).
pub fn list(conn: &Connection, scope: Scope) -> Result<Vec<Person>> {
    let filter = match scope {
        Scope::Active => "WHERE archived_at IS NULL",
        Scope::All => "",
    };
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM people {filter}"))?;
    let mut people = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    people.sort_by_cached_key(|p| (p.archived, sort_key(&p.name), p.created_at.clone()));
    Ok(people)
}

/// A name's sort key: lowercase with accents dropped, so that "Émile" sorts
/// with the e's and "bea" beside "Bea".
fn sort_key(name: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    name.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Finds a person by id, or by their exact name ignoring case (archived
/// people included: reviews are often written after someone has moved on).
///
/// An unknown id is [`Error::NotFound`]; a name nobody has, or one that two
/// people share, is [`Error::Invalid`] on the field `person`, the latter
/// listing the ids to choose from.
pub fn resolve(conn: &Connection, id_or_name: &str) -> Result<Person> {
    let text = id_or_name.trim();
    if text.is_empty() {
        return Err(Error::invalid(
            "person",
            "name the person: their id or their exact name",
        ));
    }
    if let Ok(id) = Uuid::parse_str(text) {
        return get(conn, id);
    }
    let wanted = fold(text);
    let mut found: Vec<Person> = list(conn, Scope::All)?
        .into_iter()
        .filter(|p| fold(&p.name) == wanted)
        .collect();
    match found.len() {
        0 => Err(Error::invalid(
            "person",
            format!(
                "nobody in the journal is named \"{text}\" (give their exact name, or their id)"
            ),
        )),
        1 => Ok(found.remove(0)),
        n => {
            let choices: Vec<String> = found
                .iter()
                .map(|p| {
                    let about: Vec<&str> = [p.role.as_str(), p.team.as_str()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .chain(p.archived.then_some("archived"))
                        .collect();
                    if about.is_empty() {
                        p.id.to_string()
                    } else {
                        format!("{} ({})", p.id, about.join(", "))
                    }
                })
                .collect();
            Err(Error::invalid(
                "person",
                format!(
                    "{n} people are named \"{text}\"; use one of their ids instead: {}",
                    choices.join("; ")
                ),
            ))
        }
    }
}

/// Names compare equal when they read the same: same letters in any Unicode
/// composition, any case.
fn fold(name: &str) -> String {
    name.nfc().collect::<String>().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn ana() -> PersonInput {
        PersonInput {
            name: "Ana Lima".into(),
            role: "Senior engineer".into(),
            team: "Payments".into(),
            start_date: Some("2024-03-04".into()),
            cadence_days: Some(14),
            feedback_preferences: "Written first, then talk".into(),
            recognition: Some("private".into()),
            feedback_medium: Some("written".into()),
            notes: "Prefers mornings".into(),
        }
    }

    fn count(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM people", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn create_then_get_round_trips_every_field() {
        let store = Store::open_in_memory().unwrap();
        let created = create(store.conn(), &ana()).unwrap();
        let fetched = get(store.conn(), created.id).unwrap();
        assert_eq!(created, fetched);
        assert_eq!(fetched.name, "Ana Lima");
        assert_eq!(fetched.start_date, NaiveDate::from_ymd_opt(2024, 3, 4));
        assert_eq!(fetched.cadence_days, 14);
        assert_eq!(fetched.recognition, Some(Recognition::Private));
        assert_eq!(fetched.feedback_medium, Some(FeedbackMedium::Written));
        assert!(!fetched.archived);
    }

    #[test]
    fn cadence_defaults_to_weekly() {
        let store = Store::open_in_memory().unwrap();
        let input = PersonInput {
            name: "Bo".into(),
            ..Default::default()
        };
        assert_eq!(create(store.conn(), &input).unwrap().cadence_days, 7);
    }

    #[test]
    fn empty_or_whitespace_name_is_refused_and_nothing_is_written() {
        let store = Store::open_in_memory().unwrap();
        for name in ["", "   ", "\t\n"] {
            let input = PersonInput {
                name: name.into(),
                ..ana()
            };
            let err = create(store.conn(), &input).unwrap_err();
            assert_eq!(err.to_string(), "name must not be empty");
            assert_eq!(err.field(), Some("name"));
        }
        assert_eq!(count(store.conn()), 0, "a refused create writes nothing");
    }

    #[test]
    fn name_over_200_characters_is_refused() {
        let store = Store::open_in_memory().unwrap();
        let ok = PersonInput {
            name: "x".repeat(200),
            ..ana()
        };
        assert!(
            create(store.conn(), &ok).is_ok(),
            "200 characters is the limit, allowed"
        );
        let long = PersonInput {
            name: "x".repeat(201),
            ..ana()
        };
        let err = create(store.conn(), &long).unwrap_err();
        assert_eq!(err.field(), Some("name"));
        assert!(err.to_string().contains("at most 200"), "{err}");
        assert_eq!(count(store.conn()), 1);
    }

    #[test]
    fn cadence_outside_1_to_365_days_is_refused() {
        let store = Store::open_in_memory().unwrap();
        for days in [0, -7, 366, 10_000] {
            let input = PersonInput {
                cadence_days: Some(days),
                ..ana()
            };
            let err = create(store.conn(), &input).unwrap_err();
            assert_eq!(err.field(), Some("cadence_days"), "cadence {days}");
            assert!(err.to_string().contains("between 1 and 365"), "{err}");
        }
        for days in [1, 365] {
            let input = PersonInput {
                cadence_days: Some(days),
                ..ana()
            };
            assert!(
                create(store.conn(), &input).is_ok(),
                "cadence {days} is allowed"
            );
        }
    }

    #[test]
    fn malformed_start_date_is_refused() {
        let store = Store::open_in_memory().unwrap();
        for date in ["2024-02-30", "04/03/2024", "soon"] {
            let input = PersonInput {
                start_date: Some(date.into()),
                ..ana()
            };
            let err = create(store.conn(), &input).unwrap_err();
            assert_eq!(err.field(), Some("start_date"));
            assert!(
                err.to_string()
                    .starts_with("start date must be a real date"),
                "{err}"
            );
        }
        assert_eq!(count(store.conn()), 0);
    }

    #[test]
    fn unknown_preference_values_are_refused() {
        let store = Store::open_in_memory().unwrap();
        let input = PersonInput {
            recognition: Some("loud".into()),
            ..ana()
        };
        assert_eq!(
            create(store.conn(), &input).unwrap_err().field(),
            Some("recognition")
        );
        let input = PersonInput {
            feedback_medium: Some("carrier pigeon".into()),
            ..ana()
        };
        assert_eq!(
            create(store.conn(), &input).unwrap_err().field(),
            Some("feedback_medium")
        );
    }

    #[test]
    fn unknown_id_is_refused_on_get_update_and_archive() {
        let store = Store::open_in_memory().unwrap();
        let ghost = Uuid::new_v4();
        for err in [
            get(store.conn(), ghost).unwrap_err(),
            update(store.conn(), ghost, &ana()).unwrap_err(),
            set_archived(store.conn(), ghost, true).unwrap_err(),
        ] {
            assert_eq!(err.code(), "not_found");
            assert_eq!(err.to_string(), format!("no person with id {ghost}"));
        }
        assert_eq!(count(store.conn()), 0);
    }

    #[test]
    fn update_replaces_the_profile_and_a_refused_update_changes_nothing() {
        let store = Store::open_in_memory().unwrap();
        let ana = create(store.conn(), &ana()).unwrap();
        let renamed = PersonInput {
            name: "Ana Lima-Souza".into(),
            cadence_days: Some(7),
            ..PersonInput::default()
        };
        let updated = update(store.conn(), ana.id, &renamed).unwrap();
        assert_eq!(updated.name, "Ana Lima-Souza");
        assert_eq!(updated.cadence_days, 7);
        assert_eq!(updated.role, "", "update replaces, it does not merge");
        assert_eq!(updated.created_at, ana.created_at);

        let bad = PersonInput {
            cadence_days: Some(0),
            ..renamed
        };
        assert!(update(store.conn(), ana.id, &bad).is_err());
        assert_eq!(
            get(store.conn(), ana.id).unwrap(),
            updated,
            "a refused update changes nothing"
        );
    }

    #[test]
    fn archive_hides_from_the_active_list_and_restore_brings_back() {
        let store = Store::open_in_memory().unwrap();
        let ana = create(store.conn(), &ana()).unwrap();
        let bo = create(
            store.conn(),
            &PersonInput {
                name: "bo".into(),
                ..Default::default()
            },
        )
        .unwrap();

        let archived = set_archived(store.conn(), ana.id, true).unwrap();
        assert!(archived.archived && archived.archived_at.is_some());
        let active: Vec<_> = list(store.conn(), Scope::Active).unwrap();
        assert_eq!(active.iter().map(|p| p.id).collect::<Vec<_>>(), vec![bo.id]);
        let all: Vec<_> = list(store.conn(), Scope::All).unwrap();
        assert_eq!(
            all.iter().map(|p| p.id).collect::<Vec<_>>(),
            vec![bo.id, ana.id],
            "archived people come after active ones"
        );

        let again = set_archived(store.conn(), ana.id, true).unwrap();
        assert_eq!(
            again.archived_at, archived.archived_at,
            "re-archiving keeps the first date"
        );

        let restored = set_archived(store.conn(), ana.id, false).unwrap();
        assert!(!restored.archived && restored.archived_at.is_none());
        assert_eq!(list(store.conn(), Scope::Active).unwrap().len(), 2);
    }

    #[test]
    fn list_sorts_by_name_ignoring_case_and_accents() {
        let store = Store::open_in_memory().unwrap();
        for name in ["zoë", "Émile", "adam", "Bea"] {
            create(
                store.conn(),
                &PersonInput {
                    name: name.into(),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        let names: Vec<_> = list(store.conn(), Scope::Active)
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, vec!["adam", "Bea", "Émile", "zoë"]);
    }

    #[test]
    fn person_serializes_dates_as_iso_text() {
        let store = Store::open_in_memory().unwrap();
        let ana = create(store.conn(), &ana()).unwrap();
        let json = serde_json::to_value(&ana).unwrap();
        assert_eq!(json["start_date"], "2024-03-04");
        assert_eq!(json["recognition"], "private");
        assert_eq!(json["id"], ana.id.to_string());
    }
}

#[cfg(test)]
mod resolve_tests {
    use super::*;
    use crate::Store;

    fn add(conn: &Connection, name: &str, role: &str) -> Person {
        create(
            conn,
            &PersonInput {
                name: name.into(),
                role: role.into(),
                ..Default::default()
            },
        )
        .unwrap()
    }

    #[test]
    fn a_person_is_found_by_id_or_by_exact_name_in_any_case() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let ana = add(conn, "Ana Lima", "");
        add(conn, "Ana Limão", "");
        assert_eq!(resolve(conn, &ana.id.to_string()).unwrap().id, ana.id);
        assert_eq!(resolve(conn, " ana LIMA ").unwrap().id, ana.id);
        let decomposed = "Ana Lima\u{0303}o";
        assert_eq!(
            resolve(conn, decomposed).unwrap().name,
            "Ana Limão",
            "a name typed with a combining accent is the same name"
        );
        let err = resolve(conn, "Ana").unwrap_err();
        assert_eq!(err.field(), Some("person"), "a partial name is not a match");
    }

    #[test]
    fn an_unknown_id_is_not_found() {
        let store = Store::open_in_memory().unwrap();
        let err = resolve(store.conn(), &Uuid::new_v4().to_string()).unwrap_err();
        assert_eq!(err.code(), "not_found");
    }

    #[test]
    fn a_shared_name_is_refused_with_the_ids_to_choose_from() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let one = add(conn, "Sam Park", "Designer");
        let two = add(conn, "sam park", "");
        set_archived(conn, two.id, true).unwrap();
        let err = resolve(conn, "Sam Park").unwrap_err().to_string();
        assert!(
            err.starts_with("2 people are named \"Sam Park\"; use one of their ids"),
            "{err}"
        );
        assert!(err.contains(&format!("{} (Designer)", one.id)), "{err}");
        assert!(err.contains(&format!("{} (archived)", two.id)), "{err}");
        assert_eq!(err.lines().count(), 1, "the message fits on one line");
    }
}
