//! The SQLite store: opening the journal file, its pragmas, migrations and the
//! transaction helper every multi-step write goes through.

pub mod action_items;
pub mod agenda;
mod checkpoint;
pub mod conflicts;
pub mod feedback;
pub mod goals;
pub mod one_on_ones;
pub mod party;
pub mod people;
pub mod questions;
pub mod settings;
pub mod snoozes;
pub mod templates;

mod convert;
pub(crate) use convert::export_file;
pub use convert::remove_stale_copies;

pub use checkpoint::{Checkpointer, BACKSTOP_PAGES, CHECKPOINT_EVERY};

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::encryption::{read_salt, FileState, JournalKey};
use crate::progress::{Progress, Stage};
use crate::{Error, Result};

/// Marks a SQLite file as a Candor journal (`PRAGMA application_id`, the
/// ASCII bytes "CAND"), so that Candor never migrates a database that belongs
/// to another program.
pub const APPLICATION_ID: i64 = 0x4341_4E44;

/// The page cache of a journal's connection: `cache_size` in KiB, negated
/// as SQLite takes it (64 MiB, used only as pages are read).
const JOURNAL_CACHE_KIB: i64 = -64 * 1024;

/// The schema migrations, in order. Migration `n` (1-based) brings the schema
/// from `user_version = n - 1` to `n`. A shipped migration is never edited:
/// changes go in a new file.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_people.sql"),
    include_str!("../../migrations/0002_one_on_ones.sql"),
    include_str!("../../migrations/0003_feedback.sql"),
    include_str!("../../migrations/0004_conflicts_and_questions.sql"),
    include_str!("../../migrations/0005_reminders.sql"),
    include_str!("../../migrations/0006_goals.sql"),
    include_str!("../../migrations/0007_search.sql"),
    include_str!("../../migrations/0008_foreign_key_indexes.sql"),
    include_str!("../../migrations/0009_search_prefixes.sql"),
    include_str!("../../migrations/0010_timeline_by_kind.sql"),
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// An open journal: one SQLite connection with Candor's pragmas and schema.
///
/// A desktop app has a single writer, so the shell keeps one `Store` behind a
/// mutex. Record modules take `&Connection` (see [`Store::conn`]) so they
/// compose inside one transaction.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The key of an encrypted journal (`None`: a plain one). Kept so that
    /// backups and conversions can key their copies; wiped on drop.
    key: Option<JournalKey>,
}

impl Store {
    /// Opens (creating if needed) the journal at `path` and brings its schema
    /// up to date.
    ///
    /// Missing parent folders are created. A file that is not SQLite, a
    /// SQLite database of another program, or a journal written by a newer
    /// Candor is refused with a clear error and left byte-for-byte unchanged:
    /// nothing is written before those checks pass.
    ///
    /// An encrypted journal is refused with [`Error::Locked`]: open it with
    /// [`Store::open_with_key`].
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Store::open_with_key(path, None)
    }

    /// Opens the journal at `path` with `key` (`None` for a plain journal).
    /// A new file given a key is created encrypted. A key given for a plain
    /// journal is refused (converting is [`Store::set_key`]'s job), as is a
    /// key that does not open the file.
    pub fn open_with_key(path: impl AsRef<Path>, key: Option<&JournalKey>) -> Result<Store> {
        Store::open_with_progress(path, key, Progress::none())
    }

    /// [`Store::open_with_key`], reporting each schema migration it applies
    /// to `progress` ([`Stage::Updating`]: `done` of `total`), for a window
    /// that shows an "Updating your journal" screen meanwhile (see
    /// [`needs_update`]). A migration is never cancelled half-way; a kill
    /// leaves the file at the version before the migration it was in.
    pub fn open_with_progress(
        path: impl AsRef<Path>,
        key: Option<&JournalKey>,
        progress: Progress,
    ) -> Result<Store> {
        let path = path.as_ref();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|err| Error::CannotOpen {
                path: path.to_owned(),
                reason: format!("could not create the folder {}: {err}", parent.display()),
            })?;
        }
        if path.is_dir() {
            return Err(Error::CannotOpen {
                path: path.to_owned(),
                reason: "it is a folder, not a file".into(),
            });
        }
        match (FileState::of(path)?, key) {
            (FileState::Encrypted, None) => {
                return Err(Error::Locked {
                    path: path.to_owned(),
                })
            }
            (FileState::Plain, Some(_)) => {
                return Err(Error::NotEncrypted {
                    path: path.to_owned(),
                })
            }
            (FileState::Encrypted, Some(key)) if read_salt(path)? != *key.salt() => {
                return Err(Error::WrongPassphrase)
            }
            _ => {}
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|err| Error::CannotOpen {
            path: path.to_owned(),
            reason: sqlite_reason(&err),
        })?;
        if let Some(key) = key {
            key.apply(&conn)?;
        }
        let mut store = Store {
            conn,
            path: Some(path.to_owned()),
            key: key.cloned(),
        };
        store.check_identity(path)?;
        store.configure()?;
        store.migrate(progress)?;
        Ok(store)
    }

    /// A private in-memory journal with every migration applied, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
            key: None,
        };
        store.configure()?;
        store.migrate(Progress::none())?;
        Ok(store)
    }

    /// A store around a connection opened elsewhere in the core (read-only
    /// ones for backups), with no checks or migrations.
    pub(crate) fn wrap(conn: Connection, path: PathBuf, key: Option<JournalKey>) -> Store {
        Store {
            conn,
            path: Some(path),
            key,
        }
    }

    /// The connection, for the record modules (`people::list(store.conn())`).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The file this journal lives in (`None` for an in-memory journal).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The key of an encrypted journal; `None` for a plain one.
    pub fn key(&self) -> Option<&JournalKey> {
        self.key.as_ref()
    }

    /// Whether the journal file is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// The schema version of the open journal.
    pub fn schema_version(&self) -> Result<i64> {
        user_version(&self.conn)
    }

    /// Reads only: decides whether this file may be opened as a journal.
    fn check_identity(&self, path: &Path) -> Result<()> {
        let not_a_journal = |reason: &str| Error::NotAJournal {
            path: path.to_owned(),
            reason: reason.to_owned(),
        };
        let read = |sql: &str| -> Result<i64> {
            self.conn
                .query_row(sql, [], |row| row.get(0))
                .map_err(|err| match err.sqlite_error_code() {
                    Some(ErrorCode::NotADatabase) if self.key.is_some() => Error::WrongPassphrase,
                    Some(ErrorCode::NotADatabase) => {
                        not_a_journal("the file is not a SQLite database")
                    }
                    _ => Error::CannotOpen {
                        path: path.to_owned(),
                        reason: sqlite_reason(&err),
                    },
                })
        };
        let application_id = read("PRAGMA application_id")?;
        let version = read("PRAGMA user_version")?;
        let objects = read("SELECT count(*) FROM sqlite_schema")?;

        if application_id == APPLICATION_ID {
            if version > SCHEMA_VERSION {
                return Err(Error::SchemaTooNew {
                    found: version,
                    supported: SCHEMA_VERSION,
                });
            }
            Ok(())
        } else if application_id == 0 && objects == 0 && version == 0 {
            // A new, empty file: ours to set up.
            Ok(())
        } else {
            Err(not_a_journal(
                "it is a SQLite database that belongs to another program",
            ))
        }
    }

    /// Connection settings. They live here, not in migrations, because they
    /// belong to the connection (or the file format), not to the schema.
    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // WAL lets a reader (a backup, the CLI) work beside the app. In-memory
        // databases report "memory" and stay so, which is fine.
        let _mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        // Saves happen at human pace: durability is worth an fsync each.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        // A page cache larger than SQLite's default 2 MB. SQLCipher decrypts
        // a page each time it enters the cache, and the system's file cache
        // holds only ciphertext: with the default, a person's timeline
        // decrypted the same pages on every visit (four times as slow as
        // plain). A plain journal reads each page with a system call
        // instead; with this cache its first timeline page on the 10-year
        // journal went from 7.9 to 4.8 ms at p95. The cache grows only as
        // pages are read.
        self.conn
            .pragma_update(None, "cache_size", JOURNAL_CACHE_KIB)?;
        if self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get::<_, i64>(0))?
            == 0
        {
            self.conn
                .pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        Ok(())
    }

    /// Applies every migration newer than the file's `user_version`, each in
    /// its own immediate transaction together with the version bump, so a
    /// crash mid-way leaves the file at the previous version, never between.
    fn migrate(&mut self, progress: Progress) -> Result<()> {
        let from = user_version(&self.conn)?;
        let total = u64::try_from(SCHEMA_VERSION - from).unwrap_or(0);
        loop {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let current = user_version(&tx)?;
            if current > SCHEMA_VERSION {
                return Err(Error::SchemaTooNew {
                    found: current,
                    supported: SCHEMA_VERSION,
                });
            }
            let Some(sql) = MIGRATIONS.get(current as usize) else {
                if total > 0 {
                    progress.step(Stage::Updating, total, total)?;
                }
                return Ok(());
            };
            progress.step(
                Stage::Updating,
                u64::try_from(current - from).unwrap_or(0),
                total,
            )?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", current + 1)?;
            tx.commit()?;
        }
    }
}

/// Whether opening the journal at `path` (encrypted: with `key`) would
/// migrate its schema: it is a journal of an older version. Only reads (a
/// missing or unreadable file, or a key that does not open it, is `false`;
/// opening it says what is wrong). For the window, which shows an "Updating
/// your journal" screen while [`Store::open_with_progress`] runs instead of
/// staying blank, or keeping the unlock screen waiting.
pub fn needs_update(path: &Path, key: Option<&JournalKey>) -> bool {
    let readable = match (FileState::of(path), key) {
        (Ok(FileState::Plain), None) => true,
        (Ok(FileState::Encrypted), Some(key)) => {
            read_salt(path).is_ok_and(|salt| salt == *key.salt())
        }
        _ => false,
    };
    if !readable {
        return false;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(path, flags)
        .map_err(Error::from)
        .and_then(|conn| {
            if let Some(key) = key {
                key.apply(&conn)?;
            }
            user_version(&conn)
        })
        .is_ok_and(|version| (1..SCHEMA_VERSION).contains(&version))
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

fn sqlite_reason(err: &rusqlite::Error) -> String {
    match err.sqlite_error_code() {
        Some(ErrorCode::CannotOpen) => {
            "the file cannot be opened (check that the folder exists and is writable)".into()
        }
        Some(ErrorCode::PermissionDenied) | Some(ErrorCode::ReadOnly) => "permission denied".into(),
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            "the file is in use by another program".into()
        }
        _ => err.to_string(),
    }
}

/// Runs `f` atomically: all of its writes land, or none do.
///
/// Uses a SAVEPOINT, so it works on a plain connection and nests inside an
/// outer transaction (the outer one then decides the final commit). Every
/// write function with more than one statement goes through here.
pub fn atomic<T>(conn: &Connection, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    conn.execute_batch("SAVEPOINT candor_write")?;
    match f(conn) {
        Ok(value) => {
            conn.execute_batch("RELEASE candor_write")?;
            Ok(value)
        }
        Err(err) => {
            // If the rollback itself fails the connection is in trouble; the
            // original error is still the one worth reporting.
            let _ = conn.execute_batch("ROLLBACK TO candor_write; RELEASE candor_write");
            Err(err)
        }
    }
}

/// Reads a UUID stored as text. Ids are text, not 16-byte blobs, so the file
/// stays readable with the sqlite3 CLI.
pub(crate) fn uuid_column(row: &rusqlite::Row<'_>, column: &str) -> rusqlite::Result<uuid::Uuid> {
    let text: String = row.get(column)?;
    uuid::Uuid::parse_str(&text).map_err(|err| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(err))
    })
}

/// Now, as stored in the journal: RFC 3339 in UTC with milliseconds.
pub(crate) fn now_timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_names(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn fresh_database_gets_every_migration() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert!(table_names(store.conn()).contains(&"people".to_string()));
    }

    #[test]
    fn open_sets_the_pragmas_the_journal_relies_on() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("j.db")).unwrap();
        let conn = store.conn();
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        let fk: i64 = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        let sync: i64 = conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .unwrap();
        let app: i64 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal", "WAL lets backups read beside the app");
        assert_eq!(fk, 1, "foreign keys must be enforced");
        assert_eq!(sync, 2, "synchronous=FULL for durable saves");
        assert_eq!(
            app, APPLICATION_ID,
            "the file is marked as a Candor journal"
        );
    }

    #[test]
    fn atomic_rolls_back_every_statement_on_error() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        conn.execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
        let result: Result<()> = atomic(conn, |c| {
            c.execute("INSERT INTO t VALUES (1)", [])?;
            Err(Error::invalid("x", "refused"))
        });
        assert!(result.is_err());
        let count: i64 = conn
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 0, "a failed atomic write must leave nothing behind");

        atomic(conn, |c| {
            atomic(c, |c| Ok(c.execute("INSERT INTO t VALUES (2)", [])?))?;
            Ok(())
        })
        .unwrap();
        let count: i64 = conn
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 1, "nested atomic writes commit with the outer one");
    }
}
