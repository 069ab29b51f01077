//! The encrypted journal: turning encryption on and off, unlocking with the
//! passphrase or the recovery key, changing the passphrase, and backups and
//! restores of an encrypted journal.

use std::fs;
use std::path::Path;

use candor_core::encryption::{FileState, JournalKey, Secret};
use candor_core::store::people;
use candor_core::{backup, Error, Store};

use crate::support::{integrity, person, today};

const PASSPHRASE: &str = "a quiet harbour at dawn";

fn names(store: &Store) -> Vec<String> {
    people::list(store.conn(), people::Scope::All)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect()
}

fn encrypted_journal(dir: &Path, who: &[&str]) -> (std::path::PathBuf, JournalKey) {
    let path = dir.join("candor.db");
    let mut store = Store::open(&path).unwrap();
    for name in who {
        person(store.conn(), name);
    }
    let key = JournalKey::new(&Secret::new(PASSPHRASE)).unwrap();
    store.set_key(Some(key.clone())).unwrap();
    (path, key)
}

#[test]
fn turning_encryption_on_keeps_every_record_and_locks_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, key) = encrypted_journal(dir.path(), &["Ana", "Bo"]);
    assert_eq!(FileState::of(&path).unwrap(), FileState::Encrypted);

    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, Error::Locked { .. }),
        "no key: locked, got {err}"
    );

    let store = Store::open_with_key(&path, Some(&key)).unwrap();
    assert_eq!(names(&store), ["Ana", "Bo"]);
    assert_eq!(integrity(store.conn()), ["ok"]);
    assert!(store.is_encrypted());
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary file left: {leftovers:?}"
    );
}

#[test]
fn the_passphrase_and_the_recovery_key_both_unlock_and_a_wrong_one_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, key) = encrypted_journal(dir.path(), &["Ana"]);
    let before = fs::read(&path).unwrap();

    let by_passphrase = JournalKey::unlock(&path, &Secret::new(PASSPHRASE)).unwrap();
    assert_eq!(by_passphrase, key);
    let recovery = key.recovery_key();
    let by_recovery = JournalKey::unlock(&path, &Secret::new(recovery.as_str())).unwrap();
    assert_eq!(by_recovery, key);

    let err = JournalKey::unlock(&path, &Secret::new("a quiet harbour at dusk")).unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "{err}");
    assert_eq!(err.code(), "wrong_passphrase");
    let wrong = JournalKey::from_bytes([1; 32], *key.salt());
    assert!(matches!(
        Store::open_with_key(&path, Some(&wrong)).unwrap_err(),
        Error::WrongPassphrase
    ));
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "a wrong key changes no byte"
    );
}

#[test]
fn turning_encryption_off_gives_back_a_plain_journal() {
    let dir = tempfile::tempdir().unwrap();
    let (path, key) = encrypted_journal(dir.path(), &["Ana", "Bo", "Cy"]);
    let mut store = Store::open_with_key(&path, Some(&key)).unwrap();
    store.set_key(None).unwrap();
    assert!(!store.is_encrypted());
    assert_eq!(FileState::of(&path).unwrap(), FileState::Plain);
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(names(&store), ["Ana", "Bo", "Cy"]);
    assert!(matches!(
        Store::open_with_key(&path, Some(&key)).unwrap_err(),
        Error::NotEncrypted { .. }
    ));
}

#[test]
fn changing_the_passphrase_retires_the_old_one_and_its_recovery_key() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old) = encrypted_journal(dir.path(), &["Ana"]);
    let mut store = Store::open_with_key(&path, Some(&old)).unwrap();
    let new = JournalKey::new(&Secret::new("another passphrase entirely")).unwrap();
    store.set_key(Some(new.clone())).unwrap();
    person(store.conn(), "Bo");
    drop(store);

    assert!(matches!(
        JournalKey::unlock(&path, &Secret::new(PASSPHRASE)).unwrap_err(),
        Error::WrongPassphrase
    ));
    assert!(JournalKey::unlock(&path, &Secret::new(old.recovery_key().as_str())).is_err());
    let key = JournalKey::unlock(&path, &Secret::new("another passphrase entirely")).unwrap();
    assert_eq!(
        names(&Store::open_with_key(&path, Some(&key)).unwrap()),
        ["Ana", "Bo"]
    );
}

#[test]
fn a_backup_of_an_encrypted_journal_is_encrypted_with_its_key_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let (path, key) = encrypted_journal(dir.path(), &["Ana"]);
    let store = Store::open_with_key(&path, Some(&key)).unwrap();
    let report =
        backup::backup_into_folder(&store, &path, today().and_hms_opt(9, 0, 0).unwrap()).unwrap();
    assert_eq!(FileState::of(&report.path).unwrap(), FileState::Encrypted);
    assert!(matches!(
        backup::verify(&report.path, None).unwrap_err(),
        Error::Locked { .. }
    ));
    assert_eq!(
        backup::verify(&report.path, Some(&key)).unwrap().counts["people"],
        1
    );
    assert_eq!(
        JournalKey::unlock(&report.path, &Secret::new(PASSPHRASE)).unwrap(),
        key,
        "the journal's passphrase opens its backups"
    );

    person(store.conn(), "Bo");
    drop(store);
    let restored = backup::restore_from(&path, Some(&key), &report.path, None, today()).unwrap();
    assert_eq!(restored.counts["people"], 1);
    let store = Store::open_with_key(&path, Some(&key)).unwrap();
    assert_eq!(names(&store), ["Ana"]);
    let saved = restored
        .saved_before
        .expect("the journal as it was is saved");
    assert_eq!(FileState::of(&saved).unwrap(), FileState::Encrypted);
    assert_eq!(
        backup::verify(&saved, Some(&key)).unwrap().counts["people"],
        2
    );
}

#[test]
fn a_plain_or_older_key_backup_restored_into_an_encrypted_journal_stays_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("candor.db");
    let mut store = Store::open(&path).unwrap();
    person(store.conn(), "Ana");
    let plain =
        backup::backup_into_folder(&store, &path, today().and_hms_opt(8, 0, 0).unwrap()).unwrap();
    let first = JournalKey::new(&Secret::new(PASSPHRASE)).unwrap();
    store.set_key(Some(first.clone())).unwrap();
    person(store.conn(), "Bo");
    let older =
        backup::backup_into_folder(&store, &path, today().and_hms_opt(9, 0, 0).unwrap()).unwrap();
    let second = JournalKey::new(&Secret::new("the second passphrase")).unwrap();
    store.set_key(Some(second.clone())).unwrap();
    person(store.conn(), "Cy");
    drop(store);

    backup::restore_from(&path, Some(&second), &plain.path, None, today()).unwrap();
    assert_eq!(FileState::of(&path).unwrap(), FileState::Encrypted);
    assert_eq!(
        names(&Store::open_with_key(&path, Some(&second)).unwrap()),
        ["Ana"]
    );

    let err = backup::restore_from(&path, Some(&second), &older.path, None, today()).unwrap_err();
    assert!(
        matches!(err, Error::WrongPassphrase),
        "needs its own key: {err}"
    );
    let older_key = JournalKey::unlock(&older.path, &Secret::new(PASSPHRASE)).unwrap();
    backup::restore_from(&path, Some(&second), &older.path, Some(&older_key), today()).unwrap();
    let store = Store::open_with_key(&path, Some(&second)).unwrap();
    assert_eq!(names(&store), ["Ana", "Bo"]);
    assert_eq!(integrity(store.conn()), ["ok"]);
}

#[test]
fn a_new_journal_opened_with_a_key_is_created_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let key = JournalKey::from_bytes([9; 32], [4; 16]);
    let store = Store::open_with_key(&path, Some(&key)).unwrap();
    person(store.conn(), "Ana");
    drop(store);
    assert_eq!(FileState::of(&path).unwrap(), FileState::Encrypted);
    assert_eq!(
        &fs::read(&path).unwrap()[..16],
        &[4; 16],
        "the salt leads the file"
    );
    assert_eq!(
        names(&Store::open_with_key(&path, Some(&key)).unwrap()),
        ["Ana"]
    );
}

/// Every sentence (text of three words or more) in the export's records of
/// `kind`.
fn sentences(export: &serde_json::Value, kind: &str) -> Vec<String> {
    fn walk(value: &serde_json::Value, found: &mut Vec<String>) {
        match value {
            serde_json::Value::String(text) if text.split_whitespace().count() >= 3 => {
                found.push(text.clone())
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, found)),
            serde_json::Value::Object(map) => map.values().for_each(|v| walk(v, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(&export[kind], &mut found);
    found
}

/// How many of `sentences` appear in `bytes`: each is looked for by its
/// first 16 bytes, against every 16-byte window of the file.
fn found_in(bytes: &[u8], sentences: &[String]) -> usize {
    const PROBE: usize = 16;
    let windows: std::collections::HashSet<&[u8]> = bytes.windows(PROBE).collect();
    sentences
        .iter()
        .filter(|s| s.len() >= PROBE && windows.contains(&s.as_bytes()[..PROBE]))
        .count()
}

#[test]
fn no_sentence_of_an_encrypted_journal_is_in_its_file_log_backups_or_encrypted_exports() {
    use candor_core::demo::{self, DemoOptions};
    use candor_core::files::{write_export, OutputKind, OutputPath};
    use candor_core::transfer;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("candor.db");
    let key = JournalKey::from_bytes([0x42; 32], [0x17; 16]);
    let mut store = Store::open_with_key(&path, Some(&key)).unwrap();
    let options = DemoOptions {
        people: 3,
        years: 1,
        seed: 7,
        end: today(),
    };
    demo::generate(store.conn(), &options, None).unwrap();
    // The sentences to look for: every text of three words or more that
    // the journal holds, kind by kind.
    let json = transfer::export_json(store.conn(), "2026-11-29T09:00:00Z").unwrap();
    let export: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut all = Vec::new();
    for kind in candor_core::demo::RECORD_TABLES {
        let of_kind = sentences(&export, kind);
        assert!(
            !of_kind.is_empty(),
            "the demo journal writes {kind} with text"
        );
        all.extend(of_kind);
    }
    assert!(all.len() > 300, "{} sentences", all.len());

    let wal = dir.path().join("candor.db-wal");
    assert!(
        fs::metadata(&wal).unwrap().len() > 0,
        "the log holds the writes"
    );
    let backup = backup::backup_into_folder(&store, &path, today().and_hms_opt(9, 0, 0).unwrap())
        .unwrap()
        .path;
    let secret = Secret::new("export passphrase");
    let sealed_json = dir.path().join("journal.json.age");
    let out = OutputPath::check(&sealed_json, Some(&path), OutputKind::File).unwrap();
    write_export(&out, json.as_bytes(), Some(&secret)).unwrap();
    let sealed_markdown = dir.path().join("journal.tar.age");
    let out = OutputPath::check(&sealed_markdown, Some(&path), OutputKind::File).unwrap();
    transfer::export_markdown_sealed(store.conn(), &out, &secret).unwrap();

    for file in [&path, &wal, &backup, &sealed_json, &sealed_markdown] {
        let bytes = fs::read(file).unwrap();
        assert!(bytes.len() > 1000, "{} holds something", file.display());
        assert_eq!(
            found_in(&bytes, &all),
            0,
            "plain text in {}",
            file.display()
        );
    }

    // The same search finds them once the journal is plain: it can fail.
    store.set_key(None).unwrap();
    drop(store);
    let plain = fs::read(&path).unwrap();
    let found = found_in(&plain, &all);
    let long = all.iter().filter(|s| s.len() >= 16).count();
    assert_eq!(found, long, "every sentence is in the plain file");
}

#[test]
fn encrypting_or_changing_the_key_brings_the_backups_folder_under_the_new_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("candor.db");
    let mut store = Store::open(&path).unwrap();
    person(store.conn(), "Ana");
    let plain = backup::backup_into_folder(&store, &path, today().and_hms_opt(8, 0, 0).unwrap())
        .unwrap()
        .path;
    let first = JournalKey::from_bytes([1; 32], [2; 16]);
    store.set_key(Some(first.clone())).unwrap();
    let report = backup::rekey_backups(&path, None, &first).unwrap();
    assert_eq!(report.converted, std::slice::from_ref(&plain));
    assert_eq!(FileState::of(&plain).unwrap(), FileState::Encrypted);
    assert_eq!(
        backup::verify(&plain, Some(&first)).unwrap().counts["people"],
        1
    );

    person(store.conn(), "Bo");
    let later = backup::backup_into_folder(&store, &path, today().and_hms_opt(9, 0, 0).unwrap())
        .unwrap()
        .path;
    let stranger = dir.path().join("backups").join("someone-else.db");
    let other = JournalKey::from_bytes([5; 32], [6; 16]);
    drop(Store::open_with_key(&stranger, Some(&other)).unwrap());
    let second = JournalKey::from_bytes([3; 32], [4; 16]);
    store.set_key(Some(second.clone())).unwrap();
    let report = backup::rekey_backups(&path, Some(&first), &second).unwrap();
    assert_eq!(report.converted, [plain.clone(), later.clone()]);
    assert_eq!(
        report.left,
        std::slice::from_ref(&stranger),
        "a backup under another key is left alone"
    );
    assert_eq!(
        backup::verify(&later, Some(&second)).unwrap().counts["people"],
        2
    );
    assert!(backup::verify(&later, Some(&first)).is_err());
    assert!(backup::verify(&stranger, Some(&other)).is_ok(), "untouched");
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
