//! The sample team for a new user to look around (core's `demo`).

use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;
use crate::today;

/// Fills an empty journal with a small, made-up team (8 people, two years),
/// so a new user can look around. Refused once the journal has people.
#[tauri::command(rename_all = "snake_case")]
pub fn create_sample_team(
    state: State<'_, AppState>,
) -> CommandResult<candor_core::demo::DemoReport> {
    state.with_store(|store| {
        candor_core::demo::generate(
            store.conn(),
            &candor_core::demo::DemoOptions::sample(today()),
            None,
        )
    })
}
