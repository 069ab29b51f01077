//! Files Candor writes on the user's behalf (review packets, prep sheets,
//! exports): written whole or not at all, so a failure never leaves a
//! half-written file where the user asked for one.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The input field a chosen output path arrives in (`--out` on the command
/// line, the save dialog's path in the app).
pub const OUT_FIELD: &str = "out";

/// Writes `bytes` to `path`, replacing any file there, atomically.
///
/// The bytes go to a temporary file with a unique name in the same folder,
/// are flushed to disk (fsync), and the temporary file is then renamed over
/// `path`: readers see the old file or the new one, never a part. On any
/// failure the temporary file is removed and the error names the path
/// ("could not write /x/y.md: permission denied"). The folder must exist:
/// a mistyped folder is reported, not created.
///
/// A new file is readable by its owner only (what it holds is private); a
/// file that is replaced keeps its permissions.
///
/// Errors are [`Error::Invalid`] on the field [`OUT_FIELD`]: the path was
/// chosen by the user, and choosing another one is how to fix it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |reason: String| {
        Error::invalid(
            OUT_FIELD,
            format!("could not write {}: {reason}", path.display()),
        )
    };
    let Some(name) = path.file_name() else {
        return Err(fail("that is a folder, not a file name".into()));
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(fail(format!(
            "the folder {} does not exist",
            folder.display()
        )));
    }

    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    // Dropping `temp` before it is persisted deletes the file: every early
    // return below cleans up after itself.
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(|err| fail(reason(&err)))?;
    if let Ok(existing) = std::fs::metadata(path) {
        temp.as_file()
            .set_permissions(existing.permissions())
            .map_err(|err| fail(reason(&err)))?;
    }
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|err| fail(reason(&err)))?;
    temp.persist(path).map_err(|err| {
        // `err.file` is the temporary file; dropping it removes it.
        let why = reason(&err.error);
        drop(err.file);
        fail(why)
    })?;
    sync_folder(&folder);
    Ok(())
}

/// Makes the rename itself durable. Best effort: the file is complete and in
/// place either way, and some systems cannot open a folder for syncing.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// An I/O error in words a person can act on.
fn reason(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::NotFound => "the folder does not exist".into(),
        io::ErrorKind::IsADirectory => "it is a folder".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("packet.md");
        write_atomic(&path, b"# First\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"# First\n");
        write_atomic(&path, b"# Second, longer than the first\n").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# Second, longer than the first\n",
            "a second write replaces the whole file"
        );
        assert_eq!(
            names_in(dir.path()),
            ["packet.md"],
            "only the target may remain in the folder"
        );
    }

    #[test]
    fn a_path_without_a_file_name_is_refused() {
        let err = write_atomic(Path::new("/"), b"x").unwrap_err();
        assert!(err.to_string().contains("not a file name"), "{err}");
    }

    #[test]
    fn a_missing_folder_is_reported_and_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("packet.md");
        let err = write_atomic(&path, b"x").unwrap_err();
        assert_eq!(err.field(), Some(OUT_FIELD));
        assert_eq!(
            err.to_string(),
            format!(
                "could not write {}: the folder {} does not exist",
                path.display(),
                dir.path().join("no-such-folder").display()
            )
        );
        assert!(!dir.path().join("no-such-folder").exists());
    }

    #[test]
    fn a_folder_as_target_fails_at_the_rename_and_the_temporary_file_is_removed() {
        // The temporary file exists by the time the rename fails: this is
        // the late failure whose clean-up matters.
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("out")).unwrap();
        let err = write_atomic(&dir.path().join("out"), b"x").unwrap_err();
        assert!(err.to_string().ends_with(": it is a folder"), "{err}");
        assert_eq!(names_in(dir.path()), ["out"]);
        assert!(names_in(&dir.path().join("out")).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_fails_cleanly_and_leaves_nothing_behind() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::write(locked.join("packet.md"), b"old").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        // Root (and some CI sandboxes) ignore folder permissions; the test
        // then proves nothing, so it says so and stops.
        if std::fs::write(locked.join("probe"), b"").is_ok() {
            eprintln!("skipped: folder permissions are not enforced for this user (root?)");
            std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
            return;
        }
        let result = write_atomic(&locked.join("packet.md"), b"new");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        let err = result.unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "could not write {}: permission denied",
                locked.join("packet.md").display()
            )
        );
        assert_eq!(
            std::fs::read(locked.join("packet.md")).unwrap(),
            b"old",
            "the existing file is untouched"
        );
        assert_eq!(
            names_in(&locked),
            ["packet.md"],
            "no temporary file is left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_private_and_a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("packet.html");
        write_atomic(&path, b"x").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode, 0o600,
            "notes about people are readable by their owner only"
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"y").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode, 0o640,
            "a file the user shared on purpose stays shared"
        );
    }
}
