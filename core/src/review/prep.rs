//! The prep sheet: what is open with a person before their next 1-on-1.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use uuid::Uuid;

use super::text::{about, days_ago, one_line};
use crate::history::MoodPoint;
use crate::markdown;
use crate::store::action_items::{self, ActionItem};
use crate::store::agenda::{self, TalkingPoint};
use crate::store::conflicts::{self, ConflictSummary};
use crate::store::feedback::{self, FeedbackView, Kind, Status as FeedbackStatus};
use crate::store::goals::{self, CheckinDetail, Goal, Status as GoalStatus};
use crate::store::one_on_ones::{self, OneOnOne};
use crate::store::party::Party;
use crate::store::people::{self, Person};
use crate::store::questions::{self, Suggestion};
use crate::Result;

/// How many moods the trend looks at.
pub const TREND_MOODS: usize = 6;
/// How many coaching questions the sheet suggests.
pub const SUGGESTIONS: usize = 3;

/// Everything to look at before a person's next 1-on-1.
#[derive(Debug, Clone, Serialize)]
pub struct PrepSheet {
    pub person: Person,
    /// The day the sheet was prepared; ages and "overdue" count to it.
    pub today: NaiveDate,
    /// Their earliest 1-on-1 still scheduled (possibly already past, if it
    /// was never marked held).
    pub next_one_on_one: Option<OneOnOne>,
    /// The unresolved talking points already on that 1-on-1's agenda.
    pub agenda: Vec<TalkingPoint>,
    pub last_held_on: Option<NaiveDate>,
    /// Open action items I own, dated ones first by due date.
    pub my_action_items: Vec<PrepActionItem>,
    /// Open action items they own, in the same order.
    pub their_action_items: Vec<PrepActionItem>,
    /// Drafts and ready feedback: ready first, then drafts, oldest first.
    pub feedback_to_deliver: Vec<FeedbackView>,
    /// Open and in-progress conflicts they are a party to.
    pub open_conflicts: Vec<ConflictSummary>,
    /// Their active goals, by target date.
    pub goals: Vec<PrepGoal>,
    pub mood: MoodTrend,
    /// Questions not asked to them recently (never-asked first).
    pub suggested_questions: Vec<Suggestion>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrepActionItem {
    pub item: ActionItem,
    /// Its due date has passed.
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrepGoal {
    pub goal: Goal,
    /// The most recent progress noted, if any.
    pub progress: Option<i64>,
    pub latest_checkin: Option<CheckinDetail>,
    /// Past its target date.
    pub overdue: bool,
}

/// The person's recent moods.
#[derive(Debug, Clone, Serialize)]
pub struct MoodTrend {
    /// Up to [`TREND_MOODS`] moods of their latest held 1-on-1s, oldest first.
    pub points: Vec<MoodPoint>,
    /// The latest of them.
    pub last: Option<MoodPoint>,
    /// Where the recent half stands against the earlier half; `None` with
    /// fewer than two moods.
    pub trend: Option<Trend>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Rising,
    Steady,
    Falling,
}

impl Trend {
    pub fn label(self) -> &'static str {
        match self {
            Trend::Rising => "rising",
            Trend::Steady => "steady",
            Trend::Falling => "falling",
        }
    }
}

/// The prep sheet for `person_id`'s next 1-on-1, as of `today`.
pub fn prep_sheet(conn: &Connection, person_id: Uuid, today: NaiveDate) -> Result<PrepSheet> {
    let person = people::get(conn, person_id)?;
    let next_one_on_one = next_scheduled(conn, person_id)?;
    let agenda = match &next_one_on_one {
        Some(next) => agenda::list(conn, next.id)?
            .into_iter()
            .filter(|p| !p.resolved)
            .collect(),
        None => Vec::new(),
    };
    let (mut mine, mut theirs) = (Vec::new(), Vec::new());
    for item in action_items::open_for_person(conn, person_id)? {
        let entry = PrepActionItem {
            overdue: item.due_on.is_some_and(|due| due < today),
            item,
        };
        match entry.item.owner {
            Party::Me => mine.push(entry),
            Party::Them => theirs.push(entry),
        }
    }
    let goals = goals::for_person(conn, person_id, today)?
        .into_iter()
        .filter(|g| g.goal.status == GoalStatus::Active)
        .map(|g| PrepGoal {
            progress: g.progress,
            overdue: g.overdue,
            latest_checkin: g.checkins.into_iter().next(),
            goal: g.goal,
        })
        .collect();
    Ok(PrepSheet {
        last_held_on: one_on_ones::last_held_on(conn, person_id)?,
        feedback_to_deliver: feedback::to_deliver(conn, person_id, today)?,
        open_conflicts: conflicts::open_involving(conn, person_id)?,
        mood: recent_moods(conn, person_id)?,
        suggested_questions: questions::suggest(conn, person_id, &[], today, SUGGESTIONS)?,
        my_action_items: mine,
        their_action_items: theirs,
        next_one_on_one,
        agenda,
        goals,
        person,
        today,
    })
}

fn next_scheduled(conn: &Connection, person_id: Uuid) -> Result<Option<OneOnOne>> {
    let id: Option<String> = conn
        .query_row(
            "SELECT id FROM one_on_ones WHERE person_id = ?1 AND status = 'scheduled' \
             ORDER BY scheduled_at LIMIT 1",
            [person_id.to_string()],
            |row| row.get(0),
        )
        .optional()?;
    match id.and_then(|id| Uuid::parse_str(&id).ok()) {
        Some(id) => Ok(Some(one_on_ones::get(conn, id)?)),
        None => Ok(None),
    }
}

fn recent_moods(conn: &Connection, person_id: Uuid) -> Result<MoodTrend> {
    let mut stmt = conn.prepare_cached(
        "SELECT held_on, mood FROM one_on_ones WHERE person_id = ?1 AND status = 'held' \
         AND mood IS NOT NULL ORDER BY held_on DESC, scheduled_at DESC LIMIT ?2",
    )?;
    let mut points = stmt
        .query_map(params![person_id.to_string(), TREND_MOODS as i64], |row| {
            Ok(MoodPoint {
                date: row.get(0)?,
                mood: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    points.reverse();
    Ok(MoodTrend {
        last: points.last().copied(),
        trend: trend(&points),
        points,
    })
}

/// Compares the mean of the newer half of the moods with the older half;
/// half a point either way is a change, less is steady.
fn trend(points: &[MoodPoint]) -> Option<Trend> {
    if points.len() < 2 {
        return None;
    }
    let split = points.len() - points.len() / 2;
    let mean =
        |part: &[MoodPoint]| part.iter().map(|p| p.mood as f64).sum::<f64>() / part.len() as f64;
    let change = mean(&points[split..]) - mean(&points[..split]);
    Some(if change >= 0.5 {
        Trend::Rising
    } else if change <= -0.5 {
        Trend::Falling
    } else {
        Trend::Steady
    })
}

/// The sheet as Markdown to copy into notes or a calendar invite.
pub fn prep_markdown(sheet: &PrepSheet) -> String {
    let mut md = String::new();
    let person = &sheet.person;
    let today = sheet.today;
    let _ = writeln!(md, "# 1-on-1 prep: {}\n", one_line(&person.name));
    let _ = writeln!(md, "{}\n", about(person));
    match &sheet.next_one_on_one {
        Some(next) => {
            let day = next.scheduled_on();
            let when = match (day - today).num_days() {
                0 => "today".to_owned(),
                1 => "tomorrow".to_owned(),
                n if n > 1 => format!("in {n} days"),
                n => format!("{}, not marked held yet", days_ago(-n)),
            };
            let _ = writeln!(
                md,
                "- Next 1-on-1: {} ({when})",
                next.scheduled_at.replacen('T', " ", 1)
            );
        }
        None => md.push_str("- Next 1-on-1: none scheduled\n"),
    }
    match sheet.last_held_on {
        Some(day) => {
            let _ = writeln!(
                md,
                "- Last held: {day} ({})",
                days_ago((today - day).num_days())
            );
        }
        None => md.push_str("- Last held: never\n"),
    }
    let _ = writeln!(md, "- Prepared on {today}\n");

    if sheet.next_one_on_one.is_some() {
        md.push_str("## On the agenda\n\n");
        if sheet.agenda.is_empty() {
            md.push_str("Nothing on the agenda yet.\n\n");
        } else {
            for point in &sheet.agenda {
                let who = match point.raised_by {
                    Party::Me => "me",
                    Party::Them => "them",
                };
                let _ = writeln!(
                    md,
                    "- {} (raised by {who}, {})",
                    one_line(&point.text),
                    point.first_raised_on
                );
            }
            md.push('\n');
        }
    }

    md.push_str("## Open action items\n\n");
    if sheet.my_action_items.is_empty() && sheet.their_action_items.is_empty() {
        md.push_str("None open.\n\n");
    } else {
        for (label, items) in [
            ("Mine", &sheet.my_action_items),
            ("Theirs", &sheet.their_action_items),
        ] {
            let _ = writeln!(md, "### {label}\n");
            if items.is_empty() {
                md.push_str("None open.\n\n");
                continue;
            }
            for entry in items {
                let due = match (entry.item.due_on, entry.overdue) {
                    (Some(due), true) => format!(" (due {due}, **overdue**)"),
                    (Some(due), false) => format!(" (due {due})"),
                    (None, _) => String::new(),
                };
                let _ = writeln!(md, "- [ ] {}{due}", one_line(&entry.item.text));
            }
            md.push('\n');
        }
    }

    md.push_str("## Feedback to deliver\n\n");
    if sheet.feedback_to_deliver.is_empty() {
        md.push_str("Nothing waiting to be delivered.\n\n");
    } else {
        for view in &sheet.feedback_to_deliver {
            let f = &view.feedback;
            let kind = match f.kind {
                Kind::Reinforcing => "Reinforcing",
                Kind::Redirecting => "Redirecting",
            };
            let status = match f.status {
                FeedbackStatus::Ready => "ready",
                _ => "draft",
            };
            let preview = one_line(&view.preview);
            let preview = if preview.is_empty() {
                "(nothing written yet)".to_owned()
            } else {
                preview
            };
            let _ = writeln!(
                md,
                "- **{kind}, {status}** (observed {}, {}): {preview}",
                f.observed_on,
                days_ago(view.age_days)
            );
        }
        md.push('\n');
    }

    md.push_str("## Open conflicts\n\n");
    if sheet.open_conflicts.is_empty() {
        md.push_str("None open.\n\n");
    } else {
        for c in &sheet.open_conflicts {
            let parties: Vec<String> = c.parties.iter().map(|p| one_line(&p.name)).collect();
            let _ = write!(
                md,
                "- **{}** ({}) with {}. Last activity {} ({}).",
                one_line(&c.title),
                c.status.label(),
                parties.join(", "),
                c.last_activity,
                days_ago((today - c.last_activity).num_days())
            );
            let next_step = one_line(&c.next_step);
            if !next_step.is_empty() {
                let _ = write!(md, " Next step: {next_step}");
            }
            md.push('\n');
        }
        md.push('\n');
    }

    md.push_str("## Active goals\n\n");
    if sheet.goals.is_empty() {
        md.push_str("No active goals.\n\n");
    } else {
        for g in &sheet.goals {
            let mut facts = Vec::new();
            if let Some(progress) = g.progress {
                facts.push(format!("{progress}%"));
            }
            if let Some(target) = g.goal.target_on {
                facts.push(if g.overdue {
                    format!("target {target}, **past**")
                } else {
                    format!("target {target}")
                });
            }
            let facts = if facts.is_empty() {
                String::new()
            } else {
                format!(" ({})", facts.join(", "))
            };
            let latest = match &g.latest_checkin {
                Some(c) => {
                    let note = markdown::plain_summary(&c.checkin.note, 200);
                    if note.is_empty() {
                        format!("latest check-in {}", c.checkin.noted_on)
                    } else {
                        format!("latest check-in {}: {note}", c.checkin.noted_on)
                    }
                }
                None => "no check-in yet".to_owned(),
            };
            let _ = writeln!(md, "- **{}**{facts}: {latest}", one_line(&g.goal.title));
        }
        md.push('\n');
    }

    md.push_str("## Mood\n\n");
    match sheet.mood.last {
        Some(last) => {
            let _ = write!(md, "Last: {}/5 on {}.", last.mood, last.date);
            if sheet.mood.points.len() > 1 {
                let moods: Vec<String> = sheet
                    .mood
                    .points
                    .iter()
                    .map(|p| p.mood.to_string())
                    .collect();
                let _ = write!(
                    md,
                    " Last {}, oldest first: {}",
                    sheet.mood.points.len(),
                    moods.join(", ")
                );
                if let Some(trend) = sheet.mood.trend {
                    let _ = write!(md, " ({})", trend.label());
                }
                md.push('.');
            }
            md.push_str("\n\n");
        }
        None => md.push_str("No mood recorded yet.\n\n"),
    }

    md.push_str("## Questions to ask\n\n");
    if sheet.suggested_questions.is_empty() {
        md.push_str("No questions left to suggest (all are retired).\n");
    } else {
        for (i, s) in sheet.suggested_questions.iter().enumerate() {
            let category = questions::category_label(&s.question.category).unwrap_or("Other");
            let asked = match s.last_asked_on {
                Some(day) => format!("last asked {day}"),
                None => "not asked to them yet".to_owned(),
            };
            let _ = writeln!(
                md,
                "{}. {} ({category}; {asked})",
                i + 1,
                one_line(&s.question.text)
            );
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(moods: &[i64]) -> Vec<MoodPoint> {
        moods
            .iter()
            .enumerate()
            .map(|(i, &mood)| MoodPoint {
                date: NaiveDate::from_ymd_opt(2026, 1, 1 + i as u32).unwrap(),
                mood,
            })
            .collect()
    }

    #[test]
    fn trend_compares_the_newer_half_with_the_older_half() {
        assert_eq!(trend(&points(&[])), None);
        assert_eq!(trend(&points(&[4])), None, "one mood is no trend");
        assert_eq!(trend(&points(&[2, 2, 3, 4, 4, 4])), Some(Trend::Rising));
        assert_eq!(trend(&points(&[4, 4, 4, 3, 3, 3])), Some(Trend::Falling));
        assert_eq!(trend(&points(&[3, 4, 3, 4, 3, 4])), Some(Trend::Steady));
        assert_eq!(trend(&points(&[3, 4])), Some(Trend::Rising));
    }
}
