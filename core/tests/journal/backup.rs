//! Backups on disk: checked copies with equal counts, the once-a-day
//! automatic backup and its pruning, refusing files that are not sound Candor
//! journals, and restoring (after saving the journal as it was) into a
//! journal the app still holds open.

use std::cell::RefCell;
use std::fs;
use std::path::{Path, PathBuf};

use candor_core::backup::{self, DEFAULT_KEEP};
use candor_core::files::{OutputKind, OutputPath};
use candor_core::progress::{Cancel, Progress, Stage, Step};
use candor_core::store::one_on_ones::{self, NewOneOnOne, TextField};
use candor_core::store::people::{self, PersonInput, Scope};
use candor_core::store::{APPLICATION_ID, SCHEMA_VERSION};
use candor_core::transfer;
use candor_core::{Error, Store};
use chrono::Duration;
use rusqlite::Connection;

use crate::support::today;

const EXPORTED_AT: &str = "2026-11-29T12:00:00.000Z";

fn add_person(store: &Store, name: &str) -> people::Person {
    let person = people::create(
        store.conn(),
        &PersonInput {
            name: name.into(),
            notes: format!("{name}'s notes"),
            ..Default::default()
        },
    )
    .unwrap();
    let meeting = one_on_ones::start(
        store.conn(),
        person.id,
        &NewOneOnOne {
            scheduled_at: "2026-11-20T10:00".into(),
            template_id: None,
        },
    )
    .unwrap();
    one_on_ones::save_text(store.conn(), meeting.id, TextField::Notes, "What we said").unwrap();
    person
}

/// A journal on disk with a few people.
fn journal(dir: &Path) -> (PathBuf, Store) {
    let path = dir.join("candor.db");
    let store = Store::open(&path).unwrap();
    for name in ["Ana", "Bo", "Chidi"] {
        add_person(&store, name);
    }
    (path, store)
}

fn export(conn: &Connection) -> String {
    transfer::export_json(conn, EXPORTED_AT).unwrap()
}

fn export_file(path: &Path) -> String {
    let conn =
        Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    export(&conn)
}

/// `path` checked as a place to write a backup of `store`'s journal.
fn out(store: &Store, path: &Path) -> OutputPath {
    OutputPath::check(path, store.path(), OutputKind::File).unwrap()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn backup_to_writes_a_checked_single_file_copy_with_equal_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = journal(dir.path());
    fs::create_dir(dir.path().join("elsewhere")).unwrap();
    let dest = dir.path().join("elsewhere/copy.db");
    let report = backup::backup_to(&store, &out(&store, &dest)).unwrap();
    assert_eq!(report.path, dest);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.counts["people"], 3);
    assert_eq!(report.counts["one_on_ones"], 3);
    assert!(report.pruned.is_empty());

    let verified = backup::verify(&dest, None).unwrap();
    assert_eq!(verified.counts, report.counts, "the copy has every row");
    assert_eq!(
        names_in(&dest.with_file_name("")),
        ["copy.db"],
        "no temporary file or WAL is left"
    );
    let conn = Connection::open(&dest).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete", "a backup is one self-contained file");
    assert_eq!(
        export(&conn),
        export(store.conn()),
        "the copy holds the same data"
    );
}

#[test]
fn backup_to_replaces_an_older_plain_file_but_never_a_database_the_journal_or_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = journal(dir.path());
    let dest = dir.path().join("copy.db");
    fs::write(&dest, b"not a database, just a file in the way").unwrap();
    backup::backup_to(&store, &out(&store, &dest)).unwrap();
    assert_eq!(backup::verify(&dest, None).unwrap().counts["people"], 3);

    let check = |target: &Path| OutputPath::check(target, Some(&path), OutputKind::File);
    let err = check(&dest).unwrap_err();
    assert!(
        err.to_string().contains("Candor never replaces a database"),
        "a backup, once written, is not overwritten by the next one: {err}"
    );
    let err = check(&path).unwrap_err();
    assert!(err.to_string().contains("is the journal itself"), "{err}");
    let err = check(dir.path()).unwrap_err();
    assert!(err.to_string().contains("it is a folder"), "{err}");
    let missing = dir.path().join("no such folder/copy.db");
    let err = check(&missing).unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert!(
        !missing.parent().unwrap().exists(),
        "a backup creates no folders the user named: the same rule as every writer"
    );
    assert_eq!(people::list(store.conn(), Scope::All).unwrap().len(), 3);
}

#[test]
fn backup_into_folder_writes_a_new_manual_backup_each_time() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = journal(dir.path());
    let at = today().and_hms_opt(10, 15, 0).unwrap();
    let first = backup::backup_into_folder(&store, &path, at).unwrap();
    let second = backup::backup_into_folder(&store, &path, at).unwrap();
    assert_eq!(
        first.path,
        backup::backups_dir(&path).join("candor-manual-2026-11-29T101500.db")
    );
    assert_ne!(
        first.path, second.path,
        "a second backup in the same second gets its own name"
    );
    assert_eq!(
        backup::verify(&second.path, None).unwrap().counts["people"],
        3
    );
}

#[test]
fn an_in_memory_journal_can_be_backed_up_too() {
    let store = Store::open_in_memory().unwrap();
    add_person(&store, "Ana");
    let dir = tempfile::tempdir().unwrap();
    let report = backup::backup_to(&store, &out(&store, &dir.path().join("memory.db"))).unwrap();
    assert_eq!(report.counts["people"], 1);
}

#[test]
fn auto_backup_runs_at_most_once_a_day_into_the_backups_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = journal(dir.path());
    let report = backup::auto_backup(&path, None, today(), DEFAULT_KEEP)
        .unwrap()
        .expect("the first backup of the day is made");
    assert_eq!(report.path, dir.path().join("backups/candor-2026-11-29.db"));
    assert_eq!(backup::backups_dir(&path), dir.path().join("backups"));
    assert_eq!(report.counts["people"], 3);
    add_person(&store, "Dee");
    assert_eq!(
        backup::auto_backup(&path, None, today(), DEFAULT_KEEP).unwrap(),
        None,
        "a second start on the same day makes no second backup"
    );
    assert_eq!(
        backup::verify(&report.path, None).unwrap().counts["people"],
        3,
        "today's backup is not overwritten"
    );
    let tomorrow = backup::auto_backup(&path, None, today() + Duration::days(1), DEFAULT_KEEP)
        .unwrap()
        .unwrap();
    assert_eq!(tomorrow.counts["people"], 4);
}

#[test]
fn auto_backup_keeps_the_newest_and_never_prunes_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _store) = journal(dir.path());
    let backups = backup::backups_dir(&path);
    fs::create_dir_all(&backups).unwrap();
    fs::write(backups.join("candor-before-restore-2026-01-01.db"), b"x").unwrap();
    fs::write(backups.join("my-notes.txt"), b"x").unwrap();
    let first = today() - Duration::days(19);
    let mut pruned = Vec::new();
    for n in 0..20 {
        let report = backup::auto_backup(&path, None, first + Duration::days(n), 14)
            .unwrap()
            .unwrap();
        pruned.extend(report.pruned);
    }
    assert_eq!(pruned.len(), 6);
    let daily: Vec<String> = names_in(&backups)
        .into_iter()
        .filter(|n| n.starts_with("candor-2"))
        .collect();
    let expected: Vec<String> = (6..20)
        .map(|n| format!("candor-{}.db", first + Duration::days(n)))
        .collect();
    assert_eq!(daily, expected, "the newest 14 remain");
    assert!(backups.join("candor-before-restore-2026-01-01.db").exists());
    assert!(backups.join("my-notes.txt").exists());

    let report = backup::auto_backup(&path, None, today() + Duration::days(1), 0)
        .unwrap()
        .unwrap();
    assert_eq!(report.pruned.len(), 14, "keep 0 still keeps the new backup");
    assert!(report.path.exists());
}

/// A journal whose table pages are damaged while its counts (read from an
/// index) still work: a backup copies it faithfully, and the check of the
/// copy must catch it.
fn damaged_journal(dir: &Path) -> PathBuf {
    let (path, store) = journal(dir);
    store
        .conn()
        .execute_batch(
            "CREATE TABLE scratch (x INTEGER NOT NULL, pad TEXT NOT NULL);
             CREATE INDEX scratch_x ON scratch (x);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
             INSERT INTO scratch SELECT i, printf('%.300c', 'p') FROM n;",
        )
        .unwrap();
    let root: i64 = store
        .conn()
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'scratch'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let page_size: i64 = store
        .conn()
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    drop(store);
    assert!(
        !path.with_extension("db-wal").exists(),
        "closing folds the WAL into the file"
    );
    let mut bytes = fs::read(&path).unwrap();
    let start = ((root - 1) * page_size) as usize;
    for byte in &mut bytes[start + 8..start + 200] {
        *byte = 0xA5;
    }
    fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn auto_backup_prunes_nothing_when_the_new_backup_fails_its_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = damaged_journal(dir.path());
    let backups = backup::backups_dir(&path);
    fs::create_dir_all(&backups).unwrap();
    for n in 1..=20 {
        fs::write(
            backups.join(format!("candor-{}.db", today() - Duration::days(n))),
            b"old",
        )
        .unwrap();
    }
    let before = names_in(&backups);
    let err = backup::auto_backup(&path, None, today(), 14).unwrap_err();
    assert!(
        matches!(&err, Error::NotAJournal { reason, .. } if reason.contains("damaged")),
        "the damaged copy is caught: {err}"
    );
    assert_eq!(
        names_in(&backups),
        before,
        "no old backup pruned, no new or temporary file left"
    );
}

#[test]
fn verify_refuses_anything_but_a_sound_candor_journal() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = journal(dir.path());
    let good = dir.path().join("good.db");
    backup::backup_to(&store, &out(&store, &good)).unwrap();

    let noise_bytes = |len: u32| (0..len).map(|i| (i * 7919 % 251) as u8).collect::<Vec<_>>();
    let noise = dir.path().join("noise.db");
    fs::write(&noise, noise_bytes(8000)).unwrap();
    // Whole pages of noise are what an encrypted journal looks like without
    // its key: only a key can tell the two apart.
    let pages = dir.path().join("pages.db");
    fs::write(&pages, noise_bytes(8192)).unwrap();
    let empty = dir.path().join("empty.db");
    fs::write(&empty, b"").unwrap();
    let foreign = dir.path().join("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch(
            "CREATE TABLE photos (id INTEGER PRIMARY KEY); INSERT INTO photos VALUES (1);",
        )
        .unwrap();
    let newer = dir.path().join("newer.db");
    fs::copy(&good, &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let truncated = dir.path().join("truncated.db");
    let bytes = fs::read(&good).unwrap();
    fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();

    for (file, code, words) in [
        (&noise, "not_a_journal", "not a SQLite database"),
        (&pages, "locked", "is encrypted"),
        (&empty, "not_a_journal", "it is empty"),
        (&foreign, "not_a_journal", "belongs to another program"),
        (&newer, "schema_too_new", "newer version of Candor"),
        (&truncated, "not_a_journal", "damaged"),
    ] {
        let err = backup::verify(file, None).expect_err("must be refused");
        assert_eq!(err.code(), code, "{}: {err}", file.display());
        assert!(err.to_string().contains(words), "{}: {err}", file.display());
    }
    let missing = backup::verify(&dir.path().join("nope.db"), None).unwrap_err();
    assert!(
        missing.to_string().contains("there is no such file"),
        "{missing}"
    );
    assert!(backup::verify(dir.path(), None)
        .unwrap_err()
        .to_string()
        .contains("it is a folder"));

    // Refused for a restore too, before anything is touched.
    let before = export(store.conn());
    for file in [&noise, &empty, &foreign, &newer, &truncated] {
        assert!(backup::restore_from(&path, None, file, None, today()).is_err());
    }
    assert_eq!(export(store.conn()), before, "the journal is unchanged");
    assert!(
        !backup::backups_dir(&path).exists(),
        "nothing is saved before a restore that is refused"
    );
}

/// A backup of a demo team's journal large enough to be copied in several
/// steps, and the small journal of [`journal`] it would replace.
fn large_backup(dir: &Path) -> (PathBuf, Store, PathBuf) {
    let big = dir.join("big.db");
    {
        let store = Store::open(&big).unwrap();
        let options = candor_core::demo::DemoOptions {
            people: 8,
            years: 3,
            seed: 11,
            end: today(),
        };
        candor_core::demo::generate(store.conn(), &options, None).unwrap();
    }
    let saved = dir.join("big-backup.db");
    let big = Store::open(&big).unwrap();
    backup::backup_to(&big, &out(&big, &saved)).unwrap();
    let (path, store) = journal(dir);
    (path, store, saved)
}

/// Restores `saved` over `path`, cancelled (by the report itself) at the
/// step numbered `cancel_at`, if any; the steps reported.
fn restore_with_steps(
    path: &Path,
    saved: &Path,
    cancel_at: Option<usize>,
) -> (candor_core::Result<backup::RestoreReport>, Vec<Step>) {
    let steps = RefCell::new(Vec::new());
    let cancel = Cancel::new();
    let report = |step: Step| {
        let mut steps = steps.borrow_mut();
        if cancel_at == Some(steps.len()) {
            cancel.cancel();
        }
        steps.push(step);
    };
    let outcome = backup::restore_from_with(
        path,
        saved,
        backup::RestoreKeys::default(),
        today(),
        Progress::new(&report, &cancel),
    );
    (outcome, steps.into_inner())
}

#[test]
fn a_restore_reports_checking_saving_and_copying_and_a_cancel_at_any_step_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, saved) = large_backup(dir.path());
    let before = export(store.conn());
    let backups = backup::backups_dir(&path);

    // A trial run on a copy, for the steps a restore reports.
    let trial = dir.path().join("trial");
    fs::create_dir(&trial).unwrap();
    let (trial_path, _trial_store) = journal(&trial);
    let (done, steps) = restore_with_steps(&trial_path, &saved, None);
    done.unwrap();
    let mut stages: Vec<Stage> = steps.iter().map(|s| s.stage).collect();
    stages.dedup();
    assert_eq!(
        stages,
        [Stage::Verifying, Stage::SavingCurrent, Stage::Copying],
        "{steps:?}"
    );
    let copying: Vec<&Step> = steps.iter().filter(|s| s.stage == Stage::Copying).collect();
    assert!(copying.len() >= 2, "copied in several steps: {copying:?}");
    assert!(
        copying
            .windows(2)
            .all(|w| w[0].done < w[1].done && w[1].done <= w[1].total),
        "{copying:?}"
    );

    for (at, step) in steps.iter().enumerate() {
        let (outcome, seen) = restore_with_steps(&path, &saved, Some(at));
        assert!(
            matches!(outcome, Err(Error::Cancelled)),
            "cancelled at {:?}: {outcome:?}",
            step
        );
        assert_eq!(seen.len(), at + 1, "nothing is reported after the cancel");
        assert_eq!(
            export(store.conn()),
            before,
            "cancelled at {:?}: the open journal is unchanged",
            step
        );
        assert_eq!(export_file(&path), before);
        let left: Vec<String> = if backups.exists() {
            names_in(&backups)
        } else {
            Vec::new()
        };
        assert!(
            left.is_empty(),
            "cancelled at {:?}: no copy of the journal or temporary file is left: {left:?}",
            step
        );
    }
    let integrity: String = store
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    // And the restore goes through when it is let run.
    let (done, _) = restore_with_steps(&path, &saved, None);
    assert!(done.unwrap().counts["people"] > 3);
}

#[test]
fn restore_saves_the_journal_first_then_holds_the_backup_while_the_app_stays_open() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = journal(dir.path());
    let saved = dir.path().join("monday.db");
    backup::backup_to(&store, &out(&store, &saved)).unwrap();
    let monday = export(store.conn());

    // The journal moves on after the backup.
    add_person(&store, "Dee");
    let dee_notes: String = store
        .conn()
        .query_row("SELECT notes FROM people WHERE name = 'Dee'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(dee_notes, "Dee's notes");
    store
        .conn()
        .execute("UPDATE people SET notes = 'changed' WHERE name = 'Ana'", [])
        .unwrap();
    let tuesday = export(store.conn());

    // `store` stays open, as the app's connection would.
    let report = backup::restore_from(&path, None, &saved, None, today()).unwrap();
    let before = dir
        .path()
        .join("backups/candor-before-restore-2026-11-29.db");
    assert_eq!(report.saved_before.as_deref(), Some(before.as_path()));
    assert_eq!(
        export_file(&before),
        tuesday,
        "the journal as it was is saved first"
    );
    assert_eq!(report.restored_from, saved);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.counts["people"], 3);

    assert_eq!(
        export(store.conn()),
        monday,
        "the open connection sees the restored data"
    );
    assert_eq!(export_file(&path), monday);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(export(reopened.conn()), monday);
    let integrity: String = reopened
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");

    // The app keeps working on the restored journal.
    add_person(&store, "Eve");
    assert_eq!(people::list(reopened.conn(), Scope::All).unwrap().len(), 4);

    let again = backup::restore_from(&path, None, &saved, None, today()).unwrap();
    assert_eq!(
        again.saved_before,
        Some(
            dir.path()
                .join("backups/candor-before-restore-2026-11-29-2.db")
        ),
        "a second restore the same day keeps the first safety copy"
    );
}

#[test]
fn restoring_a_backup_from_an_older_candor_brings_it_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = journal(dir.path());
    let old = dir.path().join("old.db");
    {
        let conn = Connection::open(&old).unwrap();
        conn.execute_batch(include_str!("../../migrations/0001_people.sql"))
            .unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO people (id, name, created_at, updated_at) VALUES \
             ('0b6f1a52-5d0e-4c3f-9a7e-2f6d8c1b4a90', 'Old Friend', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')",
            [],
        )
        .unwrap();
    }
    assert_eq!(backup::verify(&old, None).unwrap().schema_version, 1);
    let report = backup::restore_from(&path, None, &old, None, today()).unwrap();
    assert_eq!(report.backup_schema_version, 1);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    let everyone = people::list(store.conn(), Scope::All).unwrap();
    assert_eq!(everyone.len(), 1);
    assert_eq!(everyone[0].name, "Old Friend");
    assert_eq!(
        store.schema_version().unwrap(),
        SCHEMA_VERSION,
        "migrated in place"
    );
    assert!(
        report.counts.contains_key("goals"),
        "newer tables exist after the restore"
    );
}

#[test]
fn restoring_onto_a_new_install_needs_no_safety_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = journal(dir.path());
    let saved = dir.path().join("saved.db");
    backup::backup_to(&store, &out(&store, &saved)).unwrap();
    let fresh = dir.path().join("new machine/candor.db");
    let report = backup::restore_from(&fresh, None, &saved, None, today()).unwrap();
    assert_eq!(report.saved_before, None);
    assert_eq!(export_file(&fresh), export(store.conn()));
}
