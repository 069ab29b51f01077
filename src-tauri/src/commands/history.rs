//! A person's history: the timeline, mood and counts over a range (core's
//! `history`).

use candor_core::history::{self, MoodPoint, RangeCounts, TimelineFilter, TimelinePage};
use candor_core::validate::parse_uuid;
use serde::Serialize;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;
use crate::today;

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
