//! Reminders in words: each reminder's reason, its short label, and the
//! summary a notification shows.

use chrono::NaiveDate;

use super::{Kind, Level, Reminder};

/// Titles quoted in a reason are cut to this many characters.
const QUOTE_CHARS: usize = 60;
/// Labels named in a summary before "and N more".
const SUMMARY_LABELS: usize = 3;

/// What a person's 1-on-1 clock counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Clock {
    /// Their last held 1-on-1.
    Held,
    /// Their start date (never met).
    Started,
    /// The day they were added to the journal (never met).
    Added,
}

/// "1 day", "12 days".
fn days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

/// A past day relative to today: "today", "yesterday", "12 days ago".
fn ago(n: i64) -> String {
    match n {
        0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{} ago", days(n)),
    }
}

/// A coming day relative to today: "today", "tomorrow", "in 3 days".
fn ahead(n: i64) -> String {
    match n {
        0 => "today".into(),
        1 => "tomorrow".into(),
        n => format!("in {}", days(n)),
    }
}

/// A title in curly quotes, cut to a readable length.
fn quote(title: &str) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.chars().count() > QUOTE_CHARS {
        let cut: String = title.chars().take(QUOTE_CHARS - 1).collect();
        format!("“{}…”", cut.trim_end())
    } else {
        format!("“{title}”")
    }
}

/// "Bo's", "Jess's".
fn possessive(name: &str) -> String {
    format!("{name}'s")
}

/// The calendar day of a stored `YYYY-MM-DDTHH:MM`.
pub(super) fn scheduled_day(at: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(at.get(..10)?, "%Y-%m-%d").ok()
}

/// The time of day of a stored `YYYY-MM-DDTHH:MM`, like "10:30".
fn scheduled_time(at: &str) -> Option<&str> {
    at.get(11..16)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn one_on_one_reason(
    name: &str,
    clock: Clock,
    elapsed: i64,
    cadence: i64,
    level: Level,
    due_in: i64,
    next_scheduled_at: Option<&str>,
    today: NaiveDate,
) -> String {
    let mut reason = match clock {
        Clock::Held => format!("Last 1-on-1 with {name} was {}", ago(elapsed)),
        Clock::Started => format!("No 1-on-1 with {name} yet; started {}", ago(elapsed)),
        Clock::Added => format!("No 1-on-1 with {name} yet; added {}", ago(elapsed)),
    };
    reason.push_str(&format!("; cadence {}", days(cadence)));
    if level == Level::Upcoming {
        reason.push_str(&format!("; due {}", ahead(due_in)));
    }
    if let Some(at) = next_scheduled_at {
        if let Some(day) = scheduled_day(at) {
            reason.push_str(&format!(
                "; next one is scheduled for {day} ({})",
                ahead((day - today).num_days())
            ));
        }
    }
    reason
}

pub(super) fn missed_reason(name: &str, day: NaiveDate, elapsed: i64) -> String {
    format!(
        "The 1-on-1 with {name} scheduled for {day} ({}) was not marked held, cancelled or rescheduled",
        ago(elapsed)
    )
}

pub(super) fn scheduled_reason(name: &str, at: &str, until: i64) -> String {
    let when = match (until, scheduled_day(at)) {
        (0 | 1, _) | (_, None) => ahead(until),
        (_, Some(day)) => format!("{} ({day})", ahead(until)),
    };
    match scheduled_time(at) {
        Some(time) => format!("1-on-1 with {name} is scheduled {when} at {time}"),
        None => format!("1-on-1 with {name} is scheduled {when}"),
    }
}

pub(super) fn feedback_reason(name: &str, redirecting: bool, ready: bool, elapsed: i64) -> String {
    let kind = if redirecting {
        "Redirecting"
    } else {
        "Reinforcing"
    };
    let state = if ready {
        "is ready but not delivered yet"
    } else {
        "is still a draft"
    };
    format!(
        "{kind} feedback for {name}, observed {}, {state}",
        ago(elapsed)
    )
}

pub(super) fn conflict_reason(title: &str, has_updates: bool, elapsed: i64) -> String {
    if has_updates {
        format!("No update on {} for {}", quote(title), days(elapsed))
    } else {
        format!(
            "No update on {} since it surfaced {}",
            quote(title),
            ago(elapsed)
        )
    }
}

pub(super) fn action_item_reason(name: &str, mine: bool, item: &str, overdue_by: i64) -> String {
    let whose = if mine {
        format!("Your action item for {name},")
    } else {
        format!("{} action item", possessive(name))
    };
    let when = if overdue_by == 0 {
        "is due today".to_owned()
    } else {
        format!("was due {}", ago(overdue_by))
    };
    if mine {
        format!("{whose} {}, {when}", quote(item))
    } else {
        format!("{whose} {} {when}", quote(item))
    }
}

pub(super) fn goal_reason(name: &str, title: &str, overdue_by: i64) -> String {
    format!(
        "{} goal {} passed its target {}: achieved, dropped, or a new date?",
        possessive(name),
        quote(title),
        ago(overdue_by)
    )
}

pub(super) fn label(reminder: &Reminder) -> String {
    let name = reminder
        .person
        .as_ref()
        .map(|p| p.name.as_str())
        .unwrap_or("someone");
    match reminder.kind {
        Kind::OneOnOne | Kind::ScheduledOneOnOne => format!("1-on-1 with {name}"),
        Kind::MissedOneOnOne => format!("unrecorded 1-on-1 with {name}"),
        Kind::RedirectingFeedback | Kind::ReinforcingFeedback => format!("feedback for {name}"),
        Kind::QuietConflict => match &reminder.title {
            Some(title) => format!("conflict {}", quote(title)),
            None => "a conflict".into(),
        },
        Kind::MyActionItem => format!("your action item for {name}"),
        Kind::TheirActionItem => format!("{} action item", possessive(name)),
        Kind::Goal => format!("{} goal", possessive(name)),
    }
}

/// The text of a notification about the overdue reminders among
/// `reminders` (pass them all, or only those that became overdue since the
/// last notification), like "2 conversations overdue: 1-on-1 with Ana,
/// feedback for Bo". `None` when none is overdue.
///
/// Plain text naming people and conflict titles only: no notes, no feedback
/// text, no action item text, since a notification can show on a locked or
/// shared screen.
pub fn summary(reminders: &[Reminder]) -> Option<String> {
    let overdue: Vec<&Reminder> = reminders
        .iter()
        .filter(|r| r.level == Level::Overdue)
        .collect();
    if overdue.is_empty() {
        return None;
    }
    let noun = match (
        overdue.len(),
        overdue.iter().all(|r| r.kind.is_conversation()),
    ) {
        (1, true) => "conversation",
        (_, true) => "conversations",
        (1, false) => "reminder",
        (_, false) => "reminders",
    };
    // The same label twice ("feedback for Bo") is said once, with a count.
    let mut labels: Vec<(String, usize)> = Vec::new();
    for reminder in &overdue {
        let label = reminder.label();
        match labels.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => labels.push((label, 1)),
        }
    }
    let mut named: Vec<String> = labels
        .iter()
        .take(SUMMARY_LABELS)
        .map(|(label, n)| {
            if *n > 1 {
                format!("{label} (×{n})")
            } else {
                label.clone()
            }
        })
        .collect();
    let rest: usize = labels.iter().skip(SUMMARY_LABELS).map(|(_, n)| n).sum();
    if rest > 0 {
        named.push(format!("and {rest} more"));
    }
    Some(format!(
        "{} {noun} overdue: {}",
        overdue.len(),
        named.join(", ")
    ))
}

/// A name's sort key: lowercase with accents dropped, as the people list
/// sorts ("Émile" with the e's).
pub(super) fn sort_key(name: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    name.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::PersonRef;
    use uuid::Uuid;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn overdue(kind: Kind, name: &str, title: Option<&str>) -> Reminder {
        Reminder {
            key: format!("{}:{name}", kind.as_str()),
            kind,
            level: Level::Overdue,
            person: Some(PersonRef {
                id: Uuid::nil(),
                name: name.into(),
            }),
            subject_id: Uuid::nil(),
            title: title.map(Into::into),
            since: day("2026-11-01"),
            due_on: day("2026-11-08"),
            days: 28,
            reason: "secret words from the record".into(),
        }
    }

    #[test]
    fn reasons_read_as_sentences() {
        let today = day("2026-11-29");
        assert_eq!(
            one_on_one_reason("Ana", Clock::Held, 12, 7, Level::Overdue, -5, None, today),
            "Last 1-on-1 with Ana was 12 days ago; cadence 7 days"
        );
        assert_eq!(
            one_on_one_reason(
                "Ana",
                Clock::Held,
                12,
                7,
                Level::Overdue,
                -5,
                Some("2026-12-01T10:00"),
                today
            ),
            "Last 1-on-1 with Ana was 12 days ago; cadence 7 days; \
             next one is scheduled for 2026-12-01 (in 2 days)"
        );
        assert_eq!(
            one_on_one_reason("Bo", Clock::Started, 1, 1, Level::Due, 0, None, today),
            "No 1-on-1 with Bo yet; started yesterday; cadence 1 day"
        );
        assert_eq!(
            one_on_one_reason("Cy", Clock::Added, 5, 7, Level::Upcoming, 2, None, today),
            "No 1-on-1 with Cy yet; added 5 days ago; cadence 7 days; due in 2 days"
        );
        assert_eq!(
            missed_reason("Ana", day("2026-11-27"), 2),
            "The 1-on-1 with Ana scheduled for 2026-11-27 (2 days ago) was not marked held, \
             cancelled or rescheduled"
        );
        assert_eq!(
            scheduled_reason("Ana", "2026-11-30T09:15", 1),
            "1-on-1 with Ana is scheduled tomorrow at 09:15"
        );
        assert_eq!(
            scheduled_reason("Ana", "2026-12-02T09:15", 3),
            "1-on-1 with Ana is scheduled in 3 days (2026-12-02) at 09:15"
        );
        assert_eq!(
            feedback_reason("Bo", true, false, 4),
            "Redirecting feedback for Bo, observed 4 days ago, is still a draft"
        );
        assert_eq!(
            feedback_reason("Bo", false, true, 2),
            "Reinforcing feedback for Bo, observed 2 days ago, is ready but not delivered yet"
        );
        assert_eq!(
            conflict_reason("Release ownership", true, 9),
            "No update on “Release ownership” for 9 days"
        );
        assert_eq!(
            conflict_reason("Release ownership", false, 7),
            "No update on “Release ownership” since it surfaced 7 days ago"
        );
        assert_eq!(
            action_item_reason("Bo", false, "Send the doc", 3),
            "Bo's action item “Send the doc” was due 3 days ago"
        );
        assert_eq!(
            action_item_reason("Bo", true, "Book the room", 0),
            "Your action item for Bo, “Book the room”, is due today"
        );
    }

    #[test]
    fn long_titles_are_cut_and_whitespace_folded() {
        let quoted = quote(&format!("{}\n\n  end", "x".repeat(100)));
        assert_eq!(quoted.chars().count(), QUOTE_CHARS + 2, "{quoted}");
        assert!(quoted.ends_with("…”"));
        assert_eq!(quote("a\n  b"), "“a b”");
    }

    #[test]
    fn summary_names_people_and_titles_but_no_record_text() {
        let list = vec![
            overdue(Kind::OneOnOne, "Ana", None),
            overdue(Kind::RedirectingFeedback, "Bo", None),
        ];
        assert_eq!(
            summary(&list).unwrap(),
            "2 conversations overdue: 1-on-1 with Ana, feedback for Bo"
        );
        let list = vec![
            overdue(Kind::RedirectingFeedback, "Bo", None),
            overdue(Kind::ReinforcingFeedback, "Bo", None),
            overdue(Kind::QuietConflict, "", Some("Release ownership")),
            overdue(Kind::TheirActionItem, "Cy", Some("Send the private doc")),
            overdue(Kind::MyActionItem, "Dee", Some("Raise")),
        ];
        let text = summary(&list).unwrap();
        assert_eq!(
            text,
            "5 reminders overdue: feedback for Bo (×2), conflict “Release ownership”, \
             Cy's action item, and 1 more"
        );
        assert!(!text.contains("private doc"), "no action item text");
        assert!(!text.contains("secret"), "no reason text");
    }

    #[test]
    fn summary_is_none_when_nothing_is_overdue() {
        let mut due = overdue(Kind::OneOnOne, "Ana", None);
        due.level = Level::Due;
        assert_eq!(summary(&[due]), None);
        assert_eq!(summary(&[]), None);
    }
}
