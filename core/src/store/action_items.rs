//! Action items: what me or them promised to do, by when, and whether it is
//! done. They belong to a person and, optionally, the 1-on-1 they came from.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::store::party::Party;
use crate::store::{atomic, now_timestamp, one_on_ones, people, uuid_column};
use crate::validate::{blank_to_none, optional_date, parse_date, parse_uuid, required_text};
use crate::{Error, Result};

pub const MAX_ITEM_CHARS: usize = 2_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionItem {
    pub id: Uuid,
    pub person_id: Uuid,
    pub one_on_one_id: Option<Uuid>,
    pub text: String,
    pub owner: Party,
    pub due_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    pub created_at: String,
    pub updated_at: String,
}

/// What the UI submits for a new or edited action item.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionItemInput {
    pub text: String,
    /// `"me"` or `"them"`.
    pub owner: String,
    /// `YYYY-MM-DD`, or empty.
    pub due_on: Option<String>,
    /// The 1-on-1 it came from, if any; it must be with the same person.
    pub one_on_one_id: Option<String>,
}

const COLUMNS: &str =
    "id, person_id, one_on_one_id, text, owner, due_on, done_on, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<ActionItem> {
    let owner: String = row.get("owner")?;
    let meeting: Option<String> = row.get("one_on_one_id")?;
    Ok(ActionItem {
        id: uuid_column(row, "id")?,
        person_id: uuid_column(row, "person_id")?,
        one_on_one_id: meeting.and_then(|t| Uuid::parse_str(&t).ok()),
        text: row.get("text")?,
        owner: Party::from_stored(&owner),
        due_on: row.get("due_on")?,
        done_on: row.get("done_on")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

struct Valid {
    text: String,
    owner: Party,
    due_on: Option<NaiveDate>,
    one_on_one_id: Option<Uuid>,
}

impl ActionItemInput {
    fn validate(&self) -> Result<Valid> {
        Ok(Valid {
            text: required_text("text", "an action item", &self.text, MAX_ITEM_CHARS)?,
            owner: Party::parse("owner", "owner", &self.owner)?,
            due_on: optional_date("due_on", "due date", self.due_on.as_deref())?,
            one_on_one_id: blank_to_none(&self.one_on_one_id)
                .map(|text| parse_uuid("one_on_one_id", "1-on-1", text))
                .transpose()?,
        })
    }
}

/// One action item.
pub fn get(conn: &Connection, id: Uuid) -> Result<ActionItem> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM action_items WHERE id = ?1"),
        [id.to_string()],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("action item", id))
}

fn check_meeting(conn: &Connection, person_id: Uuid, meeting: Option<Uuid>) -> Result<()> {
    if let Some(meeting) = meeting {
        if one_on_ones::get(conn, meeting)?.person_id != person_id {
            return Err(Error::invalid(
                "one_on_one_id",
                "that 1-on-1 is with someone else",
            ));
        }
    }
    Ok(())
}

/// Adds an action item for `person_id`.
pub fn add(conn: &Connection, person_id: Uuid, input: &ActionItemInput) -> Result<ActionItem> {
    let valid = input.validate()?;
    atomic(conn, |conn| {
        people::get(conn, person_id)?;
        check_meeting(conn, person_id, valid.one_on_one_id)?;
        let id = Uuid::new_v4();
        let now = now_timestamp();
        conn.execute(
            &format!(
                "INSERT INTO action_items ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?7)"
            ),
            params![
                id.to_string(),
                person_id.to_string(),
                valid.one_on_one_id.map(|m| m.to_string()),
                valid.text,
                valid.owner.as_str(),
                valid.due_on,
                now,
            ],
        )?;
        get(conn, id)
    })
}

/// Rewrites an action item's text, owner and due date (its 1-on-1 stays).
pub fn update(conn: &Connection, id: Uuid, input: &ActionItemInput) -> Result<ActionItem> {
    let valid = input.validate()?;
    let changed = conn.execute(
        "UPDATE action_items SET text = ?2, owner = ?3, due_on = ?4, updated_at = ?5 WHERE id = ?1",
        params![
            id.to_string(),
            valid.text,
            valid.owner.as_str(),
            valid.due_on,
            now_timestamp()
        ],
    )?;
    if changed == 0 {
        return Err(Error::not_found("action item", id));
    }
    get(conn, id)
}

/// Checks an action item off on `done_on` (`YYYY-MM-DD`), or opens it again
/// with `None`.
pub fn set_done(conn: &Connection, id: Uuid, done_on: Option<&str>) -> Result<ActionItem> {
    let done_on = match done_on {
        None => None,
        Some(text) => Some(parse_date("done_on", "done date", text)?),
    };
    let changed = conn.execute(
        "UPDATE action_items SET done_on = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.to_string(), done_on, now_timestamp()],
    )?;
    if changed == 0 {
        return Err(Error::not_found("action item", id));
    }
    get(conn, id)
}

/// Deletes an action item.
pub fn delete(conn: &Connection, id: Uuid) -> Result<()> {
    let changed = conn.execute("DELETE FROM action_items WHERE id = ?1", [id.to_string()])?;
    if changed == 0 {
        return Err(Error::not_found("action item", id));
    }
    Ok(())
}

/// The person's open action items: dated ones first by due date, then the
/// rest by when they were added.
pub fn open_for_person(conn: &Connection, person_id: Uuid) -> Result<Vec<ActionItem>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM action_items WHERE person_id = ?1 AND done_on IS NULL \
         ORDER BY due_on IS NULL, due_on, created_at"
    ))?;
    let rows = stmt.query_map([person_id.to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Action items that came out of a 1-on-1, open and done, in the order added.
pub fn for_one_on_one(conn: &Connection, one_on_one_id: Uuid) -> Result<Vec<ActionItem>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM action_items WHERE one_on_one_id = ?1 ORDER BY created_at"
    ))?;
    let rows = stmt.query_map([one_on_one_id.to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
