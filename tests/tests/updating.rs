//! Opening a journal written by an older Candor: the window shows
//! "Updating your journal" with its progress while the schema is brought up
//! to date off the main thread, then opens the journal as usual.
//!
//! Needs a display (Xvfb), tauri-driver and WebKitWebDriver: `#[ignore]`d for
//! a plain `cargo test`, run by `./scripts/test`.

use candor_core::store::people::{self, Scope};
use candor_core::store::SCHEMA_VERSION;
use candor_core::Store;
use candor_e2e::{workspace_root, App, DataDir};

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn an_older_journal_shows_the_update_screen_then_opens() {
    let data = DataDir::new();
    let journal = data.db_path();
    std::fs::create_dir_all(journal.parent().unwrap()).unwrap();
    // A journal as Candor wrote it at schema 6 (three people, every record
    // kind): migrations 7 and later still have to run.
    std::fs::copy(
        workspace_root().join("core/tests/data/schema-v6.db"),
        &journal,
    )
    .expect("copy the schema-6 journal");

    // Each migration step waits 1.5 s, so the screen is there long enough to
    // be seen; without the delay this small journal updates in milliseconds.
    let app = App::launch_until(&data, &[("CANDOR_STEP_DELAY_MS", "1500")], "#update-screen");
    let title = app.wait_for("#update-screen h1").text();
    assert_eq!(title, "Updating your journal");
    app.wait_until("the screen says which step it is on", || {
        app.try_find("#update-detail")
            .is_some_and(|d| d.text().starts_with("Step "))
    });
    let detail = app.wait_for("#update-detail").text();
    assert!(
        detail.contains(" of "),
        "the step is counted against the total: {detail:?}"
    );
    assert!(
        app.try_find("body[data-ready]").is_none(),
        "the journal is not drawn while it is being updated"
    );
    app.screenshot("updating-journal");

    // Once the update ends, the app draws the journal it updated.
    app.wait_for("body[data-ready]");
    app.wait_gone("#update-screen");
    app.go("#/people");
    let names = app.wait_for_text("#view", "Bo Chen");
    assert!(names.contains("Ana Lima"), "every person is still there");
    // Initials come from the words that start with a letter: "Zoë
    // Ångström-Ōkubo 🌱" is ZÅ, not Z and the emoji.
    let initials = app.texts("#team-list .avatar");
    assert!(
        initials.iter().any(|i| i == "ZÅ"),
        "initials in the team list: {initials:?}"
    );
    app.screenshot("updated-journal");
    app.close();

    let store = Store::open(&journal).expect("the updated journal opens");
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let team = people::list(store.conn(), Scope::All).unwrap();
    assert_eq!(team.len(), 3, "the update kept every person");
    drop(store);

    // The next start has nothing to update: straight to the journal.
    let again = App::launch(&data);
    assert!(again.try_find("#update-screen").is_none());
    again.close();
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn an_older_encrypted_journal_is_updated_after_the_unlock() {
    use candor_core::encryption::{JournalKey, Secret};

    /// WebDriver's Enter key.
    const ENTER: &str = "\u{E007}";
    const PASSPHRASE: &str = "older encrypted journal";
    let data = DataDir::new();
    let journal = data.db_path();
    std::fs::create_dir_all(journal.parent().unwrap()).unwrap();
    // The schema-9 fixture (the schema Candor had when encryption shipped),
    // encrypted under PASSPHRASE.
    std::fs::copy(
        workspace_root().join("core/tests/data/encrypted-schema-v9.db"),
        &journal,
    )
    .expect("copy the encrypted schema-9 journal");

    // Locked at start: the schema cannot be read without the key, so the
    // update waits for the unlock.
    let app = App::launch_until(&data, &[("CANDOR_STEP_DELAY_MS", "1500")], "#lock-screen");
    assert!(app.try_find("#update-screen").is_none());
    app.wait_for("#unlock-secret").fill(PASSPHRASE);
    app.wait_for("#unlock-secret").type_text(ENTER);

    // The unlock hands over to the update screen at once, rather than
    // leaving the button at "Unlocking…" while the migrations run.
    app.wait_for("#update-screen");
    app.wait_gone("#lock-screen");
    app.wait_until("the screen says which step it is on", || {
        app.try_find("#update-detail")
            .is_some_and(|d| d.text().starts_with("Step "))
    });
    app.screenshot("updating-encrypted-journal");

    app.wait_gone("#update-screen");
    app.go("#/people");
    let names = app.wait_for_text("#view", "Bo Chen");
    assert!(names.contains("Ana Lima"), "every person is still there");
    assert!(
        app.try_find("#lock-screen").is_none(),
        "the journal is open after its update"
    );
    app.close();

    let key = JournalKey::unlock(&journal, &Secret::new(PASSPHRASE)).unwrap();
    let store = Store::open_with_key(&journal, Some(&key)).expect("the updated journal opens");
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(store.is_encrypted(), "it stays encrypted");
    assert_eq!(people::list(store.conn(), Scope::All).unwrap().len(), 3);
}
