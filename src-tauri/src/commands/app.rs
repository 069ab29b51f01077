//! Facts about the running app for the Settings/About view.

use candor_core::progress::Step;
use serde::Serialize;
use tauri::State;

use crate::error::{CommandError, CommandResult};
use crate::state::{AppState, JournalStatus};

/// Overrides the auto-lock idle time, in seconds, whatever the setting
/// says: for the end-to-end tests, which cannot wait five minutes. Not for
/// people: the Settings screen offers the real choices.
pub const AUTO_LOCK_SECONDS_VAR: &str = "CANDOR_AUTO_LOCK_SECONDS";

#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    /// The journal file in use.
    pub db_path: String,
    /// Its schema version, when it is open.
    pub schema_version: Option<i64>,
    /// Why the journal could not be opened, when it could not.
    pub journal_error: Option<CommandError>,
    /// `open`, `locked` (encrypted, waiting for its passphrase), `failed`,
    /// or `updating` (an older journal's schema is being brought up to
    /// date; `update_step` says how far it has got).
    pub journal_state: &'static str,
    /// While `updating`: the last step of the update (`None` before the
    /// first).
    pub update_step: Option<Step>,
    /// Whether the journal file is encrypted (a locked one always is).
    pub encrypted: bool,
    /// After how many idle seconds the window locks the journal; `None`:
    /// never (a plain journal, the setting "never", or locked already).
    pub auto_lock_seconds: Option<u64>,
}

#[tauri::command(rename_all = "snake_case")]
pub fn app_info(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    let status = state.status();
    let auto_lock_seconds = match status {
        JournalStatus::Open { encrypted: true } => auto_lock_seconds(&state),
        _ => None,
    };
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        db_path: state.db_path().display().to_string(),
        schema_version: state.with_store(|store| store.schema_version()).ok(),
        journal_error: state.open_error(),
        journal_state: match status {
            JournalStatus::Open { .. } => "open",
            JournalStatus::Locked => "locked",
            JournalStatus::Failed => "failed",
            JournalStatus::Updating => "updating",
        },
        update_step: state.update_step(),
        encrypted: matches!(
            status,
            JournalStatus::Locked | JournalStatus::Open { encrypted: true }
        ),
        auto_lock_seconds,
    })
}

/// The idle time of an open, encrypted journal: the test override, else
/// the setting (0 minutes: never).
fn auto_lock_seconds(state: &AppState) -> Option<u64> {
    if let Some(seconds) = std::env::var(AUTO_LOCK_SECONDS_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
    {
        return Some(seconds);
    }
    let minutes = state
        .with_store(|store| candor_core::store::settings::get(store.conn()))
        .map(|s| s.auto_lock_minutes)
        .unwrap_or(candor_core::store::settings::DEFAULT_AUTO_LOCK_MINUTES);
    u64::try_from(minutes)
        .ok()
        .filter(|m| *m > 0)
        .map(|m| m * 60)
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
