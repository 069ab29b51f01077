//! Growth goals and their check-ins (core's `store::goals`).

use candor_core::store::goals::{
    self, CheckinDetail, CheckinInput, Goal, GoalDetail, GoalInput, Status,
};
use candor_core::validate::parse_uuid;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;
use crate::today;

#[tauri::command(rename_all = "snake_case")]
pub fn list_goals(state: State<'_, AppState>, person_id: String) -> CommandResult<Vec<GoalDetail>> {
    state.with_store(|store| {
        goals::for_person(
            store.conn(),
            parse_uuid("person_id", "person", &person_id)?,
            today(),
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn create_goal(
    state: State<'_, AppState>,
    person_id: String,
    input: GoalInput,
) -> CommandResult<Goal> {
    state.with_store(|store| {
        goals::create(
            store.conn(),
            parse_uuid("person_id", "person", &person_id)?,
            &input,
            today(),
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn update_goal(
    state: State<'_, AppState>,
    id: String,
    input: GoalInput,
) -> CommandResult<Goal> {
    state.with_store(|store| goals::update(store.conn(), parse_uuid("id", "goal", &id)?, &input))
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_goal_status(
    state: State<'_, AppState>,
    id: String,
    status: String,
) -> CommandResult<Goal> {
    state.with_store(|store| {
        goals::set_status(
            store.conn(),
            parse_uuid("id", "goal", &id)?,
            Status::parse(&status)?,
            today(),
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn delete_goal(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with_store(|store| goals::delete(store.conn(), parse_uuid("id", "goal", &id)?))
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_goal_checkin(
    state: State<'_, AppState>,
    goal_id: String,
    input: CheckinInput,
) -> CommandResult<CheckinDetail> {
    state.with_store(|store| {
        goals::add_checkin(
            store.conn(),
            parse_uuid("goal_id", "goal", &goal_id)?,
            &input,
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn delete_goal_checkin(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state
        .with_store(|store| goals::delete_checkin(store.conn(), parse_uuid("id", "check-in", &id)?))
}
