//! Your data: back up now, restore, export (JSON or Markdown) and import.
//! Files are chosen in native dialogs shown from Rust, so the window never
//! handles file paths and needs no file-system permission at all.

use std::path::PathBuf;

use candor_core::backup::{self, BackupReport, RestoreReport};
use candor_core::files::{self, OutputKind, OutputPath};
use candor_core::transfer::{self, ExportFormat, ImportReport, MarkdownReport};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::chosen;
use crate::error::{CommandError, CommandResult};
use crate::state::AppState;
use crate::today;

/// Backs the journal up to a file the user picks. `None` if they cancel.
#[tauri::command(rename_all = "snake_case")]
pub async fn backup_now<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<BackupReport>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Back up your journal")
        // With the time: a backup never replaces another database, so a
        // second backup on the same day needs a name of its own.
        .set_file_name(format!(
            "candor-backup-{}.db",
            chrono::Local::now().format("%Y-%m-%d-%H%M")
        ))
        .add_filter("Candor journal", &["db"])
        .blocking_save_file();
    let Some(path) = chosen(picked)? else {
        return Ok(None);
    };
    let out = OutputPath::check(&path, Some(state.db_path()), OutputKind::File)?;
    state
        .with_store(|store| backup::backup_to(store, &out))
        .map(Some)
}

/// Replaces the journal with a backup the user picks, after checking the
/// backup and saving the current journal beside it. `None` if they cancel.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_backup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<RestoreReport>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Restore from a backup")
        .add_filter("Candor journal", &["db"])
        .blocking_pick_file();
    let Some(path) = chosen(picked)? else {
        return Ok(None);
    };
    let db_path = state.db_path().to_owned();
    // Hold the journal while its contents are replaced, so no command
    // writes in between.
    state
        .with_store(|store| backup::restore_from(&db_path, store.key(), &path, None, today()))
        .map(Some)
}

/// What an export wrote.
#[derive(Debug, serde::Serialize)]
pub struct ExportReport {
    pub path: PathBuf,
    pub markdown: Option<MarkdownReport>,
}

/// Exports everything as one JSON file, or as a folder of Markdown files
/// (one per person). `None` if the user cancels.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_journal<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: String,
) -> CommandResult<Option<ExportReport>> {
    match format.parse::<ExportFormat>()? {
        ExportFormat::Json => {
            let picked = app
                .dialog()
                .file()
                .set_title("Export your journal")
                .set_file_name(format!("candor-export-{}.json", today()))
                .add_filter("Candor export", &["json"])
                .blocking_save_file();
            let Some(path) = chosen(picked)? else {
                return Ok(None);
            };
            let out = OutputPath::check(&path, Some(state.db_path()), OutputKind::File)?;
            state.with_store(|store| {
                let json = transfer::export_json(store.conn(), &crate::now())?;
                files::write_atomic(&out, json.as_bytes())?;
                Ok(Some(ExportReport {
                    path,
                    markdown: None,
                }))
            })
        }
        ExportFormat::Markdown => {
            let picked = app
                .dialog()
                .file()
                .set_title("Choose an empty folder for the Markdown export")
                .blocking_pick_folder();
            let Some(dir) = chosen(picked)? else {
                return Ok(None);
            };
            let target = dir.join(format!("candor-{}", today()));
            let out = OutputPath::check(&target, Some(state.db_path()), OutputKind::NewFolder)?;
            state.with_store(|store| {
                let report = transfer::export_markdown(store.conn(), &out)?;
                Ok(Some(ExportReport {
                    path: target,
                    markdown: Some(report),
                }))
            })
        }
    }
}

/// Picks a Candor JSON file and reports what importing it would do, without
/// writing anything. The file is kept until confirmed or cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<ImportReport>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Import a Candor export")
        .add_filter("Candor export", &["json"])
        .blocking_pick_file();
    let Some(path) = chosen(picked)? else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path).map_err(|err| {
        CommandError::invalid_choice(format!("could not read {}: {err}", path.display()))
    })?;
    let report = state.with_store(|store| transfer::import_json(store.conn(), &bytes, true))?;
    state.set_pending_import(Some(bytes));
    Ok(Some(report))
}

/// Imports the file chosen with [`choose_import`], in one transaction.
#[tauri::command(rename_all = "snake_case")]
pub fn confirm_import(state: State<'_, AppState>) -> CommandResult<ImportReport> {
    let bytes = state
        .take_pending_import()
        .ok_or_else(|| CommandError::invalid_choice("choose a file to import first"))?;
    state.with_store(|store| transfer::import_json(store.conn(), &bytes, false))
}

#[tauri::command(rename_all = "snake_case")]
pub fn cancel_import(state: State<'_, AppState>) {
    state.set_pending_import(None);
}

/// The automatic daily backups beside the journal.
#[derive(Debug, serde::Serialize)]
pub struct BackupsInfo {
    pub folder: PathBuf,
    pub files: Vec<String>,
}

#[tauri::command(rename_all = "snake_case")]
pub fn list_backups(state: State<'_, AppState>) -> CommandResult<BackupsInfo> {
    let folder = backup::backups_dir(state.db_path());
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|name| name.ends_with(".db"))
                .collect()
        })
        .unwrap_or_default();
    files.sort_unstable_by(|a, b| b.cmp(a));
    Ok(BackupsInfo { folder, files })
}
