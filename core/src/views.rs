//! Read models for one screen each, assembled from several record kinds, so
//! a view loads with one call and one consistent snapshot.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

use crate::markdown;
use crate::store::action_items::{self, ActionItem};
use crate::store::agenda::{self, TalkingPoint};
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

/// Everything the 1-on-1 view shows, in one call.
#[derive(Debug, Clone, Serialize)]
pub struct OneOnOneDetail {
    pub one_on_one: OneOnOne,
    pub person: Person,
    pub agenda: Vec<TalkingPoint>,
    /// Action items that came out of this 1-on-1.
    pub action_items: Vec<ActionItem>,
    /// The person's other open action items, from earlier 1-on-1s or none.
    pub open_action_items: Vec<ActionItem>,
    pub notes_html: String,
    pub outcomes_html: String,
    /// The person's next scheduled 1-on-1 after this one, if any.
    pub next_scheduled: Option<OneOnOne>,
    /// While scheduled: the person's drafts and ready feedback to bring.
    pub feedback_to_deliver: Vec<FeedbackView>,
    /// Feedback delivered in this 1-on-1.
    pub feedback_delivered: Vec<FeedbackView>,
    /// Open or in-progress conflicts the person is a party to.
    pub open_conflicts: Vec<ConflictSummary>,
    /// Coaching questions asked in this 1-on-1.
    pub questions_asked: Vec<AskedDetail>,
    /// The person's active goals, for check-ins during the 1-on-1.
    pub active_goals: Vec<GoalDetail>,
}

/// Everything the 1-on-1 view needs; `today` dates the feedback's age.
pub fn one_on_one_detail(conn: &Connection, id: Uuid, today: NaiveDate) -> Result<OneOnOneDetail> {
    let meeting = one_on_ones::get(conn, id)?;
    let person = people::get(conn, meeting.person_id)?;
    let action_items = action_items::for_one_on_one(conn, id)?;
    let open_action_items = action_items::open_for_person(conn, meeting.person_id)?
        .into_iter()
        .filter(|item| item.one_on_one_id != Some(id))
        .collect();
    let feedback_to_deliver = if meeting.status == Status::Scheduled {
        feedback::to_deliver(conn, meeting.person_id, today)?
    } else {
        Vec::new()
    };
    let questions_asked = questions::asked_for_person(conn, meeting.person_id)?
        .into_iter()
        .filter(|q| q.asked.one_on_one_id == Some(id))
        .collect();
    let active_goals = goals::for_person(conn, meeting.person_id, today)?
        .into_iter()
        .filter(|g| g.goal.status == goals::Status::Active)
        .collect();
    Ok(OneOnOneDetail {
        active_goals,
        open_conflicts: conflicts::open_involving(conn, meeting.person_id)?,
        questions_asked,
        feedback_to_deliver,
        feedback_delivered: feedback::delivered_in(conn, id, today)?,
        agenda: agenda::list(conn, id)?,
        notes_html: markdown::render(&meeting.notes),
        outcomes_html: markdown::render(&meeting.outcomes),
        next_scheduled: one_on_ones::next_scheduled_after(conn, &meeting)?,
        one_on_one: meeting,
        person,
        action_items,
        open_action_items,
    })
}
