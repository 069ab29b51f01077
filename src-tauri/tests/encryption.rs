//! The encrypted journal through the mock runtime: turning encryption on,
//! locking, unlocking (and the growing wait after wrong passphrases),
//! changing the passphrase, turning it off, restoring a backup made under
//! an older passphrase, encrypted exports' passphrase checks, and the
//! `locked` answer of every command that reads the journal while locked.
//!
//! Each passphrase check runs Argon2id (about half a second), so these
//! tests type as few as they can.

mod harness;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use candor_app::AppState;
use candor_core::encryption::{JournalKey, Secret};
use harness::{harness_with, Harness, PROGRESS};
use serde_json::{json, Value};

const FIRST: &str = "first long passphrase";
const SECOND: &str = "second long passphrase";

struct Journal {
    dir: tempfile::TempDir,
    h: Harness,
}

impl Journal {
    /// A plain journal on disk with one person in it.
    fn plain() -> Journal {
        let dir = tempfile::tempdir().unwrap();
        let h = harness_with(AppState::open(dir.path().join("candor.db")));
        h.invoke("create_person", json!({ "input": { "name": "Ana Lima" } }))
            .expect("a person is added");
        Journal { dir, h }
    }

    /// The same, encrypted with `FIRST`; returns the recovery key shown.
    fn encrypted() -> (Journal, String) {
        let journal = Journal::plain();
        let shown = journal
            .h
            .invoke(
                "enable_encryption",
                json!({ "passphrase": FIRST, "confirm": FIRST }),
            )
            .expect("encryption turns on");
        let key = shown["recovery_key"].as_str().unwrap().to_owned();
        (journal, key)
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("candor.db")
    }

    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        self.h.invoke(cmd, args)
    }

    fn info(&self) -> Value {
        self.invoke("app_info", json!({})).unwrap()
    }

    fn names(&self) -> Vec<String> {
        self.invoke("list_people", json!({ "scope": "all" }))
            .expect("the journal is open")
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect()
    }

    fn unlock(&self, secret: &str) -> Result<Value, Value> {
        self.invoke("unlock_journal", json!({ "secret": secret }))
    }
}

#[test]
fn encryption_turns_on_and_the_journal_locks_and_unlocks_with_its_passphrase_or_recovery_key() {
    let j = Journal::plain();
    let info = j.info();
    assert_eq!(info["encrypted"], false);
    assert_eq!(info["journal_state"], "open");
    assert_eq!(info["auto_lock_seconds"], Value::Null, "nothing to lock");

    let err = j
        .invoke(
            "enable_encryption",
            json!({ "passphrase": FIRST, "confirm": "first long passphrasf" }),
        )
        .unwrap_err();
    assert_eq!(err["field"], "confirm", "{err}");
    assert!(err["message"].as_str().unwrap().contains("not the same"));
    let err = j
        .invoke(
            "enable_encryption",
            json!({ "passphrase": "short", "confirm": "short" }),
        )
        .unwrap_err();
    assert_eq!(err["field"], "passphrase", "{err}");
    assert!(err["message"].as_str().unwrap().contains("at least 8"));
    assert_eq!(j.info()["encrypted"], false, "refusals change nothing");
    let err = j.invoke("lock_journal", json!({})).unwrap_err();
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("turn encryption on first"),
        "{err}"
    );

    let shown = j
        .invoke(
            "enable_encryption",
            json!({ "passphrase": FIRST, "confirm": FIRST }),
        )
        .expect("encryption turns on");
    let recovery = shown["recovery_key"].as_str().unwrap().to_owned();
    assert_eq!(recovery.len(), 64, "13 groups of four: {}", recovery.len());
    let info = j.info();
    assert_eq!(info["encrypted"], true);
    assert_eq!(info["journal_state"], "open");
    assert_eq!(info["auto_lock_seconds"], 15 * 60, "the default idle time");
    assert_eq!(j.names(), ["Ana Lima"], "the records came along");
    assert_eq!(
        candor_core::encryption::FileState::of(&j.db()).unwrap(),
        candor_core::encryption::FileState::Encrypted
    );
    let err = j
        .invoke(
            "enable_encryption",
            json!({ "passphrase": SECOND, "confirm": SECOND }),
        )
        .unwrap_err();
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("encrypted already"),
        "{err}"
    );

    j.invoke("lock_journal", json!({})).expect("it locks");
    let info = j.info();
    assert_eq!(info["journal_state"], "locked");
    assert_eq!(info["encrypted"], true);
    assert_eq!(info["schema_version"], Value::Null, "nothing is read");
    assert_eq!(info["journal_error"], Value::Null, "locked is no failure");

    let err = j.unlock("").unwrap_err();
    assert_eq!(err["field"], "secret", "{err}");
    let err = j.unlock("not the passphrase").unwrap_err();
    assert_eq!(err["code"], "wrong_passphrase");
    assert_eq!(
        err["message"],
        "that passphrase or recovery key does not open this journal"
    );
    assert!(err.get("wait_seconds").is_none(), "no wait after one typo");
    assert_eq!(j.info()["journal_state"], "locked");

    // The recovery key opens it too, typed sloppily.
    j.unlock(&recovery.to_lowercase().replace('-', " "))
        .expect("the recovery key unlocks");
    assert_eq!(j.info()["journal_state"], "open");
    assert_eq!(j.names(), ["Ana Lima"]);
}

#[test]
fn while_locked_every_command_that_reads_the_journal_answers_locked() {
    let (j, _) = Journal::encrypted();
    j.invoke("lock_journal", json!({})).unwrap();
    let id = "0b7c8a56-2f0e-4c3e-9f6e-1d2a3b4c5d6e";
    let calls = [
        ("list_people", json!({})),
        ("get_person", json!({ "id": id })),
        ("create_person", json!({ "input": { "name": "Bo" } })),
        ("due_list", json!({})),
        ("get_settings", json!({})),
        ("search_journal", json!({ "query": { "text": "Ana" } })),
        ("list_team_feedback", json!({})),
        ("person_timeline", json!({ "person_id": id, "filter": {} })),
        ("prep_sheet", json!({ "person_id": id })),
        ("backup_now", json!({})),
        ("restore_backup", json!({ "on_progress": PROGRESS })),
        ("export_journal", json!({ "format": "json" })),
        ("choose_import", json!({ "on_progress": PROGRESS })),
        (
            "unlock_import",
            json!({ "on_progress": PROGRESS, "passphrase": FIRST }),
        ),
        (
            "restore_backup_unlocked",
            json!({ "on_progress": PROGRESS, "passphrase": FIRST }),
        ),
        ("create_sample_team", json!({})),
        (
            "change_passphrase",
            json!({ "current": FIRST, "passphrase": SECOND, "confirm": SECOND }),
        ),
        ("disable_encryption", json!({ "passphrase": FIRST })),
    ];
    for (cmd, args) in calls {
        let err = j
            .invoke(cmd, args)
            .expect_err(&format!("{cmd} is refused while locked"));
        assert_eq!(err["code"], "locked", "{cmd}: {err}");
        assert!(
            err["message"]
                .as_str()
                .unwrap()
                .ends_with("is encrypted: unlock it with its passphrase or recovery key"),
            "{cmd}: {err}"
        );
    }
    j.invoke("lock_journal", json!({}))
        .expect("locking twice is fine");
}

#[test]
fn wrong_passphrases_make_the_next_attempt_wait_longer_and_write_nothing() {
    let (j, _) = Journal::encrypted();
    j.invoke("lock_journal", json!({})).unwrap();
    let before = std::fs::read(j.db()).unwrap();
    for attempt in 1..=3 {
        let err = j.unlock("a wrong guess").unwrap_err();
        assert_eq!(err["code"], "wrong_passphrase", "attempt {attempt}");
        if attempt < 3 {
            assert!(err.get("wait_seconds").is_none(), "{attempt}: {err}");
        } else {
            assert_eq!(err["wait_seconds"], 1, "the third mistake waits: {err}");
        }
    }
    assert_eq!(
        std::fs::read(j.db()).unwrap(),
        before,
        "wrong passphrases write nothing"
    );
    let started = Instant::now();
    j.unlock(FIRST).expect("the right one still opens it");
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "the attempt waited out the delay: {:?}",
        started.elapsed()
    );
    j.invoke("lock_journal", json!({})).unwrap();
    let err = j.unlock("a wrong guess").unwrap_err();
    assert!(
        err.get("wait_seconds").is_none(),
        "a success starts the count again: {err}"
    );
}

#[test]
fn changing_the_passphrase_needs_the_current_one_and_the_old_one_stops_working() {
    let (j, old_recovery) = Journal::encrypted();
    let err = j
        .invoke(
            "change_passphrase",
            json!({ "current": FIRST, "passphrase": SECOND, "confirm": "second long passphrasf" }),
        )
        .unwrap_err();
    assert_eq!(err["field"], "confirm", "{err}");
    let err = j
        .invoke(
            "change_passphrase",
            json!({ "current": "not it at all", "passphrase": SECOND, "confirm": SECOND }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "wrong_passphrase");
    assert_eq!(err["field"], "current", "{err}");

    let shown = j
        .invoke(
            "change_passphrase",
            json!({ "current": FIRST, "passphrase": SECOND, "confirm": SECOND }),
        )
        .expect("the passphrase changes");
    let new_recovery = shown["recovery_key"].as_str().unwrap();
    assert_ne!(new_recovery, old_recovery, "a new recovery key");
    assert_eq!(j.names(), ["Ana Lima"]);

    j.invoke("lock_journal", json!({})).unwrap();
    assert_eq!(
        j.unlock(FIRST).unwrap_err()["code"],
        "wrong_passphrase",
        "the old passphrase no longer opens it"
    );
    assert_eq!(
        j.unlock(&old_recovery).unwrap_err()["code"],
        "wrong_passphrase",
        "nor the old recovery key"
    );
    j.unlock(SECOND).expect("the new one does");
    assert_eq!(j.names(), ["Ana Lima"]);
}

#[test]
fn turning_encryption_off_asks_for_the_passphrase_and_leaves_a_plain_journal() {
    let j = Journal::plain();
    let err = j
        .invoke("disable_encryption", json!({ "passphrase": FIRST }))
        .unwrap_err();
    assert_eq!(err["code"], "not_encrypted", "{err}");
    let err = j
        .invoke(
            "change_passphrase",
            json!({ "current": FIRST, "passphrase": SECOND, "confirm": SECOND }),
        )
        .unwrap_err();
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("turn encryption on"),
        "{err}"
    );

    j.invoke(
        "enable_encryption",
        json!({ "passphrase": FIRST, "confirm": FIRST }),
    )
    .unwrap();
    let err = j
        .invoke("disable_encryption", json!({ "passphrase": SECOND }))
        .unwrap_err();
    assert_eq!(err["code"], "wrong_passphrase");
    assert_eq!(err["field"], "passphrase");
    assert_eq!(j.info()["encrypted"], true, "still encrypted");

    j.invoke("disable_encryption", json!({ "passphrase": FIRST }))
        .expect("encryption turns off");
    assert_eq!(j.info()["encrypted"], false);
    assert_eq!(j.names(), ["Ana Lima"]);
    assert!(j.invoke("lock_journal", json!({})).is_err());
    assert_eq!(
        candor_core::encryption::FileState::of(&j.db()).unwrap(),
        candor_core::encryption::FileState::Plain
    );
}

#[test]
fn a_backup_made_under_an_old_passphrase_is_restored_with_its_own() {
    let (j, _) = Journal::encrypted();
    let today = chrono::Local::now().date_naive();
    let key = JournalKey::unlock(&j.db(), &Secret::new(FIRST)).unwrap();
    let backup = candor_core::backup::auto_backup(&j.db(), Some(&key), today, 14)
        .unwrap()
        .expect("today's backup");
    let name = backup
        .path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    // Kept elsewhere while the passphrase changes (the backups folder's
    // own files follow the journal to its new key), then brought back: a
    // copy from another disk, say.
    let kept = j.dir.path().join(&name);
    std::fs::rename(&backup.path, &kept).unwrap();
    j.invoke(
        "change_passphrase",
        json!({ "current": FIRST, "passphrase": SECOND, "confirm": SECOND }),
    )
    .unwrap();
    std::fs::rename(&kept, &backup.path).unwrap();
    j.invoke("create_person", json!({ "input": { "name": "Bo Chen" } }))
        .unwrap();
    assert_eq!(j.names(), ["Ana Lima", "Bo Chen"]);

    for bad in ["../candor.db", "candor.db", "", "/etc/passwd"] {
        let err = j
            .invoke(
                "restore_backup",
                json!({ "on_progress": PROGRESS, "file": bad }),
            )
            .unwrap_err();
        assert_eq!(err["code"], "invalid_input", "{bad}: {err}");
    }
    let err = j
        .invoke(
            "restore_backup_unlocked",
            json!({ "on_progress": PROGRESS, "passphrase": FIRST }),
        )
        .unwrap_err();
    assert_eq!(err["message"], "choose a backup to restore first");

    let err = j
        .invoke(
            "restore_backup",
            json!({ "on_progress": PROGRESS, "file": name }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "backup_locked", "{err}");
    j.invoke("cancel_restore", json!({})).unwrap();
    let err = j
        .invoke(
            "restore_backup_unlocked",
            json!({ "on_progress": PROGRESS, "passphrase": FIRST }),
        )
        .unwrap_err();
    assert_eq!(
        err["message"], "choose a backup to restore first",
        "a cancelled restore forgets the backup"
    );
    let err = j
        .invoke(
            "restore_backup",
            json!({ "on_progress": PROGRESS, "file": name }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "backup_locked", "{err}");
    assert_eq!(j.names(), ["Ana Lima", "Bo Chen"], "nothing restored yet");
    let err = j
        .invoke(
            "restore_backup_unlocked",
            json!({ "on_progress": PROGRESS, "passphrase": SECOND }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "wrong_passphrase");
    assert_eq!(
        err["message"],
        "that passphrase or recovery key does not open this backup"
    );

    let report = j
        .invoke(
            "restore_backup_unlocked",
            json!({ "on_progress": PROGRESS, "passphrase": FIRST }),
        )
        .expect("the backup's own passphrase restores it");
    assert!(
        report["saved_before"].as_str().is_some(),
        "the journal as it was is kept: {report}"
    );
    assert_eq!(j.names(), ["Ana Lima"], "the journal is as it was then");

    // It keeps the journal's current passphrase.
    j.invoke("lock_journal", json!({})).unwrap();
    j.unlock(SECOND).expect("the current passphrase opens it");
    assert_eq!(j.names(), ["Ana Lima"]);
}

#[test]
fn an_export_passphrase_is_checked_before_any_file_dialog_opens() {
    let j = Journal::plain();
    let err = j
        .invoke(
            "export_journal",
            json!({ "format": "json", "encrypt": { "passphrase": "short", "confirm": "short" } }),
        )
        .unwrap_err();
    assert_eq!(err["field"], "export_passphrase", "{err}");
    let err = j
        .invoke(
            "export_journal",
            json!({ "format": "markdown", "encrypt": { "passphrase": FIRST, "confirm": SECOND } }),
        )
        .unwrap_err();
    assert_eq!(err["field"], "export_confirm", "{err}");
    let person = &j.invoke("list_people", json!({})).unwrap()[0];
    let err = j
        .invoke(
            "save_review",
            json!({
                "person_id": person["id"], "from": "2026-01-01", "to": "2026-02-01", "format": "md",
                "encrypt": { "passphrase": "", "confirm": "" }
            }),
        )
        .unwrap_err();
    assert_eq!(err["field"], "export_passphrase", "{err}");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("must not be empty"),
        "{err}"
    );
}
