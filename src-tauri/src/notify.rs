//! Desktop notifications of what became overdue: once when the app starts,
//! then at most once a day per reminder while it runs. A machine without a
//! notification service must not make the app fail: showing is best effort
//! and failures are logged without any record text.
//!
//! A locked journal notifies nothing (nothing can be read). An encrypted
//! one, unlocked, notifies a count only, never a name: the desktop keeps
//! notifications in its history, in the clear, after the journal locks.

use std::collections::HashMap;
use std::time::Duration;

use candor_core::reminders::{self, Level, Reminder};
use candor_core::store::settings;
use chrono::NaiveDate;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_notification::NotificationExt;

use crate::state::AppState;

/// How often the running app looks for newly overdue reminders.
const CHECK_EVERY: Duration = Duration::from_secs(30 * 60);

/// The first look waits this long after start: the window's first screen
/// gets the journal (and both cores) to itself, and the notification still
/// comes as the app starts.
const FIRST_CHECK_AFTER: Duration = Duration::from_secs(3);

/// Which reminders were notified, and on which day.
#[derive(Debug, Default)]
pub struct Notified {
    on: HashMap<String, NaiveDate>,
}

impl Notified {
    /// The notification to show now, if any: overdue reminders not yet
    /// notified `today`, summarised in one line (with `names`, or as a count
    /// only). Marks them notified.
    pub fn select(&mut self, due: &[Reminder], today: NaiveDate, names: bool) -> Option<String> {
        let fresh: Vec<Reminder> = due
            .iter()
            .filter(|r| r.level == Level::Overdue && self.on.get(&r.key) != Some(&today))
            .cloned()
            .collect();
        let text = if names {
            reminders::summary(&fresh)?
        } else {
            count_only(fresh.len())?
        };
        for r in &fresh {
            self.on.insert(r.key.clone(), today);
        }
        // Forget what is no longer due, so it can notify again if it comes back.
        self.on.retain(|key, _| due.iter().any(|r| &r.key == key));
        Some(text)
    }
}

/// "2 reminders are overdue in Candor." and nothing more.
fn count_only(overdue: usize) -> Option<String> {
    match overdue {
        0 => None,
        1 => Some("1 reminder is overdue in Candor.".into()),
        n => Some(format!("{n} reminders are overdue in Candor.")),
    }
}

/// Starts the background check. Returns at once.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("candor-notify".into())
        .spawn(move || {
            let mut notified = Notified::default();
            std::thread::sleep(FIRST_CHECK_AFTER);
            loop {
                check(&app, &mut notified);
                std::thread::sleep(CHECK_EVERY);
            }
        });
    if let Err(err) = spawned {
        eprintln!("candor: notifications disabled: could not start their thread ({err})");
    }
}

fn check<R: Runtime>(app: &AppHandle<R>, notified: &mut Notified) {
    let state = app.state::<AppState>();
    let today = crate::today();
    // A locked journal answers every read with an error: nothing to show.
    let due = state.with_store(|store| {
        if !settings::get(store.conn())?.notifications_enabled {
            return Ok(None);
        }
        Ok(Some((
            reminders::due(store.conn(), today)?,
            !store.is_encrypted(),
        )))
    });
    let Ok(Some((due, names))) = due else { return };
    if let Some(body) = notified.select(&due.reminders, today, names) {
        // Locked while the reminders were read: show nothing.
        if state.status() == crate::state::JournalStatus::Locked {
            return;
        }
        if let Err(err) = app
            .notification()
            .builder()
            .title("Candor")
            .body(body)
            .show()
        {
            // The reason only: never the notification's text.
            eprintln!("candor: could not show a notification ({err})");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use candor_core::reminders::{Kind, PersonRef};
    use uuid::Uuid;

    fn reminder(key: &str, level: Level) -> Reminder {
        Reminder {
            key: key.into(),
            kind: Kind::OneOnOne,
            level,
            person: Some(PersonRef {
                id: Uuid::new_v4(),
                name: key.into(),
            }),
            subject_id: Uuid::new_v4(),
            title: None,
            since: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            due_on: NaiveDate::from_ymd_opt(2026, 11, 8).unwrap(),
            days: 21,
            reason: String::new(),
        }
    }

    #[test]
    fn each_overdue_reminder_notifies_at_most_once_a_day() {
        let day1 = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let day2 = day1.succ_opt().unwrap();
        let mut notified = Notified::default();
        let due = vec![reminder("Ana", Level::Overdue), reminder("Bo", Level::Due)];
        let text = notified.select(&due, day1, true).expect("Ana is overdue");
        assert!(
            text.contains("Ana") && !text.contains("Bo"),
            "only overdue ones: {text}"
        );
        assert_eq!(
            notified.select(&due, day1, true),
            None,
            "not twice the same day"
        );
        assert!(
            notified.select(&due, day2, true).is_some(),
            "again the next day"
        );

        let more = vec![
            reminder("Ana", Level::Overdue),
            reminder("Cy", Level::Overdue),
        ];
        let text = notified
            .select(&more, day2, true)
            .expect("Cy became overdue");
        assert!(
            text.contains("Cy") && !text.contains("Ana"),
            "only what is new today: {text}"
        );
    }

    #[test]
    fn nothing_overdue_means_no_notification() {
        let mut notified = Notified::default();
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(
            notified.select(&[reminder("Ana", Level::Due)], today, true),
            None
        );
        assert_eq!(notified.select(&[], today, false), None);
    }

    #[test]
    fn an_encrypted_journal_notifies_a_count_never_a_name() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let mut notified = Notified::default();
        let due = vec![
            reminder("Ana Lima", Level::Overdue),
            reminder("Bo Chen", Level::Overdue),
        ];
        let text = notified.select(&due, today, false).expect("two overdue");
        assert_eq!(text, "2 reminders are overdue in Candor.");
        assert!(!text.contains("Ana") && !text.contains("Bo"), "{text}");
        let mut notified = Notified::default();
        assert_eq!(
            notified.select(&due[..1], today, false).as_deref(),
            Some("1 reminder is overdue in Candor.")
        );
    }
}
