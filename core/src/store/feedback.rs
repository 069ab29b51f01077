//! Feedback in observation / impact / next-time form: drafted before a
//! meeting, marked ready, delivered (on a day, maybe in a 1-on-1) or
//! discarded (kept, restorable). Tags name the skills or themes it is about.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::feedback_checks::{self, Check, FeedbackText};
use crate::markdown;
use crate::store::{atomic, now_timestamp, one_on_ones, people, uuid_column};
use crate::validate::{blank_to_none, optional_text, parse_date};
use crate::{Error, Result};

pub const MAX_FIELD_CHARS: usize = 5_000;
pub const MAX_RESPONSE_CHARS: usize = 50_000;
pub const MAX_TAG_CHARS: usize = 40;
pub const MAX_TAGS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// "Keep doing this."
    Reinforcing,
    /// "Do this differently."
    Redirecting,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Reinforcing => "reinforcing",
            Kind::Redirecting => "redirecting",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Ready,
    Delivered,
    Discarded,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Ready => "ready",
            Status::Delivered => "delivered",
            Status::Discarded => "discarded",
        }
    }

    fn from_stored(text: &str) -> Status {
        match text {
            "ready" => Status::Ready,
            "delivered" => Status::Delivered,
            "discarded" => Status::Discarded,
            _ => Status::Draft,
        }
    }
}

/// A feedback as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub id: Uuid,
    pub person_id: Uuid,
    pub kind: Kind,
    pub context: String,
    pub observation: String,
    pub impact: String,
    pub next_time: String,
    pub observed_on: NaiveDate,
    pub status: Status,
    pub delivered_on: Option<NaiveDate>,
    pub delivered_in: Option<Uuid>,
    pub response: String,
    pub tags: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl Feedback {
    fn text(&self) -> FeedbackText<'_> {
        FeedbackText {
            redirecting: self.kind == Kind::Redirecting,
            context: &self.context,
            observation: &self.observation,
            impact: &self.impact,
            next_time: &self.next_time,
        }
    }
}

/// A feedback with what the UI shows beside it.
#[derive(Debug, Clone, Serialize)]
pub struct FeedbackView {
    pub feedback: Feedback,
    /// The person it is for.
    pub person_name: String,
    /// The whole message as it will be said.
    pub preview: String,
    pub checks: Vec<Check>,
    /// Days since it was observed (to `today`, or to the day delivered).
    pub age_days: i64,
    pub response_html: String,
}

/// What the composer submits. Dates and kinds arrive as text so that core
/// words the errors.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FeedbackInput {
    /// `"reinforcing"` or `"redirecting"`.
    pub kind: String,
    pub context: String,
    pub observation: String,
    pub impact: String,
    pub next_time: String,
    /// `YYYY-MM-DD`.
    pub observed_on: String,
    pub tags: Vec<String>,
}

struct Valid {
    kind: Kind,
    context: String,
    observation: String,
    impact: String,
    next_time: String,
    observed_on: NaiveDate,
    tags: Vec<String>,
}

impl FeedbackInput {
    fn validate(&self, today: NaiveDate) -> Result<Valid> {
        let kind = match self.kind.trim() {
            "reinforcing" => Kind::Reinforcing,
            "redirecting" => Kind::Redirecting,
            other => {
                return Err(Error::invalid(
                    "kind",
                    format!(
                        "feedback is either \"reinforcing\" or \"redirecting\" (got \"{other}\")"
                    ),
                ))
            }
        };
        let observed_on = parse_date("observed_on", "the day you observed it", &self.observed_on)?;
        if observed_on > today {
            return Err(Error::invalid(
                "observed_on",
                format!("the day you observed it cannot be in the future ({observed_on})"),
            ));
        }
        Ok(Valid {
            kind,
            context: optional_text("context", "the context", &self.context, MAX_FIELD_CHARS)?,
            observation: optional_text(
                "observation",
                "the observation",
                &self.observation,
                MAX_FIELD_CHARS,
            )?,
            impact: optional_text("impact", "the impact", &self.impact, MAX_FIELD_CHARS)?,
            next_time: optional_text("next_time", "next time", &self.next_time, MAX_FIELD_CHARS)?,
            observed_on,
            tags: clean_tags(&self.tags)?,
        })
    }
}

/// Trims tags, drops empty ones and case-insensitive duplicates.
fn clean_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut clean: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.trim().trim_start_matches('#').trim();
        if tag.is_empty() || clean.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(Error::invalid(
                "tags",
                format!("a tag can be at most {MAX_TAG_CHARS} characters (\"{tag}\" is longer)"),
            ));
        }
        clean.push(tag.to_owned());
    }
    if clean.len() > MAX_TAGS {
        return Err(Error::invalid(
            "tags",
            format!("at most {MAX_TAGS} tags per feedback"),
        ));
    }
    Ok(clean)
}

const COLUMNS: &str = "id, person_id, kind, context, observation, impact, next_time, observed_on, \
                       status, delivered_on, delivered_in, response, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Feedback> {
    let kind: String = row.get("kind")?;
    let status: String = row.get("status")?;
    let delivered_in: Option<String> = row.get("delivered_in")?;
    Ok(Feedback {
        id: uuid_column(row, "id")?,
        person_id: uuid_column(row, "person_id")?,
        kind: if kind == "redirecting" {
            Kind::Redirecting
        } else {
            Kind::Reinforcing
        },
        context: row.get("context")?,
        observation: row.get("observation")?,
        impact: row.get("impact")?,
        next_time: row.get("next_time")?,
        observed_on: row.get("observed_on")?,
        status: Status::from_stored(&status),
        delivered_on: row.get("delivered_on")?,
        delivered_in: delivered_in.and_then(|t| Uuid::parse_str(&t).ok()),
        response: row.get("response")?,
        tags: Vec::new(),
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

fn tags_of(conn: &Connection, id: Uuid) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT tag FROM feedback_tags WHERE feedback_id = ?1 ORDER BY rowid")?;
    let rows = stmt.query_map([id.to_string()], |row| row.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn write_tags(conn: &Connection, id: Uuid, tags: &[String]) -> Result<()> {
    conn.execute(
        "DELETE FROM feedback_tags WHERE feedback_id = ?1",
        [id.to_string()],
    )?;
    let mut stmt =
        conn.prepare_cached("INSERT INTO feedback_tags (feedback_id, tag) VALUES (?1, ?2)")?;
    for tag in tags {
        stmt.execute(params![id.to_string(), tag])?;
    }
    Ok(())
}

/// One feedback by id.
pub fn get(conn: &Connection, id: Uuid) -> Result<Feedback> {
    let mut feedback = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM feedback WHERE id = ?1"),
            [id.to_string()],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::not_found("feedback", id))?;
    feedback.tags = tags_of(conn, id)?;
    Ok(feedback)
}

/// The feedback with its preview, checks and age.
pub fn view(conn: &Connection, id: Uuid, today: NaiveDate) -> Result<FeedbackView> {
    let feedback = get(conn, id)?;
    let person = people::get(conn, feedback.person_id)?;
    Ok(to_view(feedback, person.name, today))
}

fn to_view(feedback: Feedback, person_name: String, today: NaiveDate) -> FeedbackView {
    let until = feedback.delivered_on.unwrap_or(today);
    FeedbackView {
        preview: feedback_checks::preview(&feedback.text()),
        checks: feedback_checks::check(&feedback.text()),
        age_days: (until - feedback.observed_on).num_days(),
        response_html: markdown::render(&feedback.response),
        person_name,
        feedback,
    }
}

/// Starts a draft for `person_id`. A draft may be partial: only the kind and
/// the observed day are needed.
pub fn create(
    conn: &Connection,
    person_id: Uuid,
    input: &FeedbackInput,
    today: NaiveDate,
) -> Result<Feedback> {
    let valid = input.validate(today)?;
    atomic(conn, |conn| {
        people::get(conn, person_id)?;
        let id = Uuid::new_v4();
        let now = now_timestamp();
        conn.execute(
            &format!(
                "INSERT INTO feedback ({COLUMNS}) VALUES \
                 (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'draft', NULL, NULL, '', ?9, ?9)"
            ),
            params![
                id.to_string(),
                person_id.to_string(),
                valid.kind.as_str(),
                valid.context,
                valid.observation,
                valid.impact,
                valid.next_time,
                valid.observed_on,
                now,
            ],
        )?;
        write_tags(conn, id, &valid.tags)?;
        get(conn, id)
    })
}

fn require(feedback: &Feedback, allowed: &[Status], action: &str) -> Result<()> {
    if allowed.contains(&feedback.status) {
        return Ok(());
    }
    let state = match feedback.status {
        Status::Draft => "is a draft",
        Status::Ready => "is ready to deliver",
        Status::Delivered => "was already delivered",
        Status::Discarded => "was discarded",
    };
    Err(Error::invalid(
        "status",
        format!("this feedback {state}, so it cannot be {action}"),
    ))
}

/// Rewrites a draft or ready feedback. Delivered feedback is a record of
/// what was said (add their response instead); discarded feedback must be
/// restored first. A ready feedback must keep its observation.
pub fn update(
    conn: &Connection,
    id: Uuid,
    input: &FeedbackInput,
    today: NaiveDate,
) -> Result<Feedback> {
    let valid = input.validate(today)?;
    atomic(conn, |conn| {
        let current = get(conn, id)?;
        require(&current, &[Status::Draft, Status::Ready], "edited")?;
        if current.status == Status::Ready && valid.observation.is_empty() {
            return Err(needs_observation());
        }
        conn.execute(
            "UPDATE feedback SET kind = ?2, context = ?3, observation = ?4, impact = ?5, \
             next_time = ?6, observed_on = ?7, updated_at = ?8 WHERE id = ?1",
            params![
                id.to_string(),
                valid.kind.as_str(),
                valid.context,
                valid.observation,
                valid.impact,
                valid.next_time,
                valid.observed_on,
                now_timestamp(),
            ],
        )?;
        write_tags(conn, id, &valid.tags)?;
        get(conn, id)
    })
}

fn needs_observation() -> Error {
    Error::invalid(
        "observation",
        "write the observation first: what did you see or hear?",
    )
}

fn set_status(conn: &Connection, id: Uuid, status: Status) -> Result<()> {
    conn.execute(
        "UPDATE feedback SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.to_string(), status.as_str(), now_timestamp()],
    )?;
    Ok(())
}

/// Marks a draft ready to deliver; it needs an observation.
pub fn mark_ready(conn: &Connection, id: Uuid) -> Result<Feedback> {
    atomic(conn, |conn| {
        let current = get(conn, id)?;
        require(&current, &[Status::Draft], "marked ready")?;
        if current.observation.trim().is_empty() {
            return Err(needs_observation());
        }
        set_status(conn, id, Status::Ready)?;
        get(conn, id)
    })
}

/// Takes a ready feedback back to draft, to keep working on it.
pub fn back_to_draft(conn: &Connection, id: Uuid) -> Result<Feedback> {
    atomic(conn, |conn| {
        require(&get(conn, id)?, &[Status::Ready], "taken back to draft")?;
        set_status(conn, id, Status::Draft)?;
        get(conn, id)
    })
}

/// Records that a draft or ready feedback was delivered on `delivered_on`
/// (not in the future, not before it was observed), optionally in a 1-on-1
/// with the same person.
pub fn deliver(
    conn: &Connection,
    id: Uuid,
    delivered_on: &str,
    one_on_one_id: Option<Uuid>,
    today: NaiveDate,
) -> Result<Feedback> {
    let delivered_on = parse_date("delivered_on", "the day you delivered it", delivered_on)?;
    if delivered_on > today {
        return Err(Error::invalid(
            "delivered_on",
            format!("the day you delivered it cannot be in the future ({delivered_on})"),
        ));
    }
    atomic(conn, |conn| {
        let current = get(conn, id)?;
        require(&current, &[Status::Draft, Status::Ready], "delivered")?;
        if current.observation.trim().is_empty() {
            return Err(needs_observation());
        }
        if delivered_on < current.observed_on {
            return Err(Error::invalid(
                "delivered_on",
                format!(
                    "it cannot be delivered ({delivered_on}) before it was observed ({})",
                    current.observed_on
                ),
            ));
        }
        if let Some(meeting) = one_on_one_id {
            if one_on_ones::get(conn, meeting)?.person_id != current.person_id {
                return Err(Error::invalid(
                    "one_on_one_id",
                    "that 1-on-1 is with someone else",
                ));
            }
        }
        conn.execute(
            "UPDATE feedback SET status = 'delivered', delivered_on = ?2, delivered_in = ?3, \
             updated_at = ?4 WHERE id = ?1",
            params![
                id.to_string(),
                delivered_on,
                one_on_one_id.map(|m| m.to_string()),
                now_timestamp()
            ],
        )?;
        get(conn, id)
    })
}

/// Sets aside a draft or ready feedback. It is kept and can be restored.
pub fn discard(conn: &Connection, id: Uuid) -> Result<Feedback> {
    atomic(conn, |conn| {
        require(
            &get(conn, id)?,
            &[Status::Draft, Status::Ready],
            "discarded",
        )?;
        set_status(conn, id, Status::Discarded)?;
        get(conn, id)
    })
}

/// Brings a discarded feedback back as a draft.
pub fn restore(conn: &Connection, id: Uuid) -> Result<Feedback> {
    atomic(conn, |conn| {
        require(&get(conn, id)?, &[Status::Discarded], "restored")?;
        set_status(conn, id, Status::Draft)?;
        get(conn, id)
    })
}

/// Records how they took it (Markdown), once delivered.
pub fn set_response(conn: &Connection, id: Uuid, response: &str) -> Result<Feedback> {
    let response = optional_text("response", "their response", response, MAX_RESPONSE_CHARS)?;
    atomic(conn, |conn| {
        require(&get(conn, id)?, &[Status::Delivered], "given a response")?;
        conn.execute(
            "UPDATE feedback SET response = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.to_string(), response, now_timestamp()],
        )?;
        get(conn, id)
    })
}

/// Which feedback a list shows.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FeedbackFilter {
    pub kind: Option<Kind>,
    pub status: Option<Status>,
    /// Only feedback with this tag (case-insensitive).
    pub tag: Option<String>,
    /// Discarded feedback is hidden unless asked for (or filtered on).
    pub include_discarded: bool,
}

fn views(
    conn: &Connection,
    where_sql: &str,
    order_sql: &str,
    args: &[&dyn rusqlite::ToSql],
    today: NaiveDate,
) -> Result<Vec<FeedbackView>> {
    let columns = COLUMNS
        .split(", ")
        .map(|c| format!("f.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut stmt = conn.prepare(&format!(
        "SELECT {columns}, p.name AS person_name FROM feedback f JOIN people p ON p.id = f.person_id \
         WHERE {where_sql} ORDER BY {order_sql}"
    ))?;
    let rows = stmt
        .query_map(args, |row| {
            Ok((from_row(row)?, row.get::<_, String>("person_name")?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(mut feedback, name)| {
            feedback.tags = tags_of(conn, feedback.id)?;
            Ok(to_view(feedback, name, today))
        })
        .collect()
}

/// A person's feedback, newest observed first, filtered.
pub fn list_for_person(
    conn: &Connection,
    person_id: Uuid,
    filter: &FeedbackFilter,
    today: NaiveDate,
) -> Result<Vec<FeedbackView>> {
    people::get(conn, person_id)?;
    let kind = filter.kind.map(Kind::as_str);
    let status = filter.status.map(Status::as_str);
    let tag = blank_to_none(&filter.tag);
    views(
        conn,
        "f.person_id = ?1 AND (?2 IS NULL OR f.kind = ?2) AND (?3 IS NULL OR f.status = ?3) \
         AND (?4 OR ?3 = 'discarded' OR f.status <> 'discarded') \
         AND (?5 IS NULL OR EXISTS (SELECT 1 FROM feedback_tags t WHERE t.feedback_id = f.id AND t.tag = ?5))",
        "f.observed_on DESC, f.created_at DESC",
        &[&person_id.to_string(), &kind, &status, &filter.include_discarded, &tag],
        today,
    )
}

/// Feedback across the team: drafts first, oldest first (they are going
/// stale), then ready ones, then delivered ones newest first. Discarded
/// feedback is left out unless asked for.
pub fn list_team(
    conn: &Connection,
    include_discarded: bool,
    today: NaiveDate,
) -> Result<Vec<FeedbackView>> {
    views(
        conn,
        "(?1 OR f.status <> 'discarded')",
        "CASE f.status WHEN 'draft' THEN 0 WHEN 'ready' THEN 1 WHEN 'delivered' THEN 2 ELSE 3 END, \
         CASE WHEN f.status IN ('draft', 'ready') THEN f.observed_on END ASC, \
         f.observed_on DESC, f.created_at",
        &[&include_discarded],
        today,
    )
}

/// A person's drafts and ready feedback, oldest first: what to bring to
/// their next 1-on-1.
pub fn to_deliver(
    conn: &Connection,
    person_id: Uuid,
    today: NaiveDate,
) -> Result<Vec<FeedbackView>> {
    views(
        conn,
        "f.person_id = ?1 AND f.status IN ('draft', 'ready')",
        "f.status = 'draft', f.observed_on, f.created_at",
        &[&person_id.to_string()],
        today,
    )
}

/// Feedback delivered in a given 1-on-1.
pub fn delivered_in(
    conn: &Connection,
    one_on_one_id: Uuid,
    today: NaiveDate,
) -> Result<Vec<FeedbackView>> {
    views(
        conn,
        "f.delivered_in = ?1",
        "f.created_at",
        &[&one_on_one_id.to_string()],
        today,
    )
}

/// Every tag in use, most used first, for suggestions.
pub fn all_tags(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT tag FROM feedback_tags GROUP BY tag COLLATE NOCASE ORDER BY count(*) DESC, tag COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |row| row.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
