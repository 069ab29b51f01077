//! The one error type of the core, worded for the person using Candor.

use std::path::PathBuf;

/// Everything that can go wrong in the core, in the user's terms.
///
/// Messages are complete sentences fragments a person can act on; the shell
/// shows them as they are. [`Error::code`] gives a stable machine-readable
/// kind for the few places where the UI reacts differently.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input field failed validation. `field` names the input field (as
    /// the UI and the JSON input call it) so a form can point at it.
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },

    /// A record that the caller named by id does not exist.
    #[error("no {kind} with id {id}")]
    NotFound { kind: &'static str, id: String },

    /// The journal was written by a newer Candor; it is left untouched.
    #[error(
        "this journal was written by a newer version of Candor (schema version {found}; \
         this version understands up to {supported}). Update Candor to open it; \
         the file has not been changed"
    )]
    SchemaTooNew { found: i64, supported: i64 },

    /// The file exists but is not a Candor journal.
    #[error("{} is not a Candor journal: {reason}", path.display())]
    NotAJournal { path: PathBuf, reason: String },

    /// The journal file or its folder could not be opened or created.
    #[error("could not open the journal at {}: {reason}", path.display())]
    CannotOpen { path: PathBuf, reason: String },

    /// Another Candor window or command holds the journal (its lock, or
    /// SQLite's own lock for longer than the busy timeout); nothing was
    /// changed.
    #[error("{message}")]
    InUse { message: String },

    /// The journal is encrypted and no key was given: it must be unlocked
    /// with its passphrase or recovery key first.
    #[error(
        "the journal at {} is encrypted: unlock it with its passphrase or recovery key",
        path.display()
    )]
    Locked { path: PathBuf },

    /// A passphrase or recovery key that does not open the journal. Nothing
    /// was written.
    #[error("that passphrase or recovery key does not open this journal")]
    WrongPassphrase,

    /// Asked to do something only an encrypted journal can (rekey, read its
    /// salt) on a plain one.
    #[error("the journal at {} is not encrypted", path.display())]
    NotEncrypted { path: PathBuf },

    /// Long work (an import, a restore) was cancelled before it changed
    /// anything.
    #[error("cancelled; nothing was changed")]
    Cancelled,

    /// Any other SQLite failure (disk full, I/O error, ...).
    #[error("the journal could not be read or written: {0}")]
    Database(rusqlite::Error),
}

impl From<rusqlite::Error> for Error {
    /// SQLite's "database is locked" becomes words: another program kept the
    /// journal busy for longer than Candor waits (the busy timeout).
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Error::InUse {
                    message: "the journal is busy: another program kept it locked for too \
                              long (is another Candor writing to it?). Try again in a moment"
                        .into(),
                }
            }
            _ => Error::Database(err),
        }
    }
}

impl Error {
    /// A stable, machine-readable kind, sent across IPC as `code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid_input",
            Error::NotFound { .. } => "not_found",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::NotAJournal { .. } => "not_a_journal",
            Error::CannotOpen { .. } => "cannot_open",
            Error::InUse { .. } => "in_use",
            Error::Locked { .. } => "locked",
            Error::WrongPassphrase => "wrong_passphrase",
            Error::NotEncrypted { .. } => "not_encrypted",
            Error::Cancelled => "cancelled",
            Error::Database(_) => "database",
        }
    }

    /// The input field at fault, for validation errors.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    pub(crate) fn not_found(kind: &'static str, id: impl ToString) -> Self {
        Error::NotFound {
            kind,
            id: id.to_string(),
        }
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
