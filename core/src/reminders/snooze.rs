//! Snoozing a reminder until a day, bringing it back, and dropping the
//! snoozes whose cause is resolved.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use rusqlite::Connection;

use super::{current, Reminder};
use crate::store::atomic;
use crate::store::snoozes::{self, Snooze};
use crate::validate::parse_date;
use crate::{Error, Result};

/// The furthest a reminder can be snoozed, in days from today.
pub const MAX_SNOOZE_DAYS: u64 = 366;

/// Hides the current reminder `key` up to and including `until`
/// (`YYYY-MM-DD`, after `today`, at most a year ahead). Snoozing a snoozed
/// reminder moves its day. Also prunes dead snoozes.
pub fn snooze(conn: &Connection, key: &str, until: &str, today: NaiveDate) -> Result<Snooze> {
    let key = key.trim();
    let until = parse_date("until", "the day to snooze until", until)?;
    if until <= today {
        return Err(Error::invalid(
            "until",
            format!(
                "a reminder can only be snoozed until a day after today ({today}); got {until}"
            ),
        ));
    }
    if today
        .checked_add_days(Days::new(MAX_SNOOZE_DAYS))
        .is_some_and(|latest| until > latest)
    {
        return Err(Error::invalid(
            "until",
            format!("a reminder can be snoozed for at most a year (got {until})"),
        ));
    }
    atomic(conn, |conn| {
        let reminders = current(conn, today)?;
        let Some(reminder) = reminders.iter().find(|r| r.key == key) else {
            return Err(Error::invalid(
                "key",
                format!(
                    "there is no current reminder \"{key}\" to snooze; \
                     it may have been resolved already"
                ),
            ));
        };
        let since = reminder.since;
        prune(conn, &reminders, today)?;
        snoozes::put(conn, key, since, until)
    })
}

/// Brings a snoozed reminder back now.
pub fn unsnooze(conn: &Connection, key: &str) -> Result<()> {
    let key = key.trim();
    if !snoozes::delete(conn, key)? {
        return Err(Error::not_found("snooze", key));
    }
    Ok(())
}

/// Deletes the stored snoozes that can no longer hide anything on `today`:
/// those whose key produces no reminder any more (its cause was resolved),
/// whose reminder now counts from another day (the cause was resolved and
/// came back), or whose day has passed. Returns how many were deleted.
///
/// [`due`](super::due) never writes, and a dead snooze never hides a
/// reminder, so calling this is housekeeping: [`snooze`] runs it, and the
/// shell may run it at start-up.
pub fn prune_snoozes(conn: &Connection, today: NaiveDate) -> Result<usize> {
    atomic(conn, |conn| prune(conn, &current(conn, today)?, today))
}

fn prune(conn: &Connection, reminders: &[Reminder], today: NaiveDate) -> Result<usize> {
    let since: HashMap<&str, NaiveDate> = reminders
        .iter()
        .map(|r| (r.key.as_str(), r.since))
        .collect();
    let mut deleted = 0;
    for snooze in snoozes::list(conn)? {
        let alive = since.get(snooze.key.as_str()) == Some(&snooze.since) && today <= snooze.until;
        if !alive && snoozes::delete(conn, &snooze.key)? {
            deleted += 1;
        }
    }
    Ok(deleted)
}
