//! Settings: the user's choices that change how Candor behaves (reminder
//! thresholds, notifications). Stored as key/value text in `settings`, read
//! through one typed [`Settings`] with defaults, changed through validated
//! [`update`]s.

use std::ops::RangeInclusive;

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::store::{atomic, now_timestamp};
use crate::validate::in_range;
use crate::{Error, Result};

/// A 1-on-1 (or a feedback draft, or a quiet conflict) turns from due to
/// overdue at this many times its threshold, rounded up to a whole day.
pub const DEFAULT_OVERDUE_FACTOR: f64 = 1.5;
pub const OVERDUE_FACTOR_RANGE: RangeInclusive<f64> = 1.0..=5.0;
/// Feedback is best delivered within a day or two of the observation.
pub const DEFAULT_STALE_FEEDBACK_DAYS: i64 = 2;
pub const STALE_FEEDBACK_DAYS_RANGE: RangeInclusive<i64> = 1..=90;
/// An open conflict with no update for a week needs attention.
pub const DEFAULT_QUIET_CONFLICT_DAYS: i64 = 7;
pub const QUIET_CONFLICT_DAYS_RANGE: RangeInclusive<i64> = 1..=365;
/// How far ahead the Due view's "Upcoming" group looks.
pub const DEFAULT_UPCOMING_DAYS: i64 = 3;
pub const UPCOMING_DAYS_RANGE: RangeInclusive<i64> = 0..=30;
pub const DEFAULT_NOTIFICATIONS_ENABLED: bool = true;
/// Daily backups kept beside the journal.
pub const DEFAULT_BACKUPS_KEPT: i64 = 14;
pub const BACKUPS_KEPT_RANGE: RangeInclusive<i64> = 1..=365;
/// An unlocked encrypted journal locks itself after this many idle minutes.
pub const DEFAULT_AUTO_LOCK_MINUTES: i64 = 15;
/// The idle times offered for auto-lock, in minutes; 0 is never.
pub const AUTO_LOCK_CHOICES: [i64; 5] = [0, 5, 15, 30, 60];

const OVERDUE_FACTOR: &str = "overdue_factor";
const STALE_FEEDBACK_DAYS: &str = "stale_feedback_days";
const QUIET_CONFLICT_DAYS: &str = "quiet_conflict_days";
const UPCOMING_DAYS: &str = "upcoming_days";
const NOTIFICATIONS_ENABLED: &str = "notifications_enabled";
const BACKUPS_KEPT: &str = "backups_kept";
const AUTO_LOCK_MINUTES: &str = "auto_lock_minutes";
const ENCRYPTION_OFFERED: &str = "encryption_offered";

/// Every setting, with its default when the user has not chosen.
///
/// Serialized as it is named here, for the Settings screen:
/// `{ "overdue_factor": 1.5, "stale_feedback_days": 2, "quiet_conflict_days":
/// 7, "upcoming_days": 3, "notifications_enabled": true }`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Overdue at `ceil(overdue_factor × threshold)` days, where the
    /// threshold is the person's cadence, the stale-feedback days or the
    /// quiet-conflict days. Between 1 and 5, to the hundredth.
    pub overdue_factor: f64,
    /// A draft or ready feedback is due this many days after the day it was
    /// observed.
    pub stale_feedback_days: i64,
    /// An open or in-progress conflict is due after this many days without an
    /// update.
    pub quiet_conflict_days: i64,
    /// The Due view lists as upcoming what falls due, and the 1-on-1s
    /// scheduled, within this many days (0: today only).
    pub upcoming_days: i64,
    /// Whether the desktop app shows notifications (read by the shell).
    pub notifications_enabled: bool,
    /// How many daily backups to keep.
    pub backups_kept: i64,
    /// Minutes without a key press or click after which the app locks an
    /// encrypted journal (read by the shell and the UI); 0 is never. One
    /// of [`AUTO_LOCK_CHOICES`].
    pub auto_lock_minutes: i64,
    /// Whether the app has asked once to protect this journal with a
    /// passphrase (answered either way): it never asks again.
    pub encryption_offered: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            overdue_factor: DEFAULT_OVERDUE_FACTOR,
            stale_feedback_days: DEFAULT_STALE_FEEDBACK_DAYS,
            quiet_conflict_days: DEFAULT_QUIET_CONFLICT_DAYS,
            upcoming_days: DEFAULT_UPCOMING_DAYS,
            notifications_enabled: DEFAULT_NOTIFICATIONS_ENABLED,
            backups_kept: DEFAULT_BACKUPS_KEPT,
            auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES,
            encryption_offered: false,
        }
    }
}

impl Settings {
    /// The day count at which something due after `threshold_days` turns
    /// overdue: `ceil(overdue_factor × threshold_days)`.
    ///
    /// Computed in whole hundredths, so 1.1 × 10 is exactly 11 (floating
    /// point would make it 11.000000000000002 and round it up to 12).
    pub fn overdue_after(&self, threshold_days: i64) -> i64 {
        let hundredths = (self.overdue_factor * 100.0).round() as i64;
        (hundredths * threshold_days + 99).div_euclid(100)
    }
}

/// What the Settings screen submits: only the settings to change; `None`
/// leaves one as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SettingsInput {
    pub overdue_factor: Option<f64>,
    pub stale_feedback_days: Option<i64>,
    pub quiet_conflict_days: Option<i64>,
    pub upcoming_days: Option<i64>,
    pub notifications_enabled: Option<bool>,
    pub backups_kept: Option<i64>,
    pub auto_lock_minutes: Option<i64>,
    pub encryption_offered: Option<bool>,
}

fn check_overdue_factor(value: f64) -> Result<f64> {
    let field = OVERDUE_FACTOR;
    if !value.is_finite() {
        return Err(Error::invalid(field, "the overdue factor must be a number"));
    }
    if !OVERDUE_FACTOR_RANGE.contains(&value) {
        return Err(Error::invalid(
            field,
            format!(
                "the overdue factor must be between {} and {} (got {value})",
                OVERDUE_FACTOR_RANGE.start(),
                OVERDUE_FACTOR_RANGE.end()
            ),
        ));
    }
    let hundredths = value * 100.0;
    if (hundredths - hundredths.round()).abs() > 1e-6 {
        return Err(Error::invalid(
            field,
            format!(
                "the overdue factor can have at most two decimals, like 1.5 or 1.25 (got {value})"
            ),
        ));
    }
    Ok(hundredths.round() / 100.0)
}

fn check_stale_feedback_days(value: i64) -> Result<i64> {
    in_range(
        STALE_FEEDBACK_DAYS,
        "the stale-feedback threshold",
        value,
        STALE_FEEDBACK_DAYS_RANGE,
        "days",
    )
}

fn check_quiet_conflict_days(value: i64) -> Result<i64> {
    in_range(
        QUIET_CONFLICT_DAYS,
        "the quiet-conflict threshold",
        value,
        QUIET_CONFLICT_DAYS_RANGE,
        "days",
    )
}

fn check_upcoming_days(value: i64) -> Result<i64> {
    in_range(
        UPCOMING_DAYS,
        "the upcoming window",
        value,
        UPCOMING_DAYS_RANGE,
        "days",
    )
}

/// The current settings.
///
/// A stored value that does not parse or is out of range (the file was
/// edited by hand) reads as the default: a bad setting must never keep the
/// Due view from loading.
fn check_backups_kept(value: i64) -> Result<i64> {
    in_range(
        BACKUPS_KEPT,
        "the number of daily backups kept",
        value,
        BACKUPS_KEPT_RANGE,
        "",
    )
    .map_err(|_| {
        Error::invalid(
            BACKUPS_KEPT,
            format!(
                "keep between {} and {} daily backups (got {value})",
                BACKUPS_KEPT_RANGE.start(),
                BACKUPS_KEPT_RANGE.end()
            ),
        )
    })
}

fn check_auto_lock_minutes(value: i64) -> Result<i64> {
    if AUTO_LOCK_CHOICES.contains(&value) {
        Ok(value)
    } else {
        Err(Error::invalid(
            AUTO_LOCK_MINUTES,
            format!("lock after 5, 15, 30 or 60 idle minutes, or never (got {value} minutes)"),
        ))
    }
}

pub fn get(conn: &Connection) -> Result<Settings> {
    let mut settings = Settings::default();
    let mut stmt = conn.prepare_cached("SELECT key, value FROM settings")?;
    let rows = stmt.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (key, value) = row?;
        let value = value.trim();
        match key.as_str() {
            OVERDUE_FACTOR => {
                if let Some(v) = value
                    .parse()
                    .ok()
                    .and_then(|v| check_overdue_factor(v).ok())
                {
                    settings.overdue_factor = v;
                }
            }
            STALE_FEEDBACK_DAYS => {
                if let Some(v) = value
                    .parse()
                    .ok()
                    .and_then(|v| check_stale_feedback_days(v).ok())
                {
                    settings.stale_feedback_days = v;
                }
            }
            QUIET_CONFLICT_DAYS => {
                if let Some(v) = value
                    .parse()
                    .ok()
                    .and_then(|v| check_quiet_conflict_days(v).ok())
                {
                    settings.quiet_conflict_days = v;
                }
            }
            UPCOMING_DAYS => {
                if let Some(v) = value.parse().ok().and_then(|v| check_upcoming_days(v).ok()) {
                    settings.upcoming_days = v;
                }
            }
            NOTIFICATIONS_ENABLED => {
                if let Ok(v) = value.parse() {
                    settings.notifications_enabled = v;
                }
            }
            BACKUPS_KEPT => {
                if let Some(v) = value.parse().ok().and_then(|v| check_backups_kept(v).ok()) {
                    settings.backups_kept = v;
                }
            }
            AUTO_LOCK_MINUTES => {
                if let Some(v) = value
                    .parse()
                    .ok()
                    .and_then(|v| check_auto_lock_minutes(v).ok())
                {
                    settings.auto_lock_minutes = v;
                }
            }
            ENCRYPTION_OFFERED => {
                if let Ok(v) = value.parse() {
                    settings.encryption_offered = v;
                }
            }
            // A key written by a newer Candor, or by hand: not ours to judge.
            _ => {}
        }
    }
    Ok(settings)
}

/// Changes the settings given in `input`, all or none: every value is
/// checked before anything is written.
pub fn update(conn: &Connection, input: &SettingsInput) -> Result<Settings> {
    let mut changes: Vec<(&str, String)> = Vec::new();
    if let Some(v) = input.overdue_factor {
        changes.push((OVERDUE_FACTOR, check_overdue_factor(v)?.to_string()));
    }
    if let Some(v) = input.stale_feedback_days {
        changes.push((
            STALE_FEEDBACK_DAYS,
            check_stale_feedback_days(v)?.to_string(),
        ));
    }
    if let Some(v) = input.quiet_conflict_days {
        changes.push((
            QUIET_CONFLICT_DAYS,
            check_quiet_conflict_days(v)?.to_string(),
        ));
    }
    if let Some(v) = input.upcoming_days {
        changes.push((UPCOMING_DAYS, check_upcoming_days(v)?.to_string()));
    }
    if let Some(v) = input.notifications_enabled {
        changes.push((NOTIFICATIONS_ENABLED, v.to_string()));
    }
    if let Some(v) = input.backups_kept {
        changes.push((BACKUPS_KEPT, check_backups_kept(v)?.to_string()));
    }
    if let Some(v) = input.auto_lock_minutes {
        changes.push((AUTO_LOCK_MINUTES, check_auto_lock_minutes(v)?.to_string()));
    }
    if let Some(v) = input.encryption_offered {
        changes.push((ENCRYPTION_OFFERED, v.to_string()));
    }
    atomic(conn, |conn| {
        let now = now_timestamp();
        let mut stmt = conn.prepare_cached(
            "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        )?;
        for (key, value) in &changes {
            stmt.execute(params![key, value, now])?;
        }
        get(conn)
    })
}

/// Puts every setting back to its default.
pub fn reset(conn: &Connection) -> Result<Settings> {
    conn.execute("DELETE FROM settings", [])?;
    get(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn a_new_journal_reads_the_defaults() {
        let store = Store::open_in_memory().unwrap();
        let settings = get(store.conn()).unwrap();
        assert_eq!(settings, Settings::default());
        assert_eq!(settings.overdue_factor, 1.5);
        assert_eq!(settings.stale_feedback_days, 2);
        assert_eq!(settings.quiet_conflict_days, 7);
        assert_eq!(settings.upcoming_days, 3);
        assert_eq!(settings.backups_kept, 14, "two weeks of daily backups");
        let err = update(
            store.conn(),
            &SettingsInput {
                backups_kept: Some(0),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("backups_kept"));
        assert!(
            settings.notifications_enabled,
            "notifications are on by default"
        );
    }

    #[test]
    fn an_update_changes_only_what_it_names_and_is_kept() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let changed = update(
            conn,
            &SettingsInput {
                overdue_factor: Some(2.0),
                notifications_enabled: Some(false),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(changed.overdue_factor, 2.0);
        assert!(!changed.notifications_enabled);
        assert_eq!(
            changed.quiet_conflict_days, 7,
            "untouched settings keep their value"
        );
        assert_eq!(get(conn).unwrap(), changed, "the change is stored");
        update(
            conn,
            &SettingsInput {
                upcoming_days: Some(0),
                ..Default::default()
            },
        )
        .unwrap();
        let again = get(conn).unwrap();
        assert_eq!(again.upcoming_days, 0);
        assert_eq!(
            again.overdue_factor, 2.0,
            "an earlier change survives a later one"
        );
        assert_eq!(reset(conn).unwrap(), Settings::default());
    }

    #[test]
    fn out_of_range_values_are_refused_with_their_field_and_nothing_is_written() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let cases: Vec<(SettingsInput, &str, &str)> = vec![
            (
                SettingsInput {
                    overdue_factor: Some(0.9),
                    ..Default::default()
                },
                "overdue_factor",
                "between 1 and 5",
            ),
            (
                SettingsInput {
                    overdue_factor: Some(5.5),
                    ..Default::default()
                },
                "overdue_factor",
                "between 1 and 5",
            ),
            (
                SettingsInput {
                    overdue_factor: Some(f64::NAN),
                    ..Default::default()
                },
                "overdue_factor",
                "must be a number",
            ),
            (
                SettingsInput {
                    overdue_factor: Some(1.333),
                    ..Default::default()
                },
                "overdue_factor",
                "two decimals",
            ),
            (
                SettingsInput {
                    stale_feedback_days: Some(0),
                    ..Default::default()
                },
                "stale_feedback_days",
                "between 1 and 90 days",
            ),
            (
                SettingsInput {
                    quiet_conflict_days: Some(366),
                    ..Default::default()
                },
                "quiet_conflict_days",
                "between 1 and 365 days",
            ),
            (
                SettingsInput {
                    upcoming_days: Some(-1),
                    ..Default::default()
                },
                "upcoming_days",
                "between 0 and 30 days",
            ),
        ];
        for (mut input, field, words) in cases {
            // A valid change alongside the bad one must not be written either.
            input.notifications_enabled = Some(false);
            let err = update(conn, &input).unwrap_err();
            assert_eq!(err.field(), Some(field), "{input:?}");
            assert!(err.to_string().contains(words), "{err}");
        }
        assert_eq!(
            get(conn).unwrap(),
            Settings::default(),
            "a refused update writes nothing"
        );
    }

    #[test]
    fn auto_lock_takes_one_of_the_offered_idle_times_and_the_offer_is_remembered() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        assert_eq!(
            get(conn).unwrap().auto_lock_minutes,
            15,
            "15 minutes by default"
        );
        assert!(!get(conn).unwrap().encryption_offered, "not asked yet");
        for minutes in AUTO_LOCK_CHOICES {
            let set = update(
                conn,
                &SettingsInput {
                    auto_lock_minutes: Some(minutes),
                    ..Default::default()
                },
            )
            .unwrap();
            assert_eq!(set.auto_lock_minutes, minutes);
        }
        let err = update(
            conn,
            &SettingsInput {
                auto_lock_minutes: Some(7),
                encryption_offered: Some(true),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("auto_lock_minutes"));
        assert!(err.to_string().contains("or never"), "{err}");
        assert!(
            !get(conn).unwrap().encryption_offered,
            "nothing was written"
        );
        let offered = update(
            conn,
            &SettingsInput {
                encryption_offered: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(offered.encryption_offered);
        assert_eq!(offered.auto_lock_minutes, 60, "the last valid choice stays");
    }

    #[test]
    fn a_hand_edited_bad_value_reads_as_the_default() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        conn.execute_batch(
            "INSERT INTO settings VALUES ('overdue_factor', 'lots', 'x'), \
             ('quiet_conflict_days', '0', 'x'), ('upcoming_days', ' 5 ', 'x'), \
             ('from_the_future', '1', 'x')",
        )
        .unwrap();
        let settings = get(conn).unwrap();
        assert_eq!(settings.overdue_factor, 1.5);
        assert_eq!(settings.quiet_conflict_days, 7);
        assert_eq!(settings.upcoming_days, 5, "surrounding spaces are forgiven");
    }

    #[test]
    fn overdue_after_rounds_up_exactly() {
        let at = |factor: f64, days: i64| {
            Settings {
                overdue_factor: factor,
                ..Default::default()
            }
            .overdue_after(days)
        };
        assert_eq!(at(1.5, 7), 11, "10.5 days round up to 11");
        assert_eq!(at(1.5, 14), 21);
        assert_eq!(at(1.5, 1), 2);
        assert_eq!(at(1.5, 2), 3);
        assert_eq!(at(1.1, 10), 11, "no floating-point creep past a whole day");
        assert_eq!(
            at(1.0, 7),
            7,
            "a factor of 1 makes due and overdue the same day"
        );
        assert_eq!(at(2.0, 30), 60);
    }
}
