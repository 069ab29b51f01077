//! 1-on-1s: when they are, whether they happened (scheduled → held,
//! cancelled or rescheduled), and what was said: notes, outcomes and mood.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::markdown;
use crate::store::{agenda, atomic, now_timestamp, people, templates, uuid_column};
use crate::validate::{as_typed, blank_to_none, parse_date, parse_uuid};
use crate::{Error, Result};

/// Notes and outcomes can be long, but not unbounded.
pub const MAX_TEXT_CHARS: usize = 200_000;
/// How `scheduled_at` is written: local wall-clock time, to the minute.
pub const DATETIME_FORMAT: &str = "%Y-%m-%dT%H:%M";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Scheduled,
    Held,
    Cancelled,
    Rescheduled,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Scheduled => "scheduled",
            Status::Held => "held",
            Status::Cancelled => "cancelled",
            Status::Rescheduled => "rescheduled",
        }
    }

    fn from_stored(text: &str) -> Status {
        match text {
            "held" => Status::Held,
            "cancelled" => Status::Cancelled,
            "rescheduled" => Status::Rescheduled,
            _ => Status::Scheduled,
        }
    }
}

/// A 1-on-1 as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OneOnOne {
    pub id: Uuid,
    pub person_id: Uuid,
    /// Local wall-clock time, `YYYY-MM-DDTHH:MM`.
    pub scheduled_at: String,
    pub status: Status,
    /// The day it took place, when held.
    pub held_on: Option<NaiveDate>,
    /// The 1-on-1 that replaced this one, when rescheduled.
    pub rescheduled_to: Option<Uuid>,
    pub notes: String,
    pub outcomes: String,
    pub mood: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
}

impl OneOnOne {
    /// The calendar day it is (or was) scheduled for.
    pub fn scheduled_on(&self) -> NaiveDate {
        parse_stored_datetime(&self.scheduled_at).date()
    }
}

/// One row of a person's 1-on-1 history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OneOnOneSummary {
    pub id: Uuid,
    pub scheduled_at: String,
    pub status: Status,
    pub held_on: Option<NaiveDate>,
    pub mood: Option<i64>,
    /// The outcomes as one line of plain text.
    pub outcome_summary: String,
    pub talking_points: i64,
    pub open_talking_points: i64,
}

/// What the UI submits to start a 1-on-1.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NewOneOnOne {
    /// `YYYY-MM-DDTHH:MM`.
    pub scheduled_at: String,
    /// A template whose prompts become the first talking points.
    pub template_id: Option<String>,
}

const COLUMNS: &str = "id, person_id, scheduled_at, status, held_on, rescheduled_to, notes, \
                       outcomes, mood, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<OneOnOne> {
    let status: String = row.get("status")?;
    let rescheduled_to: Option<String> = row.get("rescheduled_to")?;
    Ok(OneOnOne {
        id: uuid_column(row, "id")?,
        person_id: uuid_column(row, "person_id")?,
        scheduled_at: row.get("scheduled_at")?,
        status: Status::from_stored(&status),
        held_on: row.get("held_on")?,
        rescheduled_to: rescheduled_to.and_then(|t| Uuid::parse_str(&t).ok()),
        notes: row.get("notes")?,
        outcomes: row.get("outcomes")?,
        mood: row.get("mood")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

fn parse_stored_datetime(text: &str) -> NaiveDateTime {
    // Written by `parse_datetime` below, so always well formed.
    NaiveDateTime::parse_from_str(text, DATETIME_FORMAT).unwrap_or_default()
}

/// A local date and time written `YYYY-MM-DDTHH:MM` (seconds are dropped).
pub(crate) fn parse_datetime(field: &'static str, text: &str) -> Result<NaiveDateTime> {
    let text = text.trim();
    let minutes = text.get(..16).unwrap_or(text);
    let well_formed = minutes.len() == 16
        && (text.len() == 16 || (text.len() == 19 && text[16..].starts_with(':')));
    match NaiveDateTime::parse_from_str(minutes, DATETIME_FORMAT) {
        Ok(at) if well_formed => Ok(at),
        _ => Err(Error::invalid(
            field,
            format!("the date and time must be written as YYYY-MM-DDTHH:MM, like 2026-11-29T10:30 (got \"{text}\")"),
        )),
    }
}

fn format_datetime(at: NaiveDateTime) -> String {
    at.format(DATETIME_FORMAT).to_string()
}

/// One 1-on-1 by id.
pub fn get(conn: &Connection, id: Uuid) -> Result<OneOnOne> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM one_on_ones WHERE id = ?1"),
        [id.to_string()],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("1-on-1", id))
}

/// Starts a 1-on-1 with `person_id`: its agenda opens with every unresolved
/// talking point from earlier held 1-on-1s with them, then the template's
/// prompts, if one was chosen.
pub fn start(conn: &Connection, person_id: Uuid, input: &NewOneOnOne) -> Result<OneOnOne> {
    let at = parse_datetime("scheduled_at", &input.scheduled_at)?;
    let template_id = blank_to_none(&input.template_id)
        .map(|text| parse_uuid("template_id", "template", text))
        .transpose()?;
    atomic(conn, |conn| {
        let person = people::get(conn, person_id)?;
        if person.archived {
            return Err(Error::invalid(
                "person_id",
                format!(
                    "{} is archived; restore them before starting a 1-on-1",
                    person.name
                ),
            ));
        }
        let meeting = insert(conn, person_id, at)?;
        agenda::carry_over_into(conn, &meeting)?;
        if let Some(template_id) = template_id {
            templates::apply(conn, template_id, meeting.id)?;
        }
        Ok(meeting)
    })
}

fn insert(conn: &Connection, person_id: Uuid, at: NaiveDateTime) -> Result<OneOnOne> {
    let id = Uuid::new_v4();
    let now = now_timestamp();
    conn.execute(
        "INSERT INTO one_on_ones (id, person_id, scheduled_at, status, created_at, updated_at) \
         VALUES (?1, ?2, ?3, 'scheduled', ?4, ?4)",
        params![
            id.to_string(),
            person_id.to_string(),
            format_datetime(at),
            now
        ],
    )?;
    get(conn, id)
}

/// Which free-text field of a 1-on-1 to save.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    Notes,
    Outcomes,
}

/// A saved text and its rendering.
#[derive(Debug, Clone, Serialize)]
pub struct SavedText {
    pub updated_at: String,
    pub html: String,
}

/// Saves the notes or the outcomes (Markdown) of a 1-on-1, whatever its
/// status: notes are often finished after the meeting.
pub fn save_text(conn: &Connection, id: Uuid, field: TextField, text: &str) -> Result<SavedText> {
    let (column, label) = match field {
        TextField::Notes => ("notes", "notes"),
        TextField::Outcomes => ("outcomes", "outcomes"),
    };
    // Saved as typed (it saves while the person types, and Markdown keeps
    // leading indentation meaningful), so every character counts.
    as_typed(column, label, text, MAX_TEXT_CHARS)?;
    let now = now_timestamp();
    let changed = conn.execute(
        &format!("UPDATE one_on_ones SET {column} = ?2, updated_at = ?3 WHERE id = ?1"),
        params![id.to_string(), text, now],
    )?;
    if changed == 0 {
        return Err(Error::not_found("1-on-1", id));
    }
    Ok(SavedText {
        updated_at: now,
        html: markdown::render(text),
    })
}

/// Records the mood of the 1-on-1 (1 = low, 5 = great), or clears it.
pub fn set_mood(conn: &Connection, id: Uuid, mood: Option<i64>) -> Result<OneOnOne> {
    if let Some(mood) = mood {
        if !(1..=5).contains(&mood) {
            return Err(Error::invalid(
                "mood",
                format!("mood must be between 1 and 5 (got {mood})"),
            ));
        }
    }
    let changed = conn.execute(
        "UPDATE one_on_ones SET mood = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.to_string(), mood, now_timestamp()],
    )?;
    if changed == 0 {
        return Err(Error::not_found("1-on-1", id));
    }
    get(conn, id)
}

fn require_scheduled(meeting: &OneOnOne, action: &str) -> Result<()> {
    if meeting.status == Status::Scheduled {
        return Ok(());
    }
    let was = match meeting.status {
        Status::Held => "was already held",
        Status::Cancelled => "was cancelled",
        Status::Rescheduled => "was rescheduled",
        Status::Scheduled => unreachable!("checked above"),
    };
    Err(Error::invalid(
        "status",
        format!("this 1-on-1 {was}, so it cannot be {action}"),
    ))
}

/// Marks a scheduled 1-on-1 as held on `held_on` (not after `today`).
/// Its unresolved talking points then carry over to the person's next
/// scheduled 1-on-1, if one exists already.
pub fn mark_held(conn: &Connection, id: Uuid, held_on: &str, today: NaiveDate) -> Result<OneOnOne> {
    let held_on = parse_date("held_on", "the day it was held", held_on)?;
    if held_on > today {
        return Err(Error::invalid(
            "held_on",
            format!("a 1-on-1 cannot be marked held on a future day ({held_on})"),
        ));
    }
    atomic(conn, |conn| {
        let meeting = get(conn, id)?;
        require_scheduled(&meeting, "marked held")?;
        conn.execute(
            "UPDATE one_on_ones SET status = 'held', held_on = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.to_string(), held_on, now_timestamp()],
        )?;
        let meeting = get(conn, id)?;
        if let Some(next) = next_scheduled_after(conn, &meeting)? {
            agenda::carry_over_into(conn, &next)?;
        }
        Ok(meeting)
    })
}

/// Cancels a scheduled 1-on-1. Its talking points stay with it and do not
/// carry over (only held 1-on-1s carry their open points forward).
pub fn cancel(conn: &Connection, id: Uuid) -> Result<OneOnOne> {
    atomic(conn, |conn| {
        let meeting = get(conn, id)?;
        require_scheduled(&meeting, "cancelled")?;
        conn.execute(
            "UPDATE one_on_ones SET status = 'cancelled', updated_at = ?2 WHERE id = ?1",
            params![id.to_string(), now_timestamp()],
        )?;
        get(conn, id)
    })
}

/// Moves a scheduled 1-on-1 to `new_at`: this one is marked rescheduled and
/// a new scheduled 1-on-1 takes over its agenda, notes and action items.
/// Returns the new 1-on-1.
pub fn reschedule(conn: &Connection, id: Uuid, new_at: &str) -> Result<OneOnOne> {
    let at = parse_datetime("scheduled_at", new_at)?;
    atomic(conn, |conn| {
        let old = get(conn, id)?;
        require_scheduled(&old, "rescheduled")?;
        let new = insert(conn, old.person_id, at)?;
        let (old_id, new_id) = (old.id.to_string(), new.id.to_string());
        conn.execute(
            "UPDATE one_on_ones SET notes = ?2, outcomes = ?3, mood = ?4 WHERE id = ?1",
            params![new_id, old.notes, old.outcomes, old.mood],
        )?;
        conn.execute(
            "UPDATE talking_points SET one_on_one_id = ?2 WHERE one_on_one_id = ?1",
            params![old_id, new_id],
        )?;
        conn.execute(
            "UPDATE action_items SET one_on_one_id = ?2 WHERE one_on_one_id = ?1",
            params![old_id, new_id],
        )?;
        conn.execute(
            "UPDATE one_on_ones SET status = 'rescheduled', rescheduled_to = ?2, notes = '', \
             outcomes = '', mood = NULL, updated_at = ?3 WHERE id = ?1",
            params![old_id, new_id, now_timestamp()],
        )?;
        get(conn, new.id)
    })
}

/// Schedules the person's next 1-on-1 one cadence after this one (after the
/// day it was held, or its scheduled day), at the same time of day. If a
/// later 1-on-1 is already scheduled, that one is returned instead.
pub fn schedule_next(conn: &Connection, id: Uuid) -> Result<OneOnOne> {
    atomic(conn, |conn| {
        let meeting = get(conn, id)?;
        if let Some(next) = next_scheduled_after(conn, &meeting)? {
            return Ok(next);
        }
        let person = people::get(conn, meeting.person_id)?;
        let base = parse_stored_datetime(&meeting.scheduled_at);
        let day = meeting.held_on.unwrap_or(base.date()) + Duration::days(person.cadence_days);
        let next = insert(conn, meeting.person_id, day.and_time(base.time()))?;
        agenda::carry_over_into(conn, &next)?;
        Ok(next)
    })
}

/// The earliest scheduled 1-on-1 with the same person after `meeting`.
pub fn next_scheduled_after(conn: &Connection, meeting: &OneOnOne) -> Result<Option<OneOnOne>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM one_on_ones WHERE person_id = ?1 AND status = 'scheduled' \
                 AND scheduled_at > ?2 AND id <> ?3 ORDER BY scheduled_at LIMIT 1"
            ),
            params![
                meeting.person_id.to_string(),
                meeting.scheduled_at,
                meeting.id.to_string()
            ],
            from_row,
        )
        .optional()?)
}

/// The person's 1-on-1s, newest first.
pub fn list_for_person(conn: &Connection, person_id: Uuid) -> Result<Vec<OneOnOneSummary>> {
    people::get(conn, person_id)?;
    let mut stmt = conn.prepare(
        "SELECT o.id, o.scheduled_at, o.status, o.held_on, o.mood, o.outcomes, \
                count(tp.id) AS points, coalesce(sum(tp.resolved = 0), 0) AS open_points \
         FROM one_on_ones o LEFT JOIN talking_points tp ON tp.one_on_one_id = o.id \
         WHERE o.person_id = ?1 GROUP BY o.id ORDER BY o.scheduled_at DESC",
    )?;
    let rows = stmt.query_map([person_id.to_string()], |row| {
        let status: String = row.get("status")?;
        let outcomes: String = row.get("outcomes")?;
        Ok(OneOnOneSummary {
            id: uuid_column(row, "id")?,
            scheduled_at: row.get("scheduled_at")?,
            status: Status::from_stored(&status),
            held_on: row.get("held_on")?,
            mood: row.get("mood")?,
            outcome_summary: markdown::plain_summary(&outcomes, 140),
            talking_points: row.get("points")?,
            open_talking_points: row.get("open_points")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The day of the person's latest held 1-on-1. Scheduled, cancelled and
/// rescheduled 1-on-1s never count.
pub fn last_held_on(conn: &Connection, person_id: Uuid) -> Result<Option<NaiveDate>> {
    Ok(conn.query_row(
        "SELECT max(held_on) FROM one_on_ones WHERE person_id = ?1 AND status = 'held'",
        [person_id.to_string()],
        |row| row.get(0),
    )?)
}
