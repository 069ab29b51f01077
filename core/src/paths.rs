//! Where the journal lives when nobody says otherwise.

use std::path::PathBuf;

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
