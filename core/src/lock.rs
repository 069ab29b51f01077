//! The journal's writer lock, `<journal>.lock` beside it: the window and
//! every command-line writer take the same lock, so only one of them writes
//! to a journal at a time and none writes behind an open window's back.
//!
//! The lock is the operating system's (`flock` on Unix, `LockFileEx` on
//! Windows), so it is released when its holder exits, even by a crash: a
//! lock file left on disk means nothing by itself. The holder writes who it
//! is into the file, so the others can say in words what they are waiting
//! for.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::paths::lock_path;
use crate::{Error, Result};

/// How long a command-line writer waits, by default, for another command
/// that is writing to the same journal.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(10);

/// How often a waiting writer tries the lock again.
const RETRY_EVERY: Duration = Duration::from_millis(50);

/// Who holds a journal's lock, as it wrote into the lock file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    /// A Candor window has the journal open.
    Window,
    /// A command-line command (its name: `import`, `demo`) is writing.
    Command(String),
    /// Someone holds the lock but has not said who yet (or the file cannot
    /// be read while locked, as on Windows).
    Unknown,
}

impl Holder {
    fn record(&self) -> String {
        match self {
            Holder::Window => format!("window\npid {}\n", std::process::id()),
            Holder::Command(name) => format!("command {name}\npid {}\n", std::process::id()),
            Holder::Unknown => String::new(),
        }
    }

    fn parse(text: &str) -> Holder {
        let first = text.lines().next().unwrap_or("");
        match first.split_once(' ') {
            _ if first == "window" => Holder::Window,
            Some(("command", name)) if !name.trim().is_empty() => {
                Holder::Command(name.trim().chars().take(40).collect())
            }
            _ => Holder::Unknown,
        }
    }
}

/// A held lock on one journal. Dropping it releases the lock.
#[derive(Debug)]
pub struct JournalLock {
    _file: File,
    path: PathBuf,
}

impl JournalLock {
    /// Takes the lock for a window on the journal at `db_path`, at once or
    /// not at all: a second window on the same journal, or a window while a
    /// command is writing, is refused with a message that says which.
    pub fn for_window(db_path: &Path) -> Result<JournalLock> {
        let (file, path) = open(db_path)?;
        match file.try_lock() {
            Ok(()) => take(file, path, &Holder::Window),
            Err(TryLockError::WouldBlock) => {
                Err(in_use(db_path, &read_holder(&path), Asker::Window))
            }
            Err(TryLockError::Error(err)) => Err(cannot_lock(db_path, &err)),
        }
    }

    /// Takes the lock for the command `command` (`import`, `demo`) that is
    /// about to write to the journal at `db_path`.
    ///
    /// While a window has the journal open the command is refused at once:
    /// the window would show stale views, and the person should make the
    /// change there or close it first. While another command writes, this
    /// one waits up to `wait` for it to finish, then gives up with a message.
    pub fn for_command(db_path: &Path, command: &str, wait: Duration) -> Result<JournalLock> {
        let (file, path) = open(db_path)?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return take(file, path, &Holder::Command(command.to_owned())),
                Err(TryLockError::WouldBlock) => {
                    let holder = read_holder(&path);
                    let waited = started.elapsed();
                    if holder == Holder::Window || waited >= wait {
                        return Err(in_use(db_path, &holder, Asker::Command(waited)));
                    }
                    std::thread::sleep(RETRY_EVERY.min(wait - waited));
                }
                Err(TryLockError::Error(err)) => return Err(cannot_lock(db_path, &err)),
            }
        }
    }

    /// Who holds the lock on the journal at `db_path` right now, if anyone.
    /// Takes nothing and creates nothing.
    pub fn holder(db_path: &Path) -> Option<Holder> {
        let path = lock_path(db_path);
        let file = File::open(&path).ok()?;
        match file.try_lock_shared() {
            Ok(()) => None,
            Err(TryLockError::WouldBlock) => Some(read_holder(&path)),
            Err(TryLockError::Error(_)) => None,
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn open(db_path: &Path) -> Result<(File, PathBuf)> {
    let path = lock_path(db_path);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|err| Error::CannotOpen {
            path: db_path.to_owned(),
            reason: format!("could not create the folder {}: {err}", parent.display()),
        })?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(|err| Error::CannotOpen {
            path: db_path.to_owned(),
            reason: format!("could not open its lock file {}: {err}", path.display()),
        })?;
    Ok((file, path))
}

/// Says who holds the lock now that it is ours. Failing to say so is not a
/// reason to refuse: the lock itself is what keeps writers apart.
fn take(mut file: File, path: PathBuf, holder: &Holder) -> Result<JournalLock> {
    let _ = file
        .set_len(0)
        .and_then(|()| file.write_all(holder.record().as_bytes()))
        .and_then(|()| file.flush());
    Ok(JournalLock { _file: file, path })
}

fn read_holder(path: &Path) -> Holder {
    let mut text = String::new();
    match File::open(path).and_then(|mut file| (&mut file).take(200).read_to_string(&mut text)) {
        Ok(_) => Holder::parse(&text),
        Err(_) => Holder::Unknown,
    }
}

/// Who asked for a lock that was held.
enum Asker {
    Window,
    /// A command, after waiting this long.
    Command(Duration),
}

fn in_use(db_path: &Path, holder: &Holder, asker: Asker) -> Error {
    let journal = db_path.display();
    let message = match (holder, asker) {
        (Holder::Window, Asker::Window) => format!(
            "this journal is already open in another Candor window ({journal}). Switch to \
             that window, or start Candor with --db to open another journal"
        ),
        (Holder::Window, Asker::Command(_)) => format!(
            "this journal is open in the Candor window ({journal}); make the change there, \
             or close the window and run the command again. Nothing was changed"
        ),
        (Holder::Command(name), Asker::Window) => format!(
            "a Candor command (candor {name}) is writing to this journal ({journal}); \
             open it again when the command has finished"
        ),
        (Holder::Command(name), Asker::Command(waited)) => format!(
            "another Candor command (candor {name}) is still writing to this journal \
             ({journal}) after {} s of waiting; run this one again when it has finished. \
             Nothing was changed",
            waited.as_secs_f64().round()
        ),
        (Holder::Unknown, Asker::Window) => format!(
            "this journal ({journal}) is in use by another Candor window or command; \
             try again when it has finished"
        ),
        (Holder::Unknown, Asker::Command(waited)) => format!(
            "this journal ({journal}) is still in use by another Candor window or command \
             after {} s of waiting; run this command again when it has finished. \
             Nothing was changed",
            waited.as_secs_f64().round()
        ),
    };
    Error::InUse { message }
}

fn cannot_lock(db_path: &Path, err: &std::io::Error) -> Error {
    Error::CannotOpen {
        path: db_path.to_owned(),
        reason: format!("could not lock it: {err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_window_is_refused_and_the_first_releases_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("candor.db");
        let first = JournalLock::for_window(&db).unwrap();
        assert_eq!(JournalLock::holder(&db), Some(Holder::Window));
        let err = JournalLock::for_window(&db).unwrap_err();
        assert_eq!(err.code(), "in_use");
        assert!(
            err.to_string()
                .contains("already open in another Candor window"),
            "{err}"
        );
        assert!(
            JournalLock::for_window(&dir.path().join("other.db")).is_ok(),
            "another journal opens beside it"
        );
        drop(first);
        assert_eq!(JournalLock::holder(&db), None, "dropping releases");
        JournalLock::for_window(&db).expect("the journal is free again");
    }

    #[test]
    fn a_command_is_refused_at_once_while_a_window_holds_the_journal() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("candor.db");
        let _window = JournalLock::for_window(&db).unwrap();
        let started = Instant::now();
        let err = JournalLock::for_command(&db, "import", Duration::from_secs(30)).unwrap_err();
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "no waiting for a window, which may stay open all day"
        );
        assert!(
            err.to_string().contains("is open in the Candor window"),
            "{err}"
        );
        assert!(err.to_string().ends_with("Nothing was changed"), "{err}");
    }

    #[test]
    fn a_command_waits_for_another_command_then_gives_up_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("candor.db");
        let first = JournalLock::for_command(&db, "import", DEFAULT_WAIT).unwrap();
        assert_eq!(
            JournalLock::holder(&db),
            Some(Holder::Command("import".into()))
        );
        let err = JournalLock::for_command(&db, "demo", Duration::from_millis(200)).unwrap_err();
        assert!(
            err.to_string()
                .contains("another Candor command (candor import) is still writing"),
            "{err}"
        );
        let err = JournalLock::for_window(&db).unwrap_err();
        assert!(err.to_string().contains("candor import"), "{err}");

        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(first);
        });
        JournalLock::for_command(&db, "demo", Duration::from_secs(20))
            .expect("the second command goes ahead once the first has finished");
        release.join().unwrap();
    }

    #[test]
    fn a_lock_file_left_by_a_crash_means_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("candor.db");
        std::fs::write(lock_path(&db), "window\npid 1\n").unwrap();
        assert_eq!(JournalLock::holder(&db), None);
        JournalLock::for_command(&db, "import", Duration::ZERO)
            .expect("no process holds it, so it is free");
    }

    #[test]
    fn holders_parse_from_what_they_wrote() {
        assert_eq!(Holder::parse(&Holder::Window.record()), Holder::Window);
        assert_eq!(
            Holder::parse(&Holder::Command("import".into()).record()),
            Holder::Command("import".into())
        );
        assert_eq!(Holder::parse(""), Holder::Unknown);
        assert_eq!(Holder::parse("command \n"), Holder::Unknown);
    }
}
