//! Snoozed reminders as stored: which reminder (by key) is hidden until which
//! day, and for which occurrence of its cause. The rules that decide when a
//! snooze may be set or is dropped live in `crate::reminders`.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::store::now_timestamp;
use crate::{Error, Result};

/// A snooze as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snooze {
    /// The reminder's key, like `one_on_one:<person id>`.
    pub key: String,
    /// The day the cause's clock started when it was snoozed. The snooze
    /// applies only while the reminder still counts from this day.
    pub since: NaiveDate,
    /// Hidden up to and including this day.
    pub until: NaiveDate,
    pub created_at: String,
}

const COLUMNS: &str = "reminder_key, since, until, created_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Snooze> {
    Ok(Snooze {
        key: row.get("reminder_key")?,
        since: row.get("since")?,
        until: row.get("until")?,
        created_at: row.get("created_at")?,
    })
}

/// Every stored snooze, expired ones included, by key.
pub fn list(conn: &Connection) -> Result<Vec<Snooze>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM snoozes ORDER BY reminder_key"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The snooze on `key`, if there is one.
pub fn get(conn: &Connection, key: &str) -> Result<Option<Snooze>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM snoozes WHERE reminder_key = ?1"),
            [key],
            from_row,
        )
        .optional()?)
}

/// Sets (or moves) the snooze on `key`. Unchecked: callers go through
/// `reminders::snooze`.
pub(crate) fn put(
    conn: &Connection,
    key: &str,
    since: NaiveDate,
    until: NaiveDate,
) -> Result<Snooze> {
    conn.execute(
        &format!(
            "INSERT INTO snoozes ({COLUMNS}) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (reminder_key) DO UPDATE SET since = excluded.since, \
             until = excluded.until, created_at = excluded.created_at"
        ),
        params![key, since, until, now_timestamp()],
    )?;
    get(conn, key)?.ok_or_else(|| Error::not_found("snooze", key))
}

/// Removes the snooze on `key`; whether there was one.
pub(crate) fn delete(conn: &Connection, key: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM snoozes WHERE reminder_key = ?1", [key])? > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn put_then_move_then_delete_a_snooze() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let first = put(conn, "feedback:x", day("2026-11-20"), day("2026-12-01")).unwrap();
        assert_eq!(first.until, day("2026-12-01"));
        let moved = put(conn, "feedback:x", day("2026-11-20"), day("2026-12-05")).unwrap();
        assert_eq!(
            moved.until,
            day("2026-12-05"),
            "snoozing again moves the day"
        );
        assert_eq!(list(conn).unwrap(), [moved], "one snooze per reminder");
        assert!(delete(conn, "feedback:x").unwrap());
        assert!(
            !delete(conn, "feedback:x").unwrap(),
            "nothing left to delete"
        );
        assert_eq!(get(conn, "feedback:x").unwrap(), None);
    }

    #[test]
    fn dates_are_stored_as_readable_text() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        put(conn, "conflict:y", day("2024-02-29"), day("2024-03-01")).unwrap();
        let (since, until): (String, String) = conn
            .query_row("SELECT since, until FROM snoozes", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(
            (since.as_str(), until.as_str()),
            ("2024-02-29", "2024-03-01")
        );
    }
}
