//! The app's state: the one open journal, behind a mutex (one writer, one
//! connection), or the reason it could not be opened.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use candor_core::Store;

use crate::error::{CommandError, CommandResult};

pub struct AppState {
    db_path: PathBuf,
    journal: Result<Mutex<Store>, CommandError>,
}

impl AppState {
    /// Opens the journal at `db_path`. A failure is kept, not raised: the
    /// window still opens and shows the reason, rather than vanishing.
    pub fn open(db_path: PathBuf) -> Self {
        let journal = Store::open(&db_path)
            .map(Mutex::new)
            .map_err(CommandError::from);
        AppState { db_path, journal }
    }

    /// Wraps an already open store (tests).
    pub fn from_store(store: Store, db_path: PathBuf) -> Self {
        AppState {
            db_path,
            journal: Ok(Mutex::new(store)),
        }
    }

    pub fn db_path(&self) -> &Path {
        &self.db_path
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
