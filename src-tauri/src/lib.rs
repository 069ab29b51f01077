//! Candor's desktop shell: the Tauri app, its commands, and the headless CLI
//! that shares the binary. Every command is a thin adapter over `candor-core`.

pub mod cli;
pub mod commands;
pub mod console;
pub mod error;
pub mod notify;
pub mod state;

use std::path::{Path, PathBuf};

use tauri::{Builder, Manager, Runtime};

pub use state::AppState;
use state::JournalStatus;

/// Everything the app registers, shared by `main` and the mock-runtime tests
/// so that both exercise the same wiring.
pub fn configure<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::render_markdown,
            commands::app::today,
            commands::people::list_people,
            commands::people::get_person,
            commands::people::create_person,
            commands::people::update_person,
            commands::people::set_person_archived,
            commands::one_on_ones::person_overview,
            commands::one_on_ones::start_one_on_one,
            commands::one_on_ones::get_one_on_one,
            commands::one_on_ones::save_one_on_one_text,
            commands::one_on_ones::set_one_on_one_mood,
            commands::one_on_ones::mark_one_on_one_held,
            commands::one_on_ones::cancel_one_on_one,
            commands::one_on_ones::reschedule_one_on_one,
            commands::one_on_ones::schedule_next_one_on_one,
            commands::agenda::add_talking_point,
            commands::agenda::edit_talking_point,
            commands::agenda::set_talking_point_resolved,
            commands::agenda::move_talking_point,
            commands::agenda::delete_talking_point,
            commands::templates::list_templates,
            commands::templates::create_template,
            commands::templates::update_template,
            commands::templates::delete_template,
            commands::templates::set_template_hidden,
            commands::templates::apply_template,
            commands::action_items::add_action_item,
            commands::action_items::update_action_item,
            commands::action_items::set_action_item_done,
            commands::action_items::delete_action_item,
            commands::feedback::create_feedback,
            commands::feedback::update_feedback,
            commands::feedback::get_feedback,
            commands::feedback::check_feedback,
            commands::feedback::mark_feedback_ready,
            commands::feedback::feedback_back_to_draft,
            commands::feedback::deliver_feedback,
            commands::feedback::discard_feedback,
            commands::feedback::restore_feedback,
            commands::feedback::set_feedback_response,
            commands::feedback::list_team_feedback,
            commands::feedback::feedback_tags,
            commands::conflicts::list_conflicts,
            commands::conflicts::get_conflict,
            commands::conflicts::create_conflict,
            commands::conflicts::update_conflict,
            commands::conflicts::set_conflict_status,
            commands::conflicts::delete_conflict,
            commands::conflicts::add_conflict_update,
            commands::conflicts::delete_conflict_update,
            commands::questions::question_categories,
            commands::questions::list_questions,
            commands::questions::create_question,
            commands::questions::update_question,
            commands::questions::set_question_retired,
            commands::questions::delete_question,
            commands::questions::log_question_asked,
            commands::questions::update_question_asked,
            commands::questions::delete_question_asked,
            commands::questions::questions_asked_for_person,
            commands::questions::suggest_questions,
            commands::goals::list_goals,
            commands::goals::create_goal,
            commands::goals::update_goal,
            commands::goals::set_goal_status,
            commands::goals::delete_goal,
            commands::goals::add_goal_checkin,
            commands::goals::delete_goal_checkin,
            commands::history::person_timeline,
            commands::history::history_summary,
            commands::search::search_journal,
            commands::search::record_kinds,
            commands::reminders::due_list,
            commands::reminders::snoozed_reminders,
            commands::reminders::snooze_reminder,
            commands::reminders::unsnooze_reminder,
            commands::settings::get_settings,
            commands::settings::update_settings,
            commands::data::backup_now,
            commands::data::restore_backup,
            commands::data::restore_backup_unlocked,
            commands::data::cancel_restore,
            commands::data::export_journal,
            commands::data::choose_import,
            commands::data::unlock_import,
            commands::data::confirm_import,
            commands::data::cancel_import,
            commands::data::cancel_work,
            commands::data::list_backups,
            commands::review::prep_sheet,
            commands::review::review_preview,
            commands::review::save_review,
            commands::demo::create_sample_team,
            commands::encryption::unlock_journal,
            commands::encryption::lock_journal,
            commands::encryption::enable_encryption,
            commands::encryption::disable_encryption,
            commands::encryption::change_passphrase,
        ])
}

/// Today's date on this computer. Core never reads the clock for its rules;
/// the shell passes this in.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Now, as RFC 3339 in UTC (for "exported at" stamps).
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The app's context: `tauri.conf.json`, the embedded `ui/` and the real
/// capability files. Tests use it with the mock runtime so that permissions
/// are enforced there exactly as in the app.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Opens the window on the journal at `db_path` and runs until it closes.
pub fn run_window(db_path: PathBuf) -> Result<(), tauri::Error> {
    avoid_software_compositing();
    let builder = tauri::Builder::default()
        // Size and position are remembered between runs.
        .plugin(tauri_plugin_window_state::Builder::default().build());
    configure(builder, AppState::open(db_path))
        .setup(|app| {
            let handle = app.handle().clone();
            if app.state::<AppState>().status() == JournalStatus::Updating {
                start_update(&handle, None);
            } else {
                journal_opened(&handle);
            }
            notify::start(app.handle());
            Ok(())
        })
        .run(context())
}

/// An older journal (encrypted: unlocked with `key`) has its schema updated
/// off the main thread while the window shows how far that has got; then
/// it opens as at start. Should no thread start, the update runs here.
pub(crate) fn start_update<R: Runtime>(
    app: &tauri::AppHandle<R>,
    key: Option<candor_core::encryption::JournalKey>,
) {
    let update = |app: &tauri::AppHandle<R>, key| {
        app.state::<AppState>().finish_update(key);
        journal_opened(app);
    };
    let (handle, in_thread) = (app.clone(), key.clone());
    let spawned = std::thread::Builder::new()
        .name("candor-update".into())
        .spawn(move || update(&handle, in_thread));
    if spawned.is_err() {
        update(app, key);
    }
}

/// What follows the journal's opening at start: snoozes whose cause was
/// resolved are dropped, and the day's backup is made.
fn journal_opened<R: Runtime>(app: &tauri::AppHandle<R>) {
    let state = app.state::<AppState>();
    let _ = state.with_store(|store| candor_core::reminders::prune_snoozes(store.conn(), today()));
    start_daily_backup(app);
}

/// The automatic backup, at most once a day, off the main thread so the
/// window opens at once: at start for an open journal, and after each
/// unlock for an encrypted one, whose backup is encrypted with its key.
/// Logs carry counts and reasons, never record text.
pub(crate) fn start_daily_backup<R: Runtime>(app: &tauri::AppHandle<R>) {
    let app = app.clone();
    let _ = std::thread::Builder::new()
        .name("candor-backup".into())
        .spawn(move || {
            let state = app.state::<AppState>();
            // Locked or failed: nothing to back up (yet).
            let Ok(key) = state.journal_key() else {
                return;
            };
            let keep = state
                .with_store(|store| candor_core::store::settings::get(store.conn()))
                .map(|s| s.backups_kept.max(1) as usize)
                .unwrap_or(candor_core::backup::DEFAULT_KEEP);
            if let Err(err) =
                candor_core::backup::auto_backup(state.db_path(), key.as_ref(), today(), keep)
            {
                eprintln!("candor: the daily backup failed ({})", err.code());
            }
        });
}

/// WebKitGTK's switch for compositing pages with OpenGL.
const COMPOSITING_VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// WebKitGTK composites pages with OpenGL. On a computer with no GPU (no
/// DRM render node: a virtual machine, a remote session, Xvfb) that OpenGL
/// is Mesa's software renderer, and compositing then costs the web process
/// about 100 MiB and CPU time for nothing a journal needs (measured with
/// `scripts/bench-app`). There, compositing is turned off, unless the
/// variable is already set, which always wins. Call it first thing, before
/// any thread starts: it sets an environment variable.
pub fn avoid_software_compositing() {
    if cfg!(target_os = "linux")
        && should_disable_compositing(
            std::env::var_os(COMPOSITING_VAR).is_some(),
            Path::new("/dev/dri"),
        )
    {
        std::env::set_var(COMPOSITING_VAR, "1");
    }
}

/// Whether to turn compositing off: not when the user chose, and not when
/// `dri` (normally `/dev/dri`) holds a GPU render node.
fn should_disable_compositing(already_set: bool, dri: &Path) -> bool {
    if already_set {
        return false;
    }
    let has_gpu = std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    });
    !has_gpu
}

#[cfg(test)]
mod compositing_tests {
    use super::should_disable_compositing;

    #[test]
    fn compositing_is_turned_off_only_without_a_gpu_and_without_a_choice() {
        let dir = tempfile::tempdir().unwrap();
        let dri = dir.path().join("dri");
        assert!(
            should_disable_compositing(false, &dri),
            "no /dev/dri at all: software rendering"
        );
        std::fs::create_dir(&dri).unwrap();
        std::fs::write(dri.join("card0"), "").unwrap();
        assert!(
            should_disable_compositing(false, &dri),
            "a display card without a render node"
        );
        std::fs::write(dri.join("renderD128"), "").unwrap();
        assert!(!should_disable_compositing(false, &dri), "a GPU renders");
        assert!(
            !should_disable_compositing(true, std::path::Path::new("/nonexistent")),
            "the user's own setting wins"
        );
    }
}
