//! Coaching questions: the bank, questions asked, and suggestions.

use candor_core::store::questions::{
    self, AskedDetail, AskedInput, Question, QuestionAsked, QuestionFilter, QuestionInput,
    Suggestion,
};
use candor_core::validate::parse_uuid;
use serde::Serialize;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;
use crate::today;

#[derive(Debug, Serialize)]
pub struct Category {
    pub id: &'static str,
    pub label: &'static str,
}

#[tauri::command(rename_all = "snake_case")]
pub fn question_categories() -> Vec<Category> {
    questions::CATEGORIES
        .iter()
        .map(|(id, label)| Category { id, label })
        .collect()
}

#[tauri::command(rename_all = "snake_case")]
pub fn list_questions(
    state: State<'_, AppState>,
    filter: QuestionFilter,
) -> CommandResult<Vec<Question>> {
    state.with_store(|store| questions::list_questions(store.conn(), &filter))
}

#[tauri::command(rename_all = "snake_case")]
pub fn create_question(
    state: State<'_, AppState>,
    input: QuestionInput,
) -> CommandResult<Question> {
    state.with_store(|store| questions::create_question(store.conn(), &input))
}

#[tauri::command(rename_all = "snake_case")]
pub fn update_question(
    state: State<'_, AppState>,
    id: String,
    input: QuestionInput,
) -> CommandResult<Question> {
    state.with_store(|store| {
        questions::update_question(store.conn(), parse_uuid("id", "question", &id)?, &input)
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_question_retired(
    state: State<'_, AppState>,
    id: String,
    retired: bool,
) -> CommandResult<Question> {
    state.with_store(|store| {
        questions::set_retired(store.conn(), parse_uuid("id", "question", &id)?, retired)
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn delete_question(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with_store(|store| {
        questions::delete_question(store.conn(), parse_uuid("id", "question", &id)?)
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn log_question_asked(
    state: State<'_, AppState>,
    input: AskedInput,
) -> CommandResult<QuestionAsked> {
    state.with_store(|store| questions::log_asked(store.conn(), &input))
}

#[tauri::command(rename_all = "snake_case")]
pub fn update_question_asked(
    state: State<'_, AppState>,
    id: String,
    input: AskedInput,
) -> CommandResult<QuestionAsked> {
    state.with_store(|store| {
        questions::update_asked(
            store.conn(),
            parse_uuid("id", "logged question", &id)?,
            &input,
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn delete_question_asked(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with_store(|store| {
        questions::delete_asked(store.conn(), parse_uuid("id", "logged question", &id)?)
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn questions_asked_for_person(
    state: State<'_, AppState>,
    person_id: String,
) -> CommandResult<Vec<AskedDetail>> {
    state.with_store(|store| {
        questions::asked_for_person(store.conn(), parse_uuid("person_id", "person", &person_id)?)
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn suggest_questions(
    state: State<'_, AppState>,
    person_id: String,
    categories: Option<Vec<String>>,
    limit: Option<usize>,
) -> CommandResult<Vec<Suggestion>> {
    state.with_store(|store| {
        let categories = categories.unwrap_or_default();
        let categories: Vec<&str> = categories.iter().map(String::as_str).collect();
        questions::suggest(
            store.conn(),
            parse_uuid("person_id", "person", &person_id)?,
            &categories,
            today(),
            limit.unwrap_or(3).min(20),
        )
    })
}
