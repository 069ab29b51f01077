//! Backups of the journal file, made with SQLite's online backup API so the
//! app can keep writing meanwhile: on demand ([`backup_to`]), once a day at
//! start-up with pruning ([`auto_backup`]), checking a file ([`verify`]) and
//! restoring one ([`restore_from`]).
//!
//! Every backup is written to a temporary file beside its destination,
//! checked (`integrity_check`, and row counts equal to the source's), and
//! only then renamed into place: a failed backup leaves no file behind and
//! never replaces a good one.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use serde::Serialize;

use crate::encryption::{read_salt, FileState, JournalKey};
use crate::files::{sync_folder, OutputPath};
use crate::progress::{Progress, Stage};
use crate::store::{atomic, APPLICATION_ID, SCHEMA_VERSION};
use crate::{Error, Result, Store};

/// How many daily backups [`auto_backup`] keeps unless told otherwise.
pub const DEFAULT_KEEP: usize = 14;

pub use crate::paths::BACKUP_DIR;

/// A backup that was written and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupReport {
    /// The backup file.
    pub path: PathBuf,
    /// The schema version of the journal it copies.
    pub schema_version: i64,
    /// Rows in each table, equal in the journal and the copy.
    pub counts: BTreeMap<String, i64>,
    /// Older automatic backups deleted after this one was checked (only
    /// [`auto_backup`] prunes).
    pub pruned: Vec<PathBuf>,
}

/// A file that was checked and is a sound Candor journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    pub path: PathBuf,
    /// Its schema version: not newer than this build's, maybe older.
    pub schema_version: i64,
    /// Rows in each table.
    pub counts: BTreeMap<String, i64>,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestoreReport {
    /// The backup whose contents the journal now holds.
    pub restored_from: PathBuf,
    /// Where the journal as it was before the restore was saved (`None` if
    /// there was no journal yet).
    pub saved_before: Option<PathBuf>,
    /// The schema version of the backup, before it was brought up to date.
    pub backup_schema_version: i64,
    /// The journal's schema version now (this build's).
    pub schema_version: i64,
    /// Rows in each table of the restored journal, after migrations.
    pub counts: BTreeMap<String, i64>,
}

/// The automatic backups' folder for the journal at `db_path`.
pub fn backups_dir(db_path: &Path) -> PathBuf {
    match db_path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join(BACKUP_DIR),
        _ => PathBuf::from(BACKUP_DIR),
    }
}

/// Copies the open journal to `dest` with the online backup API and checks
/// the copy before it takes that name (an existing file there is replaced
/// only by a checked copy). `dest` was checked with
/// [`OutputPath::check`](crate::files::OutputPath::check), so it is none of
/// the journal's files and no other database.
///
/// The counts and the copy come from one read transaction, so they agree
/// even if another process writes meanwhile. Do not call it inside a write
/// transaction: SQLite cannot copy a database while its own connection is
/// changing it.
///
/// The backup of an encrypted journal is encrypted with the journal's key
/// (and salt), so the same passphrase or recovery key opens it.
pub fn backup_to(store: &Store, dest: &OutputPath) -> Result<BackupReport> {
    backup_with(store, dest, Progress::none(), Stage::Copying)
}

/// [`backup_to`], reporting the copy and the check as `stage` of
/// `progress`; cancelled, it leaves no file.
fn backup_with(
    store: &Store,
    dest: &OutputPath,
    progress: Progress<'_>,
    stage: Stage,
) -> Result<BackupReport> {
    let conn = store.conn();
    let key = store.key();
    let dir = dest.folder();
    let shown = dest.shown();
    let temp = tempfile::Builder::new()
        .prefix(".candor-backup-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|err| io_error("create a file in", dir, &err))?
        .into_temp_path();

    let (schema_version, counts) = atomic(conn, |conn| {
        let counts = table_counts(conn)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let mut copy = Connection::open(&temp)?;
        if let Some(key) = key {
            key.apply(&copy)?;
        }
        copy.pragma_update(None, "synchronous", "FULL")?;
        run_backup(conn, &mut copy, progress, stage)?;
        // A copy of a WAL journal would be in WAL mode too; a backup should
        // be one self-contained file.
        let _mode: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        copy.close().map_err(|(_, err)| err)?;
        Ok((version, counts))
    })?;

    let checked = check_file_with(&temp, key, progress)?;
    if checked.counts != counts {
        return Err(path_error(format!(
            "the backup to {} was not kept: its row counts differ from the journal's",
            shown.display()
        )));
    }
    // A rename: a link put at `dest` since the check is replaced, not
    // followed.
    temp.persist(dest.resolved())
        .map_err(|err| io_error("write the backup to", shown, &err.error))?;
    sync_folder(dir);
    Ok(BackupReport {
        path: shown.to_owned(),
        schema_version,
        counts,
        pruned: Vec::new(),
    })
}

/// Backs the journal up, on demand, into its backups folder under a new
/// name with the date and time (`<name>-manual-2026-11-29T101500.db`):
/// what `candor backup` does without `--out`. Manual backups are never
/// pruned.
pub fn backup_into_folder(
    store: &Store,
    db_path: &Path,
    at: NaiveDateTime,
) -> Result<BackupReport> {
    let dir = backups_dir(db_path);
    fs::create_dir_all(&dir).map_err(|err| io_error("create the folder", &dir, &err))?;
    let dest = free_path(
        &dir,
        &format!(
            "{}-manual-{}",
            journal_stem(db_path),
            at.format("%Y-%m-%dT%H%M%S")
        ),
    );
    backup_to(store, &OutputPath::owned(&dest)?)
}

/// Backs up the journal at `db_path` into `backups/` beside it, at most once
/// a day (`<name>-YYYY-MM-DD.db`), then deletes all but the newest `keep`
/// daily backups (at least the new one is kept). Older backups are pruned
/// only after the new one has been checked.
///
/// Returns `None` when today's backup exists already. Backups made before a
/// restore (`<name>-before-restore-...`) are never pruned.
pub fn auto_backup(
    db_path: &Path,
    key: Option<&JournalKey>,
    today: NaiveDate,
    keep: usize,
) -> Result<Option<BackupReport>> {
    let dir = backups_dir(db_path);
    let stem = journal_stem(db_path);
    let dest = dir.join(format!("{stem}-{today}.db"));
    if fs::symlink_metadata(&dest).is_ok() {
        return Ok(None);
    }
    let conn = open_read_only(db_path, key)?;
    identify(&conn, db_path)?;
    let store = Store::wrap(conn, db_path.to_owned(), key.cloned());
    fs::create_dir_all(&dir).map_err(|err| io_error("create the folder", &dir, &err))?;
    let mut report = backup_to(&store, &OutputPath::owned(&dest)?)?;
    drop(store);
    report.pruned = prune(&dir, &stem, keep.max(1));
    Ok(Some(report))
}

/// Checks that the file at `path` is a sound Candor journal this build can
/// open: a SQLite database marked as Candor's, with a schema not newer than
/// this build's, that passes `integrity_check`. Opens it read-only, with
/// `key` if it is encrypted.
pub fn verify(path: &Path, key: Option<&JournalKey>) -> Result<VerifyReport> {
    verify_with(path, key, Progress::none())
}

/// [`verify`], which a cancel of `progress` interrupts.
fn verify_with(
    path: &Path,
    key: Option<&JournalKey>,
    progress: Progress<'_>,
) -> Result<VerifyReport> {
    if path.is_dir() {
        return Err(Error::NotAJournal {
            path: path.to_owned(),
            reason: "it is a folder".into(),
        });
    }
    if !path.exists() {
        return Err(Error::CannotOpen {
            path: path.to_owned(),
            reason: "there is no such file".into(),
        });
    }
    check_file_with(path, key, progress)
}

/// Replaces the journal at `current` with the contents of the backup at
/// `backup`, after checking the backup and saving the journal as it is into
/// `backups/<name>-before-restore-<today>.db`. A backup from an older Candor
/// is brought up to this build's schema.
///
/// `journal_key` is the journal's key (`None`: it is plain); `backup_key` the
/// backup's, when it differs (a backup made before the passphrase was
/// changed). Without one an encrypted backup is read with the journal's key.
/// The restored journal keeps the journal's encryption whatever the
/// backup's: a plain backup restored into an encrypted journal is encrypted.
///
/// Safe while the app holds the journal open: the contents are copied with
/// SQLite's backup API *into* the live database, through SQLite's own
/// locking and journal, rather than by replacing the file underneath open
/// connections (which could corrupt it, since their WAL and shared memory
/// would describe the old file). The copy is one transaction: a crash leaves
/// the old contents. Connections already open see the restored data on their
/// next statement (SQLite notices the schema change and re-prepares), so the
/// app only needs to reload its views.
pub fn restore_from(
    current: &Path,
    journal_key: Option<&JournalKey>,
    backup: &Path,
    backup_key: Option<&JournalKey>,
    today: NaiveDate,
) -> Result<RestoreReport> {
    let keys = RestoreKeys {
        journal: journal_key,
        backup: backup_key,
    };
    restore_from_with(current, backup, keys, today, Progress::none())
}

/// The keys of a restore (see [`restore_from`]).
#[derive(Clone, Copy, Default)]
pub struct RestoreKeys<'a> {
    /// The journal's; `None`: it is plain.
    pub journal: Option<&'a JournalKey>,
    /// The backup's, when it differs from the journal's.
    pub backup: Option<&'a JournalKey>,
}

/// [`restore_from`], reporting each stage to `progress`. Cancelled before
/// the copy ends, it changes nothing: the journal keeps its contents (the
/// copy is one transaction, rolled back) and the copy of the journal saved
/// for the restore is deleted again.
pub fn restore_from_with(
    current: &Path,
    backup: &Path,
    keys: RestoreKeys<'_>,
    today: NaiveDate,
    progress: Progress<'_>,
) -> Result<RestoreReport> {
    let journal_key = keys.journal;
    let backup_key = if FileState::of(backup)?.is_encrypted() {
        keys.backup.or(journal_key)
    } else {
        None
    };
    progress.step(Stage::Verifying, 0, 0)?;
    let source = verify_with(backup, backup_key, progress)?;
    if same_file(current, backup) {
        return Err(path_error(format!(
            "{} is the journal itself; choose a backup file",
            backup.display()
        )));
    }
    let saved_before = if current.exists() {
        // Store::open refuses a file that is not a journal, so a mistaken
        // path never gets overwritten.
        let store = Store::open_with_key(current, journal_key)?;
        let dir = backups_dir(current);
        fs::create_dir_all(&dir).map_err(|err| io_error("create the folder", &dir, &err))?;
        let dest = free_path(
            &dir,
            &format!("{}-before-restore-{today}", journal_stem(current)),
        );
        progress.step(Stage::SavingCurrent, 0, 0)?;
        let saved = backup_with(
            &store,
            &OutputPath::owned(&dest)?,
            progress,
            Stage::SavingCurrent,
        )?;
        Some(saved.path)
    } else {
        None
    };

    let copied = copy_backup(
        current,
        backup,
        (journal_key, backup_key),
        &source,
        saved_before.as_deref(),
        progress,
    );
    if let (Err(Error::Cancelled), Some(saved)) = (&copied, &saved_before) {
        // Nothing was restored, so nothing needs the copy kept for it.
        let _ = fs::remove_file(saved);
    }
    copied?;

    let store = Store::open_with_key(current, journal_key)?;
    Ok(RestoreReport {
        restored_from: backup.to_owned(),
        saved_before,
        backup_schema_version: source.schema_version,
        schema_version: store.schema_version()?,
        counts: table_counts(store.conn())?,
    })
}

/// The copy of [`restore_from_with`]: the backup's contents into the
/// journal at `current`, in one transaction.
fn copy_backup(
    current: &Path,
    backup: &Path,
    (journal_key, backup_key): (Option<&JournalKey>, Option<&JournalKey>),
    source: &VerifyReport,
    saved_before: Option<&Path>,
    progress: Progress<'_>,
) -> Result<()> {
    {
        if let Some(parent) = current.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)
                .map_err(|err| io_error("create the folder", parent, &err))?;
        }
        // SQLite's backup API copies between files with the same key only:
        // a backup under another key (or none) is first rewritten under the
        // journal's, into a temporary file beside it.
        let (from, _rekeyed) = if backup_key != journal_key {
            let folder = current
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let temp = tempfile::Builder::new()
                .prefix(".candor-restore-")
                .suffix(".tmp")
                .tempfile_in(folder)
                .map_err(|err| io_error("create a file in", folder, &err))?
                .into_temp_path();
            progress.step(Stage::Copying, 0, 0)?;
            crate::store::export_file(backup, backup_key, &temp, journal_key)?;
            (open_read_only(&temp, journal_key)?, Some(temp))
        } else {
            (open_read_only(backup, backup_key)?, None)
        };
        let mut into = Connection::open(current).map_err(|err| cannot_open(current, &err))?;
        if let Some(key) = journal_key {
            key.apply(&into)?;
        }
        into.busy_timeout(Duration::from_secs(5))?;
        into.pragma_update(None, "synchronous", "FULL")?;
        // SQLCipher answers `PRAGMA page_size` on an encrypted file with
        // text, SQLite with a number.
        let page_size = |conn: &Connection| -> Result<String> {
            Ok(conn.pragma_query_value(None, "page_size", |r| {
                Ok(match r.get_ref(0)? {
                    rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                    other => String::from_utf8_lossy(other.as_bytes()?).into_owned(),
                })
            })?)
        };
        let mode: String = into.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        if mode.eq_ignore_ascii_case("wal") && page_size(&from)? != page_size(&into)? {
            return Err(path_error(format!(
                "{} uses a different page size from the journal, so it cannot be restored into \
                 the open journal; nothing was changed",
                backup.display()
            )));
        }
        run_backup(&from, &mut into, progress, Stage::Copying)?;
        if table_counts(&into)? != source.counts {
            return Err(path_error(format!(
                "the restore from {} did not copy every row; the journal as it was is saved in {}",
                backup.display(),
                saved_before.map_or_else(|| "no backup".into(), |p| p.display().to_string())
            )));
        }
    }
    Ok(())
}

/// Pages copied between two progress reports (1 MiB of 4 KiB pages).
const PAGES_PER_STEP: std::ffi::c_int = 256;

/// Copies all of `from` into `to`, waiting a little if either is busy,
/// reporting the pages copied as `stage` of `progress`. The copy is one
/// transaction on `to`: cancelled (or failed) before the last page, `to`
/// is left as it was.
fn run_backup(
    from: &Connection,
    to: &mut Connection,
    progress: Progress<'_>,
    stage: Stage,
) -> Result<()> {
    let backup = Backup::new(from, to)?;
    let mut waits = 0;
    loop {
        match backup.step(PAGES_PER_STEP)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {
                let pages = backup.progress();
                let total = u64::try_from(pages.pagecount).unwrap_or(0);
                let left = u64::try_from(pages.remaining).unwrap_or(0);
                progress.step(stage, total.saturating_sub(left), total)?;
            }
            StepResult::Busy | StepResult::Locked => {
                waits += 1;
                if waits > 100 {
                    return Err(path_error(
                        "the journal stayed busy for too long; try the backup again".into(),
                    ));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            // A variant added by a newer rusqlite: keep stepping.
            #[allow(unreachable_patterns)]
            _ => {}
        }
    }
}

/// Opens `path` read-only (with `key`) and checks it (see [`verify`]).
pub(crate) fn check_file(path: &Path, key: Option<&JournalKey>) -> Result<VerifyReport> {
    check_file_with(path, key, Progress::none())
}

/// [`check_file`], which a cancel of `progress` interrupts.
fn check_file_with(
    path: &Path,
    key: Option<&JournalKey>,
    progress: Progress<'_>,
) -> Result<VerifyReport> {
    let conn = open_read_only(path, key)?;
    progress.watch(&conn, || check_open_file(&conn, path))
}

fn check_open_file(conn: &Connection, path: &Path) -> Result<VerifyReport> {
    let schema_version = identify(conn, path)?;
    let damaged = |detail: String| Error::NotAJournal {
        path: path.to_owned(),
        reason: format!("it is damaged ({detail})"),
    };
    let mut stmt = conn
        .prepare("PRAGMA integrity_check(5)")
        .map_err(|err| read_error(path, &err))?;
    let findings: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|err| read_error(path, &err))?;
    if findings != ["ok"] {
        return Err(damaged(findings.join("; ")));
    }
    let counts = table_counts(conn).map_err(|err| match err {
        Error::Database(err) => read_error(path, &err),
        other => other,
    })?;
    Ok(VerifyReport {
        path: path.to_owned(),
        schema_version,
        counts,
    })
}

/// Reads only: is this a Candor journal this build understands? Returns its
/// schema version.
fn identify(conn: &Connection, path: &Path) -> Result<i64> {
    let read = |sql: &str| -> Result<i64> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|err| read_error(path, &err))
    };
    let application_id = read("PRAGMA application_id")?;
    let version = read("PRAGMA user_version")?;
    if application_id != APPLICATION_ID {
        let objects = read("SELECT count(*) FROM sqlite_schema")?;
        return Err(Error::NotAJournal {
            path: path.to_owned(),
            reason: if application_id == 0 && objects == 0 {
                "it is empty".into()
            } else {
                "it is a SQLite database that belongs to another program".into()
            },
        });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(version)
}

/// Rows in every table, by table name.
pub(crate) fn table_counts(conn: &Connection) -> Result<BTreeMap<String, i64>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )?;
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut counts = BTreeMap::new();
    for name in names {
        let quoted = name.replace('"', "\"\"");
        let rows: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{quoted}\""), [], |r| {
            r.get(0)
        })?;
        counts.insert(name, rows);
    }
    Ok(counts)
}

/// What [`rekey_backups`] did to the backups folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RekeyReport {
    /// Backups now under the new key.
    pub converted: Vec<PathBuf>,
    /// Backups left as they were: under another key (an older passphrase)
    /// or not readable as a journal.
    pub left: Vec<PathBuf>,
}

/// Brings the backups in the journal's backups folder under the journal's
/// new key `to`, after encryption was turned on (`from`: `None`) or the
/// passphrase changed (`from`: the old key): a plain backup beside an
/// encrypted journal would keep every note readable. Each backup is
/// rewritten beside itself, checked (integrity and row counts) and renamed
/// over the old one, so a kill leaves it whole under one key or the other.
/// A backup that `from` does not open is left alone and listed.
pub fn rekey_backups(
    db_path: &Path,
    from: Option<&JournalKey>,
    to: &JournalKey,
) -> Result<RekeyReport> {
    let dir = backups_dir(db_path);
    let mut report = RekeyReport::default();
    let Ok(entries) = fs::read_dir(&dir) else {
        return Ok(report);
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "db") && path.is_file())
        .collect();
    paths.sort();
    for path in paths {
        let opens = match (FileState::of(&path)?, from) {
            (FileState::Plain, None) => true,
            (FileState::Encrypted, Some(key)) => read_salt(&path)? == *key.salt(),
            _ => false,
        };
        let checked = if opens {
            check_file(&path, from).ok()
        } else {
            None
        };
        let Some(checked) = checked else {
            report.left.push(path);
            continue;
        };
        let temp = tempfile::Builder::new()
            .prefix(".candor-rekey-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|err| io_error("create a file in", &dir, &err))?
            .into_temp_path();
        crate::store::export_file(&path, from, &temp, Some(to))?;
        let copy = check_file(&temp, Some(to))?;
        if copy.counts != checked.counts {
            return Err(path_error(format!(
                "the backup {} could not be encrypted under the new key (its copy differs); \
                 it was left as it was",
                path.display()
            )));
        }
        fs::File::open(&temp)
            .and_then(|file| file.sync_all())
            .map_err(|err| io_error("write", &temp, &err))?;
        temp.persist(&path)
            .map_err(|err| io_error("replace", &path, &err.error))?;
        report.converted.push(path);
    }
    sync_folder(&dir);
    Ok(report)
}

/// Deletes all but the newest `keep` daily backups `<stem>-YYYY-MM-DD.db`
/// in `dir`; returns what it deleted. A file that cannot be deleted now is
/// left for the next day.
fn prune(dir: &Path, stem: &str, keep: usize) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut daily: Vec<(NaiveDate, PathBuf)> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let day = name
                .strip_prefix(stem)?
                .strip_prefix('-')?
                .strip_suffix(".db")?;
            let day = crate::validate::parse_date("day", "day", day).ok()?;
            Some((day, entry.path()))
        })
        .collect();
    daily.sort_by_key(|(day, _)| std::cmp::Reverse(*day));
    daily
        .into_iter()
        .skip(keep)
        .filter(|(_, path)| fs::remove_file(path).is_ok())
        .map(|(_, path)| path)
        .collect()
}

/// The journal's file name without extension: `candor` for `candor.db`.
fn journal_stem(db_path: &Path) -> String {
    db_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "candor".into())
}

/// `dir/<base>.db`, or `dir/<base>-2.db`, ... : the first that is free.
fn free_path(dir: &Path, base: &str) -> PathBuf {
    let mut path = dir.join(format!("{base}.db"));
    let mut n = 2;
    while fs::symlink_metadata(&path).is_ok() {
        path = dir.join(format!("{base}-{n}.db"));
        n += 1;
    }
    path
}

/// The same file under two names (a link, a hard link, `..`).
fn same_file(a: &Path, b: &Path) -> bool {
    same_file::is_same_file(a, b).unwrap_or(false)
}

/// Opens `path` read-only with `key`. An encrypted file without a key, or
/// with a key that does not open it, is refused before anything is read.
fn open_read_only(path: &Path, key: Option<&JournalKey>) -> Result<Connection> {
    match (FileState::of(path)?, key) {
        (FileState::Encrypted, None) => {
            return Err(Error::Locked {
                path: path.to_owned(),
            })
        }
        (FileState::Encrypted, Some(key)) if read_salt(path)? != *key.salt() => {
            return Err(Error::WrongPassphrase)
        }
        _ => {}
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|err| cannot_open(path, &err))?;
    if let Some(key) = key {
        key.apply(&conn)?;
    }
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

fn cannot_open(path: &Path, err: &rusqlite::Error) -> Error {
    Error::CannotOpen {
        path: path.to_owned(),
        reason: match err.sqlite_error_code() {
            Some(ErrorCode::CannotOpen) => "the file cannot be opened".into(),
            Some(ErrorCode::PermissionDenied) | Some(ErrorCode::ReadOnly) => {
                "permission denied".into()
            }
            _ => err.to_string(),
        },
    }
}

/// A failure reading a file that should be a journal, in the user's terms.
fn read_error(path: &Path, err: &rusqlite::Error) -> Error {
    let not_a_journal = |reason: &str| Error::NotAJournal {
        path: path.to_owned(),
        reason: reason.into(),
    };
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => not_a_journal("the file is not a SQLite database"),
        Some(ErrorCode::DatabaseCorrupt) => not_a_journal("it is damaged"),
        _ => cannot_open(path, err),
    }
}

fn path_error(message: String) -> Error {
    Error::Invalid {
        field: "path",
        message,
    }
}

fn io_error(action: &str, path: &Path, err: &std::io::Error) -> Error {
    path_error(format!(
        "the backup failed: could not {action} {}: {err}",
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backups_live_beside_the_journal() {
        assert_eq!(
            backups_dir(Path::new("/data/candor.db")),
            Path::new("/data/backups")
        );
        assert_eq!(backups_dir(Path::new("candor.db")), Path::new("backups"));
        assert_eq!(journal_stem(Path::new("/data/work.db")), "work");
    }

    #[test]
    fn prune_keeps_the_newest_daily_backups_and_nothing_else_is_touched() {
        let dir = tempfile::tempdir().unwrap();
        for day in ["2026-11-01", "2026-11-03", "2026-11-02", "2026-10-30"] {
            fs::write(dir.path().join(format!("candor-{day}.db")), b"x").unwrap();
        }
        for other in [
            "candor-before-restore-2026-10-01.db",
            "work-2026-01-01.db",
            "candor-2026-13-01.db",
            "notes.txt",
        ] {
            fs::write(dir.path().join(other), b"x").unwrap();
        }
        let mut pruned = prune(dir.path(), "candor", 2);
        pruned.sort();
        assert_eq!(
            pruned,
            vec![
                dir.path().join("candor-2026-10-30.db"),
                dir.path().join("candor-2026-11-01.db")
            ]
        );
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "candor-2026-11-02.db",
                "candor-2026-11-03.db",
                "candor-2026-13-01.db",
                "candor-before-restore-2026-10-01.db",
                "notes.txt",
                "work-2026-01-01.db"
            ]
        );
    }
}
