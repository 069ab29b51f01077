//! Coaching questions: the bank (built-in and the user's own, by category,
//! retired or not), the log of questions asked to each person with what they
//! surfaced, and suggestions of what to ask next.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::markdown;
use crate::store::{atomic, now_timestamp, one_on_ones, people, uuid_column};
use crate::validate::{
    blank_to_none, markdown_text, optional_text, parse_date, parse_uuid, required_text,
};
use crate::{Error, Result};

/// The question categories, in display order: `(id, label)`. The id is what
/// is stored and sent over IPC; the label is what people read. The schema's
/// CHECK constraint lists the same ids.
pub const CATEGORIES: &[(&str, &str)] = &[
    ("goal", "Goal"),
    ("reality", "Reality"),
    ("options", "Options"),
    ("will", "Will"),
    ("support", "Support"),
    ("reflection", "Reflection"),
    ("career", "Career"),
    ("first_one_on_ones", "First 1-on-1s"),
];

pub const MAX_QUESTION_CHARS: usize = 500;
pub const MAX_ANSWER_CHARS: usize = 100_000;
pub const MAX_FOLLOW_UP_CHARS: usize = 2_000;

/// The human label of a category id, if it is one.
pub fn category_label(id: &str) -> Option<&'static str> {
    CATEGORIES
        .iter()
        .find(|(known, _)| *known == id)
        .map(|(_, label)| *label)
}

fn category_index(id: &str) -> usize {
    CATEGORIES
        .iter()
        .position(|(known, _)| *known == id)
        .unwrap_or(CATEGORIES.len())
}

fn parse_category(field: &'static str, text: &str) -> Result<&'static str> {
    let text = text.trim();
    CATEGORIES
        .iter()
        .find(|(known, _)| *known == text)
        .map(|(known, _)| *known)
        .ok_or_else(|| {
            let known: Vec<&str> = CATEGORIES.iter().map(|(id, _)| *id).collect();
            Error::invalid(
                field,
                format!(
                    "the category must be one of {} (got \"{text}\")",
                    known.join(", ")
                ),
            )
        })
}

/// A question in the bank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: Uuid,
    pub text: String,
    /// One of the ids in [`CATEGORIES`].
    pub category: String,
    /// Shipped with Candor: it can be retired, never edited or deleted.
    pub builtin: bool,
    /// Retired questions stay in history but are never suggested.
    pub retired: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// What a form submits to add or edit one of the user's own questions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionInput {
    pub text: String,
    /// One of the ids in [`CATEGORIES`].
    pub category: String,
}

/// Which questions [`list_questions`] returns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct QuestionFilter {
    /// One category id, or any.
    pub category: Option<String>,
    /// Words the question must contain, ignoring case.
    pub search: Option<String>,
    pub include_retired: bool,
}

/// A question asked to a person, and what it surfaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionAsked {
    pub id: Uuid,
    /// The bank question, or `None` for one asked on the spot.
    pub question_id: Option<Uuid>,
    /// The words as asked, kept even if the bank question is edited later.
    pub question_text: String,
    pub person_id: Uuid,
    pub asked_on: NaiveDate,
    pub one_on_one_id: Option<Uuid>,
    /// Markdown: their answer, what it surfaced.
    pub answer: String,
    pub follow_up: String,
    pub created_at: String,
    pub updated_at: String,
}

/// A logged question as a person's history shows it.
#[derive(Debug, Clone, Serialize)]
pub struct AskedDetail {
    pub asked: QuestionAsked,
    /// The bank question's category now, for questions from the bank.
    pub category: Option<String>,
    pub answer_html: String,
}

/// What a form submits to log (or correct) a question asked.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AskedInput {
    pub person_id: String,
    /// A question from the bank; leave empty for one asked on the spot.
    pub question_id: Option<String>,
    /// The words as asked. Required without a `question_id`; with one, empty
    /// means the bank's wording.
    pub text: String,
    /// `YYYY-MM-DD`.
    pub asked_on: String,
    /// The 1-on-1 it was asked in, if any; it must be with the same person.
    pub one_on_one_id: Option<String>,
    /// Markdown.
    pub answer: String,
    pub follow_up: String,
}

/// A question worth asking a person next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub question: Question,
    /// When it was last asked to this person, if ever.
    pub last_asked_on: Option<NaiveDate>,
    /// Days from then to today (0 for today or a day after it).
    pub days_since_asked: Option<i64>,
}

// ---------------------------------------------------------------------------
// The bank

const COLUMNS: &str = "id, text, category, builtin, retired, position, created_at, updated_at";

/// A question with the stored position, for ordering.
fn from_row(row: &Row<'_>) -> rusqlite::Result<(Question, i64)> {
    Ok((
        Question {
            id: uuid_column(row, "id")?,
            text: row.get("text")?,
            category: row.get("category")?,
            builtin: row.get("builtin")?,
            retired: row.get("retired")?,
            created_at: row.get("created_at")?,
            updated_at: row.get("updated_at")?,
        },
        row.get("position")?,
    ))
}

/// The bank's order: by category, then the curated order within it.
fn bank_order(a: &(Question, i64), b: &(Question, i64)) -> std::cmp::Ordering {
    category_index(&a.0.category)
        .cmp(&category_index(&b.0.category))
        .then(a.1.cmp(&b.1))
        .then(a.0.id.cmp(&b.0.id))
}

fn all_questions(conn: &Connection) -> Result<Vec<(Question, i64)>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM coaching_questions"))?;
    let mut rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.sort_by(bank_order);
    Ok(rows)
}

/// One question of the bank.
pub fn get_question(conn: &Connection, id: Uuid) -> Result<Question> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM coaching_questions WHERE id = ?1"),
        [id.to_string()],
        from_row,
    )
    .optional()?
    .map(|(question, _)| question)
    .ok_or_else(|| Error::not_found("coaching question", id))
}

/// The bank, by category (in [`CATEGORIES`] order) and then the order within
/// each category, filtered by `filter`.
pub fn list_questions(conn: &Connection, filter: &QuestionFilter) -> Result<Vec<Question>> {
    let category = match blank_to_none(&filter.category) {
        Some(text) => Some(parse_category("category", text)?),
        None => None,
    };
    let needle = blank_to_none(&filter.search).map(str::to_lowercase);
    Ok(all_questions(conn)?
        .into_iter()
        .map(|(question, _)| question)
        .filter(|q| filter.include_retired || !q.retired)
        .filter(|q| category.is_none_or(|c| q.category == c))
        .filter(|q| {
            needle
                .as_deref()
                .is_none_or(|n| q.text.to_lowercase().contains(n))
        })
        .collect())
}

struct ValidQuestion {
    text: String,
    category: &'static str,
}

impl QuestionInput {
    fn validate(&self) -> Result<ValidQuestion> {
        Ok(ValidQuestion {
            text: required_text("text", "a question", &self.text, MAX_QUESTION_CHARS)?,
            category: parse_category("category", &self.category)?,
        })
    }
}

/// Refuses a text already in the bank (ignoring case), other than `except`.
fn check_unique(conn: &Connection, text: &str, except: Option<Uuid>) -> Result<()> {
    let folded = text.to_lowercase();
    let existing = all_questions(conn)?
        .into_iter()
        .map(|(q, _)| q)
        .find(|q| Some(q.id) != except && q.text.to_lowercase() == folded);
    match existing {
        None => Ok(()),
        Some(q) if q.retired => Err(Error::invalid(
            "text",
            format!(
                "\"{}\" is already in the bank, retired: bring it back instead",
                q.text
            ),
        )),
        Some(q) => Err(Error::invalid(
            "text",
            format!("\"{}\" is already in the bank", q.text),
        )),
    }
}

fn next_position(conn: &Connection, category: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM coaching_questions WHERE category = ?1",
        [category],
        |row| row.get(0),
    )?)
}

/// Adds a question of the user's own, at the end of its category.
pub fn create_question(conn: &Connection, input: &QuestionInput) -> Result<Question> {
    let valid = input.validate()?;
    atomic(conn, |conn| {
        check_unique(conn, &valid.text, None)?;
        let id = Uuid::new_v4();
        conn.execute(
            &format!(
                "INSERT INTO coaching_questions ({COLUMNS}) VALUES (?1, ?2, ?3, 0, 0, ?4, ?5, ?5)"
            ),
            params![
                id.to_string(),
                valid.text,
                valid.category,
                next_position(conn, valid.category)?,
                now_timestamp(),
            ],
        )?;
        get_question(conn, id)
    })
}

/// Rewrites one of the user's own questions. Built-in questions keep the
/// wording they shipped with (so that every journal, export and import agree
/// on what a built-in id means): retire one and add your own version instead.
/// Questions already asked keep the words as asked in their history.
pub fn update_question(conn: &Connection, id: Uuid, input: &QuestionInput) -> Result<Question> {
    let valid = input.validate()?;
    atomic(conn, |conn| {
        let question = get_question(conn, id)?;
        if question.builtin {
            return Err(Error::invalid(
                "question_id",
                "built-in questions can be retired, not edited: retire it and add your own wording",
            ));
        }
        check_unique(conn, &valid.text, Some(id))?;
        let position = if question.category == valid.category {
            None
        } else {
            Some(next_position(conn, valid.category)?)
        };
        conn.execute(
            "UPDATE coaching_questions SET text = ?2, category = ?3, \
             position = coalesce(?4, position), updated_at = ?5 WHERE id = ?1",
            params![
                id.to_string(),
                valid.text,
                valid.category,
                position,
                now_timestamp()
            ],
        )?;
        get_question(conn, id)
    })
}

/// Retires a question (it is no longer suggested, its history stays) or
/// brings it back. Works for built-in questions too.
pub fn set_retired(conn: &Connection, id: Uuid, retired: bool) -> Result<Question> {
    let changed = conn.execute(
        "UPDATE coaching_questions SET retired = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.to_string(), retired, now_timestamp()],
    )?;
    if changed == 0 {
        return Err(Error::not_found("coaching question", id));
    }
    get_question(conn, id)
}

/// Deletes one of the user's own questions that was never asked. Built-in
/// questions and questions with a history can only be retired.
pub fn delete_question(conn: &Connection, id: Uuid) -> Result<()> {
    atomic(conn, |conn| {
        let question = get_question(conn, id)?;
        if question.builtin {
            return Err(Error::invalid(
                "question_id",
                "built-in questions can be retired, not deleted",
            ));
        }
        let asked: i64 = conn.query_row(
            "SELECT count(*) FROM questions_asked WHERE question_id = ?1",
            [id.to_string()],
            |row| row.get(0),
        )?;
        if asked > 0 {
            let times = if asked == 1 {
                "once".to_owned()
            } else {
                format!("{asked} times")
            };
            return Err(Error::invalid(
                "question_id",
                format!(
                    "this question was asked {times}, so it cannot be deleted; retire it instead"
                ),
            ));
        }
        conn.execute(
            "DELETE FROM coaching_questions WHERE id = ?1",
            [id.to_string()],
        )?;
        Ok(())
    })
}

// ---------------------------------------------------------------------------
// Questions asked

const ASKED_COLUMNS: &str = "id, question_id, question_text, person_id, asked_on, one_on_one_id, \
                             answer, follow_up, created_at, updated_at";

pub(crate) fn asked_from_row(row: &Row<'_>) -> rusqlite::Result<QuestionAsked> {
    let question: Option<String> = row.get("question_id")?;
    let meeting: Option<String> = row.get("one_on_one_id")?;
    Ok(QuestionAsked {
        id: uuid_column(row, "id")?,
        question_id: question.and_then(|t| Uuid::parse_str(&t).ok()),
        question_text: row.get("question_text")?,
        person_id: uuid_column(row, "person_id")?,
        asked_on: row.get("asked_on")?,
        one_on_one_id: meeting.and_then(|t| Uuid::parse_str(&t).ok()),
        answer: row.get("answer")?,
        follow_up: row.get("follow_up")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

/// One logged question.
pub fn get_asked(conn: &Connection, id: Uuid) -> Result<QuestionAsked> {
    conn.query_row(
        &format!("SELECT {ASKED_COLUMNS} FROM questions_asked WHERE id = ?1"),
        [id.to_string()],
        asked_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("logged question", id))
}

/// The input, checked on its own (ids are looked up in [`resolve`]).
struct ValidAsked {
    person_id: Uuid,
    question_id: Option<Uuid>,
    text: Option<String>,
    asked_on: NaiveDate,
    one_on_one_id: Option<Uuid>,
    answer: String,
    follow_up: String,
}

impl AskedInput {
    fn validate(&self) -> Result<ValidAsked> {
        let person_id = match self.person_id.trim() {
            "" => {
                return Err(Error::invalid(
                    "person_id",
                    "choose who the question was asked to",
                ))
            }
            text => parse_uuid("person_id", "person", text)?,
        };
        let question_id = blank_to_none(&self.question_id)
            .map(|text| parse_uuid("question_id", "question", text))
            .transpose()?;
        let text = optional_text("text", "a question", &self.text, MAX_QUESTION_CHARS)?;
        if question_id.is_none() && text.is_empty() {
            return Err(Error::invalid(
                "text",
                "pick a question from the bank or write the question you asked",
            ));
        }
        Ok(ValidAsked {
            person_id,
            question_id,
            text: Some(text).filter(|t| !t.is_empty()),
            asked_on: parse_date("asked_on", "the day it was asked", self.asked_on.trim())?,
            one_on_one_id: blank_to_none(&self.one_on_one_id)
                .map(|text| parse_uuid("one_on_one_id", "1-on-1", text))
                .transpose()?,
            answer: markdown_text("answer", "the answer", &self.answer, MAX_ANSWER_CHARS)?,
            follow_up: optional_text(
                "follow_up",
                "the follow-up",
                &self.follow_up,
                MAX_FOLLOW_UP_CHARS,
            )?,
        })
    }
}

/// Looks up the ids of a valid input and settles the words as asked:
/// the typed words, else `kept` (the words already logged for this same bank
/// question), else the bank's wording.
fn resolve(conn: &Connection, valid: &ValidAsked, kept: Option<&str>) -> Result<String> {
    people::get(conn, valid.person_id)?;
    if let Some(meeting) = valid.one_on_one_id {
        if one_on_ones::get(conn, meeting)?.person_id != valid.person_id {
            return Err(Error::invalid(
                "one_on_one_id",
                "that 1-on-1 is with someone else",
            ));
        }
    }
    let bank = valid
        .question_id
        .map(|id| get_question(conn, id))
        .transpose()?;
    Ok(match (&valid.text, kept, bank) {
        (Some(text), _, _) => text.clone(),
        (None, Some(kept), _) => kept.to_owned(),
        (None, None, Some(question)) => question.text,
        (None, None, None) => unreachable!("validate requires a question or a text"),
    })
}

/// Logs a question asked to a person: from the bank (`question_id`) or asked
/// on the spot (`text` only), with their answer and any follow-up.
pub fn log_asked(conn: &Connection, input: &AskedInput) -> Result<QuestionAsked> {
    let valid = input.validate()?;
    atomic(conn, |conn| {
        let text = resolve(conn, &valid, None)?;
        let id = Uuid::new_v4();
        conn.execute(
            &format!(
                "INSERT INTO questions_asked ({ASKED_COLUMNS}) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)"
            ),
            params![
                id.to_string(),
                valid.question_id.map(|q| q.to_string()),
                text,
                valid.person_id.to_string(),
                valid.asked_on,
                valid.one_on_one_id.map(|m| m.to_string()),
                valid.answer,
                valid.follow_up,
                now_timestamp(),
            ],
        )?;
        get_asked(conn, id)
    })
}

/// Replaces a logged question with `input`. With an empty `text` and the
/// same bank question, the words logged before are kept (not the bank's
/// current wording, which may have been edited since).
pub fn update_asked(conn: &Connection, id: Uuid, input: &AskedInput) -> Result<QuestionAsked> {
    let valid = input.validate()?;
    atomic(conn, |conn| {
        let before = get_asked(conn, id)?;
        let kept = (before.question_id.is_some() && before.question_id == valid.question_id)
            .then_some(before.question_text.as_str());
        let text = resolve(conn, &valid, kept)?;
        conn.execute(
            "UPDATE questions_asked SET question_id = ?2, question_text = ?3, person_id = ?4, \
             asked_on = ?5, one_on_one_id = ?6, answer = ?7, follow_up = ?8, updated_at = ?9 \
             WHERE id = ?1",
            params![
                id.to_string(),
                valid.question_id.map(|q| q.to_string()),
                text,
                valid.person_id.to_string(),
                valid.asked_on,
                valid.one_on_one_id.map(|m| m.to_string()),
                valid.answer,
                valid.follow_up,
                now_timestamp(),
            ],
        )?;
        get_asked(conn, id)
    })
}

/// Deletes a logged question.
pub fn delete_asked(conn: &Connection, id: Uuid) -> Result<()> {
    let changed = conn.execute(
        "DELETE FROM questions_asked WHERE id = ?1",
        [id.to_string()],
    )?;
    if changed == 0 {
        return Err(Error::not_found("logged question", id));
    }
    Ok(())
}

/// The questions asked to a person, newest first, with answers rendered.
pub fn asked_for_person(conn: &Connection, person_id: Uuid) -> Result<Vec<AskedDetail>> {
    people::get(conn, person_id)?;
    let mut stmt = conn.prepare(
        "SELECT a.id, a.question_id, a.question_text, a.person_id, a.asked_on, a.one_on_one_id, \
                a.answer, a.follow_up, a.created_at, a.updated_at, q.category \
         FROM questions_asked a LEFT JOIN coaching_questions q ON q.id = a.question_id \
         WHERE a.person_id = ?1 ORDER BY a.asked_on DESC, a.created_at DESC, a.id DESC",
    )?;
    let rows = stmt.query_map([person_id.to_string()], |row| {
        let asked = asked_from_row(row)?;
        Ok(AskedDetail {
            answer_html: markdown::render(&asked.answer),
            category: row.get("category")?,
            asked,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---------------------------------------------------------------------------
// Suggestions

/// Up to `limit` questions to ask `person_id` next, from `categories` (all
/// when empty): those never asked to them first, then those asked longest
/// ago. Retired questions are never suggested, and questions asked to other
/// people do not count.
///
/// Deterministic: ties go by category order, then the order within the
/// category. A question logged with a day after `today` counts as asked
/// today, so a mistyped date cannot push it behind everything else.
pub fn suggest(
    conn: &Connection,
    person_id: Uuid,
    categories: &[&str],
    today: NaiveDate,
    limit: usize,
) -> Result<Vec<Suggestion>> {
    let wanted = categories
        .iter()
        .map(|c| parse_category("categories", c))
        .collect::<Result<Vec<_>>>()?;
    people::get(conn, person_id)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS}, \
                (SELECT max(a.asked_on) FROM questions_asked a \
                 WHERE a.question_id = q.id AND a.person_id = ?1) AS last_asked_on \
         FROM coaching_questions q WHERE q.retired = 0"
    ))?;
    let mut candidates = stmt
        .query_map([person_id.to_string()], |row| {
            Ok((
                from_row(row)?,
                row.get::<_, Option<NaiveDate>>("last_asked_on")?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    candidates.retain(|((q, _), _)| wanted.is_empty() || wanted.contains(&q.category.as_str()));
    let effective = |last: &Option<NaiveDate>| last.map(|d| d.min(today));
    candidates.sort_by(|(a, a_last), (b, b_last)| {
        // `None` (never asked) sorts before any date.
        effective(a_last)
            .cmp(&effective(b_last))
            .then_with(|| bank_order(a, b))
    });
    Ok(candidates
        .into_iter()
        .take(limit)
        .map(|((question, _), last)| Suggestion {
            days_since_asked: effective(&last).map(|d| (today - d).num_days()),
            last_asked_on: last,
            question,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn every_category_is_accepted_by_the_schema_and_has_seeded_questions() {
        let store = Store::open_in_memory().unwrap();
        for (id, label) in CATEGORIES {
            assert!(!label.is_empty());
            let seeded = list_questions(
                store.conn(),
                &QuestionFilter {
                    category: Some((*id).into()),
                    ..Default::default()
                },
            )
            .unwrap();
            assert!(
                (5..=8).contains(&seeded.len()),
                "{id} has {} built-in questions, 5 to 8 expected",
                seeded.len()
            );
            assert!(seeded.iter().all(|q| q.builtin && !q.retired));
            create_question(
                store.conn(),
                &QuestionInput {
                    text: format!("A question of my own about {id}?"),
                    category: (*id).into(),
                },
            )
            .unwrap_or_else(|err| panic!("the schema must accept the category {id}: {err}"));
        }
    }

    #[test]
    fn an_unknown_category_is_refused_with_the_known_ones_listed() {
        let err = parse_category("category", "vibes").unwrap_err();
        assert_eq!(err.field(), Some("category"));
        assert!(err.to_string().contains("goal, reality"), "{err}");
        assert_eq!(category_label("first_one_on_ones"), Some("First 1-on-1s"));
        assert_eq!(category_label("vibes"), None);
    }

    #[test]
    fn seeded_ids_are_valid_uuids_and_texts_are_unique_ignoring_case() {
        let store = Store::open_in_memory().unwrap();
        let all = list_questions(
            store.conn(),
            &QuestionFilter {
                include_retired: true,
                ..Default::default()
            },
        )
        .unwrap();
        let mut texts: Vec<String> = all.iter().map(|q| q.text.to_lowercase()).collect();
        texts.sort();
        texts.dedup();
        assert_eq!(texts.len(), all.len(), "no question is seeded twice");
        assert!(all
            .iter()
            .all(|q| q.id.to_string().starts_with("7a3e5c10-4d2b-4f6e-9c81-")));
    }
}
