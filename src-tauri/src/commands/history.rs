//! Growth history: goals and check-ins, the person timeline, mood, counts,
//! and full-text search.

use candor_core::history::{self, MoodPoint, RangeCounts, TimelineFilter, TimelinePage};
use candor_core::record_kinds::RecordKind;
use candor_core::search::{self, SearchQuery, SearchResults};
use candor_core::store::goals::{
    self, CheckinDetail, CheckinInput, Goal, GoalDetail, GoalInput, Status,
};
use candor_core::validate::parse_uuid;
use serde::Serialize;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;
use crate::today;

#[tauri::command(rename_all = "snake_case")]
pub fn list_goals(state: State<'_, AppState>, person_id: String) -> CommandResult<Vec<GoalDetail>> {
    state.with_store(|store| {
        goals::for_person(
            store.conn(),
            parse_uuid("person_id", "person", &person_id)?,
            today(),
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn create_goal(
    state: State<'_, AppState>,
    person_id: String,
    input: GoalInput,
) -> CommandResult<Goal> {
    state.with_store(|store| {
        goals::create(
            store.conn(),
            parse_uuid("person_id", "person", &person_id)?,
            &input,
            today(),
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn update_goal(
    state: State<'_, AppState>,
    id: String,
    input: GoalInput,
) -> CommandResult<Goal> {
    state.with_store(|store| goals::update(store.conn(), parse_uuid("id", "goal", &id)?, &input))
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_goal_status(
    state: State<'_, AppState>,
    id: String,
    status: String,
) -> CommandResult<Goal> {
    state.with_store(|store| {
        goals::set_status(
            store.conn(),
            parse_uuid("id", "goal", &id)?,
            Status::parse(&status)?,
            today(),
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn delete_goal(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with_store(|store| goals::delete(store.conn(), parse_uuid("id", "goal", &id)?))
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_goal_checkin(
    state: State<'_, AppState>,
    goal_id: String,
    input: CheckinInput,
) -> CommandResult<CheckinDetail> {
    state.with_store(|store| {
        goals::add_checkin(
            store.conn(),
            parse_uuid("goal_id", "goal", &goal_id)?,
            &input,
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn delete_goal_checkin(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state
        .with_store(|store| goals::delete_checkin(store.conn(), parse_uuid("id", "check-in", &id)?))
}

#[tauri::command(rename_all = "snake_case")]
pub fn person_timeline(
    state: State<'_, AppState>,
    person_id: String,
    filter: TimelineFilter,
) -> CommandResult<TimelinePage> {
    state.with_store(|store| {
        history::timeline(
            store.conn(),
            parse_uuid("person_id", "person", &person_id)?,
            &filter,
        )
    })
}

/// The mood chart and the counts strip of a person's history, for a range.
#[derive(Debug, Serialize)]
pub struct HistorySummary {
    pub moods: Vec<MoodPoint>,
    pub counts: RangeCounts,
}

#[tauri::command(rename_all = "snake_case")]
pub fn history_summary(
    state: State<'_, AppState>,
    person_id: String,
    from: String,
    to: String,
) -> CommandResult<HistorySummary> {
    state.with_store(|store| {
        let id = parse_uuid("person_id", "person", &person_id)?;
        let counts = history::range_counts(store.conn(), id, &from, &to, today())?;
        let moods = history::mood_series(store.conn(), id, counts.from, counts.to)?;
        Ok(HistorySummary { moods, counts })
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn search_journal(
    state: State<'_, AppState>,
    query: SearchQuery,
) -> CommandResult<SearchResults> {
    state.with_store(|store| search::search(store.conn(), &query))
}

/// Every kind of record with its labels, for search and the timeline.
#[tauri::command(rename_all = "snake_case")]
pub fn record_kinds() -> &'static [RecordKind] {
    candor_core::record_kinds::RECORD_KINDS
}
