//! Candor's desktop shell: the Tauri app, its commands, and the headless CLI
//! that shares the binary. Every command is a thin adapter over `candor-core`.

pub mod cli;
pub mod commands;
pub mod error;
pub mod state;

use std::path::PathBuf;

use tauri::{Builder, Runtime};

pub use state::AppState;

/// Everything the app registers, shared by `main` and the mock-runtime tests
/// so that both exercise the same wiring.
pub fn configure<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::people::list_people,
            commands::people::get_person,
            commands::people::create_person,
            commands::people::update_person,
            commands::people::set_person_archived,
        ])
}

/// The app's context: `tauri.conf.json`, the embedded `ui/` and the real
/// capability files. Tests use it with the mock runtime so that permissions
/// are enforced there exactly as in the app.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Opens the window on the journal at `db_path` and runs until it closes.
pub fn run_window(db_path: PathBuf) -> Result<(), tauri::Error> {
    configure(tauri::Builder::default(), AppState::open(db_path)).run(context())
}
