//! Action items.

use candor_core::action_items::{self, ActionItem, ActionItemInput};
use candor_core::people;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub fn add_action_item(
    state: State<'_, AppState>,
    person_id: String,
    input: ActionItemInput,
) -> CommandResult<ActionItem> {
    state.with_store(|store| action_items::add(store.conn(), people::parse_id(&person_id)?, &input))
}

#[tauri::command(rename_all = "snake_case")]
pub fn update_action_item(
    state: State<'_, AppState>,
    id: String,
    input: ActionItemInput,
) -> CommandResult<ActionItem> {
    state.with_store(|store| {
        action_items::update(store.conn(), action_items::parse_id(&id)?, &input)
    })
}

/// Checks an item off (`done_on` a date) or opens it again (`done_on` null).
#[tauri::command(rename_all = "snake_case")]
pub fn set_action_item_done(
    state: State<'_, AppState>,
    id: String,
    done_on: Option<String>,
) -> CommandResult<ActionItem> {
    state.with_store(|store| {
        action_items::set_done(
            store.conn(),
            action_items::parse_id(&id)?,
            done_on.as_deref(),
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn delete_action_item(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with_store(|store| action_items::delete(store.conn(), action_items::parse_id(&id)?))
}
