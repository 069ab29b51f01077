//! The reminder rules, one set-based query each: a journal of ten years and
//! two hundred people costs a handful of index lookups, never a query per
//! person per rule.

use chrono::{Days, NaiveDate};
use rusqlite::{params, Connection};
use uuid::Uuid;

use super::text::{self, Clock};
use super::{Kind, Level, PersonRef, Reminder};
use crate::store::settings::Settings;
use crate::store::uuid_column;
use crate::Result;

/// Every reminder whose cause holds on `today`, unranked.
pub(super) fn all(
    conn: &Connection,
    today: NaiveDate,
    settings: &Settings,
) -> Result<Vec<Reminder>> {
    let mut out = Vec::new();
    one_on_ones(conn, today, settings, &mut out)?;
    scheduled_one_on_ones(conn, today, settings, &mut out)?;
    feedback(conn, today, settings, &mut out)?;
    conflicts(conn, today, settings, &mut out)?;
    action_items(conn, today, &mut out)?;
    goals(conn, today, &mut out)?;
    Ok(out)
}

/// Active people with their last held and next scheduled 1-on-1. Both
/// subqueries are single lookups in the partial indexes `one_on_ones_held`
/// and `one_on_ones_scheduled`.
const CADENCE_SQL: &str = "\
    SELECT p.id, p.name, p.cadence_days, p.start_date, \
           substr(p.created_at, 1, 10) AS added_on, \
           (SELECT max(o.held_on) FROM one_on_ones o \
             WHERE o.person_id = p.id AND o.status = 'held') AS last_held_on, \
           (SELECT min(o.scheduled_at) FROM one_on_ones o \
             WHERE o.person_id = p.id AND o.status = 'scheduled' \
               AND o.scheduled_at >= ?1) AS next_scheduled_at \
    FROM people p WHERE p.archived_at IS NULL";

/// 1-on-1s of active people still scheduled before `?1`.
const SCHEDULED_SQL: &str = "\
    SELECT o.id, o.person_id, p.name, o.scheduled_at \
    FROM one_on_ones o JOIN people p ON p.id = o.person_id \
    WHERE o.status = 'scheduled' AND o.scheduled_at < ?1 AND p.archived_at IS NULL";

/// Draft and ready feedback of active people observed on or before `?1`.
const FEEDBACK_SQL: &str = "\
    SELECT f.id, f.person_id, p.name, f.kind, f.status, f.observed_on \
    FROM feedback f JOIN people p ON p.id = f.person_id \
    WHERE f.status IN ('draft', 'ready') AND f.observed_on <= ?1 AND p.archived_at IS NULL";

/// Open and in-progress conflicts whose last activity (the newest update's
/// day, or the day it surfaced, as the conflict list defines it) is on or
/// before `?1`.
const CONFLICTS_SQL: &str = "\
    SELECT id, title, last_activity, has_updates FROM ( \
        SELECT c.id, c.title, \
               coalesce((SELECT max(u.noted_on) FROM conflict_updates u \
                          WHERE u.conflict_id = c.id), c.surfaced_on) AS last_activity, \
               EXISTS (SELECT 1 FROM conflict_updates u \
                        WHERE u.conflict_id = c.id) AS has_updates \
        FROM conflicts c WHERE c.status IN ('open', 'in_progress')) \
    WHERE last_activity <= ?1";

/// Open action items of active people due on or before `?1`.
const ACTION_ITEMS_SQL: &str = "\
    SELECT a.id, a.person_id, p.name, a.text, a.owner, a.due_on \
    FROM action_items a JOIN people p ON p.id = a.person_id \
    WHERE a.done_on IS NULL AND a.due_on <= ?1 AND p.archived_at IS NULL";

/// Active goals of active people whose target day has passed.
const GOALS_SQL: &str = "\
    SELECT g.id, g.person_id, p.name, g.title, g.target_on \
    FROM goals g JOIN people p ON p.id = g.person_id \
    WHERE g.status = 'active' AND g.target_on < ?1 AND p.archived_at IS NULL";

fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    let shifted = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    shifted.unwrap_or(date)
}

/// Who is due for a 1-on-1, by cadence, counted from the last held one.
fn one_on_ones(
    conn: &Connection,
    today: NaiveDate,
    settings: &Settings,
    out: &mut Vec<Reminder>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(CADENCE_SQL)?;
    let mut rows = stmt.query([today])?;
    while let Some(row) = rows.next()? {
        let person = PersonRef {
            id: uuid_column(row, "id")?,
            name: row.get("name")?,
        };
        let cadence: i64 = row.get("cadence_days")?;
        let last_held: Option<NaiveDate> = row.get("last_held_on")?;
        let start: Option<NaiveDate> = row.get("start_date")?;
        let added: NaiveDate = row.get("added_on")?;
        let next: Option<String> = row.get("next_scheduled_at")?;

        let (since, clock) = match (last_held, start) {
            (Some(held), _) => (held, Clock::Held),
            (None, Some(start)) if start > added => (start, Clock::Started),
            (None, _) => (added, Clock::Added),
        };
        if since > today {
            // Not started yet: the clock has not begun.
            continue;
        }
        let days = (today - since).num_days();
        let due_on = add_days(since, cadence);
        let next_day = next.as_deref().and_then(text::scheduled_day);
        let level = if days >= settings.overdue_after(cadence) {
            Level::Overdue
        } else if days >= cadence {
            Level::Due
        } else if cadence - days <= settings.upcoming_days
            && next_day.is_none_or(|day| day > due_on)
        {
            Level::Upcoming
        } else {
            continue;
        };
        let reason = text::one_on_one_reason(
            &person.name,
            clock,
            days,
            cadence,
            level,
            (due_on - today).num_days(),
            next.as_deref(),
            today,
        );
        out.push(Reminder {
            key: format!("one_on_one:{}", person.id),
            kind: Kind::OneOnOne,
            level,
            subject_id: person.id,
            person: Some(person),
            title: None,
            since,
            due_on,
            days,
            reason,
        });
    }
    Ok(())
}

/// 1-on-1s still scheduled: missed ones (their day passed) and those within
/// the upcoming window.
fn scheduled_one_on_ones(
    conn: &Connection,
    today: NaiveDate,
    settings: &Settings,
    out: &mut Vec<Reminder>,
) -> Result<()> {
    // `scheduled_at` is 'YYYY-MM-DDTHH:MM', so comparing it with the day
    // after the window as text keeps every time of the window's last day.
    let after_window = add_days(today, settings.upcoming_days + 1);
    let mut stmt = conn.prepare_cached(SCHEDULED_SQL)?;
    let mut rows = stmt.query([after_window])?;
    while let Some(row) = rows.next()? {
        let id: Uuid = uuid_column(row, "id")?;
        let person = PersonRef {
            id: uuid_column(row, "person_id")?,
            name: row.get("name")?,
        };
        let at: String = row.get("scheduled_at")?;
        let Some(day) = text::scheduled_day(&at) else {
            continue;
        };
        let days = (today - day).num_days();
        let (key, kind, level, due_on) = if day < today {
            (
                format!("missed_one_on_one:{id}"),
                Kind::MissedOneOnOne,
                Level::Due,
                add_days(day, 1),
            )
        } else {
            (
                format!("scheduled_one_on_one:{id}"),
                Kind::ScheduledOneOnOne,
                Level::Upcoming,
                day,
            )
        };
        let reason = if kind == Kind::MissedOneOnOne {
            text::missed_reason(&person.name, day, days)
        } else {
            text::scheduled_reason(&person.name, &at, -days)
        };
        out.push(Reminder {
            key,
            kind,
            level,
            person: Some(person),
            subject_id: id,
            title: None,
            since: day,
            due_on,
            days,
            reason,
        });
    }
    Ok(())
}

/// Draft and ready feedback older than the stale-feedback threshold.
fn feedback(
    conn: &Connection,
    today: NaiveDate,
    settings: &Settings,
    out: &mut Vec<Reminder>,
) -> Result<()> {
    let threshold = settings.stale_feedback_days;
    let mut stmt = conn.prepare_cached(FEEDBACK_SQL)?;
    let mut rows = stmt.query([add_days(today, -threshold)])?;
    while let Some(row) = rows.next()? {
        let id: Uuid = uuid_column(row, "id")?;
        let person = PersonRef {
            id: uuid_column(row, "person_id")?,
            name: row.get("name")?,
        };
        let redirecting = row.get::<_, String>("kind")? == "redirecting";
        let ready = row.get::<_, String>("status")? == "ready";
        let observed_on: NaiveDate = row.get("observed_on")?;
        let days = (today - observed_on).num_days();
        let level = if days >= settings.overdue_after(threshold) {
            Level::Overdue
        } else {
            Level::Due
        };
        out.push(Reminder {
            key: format!("feedback:{id}"),
            kind: if redirecting {
                Kind::RedirectingFeedback
            } else {
                Kind::ReinforcingFeedback
            },
            level,
            reason: text::feedback_reason(&person.name, redirecting, ready, days),
            person: Some(person),
            subject_id: id,
            title: None,
            since: observed_on,
            due_on: add_days(observed_on, threshold),
            days,
        });
    }
    Ok(())
}

/// Open and in-progress conflicts with no update for the quiet-conflict
/// threshold.
fn conflicts(
    conn: &Connection,
    today: NaiveDate,
    settings: &Settings,
    out: &mut Vec<Reminder>,
) -> Result<()> {
    let threshold = settings.quiet_conflict_days;
    let mut stmt = conn.prepare_cached(CONFLICTS_SQL)?;
    let mut rows = stmt.query(params![add_days(today, -threshold)])?;
    while let Some(row) = rows.next()? {
        let id: Uuid = uuid_column(row, "id")?;
        let title: String = row.get("title")?;
        let last_activity: NaiveDate = row.get("last_activity")?;
        let has_updates: bool = row.get("has_updates")?;
        let days = (today - last_activity).num_days();
        let level = if days >= settings.overdue_after(threshold) {
            Level::Overdue
        } else {
            Level::Due
        };
        out.push(Reminder {
            key: format!("conflict:{id}"),
            kind: Kind::QuietConflict,
            level,
            person: None,
            subject_id: id,
            reason: text::conflict_reason(&title, has_updates, days),
            title: Some(title),
            since: last_activity,
            due_on: add_days(last_activity, threshold),
            days,
        });
    }
    Ok(())
}

/// Action items not done whose due date is today or past.
fn action_items(conn: &Connection, today: NaiveDate, out: &mut Vec<Reminder>) -> Result<()> {
    let mut stmt = conn.prepare_cached(ACTION_ITEMS_SQL)?;
    let mut rows = stmt.query([today])?;
    while let Some(row) = rows.next()? {
        let id: Uuid = uuid_column(row, "id")?;
        let person = PersonRef {
            id: uuid_column(row, "person_id")?,
            name: row.get("name")?,
        };
        let item: String = row.get("text")?;
        let mine = row.get::<_, String>("owner")? == "me";
        let due_on: NaiveDate = row.get("due_on")?;
        let days = (today - due_on).num_days();
        out.push(Reminder {
            key: format!("action_item:{id}"),
            kind: if mine {
                Kind::MyActionItem
            } else {
                Kind::TheirActionItem
            },
            level: if days > 0 { Level::Overdue } else { Level::Due },
            reason: text::action_item_reason(&person.name, mine, &item, days),
            person: Some(person),
            subject_id: id,
            title: Some(item),
            since: due_on,
            due_on,
            days,
        });
    }
    Ok(())
}

/// A goal past its target: overdue from the day after (achieving, dropping
/// or moving the target resolves it).
fn goals(conn: &Connection, today: NaiveDate, out: &mut Vec<Reminder>) -> Result<()> {
    let mut stmt = conn.prepare_cached(GOALS_SQL)?;
    let mut rows = stmt.query([today])?;
    while let Some(row) = rows.next()? {
        let id: Uuid = uuid_column(row, "id")?;
        let person = PersonRef {
            id: uuid_column(row, "person_id")?,
            name: row.get("name")?,
        };
        let title: String = row.get("title")?;
        let target_on: NaiveDate = row.get("target_on")?;
        let days = (today - target_on).num_days();
        out.push(Reminder {
            key: format!("goal:{id}"),
            kind: Kind::Goal,
            level: Level::Overdue,
            reason: text::goal_reason(&person.name, &title, days),
            person: Some(person),
            subject_id: id,
            title: Some(title),
            since: target_on,
            due_on: target_on,
            days,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    /// Each rule must stay a handful of index lookups however old the
    /// journal: no query may read a whole table of records. `people` is the
    /// one table scanned (the team, not its history); partial indexes of
    /// what is still open are small by construction.
    #[test]
    fn no_rule_reads_a_whole_table_of_records() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        for sql in [
            CADENCE_SQL,
            SCHEDULED_SQL,
            FEEDBACK_SQL,
            CONFLICTS_SQL,
            ACTION_ITEMS_SQL,
            GOALS_SQL,
        ] {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let plan: Vec<String> = stmt
                .query_map(["2026-11-29"], |row| row.get::<_, String>(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            for step in &plan {
                let full_scan = step.starts_with("SCAN ") && !step.contains(" USING ");
                assert!(
                    !full_scan || step == "SCAN p",
                    "a rule reads a whole table ({step}) in:\n{sql}\nplan: {plan:#?}"
                );
            }
        }
    }
}
