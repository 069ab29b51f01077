//! The background checkpointer: commits land in the main database file
//! without the writer checkpointing, and stopping it is prompt.

use std::path::Path;
use std::time::{Duration, Instant};

use candor_core::store::people::{self, PersonInput};
use candor_core::store::BACKSTOP_PAGES;
use candor_core::Store;
use rusqlite::Connection;

/// The people in the main database file alone, as if the WAL were lost:
/// what has been checkpointed.
fn people_in_main_file(db: &Path, scratch: &Path) -> i64 {
    std::fs::copy(db, scratch).unwrap();
    let conn = Connection::open(scratch).unwrap();
    let n = conn
        .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    std::fs::remove_file(scratch).unwrap();
    n
}

fn add(store: &Store, name: &str) {
    people::create(
        store.conn(),
        &PersonInput {
            name: name.into(),
            ..Default::default()
        },
    )
    .unwrap();
}

#[test]
fn the_checkpointer_moves_commits_into_the_database_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("candor.db");
    let scratch = dir.path().join("copy.db");
    let store = Store::open(&db).unwrap();
    // The schema into the file, so the copies can be read.
    store
        .conn()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let before = people_in_main_file(&db, &scratch);

    // Without a checkpointer, a few small commits stay in the WAL.
    add(&store, "Ana");
    add(&store, "Ben");
    assert_eq!(people_in_main_file(&db, &scratch), before);

    let checkpointer = store
        .checkpoint_in_background(Duration::from_millis(20))
        .unwrap();
    let backstop: i64 = store
        .conn()
        .pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0))
        .unwrap();
    assert_eq!(
        backstop, BACKSTOP_PAGES,
        "the writer only checkpoints as a backstop"
    );

    add(&store, "Chen");
    let deadline = Instant::now() + Duration::from_secs(10);
    while people_in_main_file(&db, &scratch) != before + 3 {
        assert!(
            Instant::now() < deadline,
            "the checkpointer never copied the commits into the file"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    // The store keeps working beside it, and stopping is prompt even with
    // a long interval.
    add(&store, "Dee");
    drop(checkpointer);
    let slow = store
        .checkpoint_in_background(Duration::from_secs(3600))
        .unwrap();
    let started = Instant::now();
    drop(slow);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "drop waited for the interval"
    );
    assert_eq!(
        people::list(store.conn(), people::Scope::All)
            .unwrap()
            .len(),
        4
    );
}

#[test]
fn a_journal_in_memory_has_nothing_to_checkpoint() {
    let store = Store::open_in_memory().unwrap();
    let err = store
        .checkpoint_in_background(Duration::from_secs(1))
        .unwrap_err();
    assert!(err.to_string().contains("in memory"), "{err}");
}
