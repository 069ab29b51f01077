//! 1-on-1s: starting, the view, notes and outcomes, mood, status changes.

use candor_core::store::one_on_ones::{self, NewOneOnOne, OneOnOne, SavedText, TextField};
use candor_core::validate::parse_uuid;
use candor_core::views::{self, OneOnOneDetail, PersonOverview};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub fn person_overview(state: State<'_, AppState>, id: String) -> CommandResult<PersonOverview> {
    state.with_store(|store| {
        views::person_overview(
            store.conn(),
            parse_uuid("id", "person", &id)?,
            crate::today(),
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn start_one_on_one(
    state: State<'_, AppState>,
    person_id: String,
    input: NewOneOnOne,
) -> CommandResult<OneOnOne> {
    state.with_store(|store| {
        one_on_ones::start(
            store.conn(),
            parse_uuid("person_id", "person", &person_id)?,
            &input,
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn get_one_on_one(state: State<'_, AppState>, id: String) -> CommandResult<OneOnOneDetail> {
    state.with_store(|store| {
        views::one_on_one_detail(
            store.conn(),
            parse_uuid("id", "1-on-1", &id)?,
            crate::today(),
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn save_one_on_one_text(
    state: State<'_, AppState>,
    id: String,
    field: TextField,
    text: String,
) -> CommandResult<SavedText> {
    state.with_store(|store| {
        one_on_ones::save_text(store.conn(), parse_uuid("id", "1-on-1", &id)?, field, &text)
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_one_on_one_mood(
    state: State<'_, AppState>,
    id: String,
    mood: Option<i64>,
) -> CommandResult<OneOnOne> {
    state.with_store(|store| {
        one_on_ones::set_mood(store.conn(), parse_uuid("id", "1-on-1", &id)?, mood)
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn mark_one_on_one_held(
    state: State<'_, AppState>,
    id: String,
    held_on: String,
) -> CommandResult<OneOnOne> {
    state.with_store(|store| {
        one_on_ones::mark_held(
            store.conn(),
            parse_uuid("id", "1-on-1", &id)?,
            &held_on,
            crate::today(),
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn cancel_one_on_one(state: State<'_, AppState>, id: String) -> CommandResult<OneOnOne> {
    state.with_store(|store| one_on_ones::cancel(store.conn(), parse_uuid("id", "1-on-1", &id)?))
}

#[tauri::command(rename_all = "snake_case")]
pub fn reschedule_one_on_one(
    state: State<'_, AppState>,
    id: String,
    scheduled_at: String,
) -> CommandResult<OneOnOne> {
    state.with_store(|store| {
        one_on_ones::reschedule(
            store.conn(),
            parse_uuid("id", "1-on-1", &id)?,
            &scheduled_at,
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn schedule_next_one_on_one(state: State<'_, AppState>, id: String) -> CommandResult<OneOnOne> {
    state.with_store(|store| {
        one_on_ones::schedule_next(store.conn(), parse_uuid("id", "1-on-1", &id)?)
    })
}
