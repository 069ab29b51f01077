//! Files Candor writes on the user's behalf (backups, exports, review
//! packets, prep sheets): every output path is checked here, once, before
//! anything is written ([`OutputPath::check`]), and files are written whole
//! or not at all ([`write_atomic`]), so no output can land on the journal or
//! leave a half-written file where the user asked for one.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

use crate::paths::{journal_sidecars, BACKUP_DIR};
use crate::{Error, Result};

/// The input field a chosen output path arrives in (`--out` on the command
/// line, the save dialog's path in the app).
pub const OUT_FIELD: &str = "out";

/// What an output path names: a file that is written whole, or a folder
/// that is created whole (the Markdown export).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    File,
    NewFolder,
}

/// An output path that passed [`OutputPath::check`]: it does not resolve to
/// the journal or any of its files, its folder exists, and nothing at it is
/// a link, a device or a database. Writers take this type, so a path cannot
/// reach them unchecked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputPath {
    /// As the user gave it, for messages.
    shown: PathBuf,
    /// The existing folder it lives in, with links and `..` resolved.
    folder: PathBuf,
    /// Its name inside `folder`.
    name: OsString,
}

impl OutputPath {
    /// Checks a path the user chose to write to, against the open journal
    /// at `journal` (`None` for an in-memory journal, which has no files),
    /// before anything is written.
    ///
    /// Refused, with a message that says why and what to do:
    /// - a path that resolves (after links and `..`) to the journal, its
    ///   `-wal`, `-shm` or `-journal` file or its `.lock` file, compared
    ///   ignoring case on every system (the same folder may be synced to a
    ///   case-insensitive one), or is the same file under another name (a
    ///   hard link);
    /// - a path inside the journal's backups folder, which Candor manages;
    /// - an existing SQLite database or write-ahead log of any program:
    ///   Candor only ever replaces files it can read as its own output;
    /// - a symbolic link (it is refused, not followed), a device, a pipe, or
    ///   for a file, a folder;
    /// - a path whose folder does not exist (the same rule for every writer:
    ///   a mistyped folder is reported, not created), or that ends in a
    ///   separator or `..` and so names no file.
    pub fn check(target: &Path, journal: Option<&Path>, kind: OutputKind) -> Result<OutputPath> {
        let fail = |reason: String| {
            Error::invalid(
                OUT_FIELD,
                format!("Candor will not write to {}: {reason}", target.display()),
            )
        };
        let cannot = |reason: String| {
            Error::invalid(
                OUT_FIELD,
                format!("could not write {}: {reason}", target.display()),
            )
        };
        if target.as_os_str().is_empty() {
            return Err(Error::invalid(OUT_FIELD, "choose a file to write to"));
        }
        if ends_with_separator(target.as_os_str()) {
            return Err(fail(match kind {
                OutputKind::File => {
                    "it ends with a slash, so it names a folder; add a file name".into()
                }
                OutputKind::NewFolder => {
                    "it ends with a slash; give the new folder's name without one".into()
                }
            }));
        }
        let Some(name) = file_name(target) else {
            return Err(fail("it names no file; add a file name".into()));
        };
        let folder_given = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
            _ => PathBuf::from("."),
        };
        let folder = match fs::canonicalize(&folder_given) {
            Ok(folder) if folder.is_dir() => folder,
            Ok(_) => {
                return Err(cannot(format!(
                    "{} is not a folder",
                    folder_given.display()
                )))
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Err(cannot(format!(
                    "the folder {} does not exist",
                    folder_given.display()
                )))
            }
            Err(err) => {
                return Err(cannot(format!(
                    "the folder {} cannot be opened: {}",
                    folder_given.display(),
                    reason(&err)
                )))
            }
        };
        let resolved = folder.join(&name);

        if fs::symlink_metadata(&resolved).is_ok_and(|meta| meta.file_type().is_symlink()) {
            return Err(fail(
                "it is a symbolic link, and Candor does not write through links; \
                 choose the file itself or another name"
                    .into(),
            ));
        }
        let journal_files = journal.map(JournalFiles::of).unwrap_or_default();
        if let Some(what) = journal_files.names(&folder, &name, &resolved) {
            return Err(fail(format!("it is {what}; choose another name or folder")));
        }
        if journal_files.holds_backups(&folder)
            || journal_files.is_backups_folder(&folder, &name, &resolved)
        {
            return Err(fail(
                "it is in the journal's backups folder, which Candor manages; \
                 choose another folder"
                    .into(),
            ));
        }
        match fs::symlink_metadata(&resolved) {
            Err(err) if err.kind() == io::ErrorKind::NotFound => {}
            Err(err) => return Err(fail(reason(&err))),
            Ok(meta) if meta.is_dir() => {
                if kind == OutputKind::File {
                    return Err(fail("it is a folder; add a file name".into()));
                }
            }
            Ok(meta) if !meta.is_file() => {
                return Err(fail("it is not a regular file".into()));
            }
            Ok(_) => {
                if let Some(what) = database_kind(&resolved) {
                    return Err(fail(format!(
                        "it is {what}, and Candor never replaces a database; \
                         choose a new name"
                    )));
                }
            }
        }
        Ok(OutputPath {
            shown: target.to_owned(),
            folder,
            name,
        })
    }

    /// A path Candor chose itself (an automatic backup, the copy saved
    /// before a restore) in a folder it just created: only checked for what
    /// could still be there.
    pub(crate) fn owned(path: &Path) -> Result<OutputPath> {
        let fail = |reason: String| {
            Error::invalid(
                OUT_FIELD,
                format!("could not write {}: {reason}", path.display()),
            )
        };
        let name = file_name(path).ok_or_else(|| fail("it names no file".into()))?;
        let folder = path.parent().unwrap_or(Path::new("."));
        let folder = fs::canonicalize(folder).map_err(|err| fail(reason(&err)))?;
        if fs::symlink_metadata(folder.join(&name)).is_ok() {
            return Err(fail("a file of that name exists already".into()));
        }
        Ok(OutputPath {
            shown: path.to_owned(),
            folder,
            name,
        })
    }

    /// The path as the user gave it.
    pub fn shown(&self) -> &Path {
        &self.shown
    }

    /// Where the output goes: its folder with links resolved, and its name.
    pub fn resolved(&self) -> PathBuf {
        self.folder.join(&self.name)
    }

    /// The existing folder the output goes into.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// A temporary file's name prefix in the output's folder: hidden, and
    /// named after the output, so a leftover says what it was.
    pub(crate) fn temp_prefix(&self) -> OsString {
        let mut prefix = OsString::from(".");
        prefix.push(&self.name);
        prefix.push(".");
        prefix
    }
}

/// `path`'s last component, when it is a name (not `..`, not a root).
fn file_name(path: &Path) -> Option<OsString> {
    match path.components().next_back()? {
        Component::Normal(name) => Some(name.to_owned()),
        _ => None,
    }
}

fn ends_with_separator(path: &OsStr) -> bool {
    let text = path.to_string_lossy();
    text.ends_with('/') || (cfg!(windows) && text.ends_with('\\'))
}

/// Says what kind of SQLite file is at `path`, from its first bytes.
fn database_kind(path: &Path) -> Option<&'static str> {
    let mut head = [0u8; 16];
    let mut file = fs::File::open(path).ok()?;
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    let head = &head[..read];
    if head == b"SQLite format 3\0" {
        Some("a SQLite database")
    } else if head.len() >= 4 && matches!(head[..4], [0x37, 0x7f, 0x06, 0x82 | 0x83]) {
        Some("a SQLite write-ahead log")
    } else {
        None
    }
}

/// The files that make up one journal, as the output check sees them.
#[derive(Default)]
struct JournalFiles {
    /// The folders the journal's files live in: the one its path names and,
    /// when the journal is reached through a link, the real one (SQLite
    /// keeps its `-wal` beside the real file).
    folders: Vec<PathBuf>,
    /// The journal's file names there: as given and as resolved.
    names: Vec<OsString>,
    /// The backups folder beside the journal, resolved if it exists.
    backups: Vec<PathBuf>,
}

impl JournalFiles {
    fn of(journal: &Path) -> JournalFiles {
        let mut places: Vec<(PathBuf, OsString)> = Vec::new();
        let absolute = std::path::absolute(journal).unwrap_or_else(|_| journal.to_owned());
        if let (Some(folder), Some(name)) = (absolute.parent(), file_name(&absolute)) {
            let folder = fs::canonicalize(folder).unwrap_or_else(|_| folder.to_owned());
            places.push((folder, name));
        }
        if let Ok(real) = fs::canonicalize(journal) {
            if let (Some(folder), Some(name)) = (real.parent(), file_name(&real)) {
                places.push((folder.to_owned(), name));
            }
        }
        let mut folders = Vec::new();
        let mut names = Vec::new();
        let mut backups = Vec::new();
        for (folder, name) in places {
            let backup_folder = folder.join(BACKUP_DIR);
            backups.push(fs::canonicalize(&backup_folder).unwrap_or(backup_folder));
            folders.push(folder);
            names.push(name);
        }
        JournalFiles {
            folders,
            names,
            backups,
        }
    }

    /// What `name` in `folder` (resolved: `resolved`) is of the journal's,
    /// if anything.
    fn names(&self, folder: &Path, name: &OsStr, resolved: &Path) -> Option<String> {
        let wanted = name.to_string_lossy().to_lowercase();
        for (own_folder, own_name) in self.folders.iter().zip(&self.names) {
            let same_folder = own_folder == folder || same_file(own_folder, folder);
            for (suffix, what) in journal_sidecars() {
                let mut candidate = own_name.clone();
                candidate.push(suffix);
                let candidate_path = own_folder.join(&candidate);
                if (same_folder && candidate.to_string_lossy().to_lowercase() == wanted)
                    || same_file(&candidate_path, resolved)
                {
                    return Some(what.to_owned());
                }
            }
        }
        None
    }

    /// Whether `folder` is the backups folder or inside it.
    fn holds_backups(&self, folder: &Path) -> bool {
        self.backups.iter().any(|backups| {
            folder.starts_with(backups)
                || folder
                    .ancestors()
                    .any(|ancestor| same_file(ancestor, backups))
        })
    }

    /// Whether `name` in `folder` (resolved: `resolved`) is the backups
    /// folder itself, its name compared ignoring case.
    fn is_backups_folder(&self, folder: &Path, name: &OsStr, resolved: &Path) -> bool {
        let named = name.to_string_lossy().eq_ignore_ascii_case(BACKUP_DIR)
            && self
                .folders
                .iter()
                .any(|own| own == folder || same_file(own, folder));
        named
            || self
                .backups
                .iter()
                .any(|backups| resolved == backups || same_file(resolved, backups))
    }
}

/// Whether two paths name the same existing file or folder (same device
/// and inode on Unix, same volume and file index on Windows).
fn same_file(a: &Path, b: &Path) -> bool {
    same_file::is_same_file(a, b).unwrap_or(false)
}

/// Writes `bytes` to `out` as [`write_atomic`] does, first encrypted with
/// `passphrase` in the age format when one is given (see
/// [`encryption::seal`](crate::encryption::seal)).
pub fn write_export(
    out: &OutputPath,
    bytes: &[u8],
    passphrase: Option<&crate::encryption::Secret>,
) -> Result<()> {
    match passphrase {
        Some(passphrase) => write_atomic(out, &crate::encryption::seal(bytes, passphrase)?),
        None => write_atomic(out, bytes),
    }
}

/// Writes `bytes` to `out`, replacing any file there, atomically.
///
/// The bytes go to a temporary file with a unique name in the same folder,
/// are flushed to disk (fsync), and the temporary file is then renamed over
/// the target: readers see the old file or the new one, never a part, and a
/// link put at the target after the check is replaced, not followed. On any
/// failure the temporary file is removed and the error names the path
/// ("could not write /x/y.md: permission denied").
///
/// A new file is readable by its owner only (what it holds is private); a
/// file that is replaced keeps its permissions.
///
/// Errors are [`Error::Invalid`] on the field [`OUT_FIELD`]: the path was
/// chosen by the user, and choosing another one is how to fix it.
pub fn write_atomic(out: &OutputPath, bytes: &[u8]) -> Result<()> {
    let fail = |reason: String| {
        Error::invalid(
            OUT_FIELD,
            format!("could not write {}: {reason}", out.shown().display()),
        )
    };
    let target = out.resolved();
    // Dropping `temp` before it is persisted deletes the file: every early
    // return below cleans up after itself.
    let mut temp = tempfile::Builder::new()
        .prefix(&out.temp_prefix())
        .suffix(".tmp")
        .tempfile_in(out.folder())
        .map_err(|err| fail(reason(&err)))?;
    if let Ok(existing) = fs::symlink_metadata(&target) {
        if existing.is_file() {
            temp.as_file()
                .set_permissions(existing.permissions())
                .map_err(|err| fail(reason(&err)))?;
        }
    }
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|err| fail(reason(&err)))?;
    temp.persist(&target).map_err(|err| {
        // `err.file` is the temporary file; dropping it removes it.
        let why = reason(&err.error);
        drop(err.file);
        fail(why)
    })?;
    sync_folder(out.folder());
    Ok(())
}

/// Makes a rename in `folder` durable. Best effort: the file is complete and
/// in place either way, and Windows cannot open a folder for syncing (it
/// makes renames durable itself).
pub(crate) fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// An I/O error in words a person can act on.
pub(crate) fn reason(err: &io::Error) -> String {
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
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// A journal in a folder of its own, so outputs elsewhere are free.
    struct Setup {
        _dir: tempfile::TempDir,
        journal: PathBuf,
        out: PathBuf,
    }

    fn setup() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let journal_dir = dir.path().join("journal");
        let out = dir.path().join("out");
        fs::create_dir(&journal_dir).unwrap();
        fs::create_dir(&out).unwrap();
        let journal = journal_dir.join("candor.db");
        let mut db = b"SQLite format 3\0".to_vec();
        db.resize(4096, 0);
        fs::write(&journal, db).unwrap();
        Setup {
            _dir: dir,
            journal,
            out,
        }
    }

    fn check(setup: &Setup, target: &Path) -> Result<OutputPath> {
        OutputPath::check(target, Some(&setup.journal), OutputKind::File)
    }

    fn write(setup: &Setup, target: &Path, bytes: &[u8]) -> Result<()> {
        write_atomic(&check(setup, target)?, bytes)
    }

    #[test]
    fn writes_the_file_and_leaves_no_temporary_file() {
        let s = setup();
        let path = s.out.join("packet.md");
        write(&s, &path, b"# First\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"# First\n");
        write(&s, &path, b"# Second, longer than the first\n").unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "# Second, longer than the first\n",
            "a second write replaces the whole file"
        );
        assert_eq!(
            names_in(&s.out),
            ["packet.md"],
            "only the target may remain in the folder"
        );
    }

    #[test]
    fn a_path_without_a_file_name_is_refused() {
        let s = setup();
        for target in ["..", "a/..", "."] {
            let err = check(&s, Path::new(target)).unwrap_err();
            assert!(err.to_string().contains("names no file"), "{target}: {err}");
        }
        let err = check(&s, Path::new("/")).unwrap_err();
        assert!(err.to_string().contains("names a folder"), "{err}");
        let err = check(&s, Path::new("")).unwrap_err();
        assert_eq!(err.to_string(), "choose a file to write to");
    }

    #[test]
    fn a_trailing_slash_is_refused_even_when_the_name_before_it_is_free() {
        let s = setup();
        let target = format!("{}/packet.md/", s.out.display());
        let err = check(&s, Path::new(&target)).unwrap_err();
        assert!(err.to_string().contains("ends with a slash"), "{err}");
        assert!(names_in(&s.out).is_empty());
    }

    #[test]
    fn a_missing_folder_is_reported_and_not_created() {
        let s = setup();
        let path = s.out.join("no-such-folder").join("packet.md");
        let err = check(&s, &path).unwrap_err();
        assert_eq!(err.field(), Some(OUT_FIELD));
        assert_eq!(
            err.to_string(),
            format!(
                "could not write {}: the folder {} does not exist",
                path.display(),
                s.out.join("no-such-folder").display()
            )
        );
        assert!(!s.out.join("no-such-folder").exists());
    }

    #[test]
    fn a_folder_as_target_is_refused_for_a_file() {
        let s = setup();
        fs::create_dir(s.out.join("sub")).unwrap();
        let err = check(&s, &s.out.join("sub")).unwrap_err();
        assert!(
            err.to_string().ends_with("it is a folder; add a file name"),
            "{err}"
        );
        assert!(
            OutputPath::check(&s.out.join("sub"), Some(&s.journal), OutputKind::NewFolder).is_ok(),
            "a new folder's place may be an existing folder (its writer decides)"
        );
    }

    #[test]
    fn the_journal_and_each_of_its_files_are_refused_in_any_case() {
        let s = setup();
        let folder = s.journal.parent().unwrap();
        for (name, what) in [
            ("candor.db", "the journal itself"),
            ("CANDOR.DB", "the journal itself"),
            ("candor.db-wal", "the journal's write-ahead log"),
            ("Candor.db-WAL", "the journal's write-ahead log"),
            ("candor.db-shm", "the journal's shared-memory file"),
            ("candor.db-journal", "the journal's rollback journal"),
            ("candor.db.lock", "the journal's lock file"),
        ] {
            let err = check(&s, &folder.join(name)).unwrap_err();
            assert!(
                err.to_string().contains(&format!("it is {what}")),
                "{name}: {err}"
            );
        }
        let dotted = folder.join("..").join("journal").join("candor.db-wal");
        assert!(check(&s, &dotted).is_err(), "`..` is resolved");
        assert!(
            check(&s, &folder.join("notes.md")).is_ok(),
            "other names beside the journal are fine"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_refused_and_hard_links_to_the_journal_are_seen_through() {
        let s = setup();
        let link = s.out.join("link.json");
        std::os::unix::fs::symlink(&s.journal, &link).unwrap();
        let err = check(&s, &link).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        let dangling = s.out.join("dangling.json");
        std::os::unix::fs::symlink(s.out.join("nowhere"), &dangling).unwrap();
        assert!(
            check(&s, &dangling).is_err(),
            "a link is refused even when it points nowhere yet"
        );

        let hard = s.out.join("export.json");
        fs::hard_link(&s.journal, &hard).unwrap();
        let err = check(&s, &hard).unwrap_err();
        assert!(err.to_string().contains("the journal itself"), "{err}");

        let via = s.out.join("via");
        std::os::unix::fs::symlink(s.journal.parent().unwrap(), &via).unwrap();
        let err = check(&s, &via.join("candor.db-shm")).unwrap_err();
        assert!(err.to_string().contains("shared-memory"), "{err}");
    }

    #[test]
    fn the_backups_folder_and_anything_in_it_are_refused() {
        let s = setup();
        let backups = s.journal.parent().unwrap().join(BACKUP_DIR);
        fs::create_dir_all(backups.join("old")).unwrap();
        for target in [
            backups.join("candor-2026-11-01.db"),
            backups.join("new.md"),
            backups.join("old").join("x.json"),
        ] {
            let err = check(&s, &target).unwrap_err();
            assert!(err.to_string().contains("backups folder"), "{err}");
        }
        let err = OutputPath::check(&backups, Some(&s.journal), OutputKind::NewFolder).unwrap_err();
        assert!(err.to_string().contains("backups folder"), "{err}");
    }

    #[test]
    fn any_sqlite_database_or_log_is_refused_and_other_files_may_be_replaced() {
        let s = setup();
        let other = s.out.join("other.db");
        let mut db = b"SQLite format 3\0".to_vec();
        db.resize(100, 1);
        fs::write(&other, &db).unwrap();
        let err = write(&s, &other, b"{}").unwrap_err();
        assert!(err.to_string().contains("a SQLite database"), "{err}");
        assert_eq!(fs::read(&other).unwrap(), db, "the database is untouched");

        let log = s.out.join("other.db-wal");
        fs::write(&log, [0x37, 0x7f, 0x06, 0x82, 0, 0, 0, 0]).unwrap();
        let err = check(&s, &log).unwrap_err();
        assert!(err.to_string().contains("write-ahead log"), "{err}");

        let text = s.out.join("old.json");
        fs::write(&text, b"old").unwrap();
        write(&s, &text, b"new").unwrap();
        assert_eq!(fs::read(&text).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_pipes_are_refused() {
        let s = setup();
        let err = check(&s, Path::new("/dev/null")).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    #[test]
    fn a_relative_path_resolves_from_the_working_folder() {
        let s = setup();
        let checked = check(&s, Path::new("relative-packet.md")).unwrap();
        assert_eq!(
            checked.folder(),
            fs::canonicalize(".").unwrap(),
            "a bare name lands in the working folder"
        );
        assert_eq!(checked.shown(), Path::new("relative-packet.md"));
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_fails_cleanly_and_leaves_nothing_behind() {
        use std::os::unix::fs::PermissionsExt;
        let s = setup();
        let locked = s.out.join("locked");
        fs::create_dir(&locked).unwrap();
        fs::write(locked.join("packet.md"), b"old").unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
        // Root (and some CI sandboxes) ignore folder permissions; the test
        // then proves nothing, so it says so and stops.
        if fs::write(locked.join("probe"), b"").is_ok() {
            eprintln!("skipped: folder permissions are not enforced for this user (root?)");
            fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
            return;
        }
        let result = write(&s, &locked.join("packet.md"), b"new");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        let err = result.unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "could not write {}: permission denied",
                locked.join("packet.md").display()
            )
        );
        assert_eq!(
            fs::read(locked.join("packet.md")).unwrap(),
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
        let s = setup();
        let path = s.out.join("packet.html");
        write(&s, &path, b"x").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode, 0o600,
            "notes about people are readable by their owner only"
        );
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write(&s, &path, b"y").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode, 0o640,
            "a file the user shared on purpose stays shared"
        );
    }
}
