//! Opening journal files from disk: creation, migration, and refusing what is
//! not ours or is too new, without changing a byte of it.

use candor_core::store::people::{self, PersonInput, Scope};
use candor_core::store::{APPLICATION_ID, SCHEMA_VERSION};
use candor_core::{Error, Store};
use rusqlite::Connection;

fn bytes(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).expect("read the file")
}

#[test]
fn open_creates_missing_parent_folders_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/c/candor.db");
    let store = Store::open(&path).expect("opens a journal in a new folder");
    assert!(path.is_file());
    assert_eq!(store.path(), Some(path.as_path()));
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn data_survives_reopening_and_migrations_run_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("candor.db");
    let ana = {
        let store = Store::open(&path).unwrap();
        people::create(
            store.conn(),
            &PersonInput {
                name: "Ana".into(),
                ..Default::default()
            },
        )
        .unwrap()
    };
    let store = Store::open(&path).expect("a second open is fine");
    let list = people::list(store.conn(), Scope::All).unwrap();
    assert_eq!(list, vec![ana]);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_journal_from_a_newer_candor_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let store = Store::open(&path).unwrap();
        people::create(
            store.conn(),
            &PersonInput {
                name: "Ana".into(),
                ..Default::default()
            },
        )
        .unwrap();
        store
            .conn()
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        // Fold the WAL into the main file so the bytes below are the whole story.
        store
            .conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
            .unwrap();
    }
    let before = bytes(&path);

    let err = Store::open(&path).expect_err("a newer schema must be refused");
    assert!(
        matches!(err, Error::SchemaTooNew { found, supported } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
        "{err:?}"
    );
    assert_eq!(err.code(), "schema_too_new");
    assert!(err.to_string().contains("newer version of Candor"), "{err}");
    assert!(err.to_string().contains("has not been changed"), "{err}");
    assert_eq!(
        bytes(&path),
        before,
        "the file must be byte-for-byte unchanged"
    );
    assert!(
        !dir.path().join("future.db-wal").exists(),
        "not even a WAL file is created"
    );
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    std::fs::write(&path, "# My notes\n\nNot a database at all.\n".repeat(50)).unwrap();
    let before = bytes(&path);
    let err = Store::open(&path).expect_err("not a database");
    assert_eq!(err.code(), "not_a_journal");
    assert_eq!(
        err.to_string(),
        format!(
            "{} is not a Candor journal: the file is not a SQLite database",
            path.display()
        )
    );
    assert_eq!(bytes(&path), before, "the file is unchanged");
}

#[test]
fn another_programs_sqlite_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');",
        )
        .unwrap();
    }
    let before = bytes(&path);
    let err = Store::open(&path).expect_err("a foreign database is refused");
    assert_eq!(err.code(), "not_a_journal");
    assert!(
        err.to_string().contains("belongs to another program"),
        "{err}"
    );
    assert_eq!(bytes(&path), before);
}

#[test]
fn an_empty_file_becomes_a_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).expect("an empty file is an empty database");
    let app_id: i64 = store
        .conn()
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, APPLICATION_ID);
}

#[test]
fn a_folder_is_not_a_journal_file() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path()).expect_err("a folder cannot be opened as a journal");
    assert_eq!(err.code(), "cannot_open");
    assert!(err.to_string().contains("it is a folder"), "{err}");
}

#[test]
fn a_journal_stays_readable_with_plain_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("candor.db");
    let store = Store::open(&path).unwrap();
    let ana = people::create(
        store.conn(),
        &PersonInput {
            name: "Ana".into(),
            start_date: Some("2025-01-06".into()),
            ..Default::default()
        },
    )
    .unwrap();
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let (id, start): (String, String) = conn
        .query_row("SELECT id, start_date FROM people", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(id, ana.id.to_string(), "ids are stored as UUID text");
    assert_eq!(start, "2025-01-06", "dates are stored as ISO text");
}

/// Every foreign key has an index that starts with its column (what
/// `sqlite3 candor.db .lint fkey-indexes` checks, except that a partial
/// index on `column IS NOT NULL` also serves: the lookups are `column = ?`).
/// Without one, deleting a
/// parent, or inserting one while deferred violations are pending (as an
/// import does), reads the whole child table for every row.
#[test]
fn every_foreign_key_has_an_index_on_its_column() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' \
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL%'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut keys = 0;
    let mut missing = Vec::new();
    for table in &tables {
        let fks: Vec<(String, String)> = conn
            .prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?1)")
            .unwrap()
            .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for (column, parent) in fks {
            keys += 1;
            let indexed: bool = conn
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM pragma_index_list(?1) AS l \
                     JOIN pragma_index_info(l.name) AS i ON i.seqno = 0 \
                     JOIN sqlite_schema AS s ON s.name = l.name \
                     WHERE i.name = ?2 AND (l.partial = 0 \
                       OR s.sql LIKE '%WHERE ' || ?2 || ' IS NOT NULL'))",
                    [table, &column],
                    |r| r.get(0),
                )
                .unwrap();
            if !indexed {
                missing.push(format!("{table}.{column} -> {parent}"));
            }
        }
    }
    assert!(keys >= 20, "the schema's foreign keys were found ({keys})");
    assert!(
        missing.is_empty(),
        "foreign keys without an index: {missing:?}"
    );
}

#[test]
fn a_journal_connection_keeps_a_64_mib_page_cache() {
    // SQLite's default is 2 MB; a person's timeline on a large journal reads
    // the same pages again on every visit.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("candor.db")).unwrap();
    let cache: i64 = store
        .conn()
        .pragma_query_value(None, "cache_size", |r| r.get(0))
        .unwrap();
    assert_eq!(cache, -64 * 1024, "cache_size in KiB, negated");
}
