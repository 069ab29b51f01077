//! Talking points on a 1-on-1's agenda (core's `store::agenda`).

use candor_core::store::agenda::{self, PointInput, TalkingPoint};
use candor_core::validate::parse_uuid;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub fn add_talking_point(
    state: State<'_, AppState>,
    one_on_one_id: String,
    input: PointInput,
) -> CommandResult<TalkingPoint> {
    state.with_store(|store| {
        agenda::add(
            store.conn(),
            parse_uuid("one_on_one_id", "1-on-1", &one_on_one_id)?,
            &input,
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn edit_talking_point(
    state: State<'_, AppState>,
    id: String,
    input: PointInput,
) -> CommandResult<TalkingPoint> {
    state.with_store(|store| {
        agenda::edit(
            store.conn(),
            parse_uuid("id", "talking point", &id)?,
            &input,
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_talking_point_resolved(
    state: State<'_, AppState>,
    id: String,
    resolved: bool,
) -> CommandResult<TalkingPoint> {
    state.with_store(|store| {
        agenda::set_resolved(
            store.conn(),
            parse_uuid("id", "talking point", &id)?,
            resolved,
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn move_talking_point(
    state: State<'_, AppState>,
    id: String,
    index: usize,
) -> CommandResult<Vec<TalkingPoint>> {
    state.with_store(|store| {
        agenda::move_to(store.conn(), parse_uuid("id", "talking point", &id)?, index)
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn delete_talking_point(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with_store(|store| agenda::delete(store.conn(), parse_uuid("id", "talking point", &id)?))
}
