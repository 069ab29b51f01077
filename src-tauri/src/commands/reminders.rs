//! Reminders: the Due list and snoozes (core's `reminders`).

use candor_core::reminders::{self, DueList, SnoozedReminder};
use candor_core::store::snoozes::Snooze;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;
use crate::today;

#[tauri::command(rename_all = "snake_case")]
pub fn due_list(state: State<'_, AppState>) -> CommandResult<DueList> {
    state.with_store(|store| reminders::due(store.conn(), today()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn snoozed_reminders(state: State<'_, AppState>) -> CommandResult<Vec<SnoozedReminder>> {
    state.with_store(|store| reminders::snoozed(store.conn(), today()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn snooze_reminder(
    state: State<'_, AppState>,
    key: String,
    until: String,
) -> CommandResult<Snooze> {
    state.with_store(|store| reminders::snooze(store.conn(), &key, &until, today()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn unsnooze_reminder(state: State<'_, AppState>, key: String) -> CommandResult<()> {
    state.with_store(|store| reminders::unsnooze(store.conn(), &key))
}
