//! Feedback: the composer, its draft checks, and the path to delivered.

use candor_core::feedback_checks::{self, Check, FeedbackText};
use candor_core::store::feedback::{self, FeedbackInput, FeedbackView};
use candor_core::validate::parse_uuid;
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;
use crate::today;

#[tauri::command(rename_all = "snake_case")]
pub fn create_feedback(
    state: State<'_, AppState>,
    person_id: String,
    input: FeedbackInput,
) -> CommandResult<FeedbackView> {
    state.with_store(|store| {
        let created = feedback::create(
            store.conn(),
            parse_uuid("person_id", "person", &person_id)?,
            &input,
            today(),
        )?;
        feedback::view(store.conn(), created.id, today())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn update_feedback(
    state: State<'_, AppState>,
    id: String,
    input: FeedbackInput,
) -> CommandResult<FeedbackView> {
    state.with_store(|store| {
        let id = parse_uuid("id", "feedback", &id)?;
        feedback::update(store.conn(), id, &input, today())?;
        feedback::view(store.conn(), id, today())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn get_feedback(state: State<'_, AppState>, id: String) -> CommandResult<FeedbackView> {
    state.with_store(|store| {
        feedback::view(store.conn(), parse_uuid("id", "feedback", &id)?, today())
    })
}

/// The text the composer checks while typing (nothing is stored).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CheckInput {
    pub kind: String,
    pub context: String,
    pub observation: String,
    pub impact: String,
    pub next_time: String,
}

#[derive(Debug, Serialize)]
pub struct CheckResult {
    pub checks: Vec<Check>,
    pub preview: String,
}

#[tauri::command(rename_all = "snake_case")]
pub fn check_feedback(input: CheckInput) -> CheckResult {
    let text = FeedbackText {
        redirecting: input.kind == "redirecting",
        context: &input.context,
        observation: &input.observation,
        impact: &input.impact,
        next_time: &input.next_time,
    };
    CheckResult {
        checks: feedback_checks::check(&text),
        preview: feedback_checks::preview(&text),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub fn mark_feedback_ready(state: State<'_, AppState>, id: String) -> CommandResult<FeedbackView> {
    state.with_store(|store| {
        let id = parse_uuid("id", "feedback", &id)?;
        feedback::mark_ready(store.conn(), id)?;
        feedback::view(store.conn(), id, today())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn feedback_back_to_draft(
    state: State<'_, AppState>,
    id: String,
) -> CommandResult<FeedbackView> {
    state.with_store(|store| {
        let id = parse_uuid("id", "feedback", &id)?;
        feedback::back_to_draft(store.conn(), id)?;
        feedback::view(store.conn(), id, today())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn deliver_feedback(
    state: State<'_, AppState>,
    id: String,
    delivered_on: String,
    one_on_one_id: Option<String>,
) -> CommandResult<FeedbackView> {
    state.with_store(|store| {
        let id = parse_uuid("id", "feedback", &id)?;
        let meeting = match one_on_one_id.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(parse_uuid("one_on_one_id", "1-on-1", text)?),
        };
        feedback::deliver(store.conn(), id, &delivered_on, meeting, today())?;
        feedback::view(store.conn(), id, today())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn discard_feedback(state: State<'_, AppState>, id: String) -> CommandResult<FeedbackView> {
    state.with_store(|store| {
        let id = parse_uuid("id", "feedback", &id)?;
        feedback::discard(store.conn(), id)?;
        feedback::view(store.conn(), id, today())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn restore_feedback(state: State<'_, AppState>, id: String) -> CommandResult<FeedbackView> {
    state.with_store(|store| {
        let id = parse_uuid("id", "feedback", &id)?;
        feedback::restore(store.conn(), id)?;
        feedback::view(store.conn(), id, today())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_feedback_response(
    state: State<'_, AppState>,
    id: String,
    response: String,
) -> CommandResult<FeedbackView> {
    state.with_store(|store| {
        let id = parse_uuid("id", "feedback", &id)?;
        feedback::set_response(store.conn(), id, &response)?;
        feedback::view(store.conn(), id, today())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn list_team_feedback(
    state: State<'_, AppState>,
    include_discarded: Option<bool>,
) -> CommandResult<Vec<FeedbackView>> {
    state.with_store(|store| {
        feedback::list_team(store.conn(), include_discarded.unwrap_or(false), today())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn feedback_tags(state: State<'_, AppState>) -> CommandResult<Vec<String>> {
    state.with_store(|store| feedback::all_tags(store.conn()))
}
