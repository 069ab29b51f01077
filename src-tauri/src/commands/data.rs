//! Your data: back up now, restore, export (JSON or Markdown) and import.
//! Files are chosen in native dialogs shown from Rust, so the window never
//! handles file paths and needs no file-system permission at all.

use candor_core::validate::parse_uuid;
use std::path::PathBuf;

use candor_core::backup::{self, BackupReport, RestoreReport};
use candor_core::files::{self, OutputKind, OutputPath};
use candor_core::review::{self, PacketFormat};
use candor_core::transfer::{self, ExportFormat, ImportReport, MarkdownReport};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;
use crate::today;

fn chosen(path: Option<tauri_plugin_dialog::FilePath>) -> CommandResult<Option<PathBuf>> {
    match path {
        None => Ok(None),
        Some(path) => path.into_path().map(Some).map_err(|_| CommandError {
            code: "invalid_input",
            message: "that location is not a file on this computer".into(),
            field: None,
        }),
    }
}

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
        .with_store(|store| backup::backup_to(store.conn(), &out))
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
        .with_store(|_store| backup::restore_from(&db_path, &path, today()))
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
    let bytes = std::fs::read(&path).map_err(|err| CommandError {
        code: "invalid_input",
        message: format!("could not read {}: {err}", path.display()),
        field: None,
    })?;
    let report = state.with_store(|store| transfer::import_json(store.conn(), &bytes, true))?;
    state.set_pending_import(Some(bytes));
    Ok(Some(report))
}

/// Imports the file chosen with [`choose_import`], in one transaction.
#[tauri::command(rename_all = "snake_case")]
pub fn confirm_import(state: State<'_, AppState>) -> CommandResult<ImportReport> {
    let bytes = state.take_pending_import().ok_or(CommandError {
        code: "invalid_input",
        message: "choose a file to import first".into(),
        field: None,
    })?;
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

/// A document rendered for reading in the app, and its Markdown source
/// (for copying).
#[derive(Debug, serde::Serialize)]
pub struct Rendered {
    pub markdown: String,
    /// Sanitized by core.
    pub html: String,
}

/// The prep sheet for a person's next 1-on-1.
#[tauri::command(rename_all = "snake_case")]
pub fn prep_sheet(state: State<'_, AppState>, person_id: String) -> CommandResult<Rendered> {
    state.with_store(|store| {
        let id = parse_uuid("person_id", "person", &person_id)?;
        let sheet = review::prep_sheet(store.conn(), id, today())?;
        let markdown = review::prep_markdown(&sheet);
        Ok(Rendered {
            html: candor_core::markdown::render(&markdown),
            markdown,
        })
    })
}

/// The review packet for a person and a period, to preview in the app.
#[tauri::command(rename_all = "snake_case")]
pub fn review_preview(
    state: State<'_, AppState>,
    person_id: String,
    from: String,
    to: String,
) -> CommandResult<Rendered> {
    state.with_store(|store| {
        let id = parse_uuid("person_id", "person", &person_id)?;
        let packet = review::review_packet(store.conn(), id, &from, &to, today())?;
        let markdown = review::review_markdown(&packet);
        Ok(Rendered {
            html: candor_core::markdown::render(&markdown),
            markdown,
        })
    })
}

/// Saves the review packet as Markdown or as a self-contained HTML page, to
/// a file chosen in the save dialog. `None` if the user cancels.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_review<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    person_id: String,
    from: String,
    to: String,
    format: String,
) -> CommandResult<Option<PathBuf>> {
    let (packet_text, name, extension) = state.with_store(|store| {
        let id = parse_uuid("person_id", "person", &person_id)?;
        let packet = review::review_packet(store.conn(), id, &from, &to, today())?;
        let person = candor_core::store::people::get(store.conn(), id)?;
        let format = format.parse::<PacketFormat>()?;
        Ok((format.render(&packet), person.name, format.as_str()))
    })?;
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let picked = app
        .dialog()
        .file()
        .set_title("Save the review packet")
        .set_file_name(format!("review-{slug}-{from}-{to}.{extension}"))
        .add_filter(
            if extension == "html" {
                "Web page"
            } else {
                "Markdown"
            },
            &[extension],
        )
        .blocking_save_file();
    let Some(path) = chosen(picked)? else {
        return Ok(None);
    };
    let out = OutputPath::check(&path, Some(state.db_path()), OutputKind::File)?;
    files::write_atomic(&out, packet_text.as_bytes())?;
    Ok(Some(path))
}

/// Fills an empty journal with a small, made-up team (8 people, two years),
/// so a new user can look around. Refused once the journal has people.
#[tauri::command(rename_all = "snake_case")]
pub fn create_sample_team(
    state: State<'_, AppState>,
) -> CommandResult<candor_core::demo::DemoReport> {
    state.with_store(|store| {
        candor_core::demo::generate(
            store.conn(),
            &candor_core::demo::DemoOptions::sample(today()),
            None,
        )
    })
}
