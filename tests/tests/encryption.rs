//! The encrypted journal end to end: turned on from the first-run question
//! and Settings, the restarted app opening on its lock screen, a wrong
//! passphrase refused with nothing changed, auto-lock while typing notes
//! (nothing lost), the Lock shortcut, blur for screen sharing, changing the
//! passphrase, and restoring a backup made under the old one.
//!
//! Needs a display (Xvfb), tauri-driver and WebKitWebDriver: `#[ignore]`d for
//! a plain `cargo test`, run by `./scripts/test`.

use candor_core::encryption::{FileState, JournalKey, Secret};
use candor_core::store::one_on_ones::{self, NewOneOnOne};
use candor_core::store::people::{self, PersonInput};
use candor_core::Store;
use candor_e2e::{App, DataDir};
use serde_json::json;

const PASSPHRASE: &str = "correct horse battery staple";
const NEW_PASSPHRASE: &str = "a different long passphrase";

/// WebDriver's Enter key.
const ENTER: &str = "\u{E007}";

/// A journal with Ana and a 1-on-1 with her; encrypted with `passphrase`
/// when one is given. Returns the 1-on-1's id.
fn seed(data: &DataDir, passphrase: Option<&str>) -> String {
    let mut store = Store::open(data.db_path()).unwrap();
    let ana = people::create(
        store.conn(),
        &PersonInput {
            name: "Ana Lima".into(),
            role: "Senior engineer".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let meeting = one_on_ones::start(
        store.conn(),
        ana.id,
        &NewOneOnOne {
            scheduled_at: format!("{}T10:00", chrono::Local::now().date_naive()),
            template_id: None,
        },
    )
    .unwrap();
    if let Some(passphrase) = passphrase {
        let key = JournalKey::new(&Secret::new(passphrase)).unwrap();
        store.set_key(Some(key)).unwrap();
    }
    meeting.id.to_string()
}

/// Whether `needle` is anywhere in the page's DOM (text, attributes,
/// form values).
fn page_holds(app: &App, needle: &str) -> bool {
    app.execute(
        "const n = arguments[0];
         const values = [...document.querySelectorAll('input, textarea')].map(e => e.value).join(' ');
         return document.documentElement.outerHTML.includes(n) || values.includes(n);",
        json!([needle]),
    )
    .as_bool()
    .unwrap()
}

/// Types `secret` into the lock screen, presses Enter, and waits for the
/// app to come back.
fn unlock(app: &App, secret: &str) {
    app.wait_for("#unlock-secret").fill(secret);
    app.wait_for("#unlock-secret").type_text(ENTER);
    app.wait_gone("#lock-screen");
    app.wait_until("the journal to be open", || {
        app.try_find("body[data-journal=open]").is_some()
    });
}

fn locked(app: &App) {
    app.wait_for("#lock-screen #unlock-secret");
    app.wait_until("the journal to be locked", || {
        app.try_find("body[data-journal=locked]").is_some()
    });
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn encryption_turned_on_in_the_app_asks_for_the_passphrase_after_a_restart() {
    let data = DataDir::new();
    seed(&data, None);
    let app = App::launch(&data);
    app.wait_for_text(
        "#encryption-prompt",
        "Protect this journal with a passphrase?",
    );
    let prompt = app.wait_for_text("#encryption-prompt", "no reset");
    assert!(prompt.contains("Lose both"), "{prompt}");
    assert!(
        app.try_find("#lock-button:not([hidden])").is_none(),
        "a plain journal has nothing to lock"
    );
    app.screenshot("encryption-first-run-prompt");

    app.go("#/settings");
    app.wait_for_text("#encryption-state", "Not encrypted");
    app.screenshot("encryption-settings-off");
    app.go("#/due");
    app.wait_for("[data-action=encrypt-now]").click();
    app.wait_for("#enable-encryption [data-field=passphrase] input")
        .fill(PASSPHRASE);
    app.wait_for("#enable-encryption [data-field=confirm] input")
        .fill("correct horse battery stapler");
    app.wait_for("#enable-understand").click();
    app.wait_for("#enable-encryption button[type=submit]")
        .click();
    app.wait_for_text("[data-field=confirm] .field-error", "not the same");
    app.wait_for("#enable-encryption [data-field=confirm] input")
        .fill(PASSPHRASE);
    app.screenshot("encryption-enable-dialog");
    app.wait_for("#enable-encryption button[type=submit]")
        .click();

    app.wait_for("#recovery-dialog[open]");
    let groups = app.texts("#recovery-key .recovery-group");
    assert_eq!(groups.len(), 13, "13 groups: {groups:?}");
    assert!(groups.iter().all(|g| g.len() == 4), "of four: {groups:?}");
    let key = groups.join("-");
    assert_eq!(
        app.wait_for("#recovery-done").property("disabled"),
        true,
        "not done before it is saved"
    );
    app.screenshot("encryption-recovery-key");
    app.wait_for("#recovery-saved").click();
    app.wait_for("#recovery-done").click();
    app.wait_gone("#recovery-dialog");
    assert!(app.try_find("#recovery-key").is_none());
    assert!(
        !page_holds(&app, &groups[..2].join(" ")),
        "the key leaves the page"
    );
    app.wait_gone("#encryption-prompt");
    app.wait_for("#lock-button:not([hidden])");
    app.go("#/settings");
    app.wait_for_text("#encryption-state", "Encrypted");
    app.screenshot("encryption-settings-on");
    app.close();

    let file = std::fs::read(data.db_path()).unwrap();
    assert_eq!(
        FileState::of(&data.db_path()).unwrap(),
        FileState::Encrypted
    );
    assert!(
        !file.windows(8).any(|w| w == b"Ana Lima"),
        "no name in the file"
    );

    // Restart: the lock screen, focus in the field.
    let app = App::launch(&data);
    locked(&app);
    assert_eq!(
        app.execute("return document.activeElement.id;", json!([])),
        "unlock-secret",
        "the cursor is in the passphrase field"
    );
    assert!(
        !page_holds(&app, "Ana Lima"),
        "nothing of the journal shows"
    );
    app.screenshot("encryption-lock-screen");

    // A wrong passphrase: said plainly, nothing written, still locked.
    let before = std::fs::read(data.db_path()).unwrap();
    app.wait_for("#unlock-secret").fill("correct horse battery");
    app.wait_for("#unlock-secret").type_text(ENTER);
    let error = app.wait_for_text("#unlock-error", "does not open this journal");
    assert!(error.contains("Caps Lock"), "{error}");
    app.screenshot("encryption-lock-screen-wrong");
    assert_eq!(
        std::fs::read(data.db_path()).unwrap(),
        before,
        "nothing written"
    );
    assert!(!page_holds(&app, "Ana Lima"));
    assert_eq!(
        app.execute("return document.activeElement.id;", json!([])),
        "unlock-secret"
    );

    // More mistakes: the wait before the next try grows, and is shown.
    for _ in 0..3 {
        app.wait_until("the next try to be allowed", || {
            app.try_find("#unlock-form:not([data-waiting]) #unlock-submit:not([disabled])")
                .is_some()
        });
        app.wait_for("#unlock-secret").fill("still not it");
        app.wait_for("#unlock-secret").type_text(ENTER);
        app.wait_until("the answer", || {
            app.try_find("#unlock-secret:not([readonly])").is_some()
        });
    }
    let waiting = app.wait_for_text("#unlock-submit", "Try again in");
    assert!(waiting.ends_with(" s"), "{waiting}");
    app.screenshot("encryption-lock-screen-wait");
    app.wait_until("the wait to end", || {
        app.try_find("#unlock-form:not([data-waiting])").is_some()
    });

    // The recovery key opens it too.
    unlock(&app, &key.to_lowercase());
    app.wait_for_text("#team-list", "Ana Lima");
    app.close();

    // In dark mode.
    let app = App::launch_with(&data, &[("GTK_THEME", "Adwaita:dark")]);
    locked(&app);
    app.screenshot("encryption-lock-screen-dark");
    unlock(&app, PASSPHRASE);
    app.go("#/settings");
    app.wait_for_text("#encryption-state", "Encrypted");
    app.screenshot("encryption-settings-dark");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn locking_while_typing_notes_saves_them_first_and_leaves_nothing_in_the_page() {
    let data = DataDir::new();
    let meeting = seed(&data, Some(PASSPHRASE));
    // A short idle time, so the test need not wait 5 minutes.
    let app = App::launch_with(&data, &[("CANDOR_AUTO_LOCK_SECONDS", "4")]);
    locked(&app);
    unlock(&app, PASSPHRASE);
    app.go(&format!("#/one-on-ones/{meeting}"));

    let first = "Ana wants the on-call rota.";
    app.wait_for("#editor-notes").type_text(first);
    // Idle: the window locks by itself, having saved what was typed.
    locked(&app);
    assert!(
        app.wait_for("#lock-note")
            .text()
            .contains("without activity"),
        "it says why"
    );
    assert!(!page_holds(&app, first), "the notes left the page");
    assert!(!page_holds(&app, "Ana Lima"), "and the names");
    assert_eq!(app.texts("#team-list li").len(), 0);

    unlock(&app, PASSPHRASE);
    let notes = app.wait_for("#editor-notes");
    assert_eq!(notes.property("value"), first, "all of it was saved");

    // Ctrl+L straight after typing, before the autosave's pause: the lock
    // waits for the save.
    let second = " She will shadow a week first.";
    notes.type_text(&format!("{second}\u{E009}l\u{E000}"));
    locked(&app);
    assert!(app.wait_for("#lock-note").text().contains("saved first"));
    unlock(&app, PASSPHRASE);
    assert_eq!(
        app.wait_for("#editor-notes").property("value"),
        format!("{first}{second}"),
        "the last words were saved before the lock"
    );

    // Blur for screen sharing: on with the shortcut, off with the button.
    app.wait_for("#editor-notes")
        .type_text("\u{E009}\u{E008}b\u{E000}");
    app.wait_for("body.blur-notes");
    app.wait_for("#blur-toggle[aria-pressed=true]");
    app.execute("document.activeElement.blur();", json!([]));
    let filter = app.execute(
        "return getComputedStyle(document.querySelector('#editor-notes')).filter;",
        json!([]),
    );
    assert!(
        filter.as_str().unwrap_or("").contains("blur"),
        "notes are blurred: {filter}"
    );
    app.screenshot("encryption-blur-notes");
    app.wait_for("#blur-toggle").click();
    app.wait_for("#blur-toggle[aria-pressed=false]");
    app.close();

    // What the window said was saved is in the file.
    let key = JournalKey::unlock(&data.db_path(), &Secret::new(PASSPHRASE)).unwrap();
    let store = Store::open_with_key(data.db_path(), Some(&key)).unwrap();
    let saved = one_on_ones::get(
        store.conn(),
        candor_core::validate::parse_uuid("id", "1-on-1", &meeting).unwrap(),
    )
    .unwrap();
    assert_eq!(saved.notes, format!("{first}{second}"));
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn a_new_passphrase_replaces_the_old_and_a_backup_made_under_the_old_one_restores() {
    let data = DataDir::new();
    seed(&data, Some(PASSPHRASE));
    // In dark mode, for its screenshots.
    let app = App::launch_with(&data, &[("GTK_THEME", "Adwaita:dark")]);
    locked(&app);
    unlock(&app, PASSPHRASE);
    // The day's backup follows the unlock, encrypted with the journal's key.
    let backups = data.db_path().parent().unwrap().join("backups");
    // (Only once it has its name: it is written under a temporary one.)
    let daily_backup = || {
        std::fs::read_dir(&backups).ok().and_then(|entries| {
            entries.flatten().map(|e| e.path()).find(|p| {
                p.extension().is_some_and(|x| x == "db")
                    && !p.file_name().unwrap().to_string_lossy().starts_with('.')
            })
        })
    };
    app.wait_until("today's backup", || daily_backup().is_some());
    // Kept away while the passphrase changes (the backups beside the
    // journal follow it to the new key), then put back: as if copied in
    // from another disk, so it still has the old passphrase.
    let daily = daily_backup().unwrap();
    let kept = data.path().join("kept-backup.db");
    std::fs::rename(&daily, &kept).unwrap();

    app.go("#/settings");
    app.wait_for("[data-action=change-passphrase]").click();
    app.wait_for("#change-passphrase [data-field=current] input")
        .fill("not the passphrase");
    app.wait_for("#change-passphrase [data-field=passphrase] input")
        .fill(NEW_PASSPHRASE);
    app.wait_for("#change-passphrase [data-field=confirm] input")
        .fill(NEW_PASSPHRASE);
    app.wait_for("#change-passphrase button[type=submit]")
        .click();
    app.wait_for_text(
        "#change-passphrase [data-field=current] .field-error",
        "does not open this journal",
    );
    app.wait_for("#change-passphrase [data-field=current] input")
        .fill(PASSPHRASE);
    app.wait_for("#change-passphrase button[type=submit]")
        .click();
    app.wait_for("#recovery-dialog[open]");
    app.wait_for_text("#recovery-title", "Passphrase changed");
    app.screenshot("encryption-recovery-key-dark");
    app.wait_for("#recovery-saved").click();
    app.wait_for("#recovery-done").click();
    app.wait_gone("#recovery-dialog");
    std::fs::rename(&kept, &daily).unwrap();

    // Someone added after the backup.
    app.execute_async(
        "const done = arguments[arguments.length - 1];
         window.__TAURI__.core.invoke('create_person', { input: { name: 'Bo Chen' } }).then(done, done);",
        json!([]),
    );
    app.go("#/people");
    app.wait_for_text("#people-list", "Bo Chen");

    // The Lock button; the old passphrase no longer opens the journal.
    app.wait_for("#lock-button").click();
    locked(&app);
    app.wait_for("#unlock-secret").fill(PASSPHRASE);
    app.wait_for("#unlock-secret").type_text(ENTER);
    app.wait_for_text("#unlock-error", "does not open this journal");
    unlock(&app, NEW_PASSPHRASE);

    // An export from an encrypted journal offers encryption, and warns
    // when it is turned off.
    app.go("#/settings");
    app.wait_for("[data-action=export-json]").click();
    app.wait_for("#export-dialog #export-encrypt:checked");
    app.wait_for("#export-encrypt").click();
    app.wait_for_text("#export-plain-warning", "will not be encrypted");
    app.screenshot("encryption-export-plain-warning-dark");
    app.wait_for("#export-dialog button.quiet").click();
    app.wait_gone("#export-dialog");

    // Restore today's backup: it needs the passphrase it was made under.
    app.wait_for("[data-action=restore-file]").click();
    app.wait_for("#restore-confirm button[type=submit]").click();
    app.wait_for("#backup-passphrase[open]");
    app.wait_for("#backup-passphrase [data-field=passphrase] input")
        .fill(NEW_PASSPHRASE);
    app.wait_for("#backup-passphrase button[type=submit]")
        .click();
    app.wait_for_text(
        "#backup-passphrase .field-error",
        "does not open this backup",
    );
    app.screenshot("encryption-backup-passphrase-dark");
    app.wait_for("#backup-passphrase [data-field=passphrase] input")
        .fill(PASSPHRASE);
    app.wait_for("#backup-passphrase button[type=submit]")
        .click();
    // The page reloads on the restored journal, still unlocked.
    app.wait_until("the restored journal", || {
        let team = app.texts("#team-list .team-link span:last-child");
        team == ["Ana Lima"]
    });
    app.go("#/settings");
    app.wait_for_text("#backup-list", "before a restore");
    app.screenshot("encryption-restored-dark");
    app.close();

    // Restored, and still under the new passphrase.
    assert!(JournalKey::unlock(&data.db_path(), &Secret::new(PASSPHRASE)).is_err());
    let key = JournalKey::unlock(&data.db_path(), &Secret::new(NEW_PASSPHRASE)).unwrap();
    let store = Store::open_with_key(data.db_path(), Some(&key)).unwrap();
    let names: Vec<String> = people::list(store.conn(), people::Scope::All)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Ana Lima"]);
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn the_first_run_question_is_asked_once_and_not_now_is_remembered() {
    let data = DataDir::new();
    seed(&data, None);
    let app = App::launch(&data);
    app.wait_for("#encryption-prompt [data-action=encrypt-later]")
        .click();
    app.wait_gone("#encryption-prompt");
    app.wait_for_text(".toast", "any time in Settings");
    app.close();

    let app = App::launch(&data);
    app.wait_for_text("#page-title", "Due");
    app.wait_for(".due-group");
    assert!(
        app.try_find("#encryption-prompt").is_none(),
        "asked once only"
    );
    assert_eq!(
        FileState::of(&data.db_path()).unwrap(),
        FileState::Plain,
        "and the journal stays as it was"
    );
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn the_idle_lock_is_announced_first_and_activity_keeps_the_journal_open() {
    let data = DataDir::new();
    seed(&data, Some(PASSPHRASE));
    // 15 s idle: the warning shows for the last 5 (a third).
    let app = App::launch_with(&data, &[("CANDOR_AUTO_LOCK_SECONDS", "15")]);
    locked(&app);
    unlock(&app, PASSPHRASE);

    let warning = app.wait_for_text("#lock-warning", "Candor locks in");
    assert!(
        warning.contains("without activity"),
        "it says why: {warning:?}"
    );
    assert!(
        app.try_find("body[data-journal=open]").is_some(),
        "still open while it warns"
    );
    app.screenshot("encryption-lock-warning");

    // Staying: the bar goes and the idle time starts again.
    app.wait_for("#lock-warning-stay").click();
    app.wait_gone("#lock-warning");
    std::thread::sleep(std::time::Duration::from_secs(7));
    assert!(
        app.try_find("body[data-journal=open]").is_some(),
        "the journal stayed open past the old deadline"
    );
    assert!(app.try_find("#lock-screen").is_none());

    // Locking from the bar straight away.
    app.wait_for("#lock-warning");
    app.wait_for("#lock-warning-lock").click();
    locked(&app);
    assert!(
        app.try_find("#lock-warning").is_none(),
        "the bar went with the lock"
    );
    let note = app.wait_for("#lock-note").text();
    assert!(note.starts_with("Locked."), "locked from the bar: {note:?}");
    app.close();
}
