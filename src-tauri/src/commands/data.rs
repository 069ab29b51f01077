//! Your data: back up now, restore, export (JSON or Markdown) and import.
//! Files are chosen in native dialogs shown from Rust, so the window never
//! handles file paths and needs no file-system permission at all.

use std::path::PathBuf;

use candor_core::backup::{self, BackupReport, RestoreKeys, RestoreReport};
use candor_core::encryption::{self, Secret};
use candor_core::files::{self, OutputKind, OutputPath};
use candor_core::progress::Step;
use candor_core::transfer::{self, ExportFormat, ImportReport, MarkdownReport};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::{chosen, ExportPassphrase};
use crate::error::{CommandError, CommandResult};
use crate::state::AppState;
use crate::today;

/// Backs the journal up to a file the user picks. `None` if they cancel.
#[tauri::command(rename_all = "snake_case")]
pub async fn backup_now<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<BackupReport>> {
    state.require_open()?;
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

/// Replaces the journal with a backup, after checking the backup and
/// saving the current journal beside it: one of the automatic backups by
/// its `file` name (as [`list_backups`] lists them), or one the user picks
/// in a native dialog. `None` if they cancel.
///
/// A backup the journal's key does not open (made before the passphrase
/// was changed, or encrypted while the journal is not) is refused with
/// `backup_locked` and kept: [`restore_backup_unlocked`] restores it with
/// its own passphrase.
///
/// Each stage is sent to `on_progress`; [`cancel_work`] stops the restore
/// before the copy ends, with nothing changed (`cancelled`).
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_backup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    file: Option<String>,
    on_progress: Channel<Step>,
) -> CommandResult<Option<RestoreReport>> {
    state.set_pending_restore(None);
    let path = match file {
        Some(name) => automatic_backup(state.db_path(), &name)?,
        None => {
            state.require_open()?;
            let picked = app
                .dialog()
                .file()
                .set_title("Restore from a backup")
                .add_filter("Candor journal", &["db"])
                .blocking_pick_file();
            let Some(path) = chosen(picked)? else {
                return Ok(None);
            };
            path
        }
    };
    let restored = restore(&state, &path, None, &sender(&on_progress))?;
    match restored {
        Ok(report) => Ok(Some(report)),
        Err(candor_core::Error::WrongPassphrase | candor_core::Error::Locked { .. }) => {
            state.set_pending_restore(Some(path));
            Err(CommandError {
                code: "backup_locked",
                message: "this backup was made under another passphrase: type the passphrase \
                          or recovery key it was made with"
                    .into(),
                field: None,
                wait_seconds: None,
            })
        }
        Err(err) => Err(err.into()),
    }
}

/// Restores the backup [`restore_backup`] kept, opened with its own
/// passphrase or recovery key. The restored journal keeps the journal's
/// encryption (its current passphrase), whatever the backup's.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_backup_unlocked(
    state: State<'_, AppState>,
    passphrase: String,
    on_progress: Channel<Step>,
) -> CommandResult<RestoreReport> {
    let secret = Secret::new(passphrase);
    state.require_open()?;
    let path = state
        .pending_restore()
        .ok_or_else(|| CommandError::invalid_choice("choose a backup to restore first"))?;
    let backup_key = state.backup_key(&path, &secret)?;
    let report = restore(&state, &path, Some(&backup_key), &sender(&on_progress))??;
    state.set_pending_restore(None);
    Ok(report)
}

/// Restores the backup at `path` into the journal, which is held while its
/// contents are replaced so that no command writes in between.
fn restore(
    state: &AppState,
    path: &std::path::Path,
    backup_key: Option<&candor_core::encryption::JournalKey>,
    report: &dyn Fn(Step),
) -> CommandResult<candor_core::Result<RestoreReport>> {
    let db_path = state.db_path().to_owned();
    state.with_store(|store| {
        let keys = RestoreKeys {
            journal: store.key(),
            backup: backup_key,
        };
        Ok(state.run_work(report, |progress| {
            backup::restore_from_with(&db_path, path, keys, today(), progress)
        }))
    })
}

/// Sends each step to the window, which shows it in the progress dialog.
fn sender(channel: &Channel<Step>) -> impl Fn(Step) + '_ {
    let delay = crate::state::step_delay();
    move |step| {
        // A window that went away no longer needs to know.
        let _ = channel.send(step);
        if let Some(delay) = delay {
            std::thread::sleep(delay);
        }
    }
}

#[tauri::command(rename_all = "snake_case")]
pub fn cancel_restore(state: State<'_, AppState>) {
    state.set_pending_restore(None);
}

/// Stops the import or restore running now: it ends with `cancelled` and
/// nothing changed. Returns whether anything was running.
#[tauri::command(rename_all = "snake_case")]
pub fn cancel_work(state: State<'_, AppState>) -> bool {
    state.cancel_work()
}

/// The automatic backup named `name` in the journal's backups folder. Only
/// a bare file name of a backup that is there: never a path elsewhere.
fn automatic_backup(db_path: &std::path::Path, name: &str) -> CommandResult<PathBuf> {
    let bare = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && name.ends_with(".db");
    let path = backup::backups_dir(db_path).join(name);
    if !bare || !path.is_file() {
        return Err(CommandError::invalid_choice(format!(
            "there is no backup called {name:?} in the backups folder"
        )));
    }
    Ok(path)
}

/// What an export wrote.
#[derive(Debug, serde::Serialize)]
pub struct ExportReport {
    pub path: PathBuf,
    pub markdown: Option<MarkdownReport>,
}

/// Exports everything as one JSON file, or as a folder of Markdown files
/// (one per person). With `encrypt`, the file is sealed with that
/// passphrase in the age format: `.json.age`, and the Markdown export
/// becomes one `.tar.age` archive. `None` if the user cancels.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_journal<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: String,
    encrypt: Option<ExportPassphrase>,
) -> CommandResult<Option<ExportReport>> {
    let format = format.parse::<ExportFormat>()?;
    let passphrase = ExportPassphrase::checked(encrypt)?;
    state.require_open()?;
    match (format, passphrase) {
        (ExportFormat::Json, passphrase) => {
            let (name, filter) = match passphrase {
                Some(_) => (format!("candor-export-{}.json.age", today()), "age"),
                None => (format!("candor-export-{}.json", today()), "json"),
            };
            let picked = app
                .dialog()
                .file()
                .set_title("Export your journal")
                .set_file_name(name)
                .add_filter("Candor export", &[filter])
                .blocking_save_file();
            let Some(path) = chosen(picked)? else {
                return Ok(None);
            };
            let out = OutputPath::check(&path, Some(state.db_path()), OutputKind::File)?;
            state.with_store(|store| {
                let json = transfer::export_json(store.conn(), &crate::now())?;
                files::write_export(&out, json.as_bytes(), passphrase.as_ref())?;
                Ok(Some(ExportReport {
                    path,
                    markdown: None,
                }))
            })
        }
        (ExportFormat::Markdown, Some(passphrase)) => {
            let picked = app
                .dialog()
                .file()
                .set_title("Export your journal as encrypted Markdown")
                .set_file_name(format!("candor-{}.tar.age", today()))
                .add_filter("Encrypted archive", &["age"])
                .blocking_save_file();
            let Some(path) = chosen(picked)? else {
                return Ok(None);
            };
            let out = OutputPath::check(&path, Some(state.db_path()), OutputKind::File)?;
            state.with_store(|store| {
                let report = transfer::export_markdown_sealed(store.conn(), &out, &passphrase)?;
                Ok(Some(ExportReport {
                    path,
                    markdown: Some(report),
                }))
            })
        }
        (ExportFormat::Markdown, None) => {
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
/// writing anything. The file is kept until confirmed or cancelled. An
/// export encrypted with a passphrase (`.json.age`) is kept too, and
/// refused with `export_locked` until [`unlock_import`] opens it.
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    on_progress: Channel<Step>,
) -> CommandResult<Option<ImportReport>> {
    state.require_open()?;
    let picked = app
        .dialog()
        .file()
        .set_title("Import a Candor export")
        .add_filter("Candor export", &["json", "age"])
        .blocking_pick_file();
    let Some(path) = chosen(picked)? else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path).map_err(|err| {
        CommandError::invalid_choice(format!("could not read {}: {err}", path.display()))
    })?;
    stage_import(&state, bytes, &sender(&on_progress)).map(Some)
}

/// Dry-runs `bytes` and keeps them for [`confirm_import`]; an encrypted
/// export is kept sealed, awaiting its passphrase.
fn stage_import(
    state: &AppState,
    bytes: Vec<u8>,
    report: &dyn Fn(Step),
) -> CommandResult<ImportReport> {
    state.set_pending_import(None);
    if encryption::is_sealed(&bytes) {
        state.set_pending_import(Some(bytes));
        return Err(CommandError {
            code: "export_locked",
            message: "this export is encrypted: type the passphrase it was exported with".into(),
            field: None,
            wait_seconds: None,
        });
    }
    let checked = state.with_store(|store| {
        state.run_work(report, |progress| {
            transfer::import_json_with(store.conn(), &bytes, true, progress)
        })
    })?;
    state.set_pending_import(Some(bytes));
    Ok(checked)
}

/// Opens the encrypted export [`choose_import`] kept with its passphrase,
/// then dry-runs it as `choose_import` does. A wrong passphrase keeps it
/// for another try.
#[tauri::command(rename_all = "snake_case")]
pub async fn unlock_import(
    state: State<'_, AppState>,
    passphrase: String,
    on_progress: Channel<Step>,
) -> CommandResult<ImportReport> {
    open_import(&state, &Secret::new(passphrase), &sender(&on_progress))
}

fn open_import(
    state: &AppState,
    passphrase: &Secret,
    report: &dyn Fn(Step),
) -> CommandResult<ImportReport> {
    state.require_open()?;
    let sealed = state
        .take_pending_import()
        .filter(|bytes| encryption::is_sealed(bytes))
        .ok_or_else(|| {
            CommandError::invalid_choice("choose an encrypted export to import first")
        })?;
    match encryption::open_sealed(&sealed, passphrase) {
        Ok(plain) => stage_import(state, plain.to_vec(), report),
        Err(err) => {
            state.set_pending_import(Some(sealed));
            let wrong = matches!(err, candor_core::Error::WrongPassphrase);
            let mut err = CommandError::from(err);
            if wrong {
                err.message = "that passphrase does not open this export".into();
                err.field = Some("passphrase");
            }
            Err(err)
        }
    }
}

/// Imports the file chosen with [`choose_import`], in one transaction,
/// sending each stage to `on_progress`. [`cancel_work`] stops it with
/// nothing written (`cancelled`). Async, so the window keeps drawing (and
/// its Cancel button works) while it runs.
#[tauri::command(rename_all = "snake_case")]
pub async fn confirm_import(
    state: State<'_, AppState>,
    on_progress: Channel<Step>,
) -> CommandResult<ImportReport> {
    import_pending(&state, &sender(&on_progress))
}

fn import_pending(state: &AppState, report: &dyn Fn(Step)) -> CommandResult<ImportReport> {
    let bytes = state
        .take_pending_import()
        .ok_or_else(|| CommandError::invalid_choice("choose a file to import first"))?;
    if encryption::is_sealed(&bytes) {
        state.set_pending_import(Some(bytes));
        return Err(CommandError::invalid_choice(
            "type the export's passphrase before importing it",
        ));
    }
    state.with_store(|store| {
        state.run_work(report, |progress| {
            transfer::import_json_with(store.conn(), &bytes, false, progress)
        })
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use candor_core::Store;

    fn journal() -> AppState {
        AppState::from_store(Store::open_in_memory().unwrap(), "memory.db".into())
    }

    fn export_of(state: &AppState) -> Vec<u8> {
        state
            .with_store(|store| {
                candor_core::store::people::create(
                    store.conn(),
                    &candor_core::store::people::PersonInput {
                        name: "Ana Lima".into(),
                        ..Default::default()
                    },
                )?;
                transfer::export_json(store.conn(), "2026-12-04T10:00:00Z")
            })
            .unwrap()
            .into_bytes()
    }

    #[test]
    fn an_encrypted_export_is_imported_after_its_passphrase() {
        let sealed =
            encryption::seal(&export_of(&journal()), &Secret::new("export passphrase")).unwrap();
        let into = journal();
        let err = stage_import(&into, sealed, &|_| {}).unwrap_err();
        assert_eq!(err.code, "export_locked", "{err:?}");
        let err = import_pending(&into, &|_| {}).unwrap_err();
        assert!(err.message.contains("passphrase"), "{err:?}");

        let err = open_import(&into, &Secret::new("not the passphrase"), &|_| {}).unwrap_err();
        assert_eq!(err.code, "wrong_passphrase");
        assert_eq!(err.field, Some("passphrase"));
        assert_eq!(err.message, "that passphrase does not open this export");

        let report = open_import(&into, &Secret::new("export passphrase"), &|_| {})
            .expect("the right passphrase opens it");
        assert!(report.dry_run, "a dry run first");
        assert_eq!(report.kind("people").map(|k| k.added), Some(1));
        let done = import_pending(&into, &|_| {}).unwrap();
        assert!(!done.dry_run);
        let names = into
            .with_store(|store| {
                candor_core::store::people::list(
                    store.conn(),
                    candor_core::store::people::Scope::All,
                )
            })
            .unwrap();
        assert_eq!(names.len(), 1);
        assert_eq!(
            open_import(&into, &Secret::new("export passphrase"), &|_| {})
                .unwrap_err()
                .message,
            "choose an encrypted export to import first"
        );
    }

    #[test]
    fn cancel_work_stops_an_import_in_the_window_and_nothing_is_written() {
        let from = journal();
        let bytes = export_of(&from);
        let into = journal();
        assert!(!into.cancel_work(), "nothing runs yet");
        stage_import(&into, bytes.clone(), &|_| {}).unwrap();
        // The Cancel button, pressed as the records are being written (from
        // the report, as another command would while this one runs).
        let seen = std::cell::RefCell::new(Vec::new());
        let err = import_pending(&into, &|step| {
            seen.borrow_mut().push(step.stage);
            if step.stage == candor_core::progress::Stage::Writing {
                assert!(into.cancel_work(), "the import is running");
            }
        })
        .unwrap_err();
        assert_eq!(err.code, "cancelled", "{err:?}");
        assert_eq!(err.message, "cancelled; nothing was changed");
        assert!(seen
            .borrow()
            .contains(&candor_core::progress::Stage::Checking));
        let people = into
            .with_store(|store| {
                candor_core::store::people::list(
                    store.conn(),
                    candor_core::store::people::Scope::All,
                )
            })
            .unwrap();
        assert!(people.is_empty(), "nothing was written");
        assert!(!into.cancel_work(), "the import is over");

        // Chosen again, it goes in: a cancel does not outlive its work.
        stage_import(&into, bytes, &|_| {}).unwrap();
        let done = import_pending(&into, &|_| {}).unwrap();
        assert_eq!(done.kind("people").map(|k| k.added), Some(1));
    }
}
