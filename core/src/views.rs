//! Read models for one screen each, assembled from several record kinds, so
//! a view loads with one call and one consistent snapshot.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

use crate::store::action_items::{self, ActionItem};
use crate::store::conflicts::{self, ConflictSummary};
use crate::store::feedback::{self, FeedbackFilter, FeedbackView};
use crate::store::goals::{self, GoalDetail};
use crate::store::one_on_ones::{self, OneOnOne, OneOnOneSummary, Status};
use crate::store::people::{self, Person};
use crate::store::questions::{self, AskedDetail};
use crate::Result;

/// A person's page: their profile, 1-on-1 history and what is open.
#[derive(Debug, Clone, Serialize)]
pub struct PersonOverview {
    pub person: Person,
    /// The day of their latest held 1-on-1.
    pub last_held_on: Option<NaiveDate>,
    /// Their earliest 1-on-1 still scheduled.
    pub next_scheduled: Option<OneOnOne>,
    /// Newest first.
    pub one_on_ones: Vec<OneOnOneSummary>,
    pub open_action_items: Vec<ActionItem>,
    /// All their feedback, discarded included, newest observed first.
    pub feedback: Vec<FeedbackView>,
    /// Conflicts they are a party to.
    pub conflicts: Vec<ConflictSummary>,
    /// Coaching questions asked to them, newest first, with their answers.
    pub questions_asked: Vec<AskedDetail>,
    /// Their growth goals, active first.
    pub goals: Vec<GoalDetail>,
}

pub fn person_overview(conn: &Connection, id: Uuid, today: NaiveDate) -> Result<PersonOverview> {
    let person = people::get(conn, id)?;
    let one_on_ones = one_on_ones::list_for_person(conn, id)?;
    let next_scheduled = match one_on_ones
        .iter()
        .filter(|o| o.status == Status::Scheduled)
        .min_by(|a, b| a.scheduled_at.cmp(&b.scheduled_at))
    {
        Some(summary) => Some(one_on_ones::get(conn, summary.id)?),
        None => None,
    };
    let all = FeedbackFilter {
        include_discarded: true,
        ..Default::default()
    };
    Ok(PersonOverview {
        feedback: feedback::list_for_person(conn, id, &all, today)?,
        conflicts: conflicts::involving(conn, id)?,
        questions_asked: questions::asked_for_person(conn, id)?,
        goals: goals::for_person(conn, id, today)?,
        last_held_on: one_on_ones::last_held_on(conn, id)?,
        open_action_items: action_items::open_for_person(conn, id)?,
        next_scheduled,
        one_on_ones,
        person,
    })
}
