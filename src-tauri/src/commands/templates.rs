//! Agenda templates, and applying one to a 1-on-1 (core's
//! `store::templates`).

use candor_core::store::agenda::TalkingPoint;
use candor_core::store::templates::{self, Template, TemplateInput};
use candor_core::validate::parse_uuid;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub fn list_templates(
    state: State<'_, AppState>,
    include_hidden: Option<bool>,
) -> CommandResult<Vec<Template>> {
    state.with_store(|store| templates::list(store.conn(), include_hidden.unwrap_or(false)))
}

#[tauri::command(rename_all = "snake_case")]
pub fn create_template(
    state: State<'_, AppState>,
    input: TemplateInput,
) -> CommandResult<Template> {
    state.with_store(|store| templates::create(store.conn(), &input))
}

#[tauri::command(rename_all = "snake_case")]
pub fn update_template(
    state: State<'_, AppState>,
    id: String,
    input: TemplateInput,
) -> CommandResult<Template> {
    state.with_store(|store| {
        templates::update(
            store.conn(),
            parse_uuid("template_id", "template", &id)?,
            &input,
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn delete_template(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with_store(|store| {
        templates::delete(store.conn(), parse_uuid("template_id", "template", &id)?)
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_template_hidden(
    state: State<'_, AppState>,
    id: String,
    hidden: bool,
) -> CommandResult<Template> {
    state.with_store(|store| {
        templates::set_hidden(
            store.conn(),
            parse_uuid("template_id", "template", &id)?,
            hidden,
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn apply_template(
    state: State<'_, AppState>,
    id: String,
    one_on_one_id: String,
) -> CommandResult<Vec<TalkingPoint>> {
    state.with_store(|store| {
        templates::apply(
            store.conn(),
            parse_uuid("template_id", "template", &id)?,
            parse_uuid("one_on_one_id", "1-on-1", &one_on_one_id)?,
        )
    })
}
