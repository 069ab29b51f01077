//! Conflicts on or around the team: who is involved (team members and named
//! outsiders), where it stands (open, in progress, parked, resolved), dated
//! updates, and how it ended.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::markdown;
use crate::store::{atomic, now_timestamp, one_on_ones, people, uuid_column};
use crate::validate::{
    blank_to_none, markdown_text, optional_date, optional_text, parse_date, parse_uuid,
    required_text,
};
use crate::{Error, Result};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_NEXT_STEP_CHARS: usize = 2_000;
/// Description, resolution and update notes (Markdown).
pub const MAX_TEXT_CHARS: usize = 100_000;
pub const MAX_PARTIES: usize = 50;
/// Summaries in lists: the description as one line of plain text.
const SUMMARY_CHARS: usize = 140;

/// Where a conflict stands.
///
/// Allowed moves ([`Status::can_become`]): open, in progress and parked move
/// freely among themselves; any of them can be resolved (with a resolution);
/// a resolved conflict is reopened as open or in progress, or stays resolved
/// to amend its resolution. Resolved → parked is refused: reopen it first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    InProgress,
    Parked,
    Resolved,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Open,
        Status::InProgress,
        Status::Parked,
        Status::Resolved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in_progress",
            Status::Parked => "parked",
            Status::Resolved => "resolved",
        }
    }

    /// How the UI and messages name the status.
    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in progress",
            Status::Parked => "parked",
            Status::Resolved => "resolved",
        }
    }

    /// Parses a status that arrived as text (`"in_progress"`, ...).
    pub fn parse(text: &str) -> Result<Status> {
        let text = text.trim();
        Status::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
            .ok_or_else(|| {
                Error::invalid(
                    "status",
                    format!(
                        "status must be one of open, in_progress, parked or resolved (got \"{text}\")"
                    ),
                )
            })
    }

    fn from_stored(text: &str) -> Status {
        Status::parse(text).unwrap_or(Status::Open)
    }

    /// Whether a conflict in this status may be set to `to`.
    pub fn can_become(self, to: Status) -> bool {
        !(self == Status::Resolved && to == Status::Parked)
    }

    /// The statuses this one may be set to, itself included, in display order.
    pub fn allowed_next(self) -> Vec<Status> {
        Status::ALL
            .into_iter()
            .filter(|to| self.can_become(*to))
            .collect()
    }

    /// Open and in-progress conflicts come first in lists, then parked, then
    /// resolved ones.
    fn rank(self) -> u8 {
        match self {
            Status::Open | Status::InProgress => 0,
            Status::Parked => 1,
            Status::Resolved => 2,
        }
    }
}

/// A conflict as stored (its parties and updates are in [`ConflictDetail`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub id: Uuid,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub surfaced_on: NaiveDate,
    pub status: Status,
    pub next_step: String,
    /// Markdown. Kept when a resolved conflict is reopened.
    pub resolution: String,
    /// Set exactly when the status is resolved.
    pub resolved_on: Option<NaiveDate>,
    pub created_at: String,
    pub updated_at: String,
}

/// One party to a conflict: a team member (`person_id`) or an outsider named
/// in free text (`outsider_name`), never both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictParty {
    pub person_id: Option<Uuid>,
    pub outsider_name: Option<String>,
    /// What to show: the team member's current name, or the outsider's.
    pub name: String,
    /// Whether the team member has been archived (always false for outsiders).
    pub archived: bool,
}

/// A dated note on how a conflict is going.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictUpdate {
    pub id: Uuid,
    pub conflict_id: Uuid,
    /// The day the note is about.
    pub on: NaiveDate,
    /// Markdown.
    pub note: String,
    /// The 1-on-1 where it was discussed, if it was.
    pub one_on_one_id: Option<Uuid>,
    pub created_at: String,
}

/// An update with its note rendered.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateDetail {
    pub update: ConflictUpdate,
    pub note_html: String,
}

/// Everything the conflict view shows, in one call.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictDetail {
    pub conflict: Conflict,
    /// In the order they were entered.
    pub parties: Vec<ConflictParty>,
    /// Newest first.
    pub updates: Vec<UpdateDetail>,
    /// The newest update's day, or the day it surfaced when there is none.
    pub last_activity: NaiveDate,
    pub description_html: String,
    pub resolution_html: String,
    /// The statuses it may be set to now (its own included).
    pub allowed_statuses: Vec<Status>,
}

/// One row of a conflict list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictSummary {
    pub id: Uuid,
    pub title: String,
    pub status: Status,
    pub parties: Vec<ConflictParty>,
    pub surfaced_on: NaiveDate,
    pub last_activity: NaiveDate,
    pub next_step: String,
    pub resolved_on: Option<NaiveDate>,
    pub update_count: i64,
    /// The description as one line of plain text.
    pub summary: String,
}

/// What a form submits for a party: a team member's id, or an outsider's
/// name. Exactly one must be given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartyInput {
    pub person_id: Option<String>,
    pub outsider_name: Option<String>,
}

impl PartyInput {
    pub fn person(id: Uuid) -> PartyInput {
        PartyInput {
            person_id: Some(id.to_string()),
            outsider_name: None,
        }
    }

    pub fn outsider(name: &str) -> PartyInput {
        PartyInput {
            person_id: None,
            outsider_name: Some(name.to_owned()),
        }
    }
}

/// What a form submits to create or edit a conflict. The status, resolution
/// and resolved date change only through [`set_status`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConflictInput {
    pub title: String,
    /// Markdown.
    pub description: String,
    pub parties: Vec<PartyInput>,
    /// `YYYY-MM-DD`.
    pub surfaced_on: String,
    pub next_step: String,
}

/// What a form submits for a dated update.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UpdateInput {
    /// `YYYY-MM-DD`: the day the note is about.
    pub on: String,
    /// Markdown.
    pub note: String,
    /// The 1-on-1 where it was discussed, if any.
    pub one_on_one_id: Option<String>,
}

/// Which conflicts a list includes; `None` means any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ConflictFilter {
    pub status: Option<Status>,
    pub person_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq)]
enum ValidParty {
    Person(Uuid),
    Outsider(String),
}

struct Valid {
    title: String,
    description: String,
    parties: Vec<ValidParty>,
    surfaced_on: NaiveDate,
    next_step: String,
}

impl ConflictInput {
    fn validate(&self) -> Result<Valid> {
        let title = required_text("title", "a conflict's title", &self.title, MAX_TITLE_CHARS)?;
        let description = markdown_text(
            "description",
            "the description",
            &self.description,
            MAX_TEXT_CHARS,
        )?;
        let surfaced_on = parse_date(
            "surfaced_on",
            "the day it surfaced",
            self.surfaced_on.trim(),
        )?;
        let next_step = optional_text(
            "next_step",
            "the next step",
            &self.next_step,
            MAX_NEXT_STEP_CHARS,
        )?;
        if self.parties.is_empty() {
            return Err(Error::invalid(
                "parties",
                "a conflict needs at least one party: someone on the team or someone named",
            ));
        }
        if self.parties.len() > MAX_PARTIES {
            return Err(Error::invalid(
                "parties",
                format!("a conflict can have at most {MAX_PARTIES} parties"),
            ));
        }
        let mut parties: Vec<ValidParty> = Vec::with_capacity(self.parties.len());
        for party in &self.parties {
            let valid = match (
                blank_to_none(&party.person_id),
                blank_to_none(&party.outsider_name),
            ) {
                (Some(_), Some(_)) => {
                    return Err(Error::invalid(
                        "parties",
                        "a party is either someone on the team or a named outsider, not both",
                    ))
                }
                (None, None) => {
                    return Err(Error::invalid(
                        "parties",
                        "each party needs either someone on the team or an outsider's name",
                    ))
                }
                (Some(id), None) => ValidParty::Person(Uuid::parse_str(id).map_err(|_| {
                    Error::invalid("parties", format!("\"{id}\" is not a valid person id"))
                })?),
                (None, Some(name)) => ValidParty::Outsider(required_text(
                    "parties",
                    "an outsider's name",
                    name,
                    people::MAX_NAME_CHARS,
                )?),
            };
            // Team members listed twice are caught when they are looked up
            // (see `write_parties`), where their name is known.
            if let ValidParty::Outsider(name) = &valid {
                let folded = name.to_lowercase();
                if parties.iter().any(
                    |seen| matches!(seen, ValidParty::Outsider(other) if other.to_lowercase() == folded),
                ) {
                    return Err(Error::invalid(
                        "parties",
                        format!("\"{name}\" is listed twice as a party"),
                    ));
                }
            }
            parties.push(valid);
        }
        Ok(Valid {
            title,
            description,
            parties,
            surfaced_on,
            next_step,
        })
    }
}

struct ValidUpdate {
    on: NaiveDate,
    note: String,
    one_on_one_id: Option<Uuid>,
}

impl UpdateInput {
    fn validate(&self) -> Result<ValidUpdate> {
        let note = markdown_text("note", "an update", &self.note, MAX_TEXT_CHARS)?;
        if note.is_empty() {
            return Err(Error::invalid("note", "an update must not be empty"));
        }
        Ok(ValidUpdate {
            on: parse_date("on", "the update's date", self.on.trim())?,
            note,
            one_on_one_id: match blank_to_none(&self.one_on_one_id) {
                None => None,
                Some(text) => Some(parse_uuid("one_on_one_id", "1-on-1", text)?),
            },
        })
    }
}

const COLUMNS: &str = "id, title, description, surfaced_on, status, next_step, resolution, \
                       resolved_on, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Conflict> {
    let status: String = row.get("status")?;
    Ok(Conflict {
        id: uuid_column(row, "id")?,
        title: row.get("title")?,
        description: row.get("description")?,
        surfaced_on: row.get("surfaced_on")?,
        status: Status::from_stored(&status),
        next_step: row.get("next_step")?,
        resolution: row.get("resolution")?,
        resolved_on: row.get("resolved_on")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

const UPDATE_COLUMNS: &str = "id, conflict_id, noted_on, note, one_on_one_id, created_at";

fn update_from_row(row: &Row<'_>) -> rusqlite::Result<ConflictUpdate> {
    let meeting: Option<String> = row.get("one_on_one_id")?;
    Ok(ConflictUpdate {
        id: uuid_column(row, "id")?,
        conflict_id: uuid_column(row, "conflict_id")?,
        on: row.get("noted_on")?,
        note: row.get("note")?,
        one_on_one_id: meeting.and_then(|t| Uuid::parse_str(&t).ok()),
        created_at: row.get("created_at")?,
    })
}

fn get_conflict(conn: &Connection, id: Uuid) -> Result<Conflict> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM conflicts WHERE id = ?1"),
        [id.to_string()],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("conflict", id))
}

fn parties_of(conn: &Connection, id: Uuid) -> Result<Vec<ConflictParty>> {
    let mut stmt = conn.prepare(
        "SELECT cp.person_id, cp.outsider_name, p.name AS person_name, \
                p.archived_at IS NOT NULL AS archived \
         FROM conflict_parties cp LEFT JOIN people p ON p.id = cp.person_id \
         WHERE cp.conflict_id = ?1 ORDER BY cp.position",
    )?;
    let rows = stmt.query_map([id.to_string()], |row| {
        let person_id: Option<String> = row.get("person_id")?;
        let outsider_name: Option<String> = row.get("outsider_name")?;
        let person_name: Option<String> = row.get("person_name")?;
        Ok(ConflictParty {
            person_id: person_id.and_then(|t| Uuid::parse_str(&t).ok()),
            name: person_name
                .or_else(|| outsider_name.clone())
                .unwrap_or_default(),
            outsider_name,
            archived: row.get::<_, Option<bool>>("archived")?.unwrap_or(false),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn updates_of(conn: &Connection, id: Uuid) -> Result<Vec<ConflictUpdate>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {UPDATE_COLUMNS} FROM conflict_updates WHERE conflict_id = ?1 \
         ORDER BY noted_on DESC, created_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map([id.to_string()], update_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One conflict with its parties, updates (newest first) and renderings.
pub fn get(conn: &Connection, id: Uuid) -> Result<ConflictDetail> {
    let conflict = get_conflict(conn, id)?;
    let updates = updates_of(conn, id)?;
    let last_activity = updates.first().map_or(conflict.surfaced_on, |u| u.on);
    Ok(ConflictDetail {
        parties: parties_of(conn, id)?,
        updates: updates
            .into_iter()
            .map(|update| UpdateDetail {
                note_html: markdown::render(&update.note),
                update,
            })
            .collect(),
        last_activity,
        description_html: markdown::render(&conflict.description),
        resolution_html: markdown::render(&conflict.resolution),
        allowed_statuses: conflict.status.allowed_next(),
        conflict,
    })
}

/// Checks that every team member named is on the team, and writes the
/// parties in the order given, replacing any earlier list.
fn write_parties(conn: &Connection, id: Uuid, parties: &[ValidParty]) -> Result<()> {
    conn.execute(
        "DELETE FROM conflict_parties WHERE conflict_id = ?1",
        [id.to_string()],
    )?;
    let mut stmt = conn.prepare(
        "INSERT INTO conflict_parties (conflict_id, position, person_id, outsider_name) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut seen: Vec<Uuid> = Vec::new();
    for (i, party) in parties.iter().enumerate() {
        let (person_id, outsider_name) = match party {
            ValidParty::Person(person_id) => {
                let person = people::get(conn, *person_id)?;
                if seen.contains(person_id) {
                    return Err(Error::invalid(
                        "parties",
                        format!("{} is listed twice as a party", person.name),
                    ));
                }
                seen.push(*person_id);
                (Some(person_id.to_string()), None)
            }
            ValidParty::Outsider(name) => (None, Some(name.as_str())),
        };
        stmt.execute(params![
            id.to_string(),
            i as i64 + 1,
            person_id,
            outsider_name
        ])?;
    }
    Ok(())
}

/// Records a new conflict, open.
pub fn create(conn: &Connection, input: &ConflictInput) -> Result<ConflictDetail> {
    let valid = input.validate()?;
    atomic(conn, |conn| {
        let id = Uuid::new_v4();
        let now = now_timestamp();
        conn.execute(
            &format!(
                "INSERT INTO conflicts ({COLUMNS}) \
                 VALUES (?1, ?2, ?3, ?4, 'open', ?5, '', NULL, ?6, ?6)"
            ),
            params![
                id.to_string(),
                valid.title,
                valid.description,
                valid.surfaced_on,
                valid.next_step,
                now,
            ],
        )?;
        write_parties(conn, id, &valid.parties)?;
        get(conn, id)
    })
}

/// Replaces a conflict's title, description, parties, surfaced date and next
/// step. Its status and resolution change only through [`set_status`].
pub fn update(conn: &Connection, id: Uuid, input: &ConflictInput) -> Result<ConflictDetail> {
    let valid = input.validate()?;
    atomic(conn, |conn| {
        let conflict = get_conflict(conn, id)?;
        if let Some(resolved_on) = conflict.resolved_on {
            if valid.surfaced_on > resolved_on {
                return Err(Error::invalid(
                    "surfaced_on",
                    format!(
                        "a conflict cannot surface after it was resolved (resolved on {resolved_on})"
                    ),
                ));
            }
        }
        if let Some(earliest) = earliest_update_on(conn, id)? {
            if valid.surfaced_on > earliest {
                return Err(Error::invalid(
                    "surfaced_on",
                    format!("a conflict cannot surface after its first update (dated {earliest})"),
                ));
            }
        }
        conn.execute(
            "UPDATE conflicts SET title = ?2, description = ?3, surfaced_on = ?4, next_step = ?5, \
             updated_at = ?6 WHERE id = ?1",
            params![
                id.to_string(),
                valid.title,
                valid.description,
                valid.surfaced_on,
                valid.next_step,
                now_timestamp(),
            ],
        )?;
        write_parties(conn, id, &valid.parties)?;
        get(conn, id)
    })
}

fn earliest_update_on(conn: &Connection, id: Uuid) -> Result<Option<NaiveDate>> {
    Ok(conn.query_row(
        "SELECT min(noted_on) FROM conflict_updates WHERE conflict_id = ?1",
        [id.to_string()],
        |row| row.get(0),
    )?)
}

/// Moves a conflict to `status` (see [`Status`] for the allowed moves).
///
/// Resolving needs a `resolution` (Markdown: how it ended) and records
/// `resolved_on` (`YYYY-MM-DD`; today when not given, or the day it was
/// already resolved when only amending the resolution). It may not be in the
/// future nor before the conflict surfaced. Reopening clears the resolved
/// date but keeps the resolution text. A resolution or resolved date given
/// for any other status is refused rather than silently dropped.
pub fn set_status(
    conn: &Connection,
    id: Uuid,
    status: Status,
    resolution: Option<&str>,
    resolved_on: Option<&str>,
    today: NaiveDate,
) -> Result<ConflictDetail> {
    let resolution = match resolution {
        Some(text) => markdown_text("resolution", "the resolution", text, MAX_TEXT_CHARS)?,
        None => String::new(),
    };
    let resolved_on = optional_date("resolved_on", "the day it was resolved", resolved_on)?;
    if status != Status::Resolved {
        if !resolution.is_empty() {
            return Err(Error::invalid(
                "resolution",
                format!(
                    "a resolution is only recorded when resolving, not when setting a conflict {}",
                    status.label()
                ),
            ));
        }
        if resolved_on.is_some() {
            return Err(Error::invalid(
                "resolved_on",
                format!(
                    "a resolved date is only recorded when resolving, not when setting a conflict {}",
                    status.label()
                ),
            ));
        }
    } else if resolution.is_empty() {
        return Err(Error::invalid(
            "resolution",
            "resolving a conflict needs a resolution: how did it end?",
        ));
    }
    atomic(conn, |conn| {
        let conflict = get_conflict(conn, id)?;
        if !conflict.status.can_become(status) {
            return Err(Error::invalid(
                "status",
                format!(
                    "a {} conflict cannot be set {}; reopen it as open or in progress first",
                    conflict.status.label(),
                    status.label()
                ),
            ));
        }
        let now = now_timestamp();
        if status == Status::Resolved {
            let resolved_on = resolved_on.or(conflict.resolved_on).unwrap_or(today);
            if resolved_on > today {
                return Err(Error::invalid(
                    "resolved_on",
                    format!("a conflict cannot be resolved on a future day ({resolved_on})"),
                ));
            }
            if resolved_on < conflict.surfaced_on {
                return Err(Error::invalid(
                    "resolved_on",
                    format!(
                        "a conflict cannot be resolved before it surfaced (on {})",
                        conflict.surfaced_on
                    ),
                ));
            }
            conn.execute(
                "UPDATE conflicts SET status = 'resolved', resolution = ?2, resolved_on = ?3, \
                 updated_at = ?4 WHERE id = ?1",
                params![id.to_string(), resolution, resolved_on, now],
            )?;
        } else if status != conflict.status {
            conn.execute(
                "UPDATE conflicts SET status = ?2, resolved_on = NULL, updated_at = ?3 WHERE id = ?1",
                params![id.to_string(), status.as_str(), now],
            )?;
        }
        get(conn, id)
    })
}

/// Deletes a conflict with its parties and updates.
pub fn delete(conn: &Connection, id: Uuid) -> Result<()> {
    let changed = conn.execute("DELETE FROM conflicts WHERE id = ?1", [id.to_string()])?;
    if changed == 0 {
        return Err(Error::not_found("conflict", id));
    }
    Ok(())
}

/// Adds a dated update to a conflict, optionally tied to the 1-on-1 where it
/// was discussed. Any existing 1-on-1 is accepted: a conflict is often
/// discussed with someone who is not a party to it (a peer asked for context,
/// a lead helping), and a conflict between outsiders has no party to meet.
pub fn add_update(
    conn: &Connection,
    conflict_id: Uuid,
    input: &UpdateInput,
) -> Result<UpdateDetail> {
    let valid = input.validate()?;
    atomic(conn, |conn| {
        let conflict = get_conflict(conn, conflict_id)?;
        if valid.on < conflict.surfaced_on {
            return Err(Error::invalid(
                "on",
                format!(
                    "an update cannot be dated before the conflict surfaced (on {})",
                    conflict.surfaced_on
                ),
            ));
        }
        if let Some(meeting) = valid.one_on_one_id {
            one_on_ones::get(conn, meeting)?;
        }
        let id = Uuid::new_v4();
        let now = now_timestamp();
        conn.execute(
            &format!(
                "INSERT INTO conflict_updates ({UPDATE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
            ),
            params![
                id.to_string(),
                conflict_id.to_string(),
                valid.on,
                valid.note,
                valid.one_on_one_id.map(|m| m.to_string()),
                now,
            ],
        )?;
        touch(conn, conflict_id, &now)?;
        let update = get_update(conn, id)?;
        Ok(UpdateDetail {
            note_html: markdown::render(&update.note),
            update,
        })
    })
}

fn touch(conn: &Connection, conflict_id: Uuid, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE conflicts SET updated_at = ?2 WHERE id = ?1",
        params![conflict_id.to_string(), now],
    )?;
    Ok(())
}

/// One conflict update.
pub fn get_update(conn: &Connection, id: Uuid) -> Result<ConflictUpdate> {
    conn.query_row(
        &format!("SELECT {UPDATE_COLUMNS} FROM conflict_updates WHERE id = ?1"),
        [id.to_string()],
        update_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("conflict update", id))
}

/// Deletes one update of a conflict.
pub fn delete_update(conn: &Connection, id: Uuid) -> Result<()> {
    atomic(conn, |conn| {
        let update = get_update(conn, id)?;
        conn.execute(
            "DELETE FROM conflict_updates WHERE id = ?1",
            [id.to_string()],
        )?;
        touch(conn, update.conflict_id, &now_timestamp())
    })
}

/// Conflicts matching `filter`: open and in-progress ones first, then
/// parked, then resolved; within each, the most recent activity first.
pub fn list(conn: &Connection, filter: &ConflictFilter) -> Result<Vec<ConflictSummary>> {
    if let Some(person_id) = filter.person_id {
        people::get(conn, person_id)?;
    }
    let mut stmt = conn.prepare(
        "SELECT c.id, c.title, c.status, c.surfaced_on, c.next_step, c.resolved_on, \
                c.description, c.created_at, \
                coalesce(u.newest, c.surfaced_on) AS last_activity, \
                coalesce(u.updates, 0) AS update_count \
         FROM conflicts c \
         LEFT JOIN (SELECT conflict_id, max(noted_on) AS newest, count(*) AS updates \
                    FROM conflict_updates GROUP BY conflict_id) u ON u.conflict_id = c.id \
         WHERE (?1 IS NULL OR c.status = ?1) \
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM conflict_parties cp \
                                      WHERE cp.conflict_id = c.id AND cp.person_id = ?2))",
    )?;
    let rows = stmt.query_map(
        params![
            filter.status.map(Status::as_str),
            filter.person_id.map(|p| p.to_string())
        ],
        |row| {
            let status: String = row.get("status")?;
            let description: String = row.get("description")?;
            Ok((
                ConflictSummary {
                    id: uuid_column(row, "id")?,
                    title: row.get("title")?,
                    status: Status::from_stored(&status),
                    parties: Vec::new(),
                    surfaced_on: row.get("surfaced_on")?,
                    last_activity: row.get("last_activity")?,
                    next_step: row.get("next_step")?,
                    resolved_on: row.get("resolved_on")?,
                    update_count: row.get("update_count")?,
                    summary: markdown::plain_summary(&description, SUMMARY_CHARS),
                },
                row.get::<_, String>("created_at")?,
            ))
        },
    )?;
    let mut rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.sort_by(|(a, a_created), (b, b_created)| {
        a.status
            .rank()
            .cmp(&b.status.rank())
            .then(b.last_activity.cmp(&a.last_activity))
            .then(b_created.cmp(a_created))
            .then(a.id.cmp(&b.id))
    });
    rows.into_iter()
        .map(|(mut summary, _)| {
            summary.parties = parties_of(conn, summary.id)?;
            Ok(summary)
        })
        .collect()
}

/// Every conflict `person_id` is a party to, in list order.
pub fn involving(conn: &Connection, person_id: Uuid) -> Result<Vec<ConflictSummary>> {
    list(
        conn,
        &ConflictFilter {
            status: None,
            person_id: Some(person_id),
        },
    )
}

/// The conflicts `person_id` is a party to that are open or in progress: what
/// the 1-on-1 view shows before the meeting.
pub fn open_involving(conn: &Connection, person_id: Uuid) -> Result<Vec<ConflictSummary>> {
    Ok(involving(conn, person_id)?
        .into_iter()
        .filter(|c| matches!(c.status, Status::Open | Status::InProgress))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_round_trips_through_its_text() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()).unwrap(), status);
            assert_eq!(
                serde_json::to_value(status).unwrap(),
                status.as_str(),
                "the IPC form is the stored form"
            );
        }
        let err = Status::parse("done").unwrap_err();
        assert_eq!(err.field(), Some("status"));
    }

    #[test]
    fn only_resolved_to_parked_is_refused() {
        for from in Status::ALL {
            for to in Status::ALL {
                let expected = !(from == Status::Resolved && to == Status::Parked);
                assert_eq!(
                    from.can_become(to),
                    expected,
                    "{from:?} -> {to:?} should be {}",
                    if expected { "allowed" } else { "refused" }
                );
            }
        }
        assert_eq!(
            Status::Resolved.allowed_next(),
            [Status::Open, Status::InProgress, Status::Resolved],
            "a resolved conflict is reopened or amended, never parked"
        );
    }
}
