//! Growth goals: what a person wants to grow in, why, how success is
//! measured, by when; dated check-ins with optional progress (0-100).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::markdown;
use crate::store::{atomic, now_timestamp, one_on_ones, people, uuid_column};
use crate::validate::{
    blank_to_none, optional_date, optional_text, parse_date, parse_uuid, required_text,
};
use crate::{Error, Result};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_TEXT_CHARS: usize = 5_000;
pub const MAX_NOTE_CHARS: usize = 50_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Active,
    Achieved,
    Dropped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Achieved => "achieved",
            Status::Dropped => "dropped",
        }
    }

    /// Parses a status that arrived as text.
    pub fn parse(text: &str) -> Result<Status> {
        match text.trim() {
            "active" => Ok(Status::Active),
            "achieved" => Ok(Status::Achieved),
            "dropped" => Ok(Status::Dropped),
            other => Err(Error::invalid(
                "status",
                format!("a goal is active, achieved or dropped (got \"{other}\")"),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: Uuid,
    pub person_id: Uuid,
    pub title: String,
    pub why: String,
    /// How success is measured.
    pub measure: String,
    pub target_on: Option<NaiveDate>,
    pub status: Status,
    pub created_on: NaiveDate,
    /// The day it was achieved or dropped.
    pub closed_on: Option<NaiveDate>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checkin {
    pub id: Uuid,
    pub goal_id: Uuid,
    pub noted_on: NaiveDate,
    /// Markdown.
    pub note: String,
    pub progress: Option<i64>,
    pub one_on_one_id: Option<Uuid>,
    pub created_at: String,
}

/// A check-in with its note rendered.
#[derive(Debug, Clone, Serialize)]
pub struct CheckinDetail {
    pub checkin: Checkin,
    pub note_html: String,
}

/// A goal with its check-ins, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct GoalDetail {
    pub goal: Goal,
    pub checkins: Vec<CheckinDetail>,
    /// The most recent progress noted, if any.
    pub progress: Option<i64>,
    /// Past its target day and still active.
    pub overdue: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GoalInput {
    pub title: String,
    pub why: String,
    pub measure: String,
    /// `YYYY-MM-DD`, or empty.
    pub target_on: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckinInput {
    /// `YYYY-MM-DD`.
    pub noted_on: String,
    pub note: String,
    /// 0-100, or none.
    pub progress: Option<i64>,
    /// The 1-on-1 it was written in; it must be with the goal's person.
    pub one_on_one_id: Option<String>,
}

struct Valid {
    title: String,
    why: String,
    measure: String,
    target_on: Option<NaiveDate>,
}

impl GoalInput {
    fn validate(&self) -> Result<Valid> {
        Ok(Valid {
            title: required_text("title", "a goal's title", &self.title, MAX_TITLE_CHARS)?,
            why: optional_text("why", "why it matters", &self.why, MAX_TEXT_CHARS)?,
            measure: optional_text(
                "measure",
                "how success is measured",
                &self.measure,
                MAX_TEXT_CHARS,
            )?,
            target_on: optional_date("target_on", "the target date", self.target_on.as_deref())?,
        })
    }
}

const COLUMNS: &str = "id, person_id, title, why, measure, target_on, status, created_on, \
                       closed_on, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Goal> {
    let status: String = row.get("status")?;
    Ok(Goal {
        id: uuid_column(row, "id")?,
        person_id: uuid_column(row, "person_id")?,
        title: row.get("title")?,
        why: row.get("why")?,
        measure: row.get("measure")?,
        target_on: row.get("target_on")?,
        status: Status::parse(&status).unwrap_or(Status::Active),
        created_on: row.get("created_on")?,
        closed_on: row.get("closed_on")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

pub(crate) fn checkin_from_row(row: &Row<'_>) -> rusqlite::Result<Checkin> {
    let meeting: Option<String> = row.get("one_on_one_id")?;
    Ok(Checkin {
        id: uuid_column(row, "id")?,
        goal_id: uuid_column(row, "goal_id")?,
        noted_on: row.get("noted_on")?,
        note: row.get("note")?,
        progress: row.get("progress")?,
        one_on_one_id: meeting.and_then(|t| Uuid::parse_str(&t).ok()),
        created_at: row.get("created_at")?,
    })
}

/// One goal.
pub fn get(conn: &Connection, id: Uuid) -> Result<Goal> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM goals WHERE id = ?1"),
        [id.to_string()],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("goal", id))
}

/// One goal with its check-ins.
pub fn detail(conn: &Connection, id: Uuid, today: NaiveDate) -> Result<GoalDetail> {
    let goal = get(conn, id)?;
    to_detail(conn, goal, today)
}

fn to_detail(conn: &Connection, goal: Goal, today: NaiveDate) -> Result<GoalDetail> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, goal_id, noted_on, note, progress, one_on_one_id, created_at FROM goal_checkins \
         WHERE goal_id = ?1 ORDER BY noted_on DESC, created_at DESC",
    )?;
    let checkins: Vec<Checkin> = stmt
        .query_map([goal.id.to_string()], checkin_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let progress = checkins.iter().find_map(|c| c.progress);
    Ok(GoalDetail {
        overdue: goal.status == Status::Active && goal.target_on.is_some_and(|t| t < today),
        progress,
        checkins: checkins
            .into_iter()
            .map(|c| CheckinDetail {
                note_html: markdown::render(&c.note),
                checkin: c,
            })
            .collect(),
        goal,
    })
}

/// Sets a goal for `person_id`, created `today`.
pub fn create(
    conn: &Connection,
    person_id: Uuid,
    input: &GoalInput,
    today: NaiveDate,
) -> Result<Goal> {
    let valid = input.validate()?;
    atomic(conn, |conn| {
        people::get(conn, person_id)?;
        let id = Uuid::new_v4();
        let now = now_timestamp();
        conn.execute(
            &format!(
                "INSERT INTO goals ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'active', ?7, NULL, ?8, ?8)"
            ),
            params![
                id.to_string(),
                person_id.to_string(),
                valid.title,
                valid.why,
                valid.measure,
                valid.target_on,
                today,
                now
            ],
        )?;
        get(conn, id)
    })
}

/// Rewrites a goal's title, why, measure and target.
pub fn update(conn: &Connection, id: Uuid, input: &GoalInput) -> Result<Goal> {
    let valid = input.validate()?;
    let changed = conn.execute(
        "UPDATE goals SET title = ?2, why = ?3, measure = ?4, target_on = ?5, updated_at = ?6 WHERE id = ?1",
        params![
            id.to_string(),
            valid.title,
            valid.why,
            valid.measure,
            valid.target_on,
            now_timestamp()
        ],
    )?;
    if changed == 0 {
        return Err(Error::not_found("goal", id));
    }
    get(conn, id)
}

/// Marks a goal achieved or dropped (closed `today`), or active again.
pub fn set_status(conn: &Connection, id: Uuid, status: Status, today: NaiveDate) -> Result<Goal> {
    atomic(conn, |conn| {
        let goal = get(conn, id)?;
        if goal.status == status {
            return Ok(goal);
        }
        let closed_on = (status != Status::Active).then_some(today);
        conn.execute(
            "UPDATE goals SET status = ?2, closed_on = ?3, updated_at = ?4 WHERE id = ?1",
            params![id.to_string(), status.as_str(), closed_on, now_timestamp()],
        )?;
        get(conn, id)
    })
}

/// Deletes a goal and its check-ins.
pub fn delete(conn: &Connection, id: Uuid) -> Result<()> {
    let changed = conn.execute("DELETE FROM goals WHERE id = ?1", [id.to_string()])?;
    if changed == 0 {
        return Err(Error::not_found("goal", id));
    }
    Ok(())
}

/// Adds a dated check-in, from a 1-on-1 or not.
pub fn add_checkin(
    conn: &Connection,
    goal_id: Uuid,
    input: &CheckinInput,
) -> Result<CheckinDetail> {
    let noted_on = parse_date("noted_on", "the check-in date", &input.noted_on)?;
    let note = optional_text("note", "the note", &input.note, MAX_NOTE_CHARS)?;
    if let Some(progress) = input.progress {
        if !(0..=100).contains(&progress) {
            return Err(Error::invalid(
                "progress",
                format!("progress is a percentage from 0 to 100 (got {progress})"),
            ));
        }
    }
    if note.is_empty() && input.progress.is_none() {
        return Err(Error::invalid(
            "note",
            "a check-in needs a note or a progress figure",
        ));
    }
    let meeting = blank_to_none(&input.one_on_one_id)
        .map(|text| parse_uuid("one_on_one_id", "1-on-1", text))
        .transpose()?;
    atomic(conn, |conn| {
        let goal = get(conn, goal_id)?;
        if let Some(meeting) = meeting {
            if one_on_ones::get(conn, meeting)?.person_id != goal.person_id {
                return Err(Error::invalid(
                    "one_on_one_id",
                    "that 1-on-1 is with someone else",
                ));
            }
        }
        let id = Uuid::new_v4();
        conn.execute(
            "INSERT INTO goal_checkins (id, goal_id, noted_on, note, progress, one_on_one_id, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id.to_string(),
                goal_id.to_string(),
                noted_on,
                note,
                input.progress,
                meeting.map(|m| m.to_string()),
                now_timestamp()
            ],
        )?;
        let checkin = conn.query_row(
            "SELECT id, goal_id, noted_on, note, progress, one_on_one_id, created_at FROM goal_checkins WHERE id = ?1",
            [id.to_string()],
            checkin_from_row,
        )?;
        Ok(CheckinDetail {
            note_html: markdown::render(&checkin.note),
            checkin,
        })
    })
}

/// Deletes a check-in.
pub fn delete_checkin(conn: &Connection, id: Uuid) -> Result<()> {
    let changed = conn.execute("DELETE FROM goal_checkins WHERE id = ?1", [id.to_string()])?;
    if changed == 0 {
        return Err(Error::not_found("check-in", id));
    }
    Ok(())
}

/// A person's goals: active first (by target date), then achieved and
/// dropped (most recently closed first).
pub fn for_person(conn: &Connection, person_id: Uuid, today: NaiveDate) -> Result<Vec<GoalDetail>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM goals WHERE person_id = ?1 \
         ORDER BY status <> 'active', target_on IS NULL, target_on, closed_on DESC, created_on DESC"
    ))?;
    let goals: Vec<Goal> = stmt
        .query_map([person_id.to_string()], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    goals
        .into_iter()
        .map(|g| to_detail(conn, g, today))
        .collect()
}
