//! Conflicts: surfacing, parties, dated updates, status and resolution.

use candor_core::store::conflicts::{
    self, ConflictDetail, ConflictFilter, ConflictInput, ConflictSummary, Status, UpdateDetail,
    UpdateInput,
};
use candor_core::validate::parse_uuid;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;
use crate::today;

#[tauri::command(rename_all = "snake_case")]
pub fn list_conflicts(
    state: State<'_, AppState>,
    status: Option<String>,
    person_id: Option<String>,
) -> CommandResult<Vec<ConflictSummary>> {
    state.with_store(|store| {
        let filter = ConflictFilter {
            status: match status.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(text) => Some(Status::parse(text)?),
            },
            person_id: match person_id.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(text) => Some(parse_uuid("id", "person", text)?),
            },
        };
        conflicts::list(store.conn(), &filter)
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn get_conflict(state: State<'_, AppState>, id: String) -> CommandResult<ConflictDetail> {
    state.with_store(|store| conflicts::get(store.conn(), parse_uuid("id", "conflict", &id)?))
}

#[tauri::command(rename_all = "snake_case")]
pub fn create_conflict(
    state: State<'_, AppState>,
    input: ConflictInput,
) -> CommandResult<ConflictDetail> {
    state.with_store(|store| conflicts::create(store.conn(), &input))
}

#[tauri::command(rename_all = "snake_case")]
pub fn update_conflict(
    state: State<'_, AppState>,
    id: String,
    input: ConflictInput,
) -> CommandResult<ConflictDetail> {
    state.with_store(|store| {
        conflicts::update(store.conn(), parse_uuid("id", "conflict", &id)?, &input)
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_conflict_status(
    state: State<'_, AppState>,
    id: String,
    status: String,
    resolution: Option<String>,
    resolved_on: Option<String>,
) -> CommandResult<ConflictDetail> {
    state.with_store(|store| {
        conflicts::set_status(
            store.conn(),
            parse_uuid("id", "conflict", &id)?,
            Status::parse(&status)?,
            resolution.as_deref(),
            resolved_on.as_deref(),
            today(),
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn delete_conflict(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with_store(|store| conflicts::delete(store.conn(), parse_uuid("id", "conflict", &id)?))
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_conflict_update(
    state: State<'_, AppState>,
    conflict_id: String,
    input: UpdateInput,
) -> CommandResult<UpdateDetail> {
    state.with_store(|store| {
        conflicts::add_update(
            store.conn(),
            parse_uuid("conflict_id", "conflict", &conflict_id)?,
            &input,
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn delete_conflict_update(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with_store(|store| {
        conflicts::delete_update(store.conn(), parse_uuid("id", "conflict update", &id)?)
    })
}
