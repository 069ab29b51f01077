//! Reading one person's record as a whole: the prep sheet for their next
//! 1-on-1, and the review packet for a period, each as data (for the app to
//! show) and rendered as Markdown or as one self-contained HTML page.
//!
//! Renderers treat every record text as hostile: plain fields are escaped,
//! Markdown fields go through [`crate::markdown::render`] (HTML) or are
//! quoted as they were typed (Markdown). Nothing from the journal is ever
//! written into a page raw.

mod html;
mod packet;
mod prep;
mod text;

pub use html::review_html;
pub use packet::{
    review_markdown, review_packet, PacketConflict, PacketCounts, PacketFeedback, PacketGoal,
    PacketOneOnOne, PacketQuestion, ReviewPacket, TagCount,
};
pub use prep::{prep_markdown, prep_sheet, MoodTrend, PrepActionItem, PrepGoal, PrepSheet, Trend};

use rusqlite::Connection;
use unicode_normalization::UnicodeNormalization;
use uuid::Uuid;

use crate::store::people::{self, Person, Scope};
use crate::{Error, Result};

/// Finds a person by id, or by their exact name ignoring case (archived
/// people included: reviews are often written after someone has moved on).
///
/// An unknown id is [`Error::NotFound`]; a name nobody has, or one that two
/// people share, is [`Error::Invalid`] on the field `person`, the latter
/// listing the ids to choose from.
pub fn resolve_person(conn: &Connection, id_or_name: &str) -> Result<Person> {
    let text = id_or_name.trim();
    if text.is_empty() {
        return Err(Error::invalid(
            "person",
            "name the person: their id or their exact name",
        ));
    }
    if let Ok(id) = Uuid::parse_str(text) {
        return people::get(conn, id);
    }
    let wanted = fold(text);
    let mut found: Vec<Person> = people::list(conn, Scope::All)?
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
    use crate::people::PersonInput;
    use crate::Store;

    fn add(conn: &Connection, name: &str, role: &str) -> Person {
        people::create(
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
        assert_eq!(
            resolve_person(conn, &ana.id.to_string()).unwrap().id,
            ana.id
        );
        assert_eq!(resolve_person(conn, " ana LIMA ").unwrap().id, ana.id);
        let decomposed = "Ana Lima\u{0303}o";
        assert_eq!(
            resolve_person(conn, decomposed).unwrap().name,
            "Ana Limão",
            "a name typed with a combining accent is the same name"
        );
        let err = resolve_person(conn, "Ana").unwrap_err();
        assert_eq!(err.field(), Some("person"), "a partial name is not a match");
    }

    #[test]
    fn an_unknown_id_is_not_found() {
        let store = Store::open_in_memory().unwrap();
        let err = resolve_person(store.conn(), &Uuid::new_v4().to_string()).unwrap_err();
        assert_eq!(err.code(), "not_found");
    }

    #[test]
    fn a_shared_name_is_refused_with_the_ids_to_choose_from() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let one = add(conn, "Sam Park", "Designer");
        let two = add(conn, "sam park", "");
        people::set_archived(conn, two.id, true).unwrap();
        let err = resolve_person(conn, "Sam Park").unwrap_err().to_string();
        assert!(
            err.starts_with("2 people are named \"Sam Park\"; use one of their ids"),
            "{err}"
        );
        assert!(err.contains(&format!("{} (Designer)", one.id)), "{err}");
        assert!(err.contains(&format!("{} (archived)", two.id)), "{err}");
        assert_eq!(err.lines().count(), 1, "the message fits on one line");
    }
}
