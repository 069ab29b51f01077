//! Facts about the running app for the Settings/About view.

use serde::Serialize;
use tauri::State;

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    /// The journal file in use.
    pub db_path: String,
    /// Its schema version, when it is open.
    pub schema_version: Option<i64>,
    /// Why the journal could not be opened, when it could not.
    pub journal_error: Option<CommandError>,
}

#[tauri::command(rename_all = "snake_case")]
pub fn app_info(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        db_path: state.db_path().display().to_string(),
        schema_version: state.with_store(|store| store.schema_version()).ok(),
        journal_error: state.open_error().cloned(),
    })
}

/// Renders Markdown to sanitized HTML, for live previews.
#[tauri::command(rename_all = "snake_case")]
pub fn render_markdown(text: String) -> String {
    candor_core::markdown::render(&text)
}

/// Today's date on this computer, so the UI and core agree on "today".
#[tauri::command(rename_all = "snake_case")]
pub fn today() -> String {
    crate::today().to_string()
}
