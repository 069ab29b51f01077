//! Where the journal lives when nobody says otherwise, and the names of the
//! files that belong to it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The application identifier, shared with `tauri.conf.json`. The desktop
/// shell and the CLI both derive the default journal location from it, so
/// they always agree on which file is "the" journal.
pub const APP_IDENTIFIER: &str = "app.candor.journal";

/// File name of the journal inside the app-data folder.
pub const DB_FILE_NAME: &str = "candor.db";

/// The OS app-data folder for Candor: `$XDG_DATA_HOME/app.candor.journal` on
/// Linux, `~/Library/Application Support/app.candor.journal` on macOS,
/// `%APPDATA%\app.candor.journal` on Windows. This is the folder Tauri's
/// `app_data_dir()` resolves to for the same identifier.
pub fn app_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join(APP_IDENTIFIER))
}

/// The default journal path, `<app-data>/candor.db`.
pub fn default_db_path() -> Option<PathBuf> {
    app_data_dir().map(|dir| dir.join(DB_FILE_NAME))
}

/// The folder, beside the journal, that holds its backups.
pub const BACKUP_DIR: &str = "backups";

/// The suffixes of the files that make up one journal, each with how a
/// person would name it: the journal itself, SQLite's companions (its
/// write-ahead log, shared memory and rollback journal), and Candor's lock.
pub fn journal_sidecars() -> [(&'static str, &'static str); 5] {
    [
        ("", "the journal itself"),
        ("-wal", "the journal's write-ahead log"),
        ("-shm", "the journal's shared-memory file"),
        ("-journal", "the journal's rollback journal"),
        (LOCK_SUFFIX, "the journal's lock file"),
    ]
}

/// The suffix of the journal's lock file (`candor.db.lock`).
pub const LOCK_SUFFIX: &str = ".lock";

/// The file whose lock says who writes to the journal at `db_path`.
pub fn lock_path(db_path: &Path) -> PathBuf {
    let mut name = OsString::from(db_path.as_os_str());
    name.push(LOCK_SUFFIX);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_db_path_ends_with_identifier_and_file_name() {
        let path = default_db_path().expect("a data dir exists on test machines");
        assert!(
            path.ends_with(format!("{APP_IDENTIFIER}/{DB_FILE_NAME}")),
            "the journal should live in the app-data folder named after the identifier, got {}",
            path.display()
        );
    }
}
