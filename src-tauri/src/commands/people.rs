//! People on the team.

use candor_core::store::people::{self, Person, PersonInput, Scope};
use candor_core::validate::parse_uuid;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub fn list_people(state: State<'_, AppState>, scope: Option<Scope>) -> CommandResult<Vec<Person>> {
    state.with_store(|store| people::list(store.conn(), scope.unwrap_or_default()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn get_person(state: State<'_, AppState>, id: String) -> CommandResult<Person> {
    state.with_store(|store| people::get(store.conn(), parse_uuid("id", "person", &id)?))
}

#[tauri::command(rename_all = "snake_case")]
pub fn create_person(state: State<'_, AppState>, input: PersonInput) -> CommandResult<Person> {
    state.with_store(|store| people::create(store.conn(), &input))
}

#[tauri::command(rename_all = "snake_case")]
pub fn update_person(
    state: State<'_, AppState>,
    id: String,
    input: PersonInput,
) -> CommandResult<Person> {
    state.with_store(|store| people::update(store.conn(), parse_uuid("id", "person", &id)?, &input))
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_person_archived(
    state: State<'_, AppState>,
    id: String,
    archived: bool,
) -> CommandResult<Person> {
    state.with_store(|store| {
        people::set_archived(store.conn(), parse_uuid("id", "person", &id)?, archived)
    })
}
