//! Restoring a backup in the window: the progress dialog says what it
//! is doing, and Cancel stops it with the journal and the backups folder as
//! they were.
//!
//! Needs a display (Xvfb), tauri-driver and WebKitWebDriver: `#[ignore]`d for
//! a plain `cargo test`, run by `./scripts/test`.

use std::path::Path;
use std::process::Command;

use candor_core::store::people::{self, PersonInput};
use candor_core::Store;
use candor_e2e::{app_binary, App, DataDir};

/// Runs the candor CLI on `journal`; it must succeed.
fn candor(data: &DataDir, journal: &Path, args: &[&str]) {
    let ran = Command::new(app_binary())
        .arg("--db")
        .arg(journal)
        .args(args)
        .env_remove("CANDOR_DB")
        .env("XDG_DATA_HOME", data.path().join("cli-data"))
        .output()
        .expect("the candor binary runs");
    assert!(
        ran.status.success(),
        "candor {args:?}: {}",
        String::from_utf8_lossy(&ran.stderr)
    );
}

/// The files in a folder, by name, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn team(db: &Path) -> Vec<String> {
    let store = Store::open(db).unwrap();
    people::list(store.conn(), people::Scope::All)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect()
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn a_restore_shows_its_progress_and_cancel_changes_nothing() {
    let data = DataDir::new();
    let journal = data.db_path();
    let backups = journal.parent().unwrap().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    {
        let store = Store::open(&journal).unwrap();
        people::create(
            store.conn(),
            &PersonInput {
                name: "Ana Lima".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    // A backup from another day that holds a made-up team, made as
    // Candor makes one.
    let team_journal = data.path().join("team.db");
    let big = backups.join("candor-2026-01-05.db");
    candor(
        &data,
        &team_journal,
        &["demo", "--people", "12", "--years", "3"],
    );
    candor(
        &data,
        &team_journal,
        &["backup", "--out", big.to_str().unwrap()],
    );

    // Each step waits a little, so the dialog is still there to cancel.
    let app = App::launch_with(&data, &[("CANDOR_STEP_DELAY_MS", "1500")]);
    app.go("#/settings");
    let restore = "[data-file='candor-2026-01-05.db'] [data-action=restore-file]";
    app.wait_for(restore);
    // Opening the app made today's backup of the small journal too.
    app.wait_until("today's backup", || names_in(&backups).len() == 2);
    let before_backups = names_in(&backups);

    app.wait_for(restore).click();
    app.wait_for("#restore-confirm button[type=submit]").click();
    app.wait_for("#restore-progress[open]");
    let stage = app.wait_for("#restore-progress-stage").text();
    assert!(
        [
            "Checking the backup is whole",
            "Saving your journal as it is, first",
            "Restoring the backup"
        ]
        .contains(&stage.as_str()),
        "the dialog names what it is doing: {stage:?}"
    );
    app.screenshot("restore-progress");
    app.wait_for("#restore-progress [data-action=cancel-work]")
        .click();
    app.wait_gone("#restore-progress");
    app.wait_for_text(
        "#data-result",
        "Restore cancelled; your journal was not changed.",
    );
    app.screenshot("restore-cancelled");
    app.close();

    assert_eq!(
        team(&journal),
        ["Ana Lima"],
        "the journal holds what it held"
    );
    assert_eq!(
        names_in(&backups),
        before_backups,
        "no copy saved before the restore is left behind, nothing half-written"
    );
}
