//! The journal's settings: the thresholds behind the reminder rules and how
//! many backups to keep (core's `store::settings`).

use candor_core::store::settings::{self, Settings, SettingsInput};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub fn get_settings(state: State<'_, AppState>) -> CommandResult<Settings> {
    state.with_store(|store| settings::get(store.conn()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn update_settings(
    state: State<'_, AppState>,
    input: SettingsInput,
) -> CommandResult<Settings> {
    state.with_store(|store| settings::update(store.conn(), &input))
}
