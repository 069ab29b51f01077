//! The app's state: the one open journal, behind a mutex (one writer, one
//! connection), or the reason it could not be opened.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use candor_core::lock::JournalLock;
use candor_core::store::{Checkpointer, CHECKPOINT_EVERY};
use candor_core::Store;

use crate::error::{CommandError, CommandResult};

pub struct AppState {
    db_path: PathBuf,
    /// Held for the app's life: one window per journal, and no command-line
    /// writer behind its back.
    _instance_lock: Option<JournalLock>,
    journal: Result<Mutex<Store>, CommandError>,
    /// Checkpoints the journal's WAL off the saving path, for the app's
    /// life. `None` if it could not start: the writer then checkpoints on
    /// its own, as SQLite does by default.
    _checkpointer: Option<Checkpointer>,
    /// A file chosen for import, checked by a dry run, awaiting confirmation.
    pending_import: Mutex<Option<Vec<u8>>>,
}

impl AppState {
    /// Opens the journal at `db_path`. A failure is kept, not raised: the
    /// window still opens and shows the reason, rather than vanishing.
    pub fn open(db_path: PathBuf) -> Self {
        let lock = JournalLock::for_window(&db_path).map_err(CommandError::from);
        let journal = match &lock {
            Ok(_) => Store::open(&db_path)
                .map(Mutex::new)
                .map_err(CommandError::from),
            Err(err) => Err(err.clone()),
        };
        let checkpointer = journal.as_ref().ok().and_then(|store| {
            store
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .checkpoint_in_background(CHECKPOINT_EVERY)
                .ok()
        });
        AppState {
            _instance_lock: lock.ok(),
            db_path,
            journal,
            _checkpointer: checkpointer,
            pending_import: Mutex::new(None),
        }
    }

    /// Wraps an already open store (tests).
    pub fn from_store(store: Store, db_path: PathBuf) -> Self {
        AppState {
            _instance_lock: None,
            db_path,
            journal: Ok(Mutex::new(store)),
            _checkpointer: None,
            pending_import: Mutex::new(None),
        }
    }

    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    pub fn set_pending_import(&self, bytes: Option<Vec<u8>>) {
        *self
            .pending_import
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = bytes;
    }

    pub fn take_pending_import(&self) -> Option<Vec<u8>> {
        self.pending_import
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    /// Why the journal could not be opened, if it could not.
    pub fn open_error(&self) -> Option<&CommandError> {
        self.journal.as_ref().err()
    }

    /// Runs `f` with the store locked; core errors become [`CommandError`]s.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&Store) -> candor_core::Result<T>,
    ) -> CommandResult<T> {
        let journal = self.journal.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock cannot leave SQLite half-written
        // (every write is a transaction), so a poisoned lock is still usable.
        let store = journal.lock().unwrap_or_else(PoisonError::into_inner);
        f(&store).map_err(CommandError::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_app_on_the_same_journal_is_refused_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("candor.db");
        let first = AppState::open(path.clone());
        assert!(
            first.open_error().is_none(),
            "the first window opens the journal"
        );
        let second = AppState::open(path.clone());
        let err = second.open_error().expect("the second is refused");
        assert_eq!(err.code, "in_use");
        assert!(
            err.message
                .contains("already open in another Candor window"),
            "{}",
            err.message
        );

        let other = AppState::open(dir.path().join("other.db"));
        assert!(
            other.open_error().is_none(),
            "another journal opens beside it"
        );

        drop(first);
        let again = AppState::open(path);
        assert!(
            again.open_error().is_none(),
            "closing the first frees the journal"
        );
    }

    #[test]
    fn the_app_checkpoints_its_journal_in_the_background() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("candor.db"));
        assert!(state._checkpointer.is_some(), "the checkpointer runs");
        let pages: i64 = state
            .with_store(|store| {
                Ok(store
                    .conn()
                    .pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0))?)
            })
            .unwrap();
        assert_eq!(
            pages,
            candor_core::store::BACKSTOP_PAGES,
            "saves no longer pay for checkpoints"
        );
    }
}
