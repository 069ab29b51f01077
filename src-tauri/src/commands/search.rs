//! Full-text search over the whole journal (core's `search`), and the kinds
//! of record it and the timeline name (core's `record_kinds`).

use candor_core::record_kinds::RecordKind;
use candor_core::search::{self, SearchQuery, SearchResults};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

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
