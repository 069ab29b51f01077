//! Reminders: the conversations the manager owes, derived from the records
//! and a given `today`, ranked most urgent first, with snoozes.
//!
//! Nothing here reads the system clock: every function takes `today`, so the
//! rules are testable and the CLI can ask "what was due on ...".
//!
//! # The rules
//!
//! Thresholds come from [`settings`](crate::store::settings); "overdue at
//! ceil(f × T)" uses the overdue factor `f` (default 1.5). A day count is
//! always `today − since` in whole calendar days.
//!
//! | kind | cause | since | levels |
//! | --- | --- | --- | --- |
//! | `one_on_one` | an active person's 1-on-1s | their last **held** 1-on-1; if none, the later of their start date and the day they were added | due at the cadence, overdue at ceil(f × cadence), upcoming when it falls due within the upcoming window |
//! | `missed_one_on_one` | a 1-on-1 still scheduled for a day before today | its day | due |
//! | `scheduled_one_on_one` | a 1-on-1 scheduled from today to the end of the upcoming window | its day | upcoming |
//! | `redirecting_feedback`, `reinforcing_feedback` | a draft or ready feedback | the day observed | due at the stale-feedback days (2), overdue at ceil(f × 2) = 3 |
//! | `quiet_conflict` | an open or in-progress conflict | its newest update's day, or the day it surfaced | due at the quiet-conflict days (7), overdue at ceil(f × 7) = 11 |
//! | `my_action_item`, `their_action_item` | an action item not done, with a due date | its due date | due on the day, overdue after |
//!
//! Decisions worth knowing:
//!
//! - Archived people never appear: not their 1-on-1s, feedback or action
//!   items. A conflict stays whoever its parties are.
//! - Someone never met counts from the later of their start date and the day
//!   they were added (the date of `created_at`, in UTC): adding a team you
//!   have managed for years does not make everyone overdue on day one, and a
//!   new hire added before they start counts from their first day. Someone
//!   whose start date is still ahead gets no 1-on-1 reminder yet.
//! - A missed 1-on-1 (scheduled, its day passed, not marked held, cancelled or
//!   rescheduled) is a reminder of its own, one per meeting, whose action is
//!   to record what happened. Marking it held usually resolves the person's
//!   `one_on_one` reminder too.
//! - A 1-on-1 scheduled in the future does not make an overdue person less
//!   overdue (overdue counts from held); the reason mentions it. It does
//!   replace the *upcoming* warning when it is booked on or before the day
//!   the person falls due: nothing needs doing then.
//! - A scheduled 1-on-1 within the window is listed as upcoming even when its
//!   person is also due or overdue: one row says "late", the other "booked".
//! - Goals past their target date: not a rule yet; its place and shape are
//!   written down in `rules::all`.
//!
//! # Ranking
//!
//! Overdue, then due, then upcoming. Within a level: the earliest `due_on`
//! first (longest past due, or soonest to come), then by kind (redirecting
//! feedback first, see [`Kind`]), then by name (the person's, else the
//! title), then by key. The order is total, so the list is deterministic.
//!
//! # Snoozes
//!
//! Any current reminder can be snoozed until a later day: it is hidden up to
//! and including that day and comes back after it only if its cause still
//! holds. A snooze belongs to one occurrence of a cause (its key and its
//! `since`): once the cause is resolved the snooze no longer applies, even
//! if the same cause comes back later. [`due`] only reads; the stored rows of
//! resolved or expired snoozes are deleted by [`prune_snoozes`], which
//! [`snooze`] also runs. The shell may call it at start-up; skipping it only
//! leaves dead rows, never hides a reminder.

mod rules;
mod snooze;
mod text;

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::store::{atomic, settings, snoozes};
use crate::Result;

pub use snooze::{prune_snoozes, snooze, unsnooze, MAX_SNOOZE_DAYS};
pub use text::summary;

/// How urgent a reminder is. Declared most urgent first, so the derived
/// order is the ranking order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Well past its threshold (a 1-on-1 at 1.5 × cadence, an action item
    /// after its due date, ...). The sidebar counts these; notifications
    /// announce them.
    Overdue,
    /// At or past its threshold.
    Due,
    /// Falls due, or is scheduled, within the upcoming window.
    Upcoming,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Overdue => "overdue",
            Level::Due => "due",
            Level::Upcoming => "upcoming",
        }
    }
}

/// What a reminder is about. The `subject_id` of a reminder names a record
/// of the kind given here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A person's next 1-on-1, by their cadence. Subject: the person.
    OneOnOne,
    /// A 1-on-1 whose day passed while still scheduled. Subject: the 1-on-1.
    MissedOneOnOne,
    /// A 1-on-1 scheduled within the upcoming window. Subject: the 1-on-1.
    ScheduledOneOnOne,
    /// Redirecting feedback not delivered yet. Subject: the feedback.
    RedirectingFeedback,
    /// Reinforcing feedback not delivered yet. Subject: the feedback.
    ReinforcingFeedback,
    /// An open or in-progress conflict with no recent update. Subject: the
    /// conflict.
    QuietConflict,
    /// An action item the manager owns. Subject: the action item.
    MyActionItem,
    /// An action item the person owns. Subject: the action item.
    TheirActionItem,
    /// An active goal past its target date. Subject: the goal.
    Goal,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::OneOnOne => "one_on_one",
            Kind::MissedOneOnOne => "missed_one_on_one",
            Kind::ScheduledOneOnOne => "scheduled_one_on_one",
            Kind::RedirectingFeedback => "redirecting_feedback",
            Kind::ReinforcingFeedback => "reinforcing_feedback",
            Kind::QuietConflict => "quiet_conflict",
            Kind::MyActionItem => "my_action_item",
            Kind::TheirActionItem => "their_action_item",
            Kind::Goal => "goal",
        }
    }

    /// Order within a level when two reminders fell due the same day:
    /// redirecting feedback loses the most by waiting, then the 1-on-1s and
    /// conflicts (conversations owed), then the manager's own promises before
    /// reinforcing feedback and the person's promises; a meeting already
    /// booked last.
    fn priority(self) -> u8 {
        match self {
            Kind::RedirectingFeedback => 0,
            Kind::OneOnOne => 1,
            Kind::MissedOneOnOne => 2,
            Kind::QuietConflict => 3,
            Kind::Goal => 4,
            Kind::MyActionItem => 5,
            Kind::ReinforcingFeedback => 6,
            Kind::TheirActionItem => 7,
            Kind::ScheduledOneOnOne => 8,
        }
    }

    /// Whether acting on it means talking to someone (for the summary).
    fn is_conversation(self) -> bool {
        !matches!(self, Kind::MyActionItem | Kind::TheirActionItem)
    }
}

/// The person a reminder is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub id: Uuid,
    pub name: String,
}

/// One reminder: what is owed, how urgent, and why in words.
///
/// Serialized (IPC, `candor due --json`) in this stable shape; fields are
/// only ever added:
///
/// ```json
/// {
///   "key": "one_on_one:5b2f…",          // stable id of the cause; snoozes use it
///   "kind": "one_on_one",               // see Kind, snake_case
///   "level": "overdue",                 // "overdue" | "due" | "upcoming"
///   "person": { "id": "5b2f…", "name": "Ana" },   // or null (conflicts)
///   "subject_id": "5b2f…",              // the record to open (see Kind)
///   "title": null,                      // conflict title, action item text, else null
///   "since": "2026-11-17",              // the day the clock started
///   "due_on": "2026-11-24",             // the day it fell (or falls) due
///   "days": 12,                         // today − since, in days
///   "reason": "Last 1-on-1 with Ana was 12 days ago; cadence 7 days"
/// }
/// ```
///
/// Keys: `one_on_one:<person id>`, `missed_one_on_one:<1-on-1 id>`,
/// `scheduled_one_on_one:<1-on-1 id>`, `feedback:<id>`, `conflict:<id>`,
/// `action_item:<id>`. `days` is negative only for a `scheduled_one_on_one`
/// still ahead (minus the days until it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub key: String,
    pub kind: Kind,
    pub level: Level,
    pub person: Option<PersonRef>,
    pub subject_id: Uuid,
    pub title: Option<String>,
    pub since: NaiveDate,
    pub due_on: NaiveDate,
    pub days: i64,
    pub reason: String,
}

impl Reminder {
    /// A short name for the reminder, with no record text beyond names and
    /// titles ("1-on-1 with Ana", "feedback for Bo"): for notifications.
    pub fn label(&self) -> String {
        text::label(self)
    }
}

/// How many reminders of each level the list holds (snoozed ones excluded).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub overdue: usize,
    pub due: usize,
    pub upcoming: usize,
}

/// The Due view: `{ "today": "2026-11-29", "reminders": [Reminder, …],
/// "counts": { "overdue": 2, "due": 1, "upcoming": 3 }, "snoozed": 1 }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueList {
    pub today: NaiveDate,
    /// Ranked, most urgent first; snoozed reminders left out.
    pub reminders: Vec<Reminder>,
    /// Per level, for the sidebar badge (`counts.overdue`) and the groups.
    pub counts: Counts,
    /// How many current reminders are hidden by a snooze.
    pub snoozed: usize,
}

/// A reminder hidden by a snooze, and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnoozedReminder {
    pub reminder: Reminder,
    /// Hidden up to and including this day.
    pub until: NaiveDate,
}

/// Every reminder whose cause holds on `today`, snoozed or not, ranked.
pub fn current(conn: &Connection, today: NaiveDate) -> Result<Vec<Reminder>> {
    // One snapshot: every rule sees the same records.
    atomic(conn, |conn| {
        let settings = settings::get(conn)?;
        let mut reminders = rules::all(conn, today, &settings)?;
        rank(&mut reminders);
        Ok(reminders)
    })
}

/// The Due view for `today`: current reminders ranked, snoozed ones left
/// out and counted. Reads only.
pub fn due(conn: &Connection, today: NaiveDate) -> Result<DueList> {
    let (shown, hidden) = split_snoozed(conn, today)?;
    let mut counts = Counts::default();
    for reminder in &shown {
        match reminder.level {
            Level::Overdue => counts.overdue += 1,
            Level::Due => counts.due += 1,
            Level::Upcoming => counts.upcoming += 1,
        }
    }
    Ok(DueList {
        today,
        reminders: shown,
        counts,
        snoozed: hidden.len(),
    })
}

/// The reminders hidden by a snooze on `today`, ranked: for a "Snoozed"
/// list where they can be brought back.
pub fn snoozed(conn: &Connection, today: NaiveDate) -> Result<Vec<SnoozedReminder>> {
    Ok(split_snoozed(conn, today)?.1)
}

fn split_snoozed(
    conn: &Connection,
    today: NaiveDate,
) -> Result<(Vec<Reminder>, Vec<SnoozedReminder>)> {
    let (reminders, snoozes) = atomic(conn, |conn| {
        Ok((current(conn, today)?, snoozes::list(conn)?))
    })?;
    let snoozes: HashMap<String, snoozes::Snooze> =
        snoozes.into_iter().map(|s| (s.key.clone(), s)).collect();
    let mut shown = Vec::with_capacity(reminders.len());
    let mut hidden = Vec::new();
    for reminder in reminders {
        match snoozes.get(&reminder.key) {
            Some(s) if applies(s, &reminder, today) => hidden.push(SnoozedReminder {
                until: s.until,
                reminder,
            }),
            _ => shown.push(reminder),
        }
    }
    Ok((shown, hidden))
}

/// Whether `snooze` hides `reminder` on `today`: same occurrence of the
/// cause, and not yet past its day.
fn applies(snooze: &snoozes::Snooze, reminder: &Reminder, today: NaiveDate) -> bool {
    snooze.key == reminder.key && snooze.since == reminder.since && today <= snooze.until
}

/// Most urgent first; see the module documentation.
fn rank(reminders: &mut [Reminder]) {
    reminders.sort_by_cached_key(|r| {
        let name = r
            .person
            .as_ref()
            .map(|p| p.name.as_str())
            .or(r.title.as_deref())
            .unwrap_or("");
        (
            r.level,
            r.due_on,
            r.kind.priority(),
            text::sort_key(name),
            r.key.clone(),
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reminder(key: &str, kind: Kind, level: Level, due_on: &str, name: &str) -> Reminder {
        let due_on = NaiveDate::parse_from_str(due_on, "%Y-%m-%d").unwrap();
        Reminder {
            key: key.into(),
            kind,
            level,
            person: Some(PersonRef {
                id: Uuid::nil(),
                name: name.into(),
            }),
            subject_id: Uuid::nil(),
            title: None,
            since: due_on,
            due_on,
            days: 0,
            reason: String::new(),
        }
    }

    #[test]
    fn ranking_is_level_then_longest_past_due_then_kind_then_name_then_key() {
        use Kind::*;
        let mut list = vec![
            reminder("k", OneOnOne, Level::Upcoming, "2026-11-30", "Ana"),
            reminder(
                "j",
                ReinforcingFeedback,
                Level::Overdue,
                "2026-11-20",
                "Ana",
            ),
            reminder(
                "i",
                RedirectingFeedback,
                Level::Overdue,
                "2026-11-20",
                "Zoe",
            ),
            reminder("h", OneOnOne, Level::Overdue, "2026-11-10", "Zoe"),
            reminder("g", OneOnOne, Level::Due, "2026-11-01", "Ana"),
            reminder("b", OneOnOne, Level::Overdue, "2026-11-20", "émile"),
            reminder("a", OneOnOne, Level::Overdue, "2026-11-20", "Emile"),
            reminder("c", OneOnOne, Level::Overdue, "2026-11-20", "Bo"),
        ];
        rank(&mut list);
        let keys: Vec<&str> = list.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(
            keys,
            ["h", "i", "c", "a", "b", "j", "g", "k"],
            "overdue before due before upcoming; longest past due first; redirecting \
             feedback before other kinds on the same day; names ignore case and accents; \
             the key breaks the last tie"
        );
    }

    #[test]
    fn levels_and_kinds_serialize_as_their_names() {
        for level in [Level::Overdue, Level::Due, Level::Upcoming] {
            assert_eq!(serde_json::to_value(level).unwrap(), level.as_str());
        }
        for kind in [
            Kind::OneOnOne,
            Kind::MissedOneOnOne,
            Kind::ScheduledOneOnOne,
            Kind::RedirectingFeedback,
            Kind::ReinforcingFeedback,
            Kind::QuietConflict,
            Kind::MyActionItem,
            Kind::TheirActionItem,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }
}
