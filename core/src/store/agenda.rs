//! The agenda of a 1-on-1: talking points raised by me or them, in order,
//! resolved or not. Unresolved points of a held 1-on-1 carry over to the
//! next one with the same person.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::store::one_on_ones::{self, OneOnOne};
use crate::store::party::Party;
use crate::store::{atomic, now_timestamp, uuid_column};
use crate::validate::required_text;
use crate::{Error, Result};

pub const MAX_POINT_CHARS: usize = 2_000;

/// A talking point as the agenda shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TalkingPoint {
    pub id: Uuid,
    pub one_on_one_id: Uuid,
    pub text: String,
    pub raised_by: Party,
    pub position: i64,
    pub resolved: bool,
    /// The point of an earlier 1-on-1 this one continues, when carried over.
    pub carried_from_id: Option<Uuid>,
    /// The day the point was first raised (for a carried point, the day of
    /// the 1-on-1 where it started).
    pub first_raised_on: NaiveDate,
    /// Whether this point was carried into a later 1-on-1 (still open there).
    pub carried_forward: bool,
}

/// What the UI submits for a new talking point.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PointInput {
    pub text: String,
    /// `"me"` or `"them"`.
    pub raised_by: String,
}

// A copy in a cancelled 1-on-1 does not count as carried: the point still
// needs a home, so it carries again.
const SELECT: &str = "SELECT tp.id, tp.one_on_one_id, tp.text, tp.raised_by, tp.position, \
     tp.resolved, tp.carried_from_id, tp.first_raised_on, \
     EXISTS (SELECT 1 FROM talking_points c JOIN one_on_ones co ON co.id = c.one_on_one_id \
             WHERE c.carried_from_id = tp.id AND co.status IN ('scheduled', 'held')) AS carried_forward \
     FROM talking_points tp";

fn from_row(row: &Row<'_>) -> rusqlite::Result<TalkingPoint> {
    let raised_by: String = row.get("raised_by")?;
    let carried_from: Option<String> = row.get("carried_from_id")?;
    Ok(TalkingPoint {
        id: uuid_column(row, "id")?,
        one_on_one_id: uuid_column(row, "one_on_one_id")?,
        text: row.get("text")?,
        raised_by: Party::from_stored(&raised_by),
        position: row.get("position")?,
        resolved: row.get("resolved")?,
        carried_from_id: carried_from.and_then(|t| Uuid::parse_str(&t).ok()),
        first_raised_on: row.get("first_raised_on")?,
        carried_forward: row.get("carried_forward")?,
    })
}

/// The agenda of a 1-on-1, in order.
pub fn list(conn: &Connection, one_on_one_id: Uuid) -> Result<Vec<TalkingPoint>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE tp.one_on_one_id = ?1 ORDER BY tp.position, tp.created_at"
    ))?;
    let rows = stmt.query_map([one_on_one_id.to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One talking point.
pub fn get(conn: &Connection, id: Uuid) -> Result<TalkingPoint> {
    conn.query_row(
        &format!("{SELECT} WHERE tp.id = ?1"),
        [id.to_string()],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("talking point", id))
}

fn next_position(conn: &Connection, one_on_one_id: Uuid) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM talking_points WHERE one_on_one_id = ?1",
        [one_on_one_id.to_string()],
        |row| row.get(0),
    )?)
}

pub(crate) fn insert(
    conn: &Connection,
    meeting: &OneOnOne,
    text: &str,
    raised_by: Party,
    carried_from: Option<(Uuid, NaiveDate)>,
) -> Result<TalkingPoint> {
    let id = Uuid::new_v4();
    let now = now_timestamp();
    let first_raised_on = carried_from.map_or_else(|| meeting.scheduled_on(), |(_, on)| on);
    conn.execute(
        "INSERT INTO talking_points (id, one_on_one_id, text, raised_by, position, resolved, \
         carried_from_id, first_raised_on, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?8, ?8)",
        params![
            id.to_string(),
            meeting.id.to_string(),
            text,
            raised_by.as_str(),
            next_position(conn, meeting.id)?,
            carried_from.map(|(from, _)| from.to_string()),
            first_raised_on,
            now,
        ],
    )?;
    get(conn, id)
}

/// Adds a talking point at the end of a 1-on-1's agenda.
pub fn add(conn: &Connection, one_on_one_id: Uuid, input: &PointInput) -> Result<TalkingPoint> {
    let text = required_text("text", "a talking point", &input.text, MAX_POINT_CHARS)?;
    let raised_by = Party::parse("raised_by", "raised by", &input.raised_by)?;
    atomic(conn, |conn| {
        let meeting = one_on_ones::get(conn, one_on_one_id)?;
        insert(conn, &meeting, &text, raised_by, None)
    })
}

/// Rewrites a talking point's text and who raised it.
pub fn edit(conn: &Connection, id: Uuid, input: &PointInput) -> Result<TalkingPoint> {
    let text = required_text("text", "a talking point", &input.text, MAX_POINT_CHARS)?;
    let raised_by = Party::parse("raised_by", "raised by", &input.raised_by)?;
    let changed = conn.execute(
        "UPDATE talking_points SET text = ?2, raised_by = ?3, updated_at = ?4 WHERE id = ?1",
        params![id.to_string(), text, raised_by.as_str(), now_timestamp()],
    )?;
    if changed == 0 {
        return Err(Error::not_found("talking point", id));
    }
    get(conn, id)
}

/// Resolves a talking point, or opens it again.
pub fn set_resolved(conn: &Connection, id: Uuid, resolved: bool) -> Result<TalkingPoint> {
    let changed = conn.execute(
        "UPDATE talking_points SET resolved = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.to_string(), resolved, now_timestamp()],
    )?;
    if changed == 0 {
        return Err(Error::not_found("talking point", id));
    }
    get(conn, id)
}

/// Moves a talking point to `index` (0-based, clamped) within its agenda and
/// returns the agenda in its new order.
pub fn move_to(conn: &Connection, id: Uuid, index: usize) -> Result<Vec<TalkingPoint>> {
    atomic(conn, |conn| {
        let point = get(conn, id)?;
        let mut order: Vec<Uuid> = list(conn, point.one_on_one_id)?
            .into_iter()
            .map(|p| p.id)
            .filter(|p| *p != id)
            .collect();
        order.insert(index.min(order.len()), id);
        let mut stmt = conn.prepare("UPDATE talking_points SET position = ?2 WHERE id = ?1")?;
        for (position, point_id) in order.iter().enumerate() {
            stmt.execute(params![point_id.to_string(), position as i64 + 1])?;
        }
        list(conn, point.one_on_one_id)
    })
}

/// Removes a talking point from its agenda.
pub fn delete(conn: &Connection, id: Uuid) -> Result<()> {
    let changed = conn.execute("DELETE FROM talking_points WHERE id = ?1", [id.to_string()])?;
    if changed == 0 {
        return Err(Error::not_found("talking point", id));
    }
    Ok(())
}

/// Copies into `target` every unresolved talking point of the person's
/// earlier *held* 1-on-1s that is not already carried into a live 1-on-1.
/// Idempotent: running it twice carries nothing the second time. Returns how
/// many points were carried.
pub(crate) fn carry_over_into(conn: &Connection, target: &OneOnOne) -> Result<usize> {
    let mut stmt = conn.prepare(
        "SELECT tp.id, tp.text, tp.raised_by, tp.first_raised_on \
         FROM talking_points tp JOIN one_on_ones o ON o.id = tp.one_on_one_id \
         WHERE o.person_id = ?1 AND o.status = 'held' AND o.scheduled_at < ?2 AND o.id <> ?3 \
           AND tp.resolved = 0 \
           AND NOT EXISTS (SELECT 1 FROM talking_points c JOIN one_on_ones co ON co.id = c.one_on_one_id \
                           WHERE c.carried_from_id = tp.id AND co.status IN ('scheduled', 'held')) \
         ORDER BY tp.first_raised_on, o.scheduled_at, tp.position",
    )?;
    let open: Vec<(Uuid, String, String, NaiveDate)> = stmt
        .query_map(
            params![
                target.person_id.to_string(),
                target.scheduled_at,
                target.id.to_string()
            ],
            |row| {
                Ok((
                    uuid_column(row, "id")?,
                    row.get("text")?,
                    row.get("raised_by")?,
                    row.get("first_raised_on")?,
                ))
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    for (from, text, raised_by, first_raised_on) in &open {
        insert(
            conn,
            target,
            text,
            Party::from_stored(raised_by),
            Some((*from, *first_raised_on)),
        )?;
    }
    Ok(open.len())
}
