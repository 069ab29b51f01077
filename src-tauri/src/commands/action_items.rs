//! Action items.

use candor_core::store::action_items::{self, ActionItem, ActionItemInput};
use candor_core::validate::parse_uuid;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub fn add_action_item(
    state: State<'_, AppState>,
    person_id: String,
    input: ActionItemInput,
) -> CommandResult<ActionItem> {
    state.with_store(|store| {
        action_items::add(
            store.conn(),
            parse_uuid("person_id", "person", &person_id)?,
            &input,
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn update_action_item(
    state: State<'_, AppState>,
    id: String,
    input: ActionItemInput,
) -> CommandResult<ActionItem> {
    state.with_store(|store| {
        action_items::update(store.conn(), parse_uuid("id", "action item", &id)?, &input)
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
            parse_uuid("id", "action item", &id)?,
            done_on.as_deref(),
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn delete_action_item(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with_store(|store| {
        action_items::delete(store.conn(), parse_uuid("id", "action item", &id)?)
    })
}
