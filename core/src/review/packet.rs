//! The review packet: one person's record over a period, with counts at the
//! top, every section in date order.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use uuid::Uuid;

use super::text::{about, average, one_line, quote};
use crate::history::MoodPoint;
use crate::store::conflicts::{
    self, Conflict, ConflictParty, ConflictUpdate, Status as ConflictStatus,
};
use crate::store::feedback::{self, Feedback, Kind};
use crate::store::goals::{self, Checkin, Goal, Status as GoalStatus};
use crate::store::people::{self, Person};
use crate::store::questions::{self, QuestionAsked};
use crate::store::uuid_column;
use crate::validate::parse_date;
use crate::{Error, Result};

/// Why the packet reads oldest first; every rendering opens with it.
pub const RECENCY_NOTE: &str = "Every section runs oldest first, so that the whole period \
    weighs as much as its last few weeks: reviews written from memory favour what happened \
    recently (recency bias).";

/// One person's record over `from..=to`, ready to write a review from.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewPacket {
    pub person: Person,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The day it was generated.
    pub today: NaiveDate,
    pub counts: PacketCounts,
    /// Feedback delivered in the period, by delivery day.
    pub feedback: Vec<PacketFeedback>,
    /// Goals that were active at some point in the period, by creation day.
    pub goals: Vec<PacketGoal>,
    /// 1-on-1s held in the period, by day.
    pub one_on_ones: Vec<PacketOneOnOne>,
    /// The moods of those 1-on-1s, by day.
    pub moods: Vec<MoodPoint>,
    /// Conflicts they were a party to that were unresolved at some point in
    /// the period, by the day they surfaced.
    pub conflicts: Vec<PacketConflict>,
    /// Coaching questions asked in the period, by day.
    pub questions: Vec<PacketQuestion>,
    /// Tags of the feedback delivered, most used first.
    pub feedback_tags: Vec<TagCount>,
    /// Categories of the questions asked, most asked first.
    pub question_categories: Vec<TagCount>,
}

/// The figures at the top of the packet; each one counts entries of the
/// sections below, so the two always agree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PacketCounts {
    pub one_on_ones_held: i64,
    /// Whole cadences in the part of the period they were on the team (from
    /// their start date, if later) and not after today.
    pub one_on_ones_expected: i64,
    pub one_on_ones_cancelled: i64,
    pub feedback_reinforcing: i64,
    pub feedback_redirecting: i64,
    /// Goals achieved or dropped within the period.
    pub goals_achieved: i64,
    pub goals_dropped: i64,
    /// Goals still active at the end of the period.
    pub goals_active: i64,
    pub conflicts_surfaced: i64,
    pub conflicts_resolved: i64,
    pub questions_asked: i64,
    /// Over the 1-on-1s held in the period that have a mood.
    pub average_mood: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PacketFeedback {
    pub feedback: Feedback,
}

#[derive(Debug, Clone, Serialize)]
pub struct PacketGoal {
    pub goal: Goal,
    /// Its status on the last day of the period (a goal achieved later was
    /// still active then).
    pub status_at_end: GoalStatus,
    /// Check-ins noted in the period, oldest first.
    pub checkins: Vec<Checkin>,
    /// The latest progress noted in the period.
    pub progress_at_end: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PacketOneOnOne {
    pub id: Uuid,
    pub scheduled_at: String,
    pub held_on: NaiveDate,
    pub mood: Option<i64>,
    /// Markdown.
    pub outcomes: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PacketConflict {
    /// As stored, except that a resolution recorded after the period is left
    /// out (`resolution` empty, `resolved_on` none): it is not part of it.
    pub conflict: Conflict,
    pub parties: Vec<ConflictParty>,
    /// Updates noted in the period, oldest first.
    pub updates: Vec<ConflictUpdate>,
    pub surfaced_in_period: bool,
    pub resolved_in_period: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PacketQuestion {
    pub asked: QuestionAsked,
    /// The category's label, for questions from the bank.
    pub category: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCount {
    pub name: String,
    pub count: usize,
}

/// Parses and checks a period: real dates, written `YYYY-MM-DD`, the start
/// not after the end.
fn period(from: &str, to: &str) -> Result<(NaiveDate, NaiveDate)> {
    let from = parse_date("from", "the start date", from.trim())?;
    let to = parse_date("to", "the end date", to.trim())?;
    if from > to {
        return Err(Error::invalid(
            "from",
            format!("the range starts ({from}) after it ends ({to})"),
        ));
    }
    Ok((from, to))
}

/// The review packet for `person_id` over `from..=to` (`YYYY-MM-DD`, both
/// included), generated on `today`.
pub fn review_packet(
    conn: &Connection,
    person_id: Uuid,
    from: &str,
    to: &str,
    today: NaiveDate,
) -> Result<ReviewPacket> {
    let (from, to) = period(from, to)?;
    let person = people::get(conn, person_id)?;
    let id = person_id.to_string();

    let one_on_ones = held_one_on_ones(conn, &id, from, to)?;
    let moods: Vec<MoodPoint> = one_on_ones
        .iter()
        .filter_map(|o| {
            o.mood.map(|mood| MoodPoint {
                date: o.held_on,
                mood,
            })
        })
        .collect();
    let cancelled: i64 = conn.query_row(
        "SELECT count(*) FROM one_on_ones WHERE person_id = ?1 AND status = 'cancelled' \
         AND substr(scheduled_at, 1, 10) BETWEEN ?2 AND ?3",
        params![id, from, to],
        |row| row.get(0),
    )?;
    let feedback = delivered_feedback(conn, &id, from, to)?;
    let goals = period_goals(conn, &id, from, to)?;
    let conflicts = period_conflicts(conn, person_id, from, to)?;
    let questions = asked_questions(conn, &id, from, to)?;

    let count = |n: usize| n as i64;
    let start = person.start_date.map_or(from, |s| s.max(from));
    let end = to.min(today);
    let counts = PacketCounts {
        one_on_ones_held: count(one_on_ones.len()),
        one_on_ones_expected: if end < start {
            0
        } else {
            ((end - start).num_days() + 1) / person.cadence_days.max(1)
        },
        one_on_ones_cancelled: cancelled,
        feedback_reinforcing: count(
            feedback
                .iter()
                .filter(|f| f.feedback.kind == Kind::Reinforcing)
                .count(),
        ),
        feedback_redirecting: count(
            feedback
                .iter()
                .filter(|f| f.feedback.kind == Kind::Redirecting)
                .count(),
        ),
        goals_achieved: count(
            goals
                .iter()
                .filter(|g| g.status_at_end == GoalStatus::Achieved)
                .count(),
        ),
        goals_dropped: count(
            goals
                .iter()
                .filter(|g| g.status_at_end == GoalStatus::Dropped)
                .count(),
        ),
        goals_active: count(
            goals
                .iter()
                .filter(|g| g.status_at_end == GoalStatus::Active)
                .count(),
        ),
        conflicts_surfaced: count(conflicts.iter().filter(|c| c.surfaced_in_period).count()),
        conflicts_resolved: count(conflicts.iter().filter(|c| c.resolved_in_period).count()),
        questions_asked: count(questions.len()),
        average_mood: (!moods.is_empty())
            .then(|| moods.iter().map(|m| m.mood as f64).sum::<f64>() / moods.len() as f64),
    };
    Ok(ReviewPacket {
        feedback_tags: tally(
            feedback
                .iter()
                .flat_map(|f| f.feedback.tags.iter().cloned()),
        ),
        question_categories: tally(questions.iter().filter_map(|q| q.category.clone())),
        person,
        from,
        to,
        today,
        counts,
        feedback,
        goals,
        one_on_ones,
        moods,
        conflicts,
        questions,
    })
}

fn held_one_on_ones(
    conn: &Connection,
    id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<PacketOneOnOne>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, scheduled_at, held_on, mood, outcomes FROM one_on_ones \
         WHERE person_id = ?1 AND status = 'held' AND held_on BETWEEN ?2 AND ?3 \
         ORDER BY held_on, scheduled_at",
    )?;
    let rows = stmt.query_map(params![id, from, to], |row| {
        Ok(PacketOneOnOne {
            id: uuid_column(row, "id")?,
            scheduled_at: row.get("scheduled_at")?,
            held_on: row.get("held_on")?,
            mood: row.get("mood")?,
            outcomes: row.get("outcomes")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn ids(
    conn: &Connection,
    sql: &str,
    id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Uuid>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![id, from, to], |row| uuid_column(row, "id"))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn delivered_feedback(
    conn: &Connection,
    id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<PacketFeedback>> {
    ids(
        conn,
        "SELECT id FROM feedback WHERE person_id = ?1 AND status = 'delivered' \
         AND delivered_on BETWEEN ?2 AND ?3 ORDER BY delivered_on, observed_on, created_at",
        id,
        from,
        to,
    )?
    .into_iter()
    .map(|id| {
        Ok(PacketFeedback {
            feedback: feedback::get(conn, id)?,
        })
    })
    .collect()
}

fn period_goals(
    conn: &Connection,
    id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<PacketGoal>> {
    let goal_ids = ids(
        conn,
        "SELECT id FROM goals WHERE person_id = ?1 AND created_on <= ?3 \
         AND (closed_on IS NULL OR closed_on >= ?2) ORDER BY created_on, created_at",
        id,
        from,
        to,
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, goal_id, noted_on, note, progress, one_on_one_id, created_at FROM goal_checkins \
         WHERE goal_id = ?1 AND noted_on BETWEEN ?2 AND ?3 ORDER BY noted_on, created_at",
    )?;
    let mut goals = Vec::with_capacity(goal_ids.len());
    for goal_id in goal_ids {
        let goal = goals::get(conn, goal_id)?;
        let checkins = stmt
            .query_map(
                params![goal_id.to_string(), from, to],
                goals::checkin_from_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let closed_in_period = goal.closed_on.is_some_and(|d| d <= to);
        goals.push(PacketGoal {
            status_at_end: if closed_in_period {
                goal.status
            } else {
                GoalStatus::Active
            },
            progress_at_end: checkins.iter().rev().find_map(|c| c.progress),
            checkins,
            goal,
        });
    }
    Ok(goals)
}

fn period_conflicts(
    conn: &Connection,
    person_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<PacketConflict>> {
    let mut found = Vec::new();
    for summary in conflicts::involving(conn, person_id)? {
        let unresolved_in_period =
            summary.surfaced_on <= to && summary.resolved_on.is_none_or(|r| r >= from);
        if !unresolved_in_period {
            continue;
        }
        let detail = conflicts::get(conn, summary.id)?;
        let mut conflict = detail.conflict;
        let resolved_in_period = conflict.resolved_on.is_some_and(|r| r <= to);
        if !resolved_in_period {
            conflict.resolution.clear();
            conflict.resolved_on = None;
        }
        let mut updates: Vec<ConflictUpdate> = detail
            .updates
            .into_iter()
            .map(|u| u.update)
            .filter(|u| (from..=to).contains(&u.on))
            .collect();
        updates.reverse();
        found.push(PacketConflict {
            surfaced_in_period: (from..=to).contains(&conflict.surfaced_on),
            resolved_in_period,
            parties: detail.parties,
            updates,
            conflict,
        });
    }
    found.sort_by(|a, b| {
        a.conflict
            .surfaced_on
            .cmp(&b.conflict.surfaced_on)
            .then(a.conflict.created_at.cmp(&b.conflict.created_at))
    });
    Ok(found)
}

fn asked_questions(
    conn: &Connection,
    id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<PacketQuestion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.question_id, a.question_text, a.person_id, a.asked_on, a.one_on_one_id, \
                a.answer, a.follow_up, a.created_at, a.updated_at, q.category \
         FROM questions_asked a LEFT JOIN coaching_questions q ON q.id = a.question_id \
         WHERE a.person_id = ?1 AND a.asked_on BETWEEN ?2 AND ?3 \
         ORDER BY a.asked_on, a.created_at, a.id",
    )?;
    let rows = stmt.query_map(params![id, from, to], |row| {
        let category: Option<String> = row.get("category")?;
        Ok(PacketQuestion {
            asked: questions::asked_from_row(row)?,
            category: category
                .as_deref()
                .and_then(questions::category_label)
                .map(str::to_owned),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Counts names, ignoring case (the first spelling seen is kept), most
/// frequent first, then by name.
fn tally(names: impl Iterator<Item = String>) -> Vec<TagCount> {
    let mut counts: BTreeMap<String, TagCount> = BTreeMap::new();
    for name in names {
        counts
            .entry(name.to_lowercase())
            .or_insert(TagCount { name, count: 0 })
            .count += 1;
    }
    let mut list: Vec<TagCount> = counts.into_values().collect();
    list.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    list
}

pub(crate) fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Reinforcing => "Reinforcing",
        Kind::Redirecting => "Redirecting",
    }
}

pub(crate) fn goal_status_label(status: GoalStatus) -> &'static str {
    match status {
        GoalStatus::Active => "active",
        GoalStatus::Achieved => "achieved",
        GoalStatus::Dropped => "dropped",
    }
}

/// "resolved on 2025-05-20", "not resolved within the period (now parked)".
pub(crate) fn conflict_outcome(c: &PacketConflict) -> String {
    match c.conflict.resolved_on {
        Some(day) if c.resolved_in_period => format!("resolved on {day}"),
        _ if c.conflict.status == ConflictStatus::Resolved => {
            "not resolved within the period".to_owned()
        }
        _ => format!(
            "not resolved within the period (now {})",
            c.conflict.status.label()
        ),
    }
}

/// The figures of the "at a glance" block, as (label, value) pairs.
pub(crate) fn count_lines(packet: &ReviewPacket) -> Vec<(&'static str, String)> {
    let c = &packet.counts;
    let mut held = format!(
        "{} of {} expected by cadence",
        c.one_on_ones_held, c.one_on_ones_expected
    );
    if c.one_on_ones_cancelled > 0 {
        let _ = write!(held, " ({} cancelled)", c.one_on_ones_cancelled);
    }
    vec![
        ("1-on-1s held", held),
        (
            "Feedback delivered",
            format!(
                "{} reinforcing, {} redirecting",
                c.feedback_reinforcing, c.feedback_redirecting
            ),
        ),
        (
            "Goals",
            format!(
                "{} achieved, {} active at the end, {} dropped",
                c.goals_achieved, c.goals_active, c.goals_dropped
            ),
        ),
        (
            "Conflicts",
            format!(
                "{} surfaced, {} resolved",
                c.conflicts_surfaced, c.conflicts_resolved
            ),
        ),
        ("Coaching questions asked", c.questions_asked.to_string()),
        ("Average mood", average(c.average_mood)),
    ]
}

/// "ownership (3), communication (1)".
pub(crate) fn tag_list(tags: &[TagCount]) -> String {
    tags.iter()
        .map(|t| format!("{} ({})", one_line(&t.name), t.count))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The packet as Markdown.
pub fn review_markdown(packet: &ReviewPacket) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Review packet: {}\n", one_line(&packet.person.name));
    let _ = writeln!(md, "{}  ", about(&packet.person));
    let _ = writeln!(
        md,
        "Period: {} to {} · prepared on {}\n",
        packet.from, packet.to, packet.today
    );
    let _ = writeln!(md, "> {RECENCY_NOTE}\n");

    md.push_str("## At a glance\n\n| | |\n|---|---|\n");
    for (label, value) in count_lines(packet) {
        let _ = writeln!(md, "| {label} | {value} |");
    }
    md.push('\n');
    if !packet.feedback_tags.is_empty() {
        let _ = writeln!(md, "Feedback themes: {}\n", tag_list(&packet.feedback_tags));
    }
    if !packet.question_categories.is_empty() {
        let _ = writeln!(
            md,
            "Coaching themes: {}\n",
            tag_list(&packet.question_categories)
        );
    }

    md.push_str("## Feedback given\n\n");
    if packet.feedback.is_empty() {
        md.push_str("No feedback delivered in this period.\n\n");
    }
    let kinds: &[Kind] = if packet.feedback.is_empty() {
        &[]
    } else {
        &[Kind::Reinforcing, Kind::Redirecting]
    };
    for &kind in kinds {
        let of_kind: Vec<&Feedback> = packet
            .feedback
            .iter()
            .map(|f| &f.feedback)
            .filter(|f| f.kind == kind)
            .collect();
        let _ = writeln!(md, "### {} ({})\n", kind_label(kind), of_kind.len());
        if of_kind.is_empty() {
            md.push_str("None in this period.\n\n");
        }
        for f in of_kind {
            let delivered = f.delivered_on.map_or_else(String::new, |d| d.to_string());
            let _ = writeln!(
                md,
                "#### Delivered {delivered} (observed {})\n",
                f.observed_on
            );
            for (label, value) in [
                ("Context", &f.context),
                ("Observation", &f.observation),
                ("Impact", &f.impact),
                ("Next time", &f.next_time),
            ] {
                let value = one_line(value);
                if !value.is_empty() {
                    let _ = writeln!(md, "- **{label}:** {value}");
                }
            }
            if !f.tags.is_empty() {
                let tags: Vec<String> = f.tags.iter().map(|t| one_line(t)).collect();
                let _ = writeln!(md, "- **Tags:** {}", tags.join(", "));
            }
            md.push('\n');
            if !f.response.trim().is_empty() {
                let _ = writeln!(md, "Their response:\n\n{}", quote(&f.response));
            }
        }
    }

    md.push_str("## Goals and check-ins\n\n");
    if packet.goals.is_empty() {
        md.push_str("No goals in this period.\n\n");
    }
    for g in &packet.goals {
        let status = match (g.status_at_end, g.goal.closed_on) {
            (GoalStatus::Active, _) => "active at the end of the period".to_owned(),
            (status, Some(day)) => format!("{} {day}", goal_status_label(status)),
            (status, None) => goal_status_label(status).to_owned(),
        };
        let _ = writeln!(md, "### {}: {status}\n", one_line(&g.goal.title));
        for (label, value) in [("Why", &g.goal.why), ("Measured by", &g.goal.measure)] {
            let value = one_line(value);
            if !value.is_empty() {
                let _ = writeln!(md, "- **{label}:** {value}");
            }
        }
        let target = g
            .goal
            .target_on
            .map_or_else(|| "none".to_owned(), |t| t.to_string());
        let _ = writeln!(
            md,
            "- **Set on:** {} · **target:** {target}",
            g.goal.created_on
        );
        if let Some(progress) = g.progress_at_end {
            let _ = writeln!(md, "- **Progress at the end of the period:** {progress}%");
        }
        md.push('\n');
        if g.checkins.is_empty() {
            md.push_str("No check-ins in this period.\n\n");
        }
        for c in &g.checkins {
            let progress = c.progress.map_or_else(String::new, |p| format!(" ({p}%)"));
            let _ = writeln!(md, "#### Check-in {}{progress}\n", c.noted_on);
            if !c.note.trim().is_empty() {
                let _ = writeln!(md, "{}", quote(&c.note));
            }
        }
    }

    md.push_str("## 1-on-1 outcomes\n\n");
    if packet.one_on_ones.is_empty() {
        md.push_str("No 1-on-1s held in this period.\n\n");
    }
    for o in &packet.one_on_ones {
        let mood = o
            .mood
            .map_or_else(String::new, |m| format!(" · mood {m}/5"));
        let _ = writeln!(md, "### {}{mood}\n", o.held_on);
        if o.outcomes.trim().is_empty() {
            md.push_str("No outcomes recorded.\n\n");
        } else {
            let _ = writeln!(md, "{}", quote(&o.outcomes));
        }
    }

    md.push_str("## Mood over the period\n\n");
    if packet.moods.is_empty() {
        md.push_str("No moods recorded in this period.\n\n");
    } else {
        md.push_str("| Date | Mood (1-5) |\n|---|---|\n");
        for p in &packet.moods {
            let clamped = p.mood.clamp(0, 5) as usize;
            let _ = writeln!(
                md,
                "| {} | {} {} |",
                p.date,
                p.mood,
                "●".repeat(clamped) + &"○".repeat(5 - clamped)
            );
        }
        md.push('\n');
    }

    md.push_str("## Conflicts and how they ended\n\n");
    if packet.conflicts.is_empty() {
        md.push_str("No conflicts in this period.\n\n");
    }
    for c in &packet.conflicts {
        let _ = writeln!(md, "### {}\n", one_line(&c.conflict.title));
        let parties: Vec<String> = c.parties.iter().map(|p| one_line(&p.name)).collect();
        let _ = writeln!(md, "- **With:** {}", parties.join(", "));
        let _ = writeln!(md, "- **Surfaced:** {}", c.conflict.surfaced_on);
        let _ = writeln!(md, "- **Outcome:** {}", conflict_outcome(c));
        let next_step = one_line(&c.conflict.next_step);
        if !c.resolved_in_period && !next_step.is_empty() {
            let _ = writeln!(md, "- **Next step:** {next_step}");
        }
        md.push('\n');
        if !c.conflict.description.trim().is_empty() {
            let _ = writeln!(md, "{}", quote(&c.conflict.description));
        }
        for u in &c.updates {
            let _ = writeln!(md, "#### Update {}\n\n{}", u.on, quote(&u.note));
        }
        if c.resolved_in_period && !c.conflict.resolution.trim().is_empty() {
            let _ = writeln!(md, "#### Resolution\n\n{}", quote(&c.conflict.resolution));
        }
    }

    md.push_str("## Coaching questions and answers\n\n");
    if packet.questions.is_empty() {
        md.push_str("No coaching questions asked in this period.\n\n");
    }
    for q in &packet.questions {
        let category = q
            .category
            .as_deref()
            .map_or_else(String::new, |c| format!(" ({c})"));
        let _ = writeln!(
            md,
            "### {}: {}{category}\n",
            q.asked.asked_on,
            one_line(&q.asked.question_text)
        );
        if q.asked.answer.trim().is_empty() {
            md.push_str("No answer recorded.\n\n");
        } else {
            let _ = writeln!(md, "{}", quote(&q.asked.answer));
        }
        let follow_up = one_line(&q.asked.follow_up);
        if !follow_up.is_empty() {
            let _ = writeln!(md, "**Follow-up:** {follow_up}\n");
        }
    }
    while md.ends_with("\n\n") {
        md.pop();
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_needs_real_ordered_dates() {
        assert!(period("2025-01-01", "2025-12-31").is_ok());
        assert!(
            period("2025-03-03", "2025-03-03").is_ok(),
            "one day is a period"
        );
        let err = period("2025-12-31", "2025-01-01").unwrap_err();
        assert_eq!(err.field(), Some("from"));
        assert_eq!(
            err.to_string(),
            "the range starts (2025-12-31) after it ends (2025-01-01)"
        );
        let err = period("2025-02-30", "2025-03-01").unwrap_err();
        assert_eq!(err.field(), Some("from"));
        assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
        assert_eq!(
            period("2025-01-01", "soon").unwrap_err().field(),
            Some("to")
        );
    }

    #[test]
    fn tally_merges_case_and_sorts_by_count_then_name() {
        let names = ["Ownership", "clarity", "ownership", "Async"].map(String::from);
        assert_eq!(
            tally(names.into_iter()),
            [
                TagCount {
                    name: "Ownership".into(),
                    count: 2
                },
                TagCount {
                    name: "Async".into(),
                    count: 1
                },
                TagCount {
                    name: "clarity".into(),
                    count: 1
                },
            ]
        );
    }
}
