//! The app's state: the one journal, behind a mutex (one writer, one
//! connection), which is open, locked (encrypted, waiting for its
//! passphrase), or could not be opened, and the reason why.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use candor_core::encryption::{unlock_delay, JournalKey, Secret};
use candor_core::lock::JournalLock;
use candor_core::progress::{Cancel, Progress, Step};
use candor_core::store::{Checkpointer, CHECKPOINT_EVERY};
use candor_core::{Error, Store};

use crate::error::{CommandError, CommandResult};

pub struct AppState {
    db_path: PathBuf,
    /// Held for the app's life, locked or not: one window per journal, and
    /// no command-line writer behind its back.
    _instance_lock: Option<JournalLock>,
    journal: Mutex<Journal>,
    /// Passphrase checks, one at a time, and the wrong ones in a row.
    attempts: Mutex<Attempts>,
    /// A file chosen for import, checked by a dry run, awaiting confirmation.
    pending_import: Mutex<Option<Vec<u8>>>,
    /// A backup chosen for restore that the journal's key does not open,
    /// awaiting its own passphrase.
    pending_restore: Mutex<Option<PathBuf>>,
    /// What cancels the long work running now (an import, a restore). Kept
    /// apart from the journal's mutex, which that work holds.
    work: Mutex<Option<Arc<Cancel>>>,
}

/// The journal slot.
enum Journal {
    Open(OpenJournal),
    /// Encrypted and not unlocked (at start, or after a lock): no store, no
    /// key in memory.
    Locked,
    /// Could not be opened; the window shows why.
    Failed(CommandError),
    /// An older journal whose schema is being brought up to date off the
    /// main thread ([`AppState::finish_update`]); the window shows an
    /// "Updating your journal" screen with the last step reached.
    Updating(Option<Step>),
}

impl Journal {
    /// What opening the journal file gave: open, locked (encrypted, waiting
    /// for its passphrase) or failed with why.
    fn from_open(opened: Result<Store, Error>) -> Journal {
        match opened {
            Ok(store) => Journal::Open(OpenJournal::new(store)),
            Err(Error::Locked { .. }) => Journal::Locked,
            Err(err) => Journal::Failed(err.into()),
        }
    }
}

struct OpenJournal {
    /// Checkpoints the journal's WAL off the saving path while it is open.
    /// `None` if it could not start (or for a journal in memory): the writer
    /// then checkpoints on its own, as SQLite does by default. Declared
    /// first, so it stops before the store closes.
    checkpointer: Option<Checkpointer>,
    store: Store,
}

impl OpenJournal {
    fn new(store: Store) -> Self {
        let checkpointer = store.checkpoint_in_background(CHECKPOINT_EVERY).ok();
        OpenJournal {
            checkpointer,
            store,
        }
    }
}

/// Wrong passphrases in a row, and when the next attempt may be checked.
#[derive(Debug, Default)]
struct Attempts {
    failures: u32,
    not_before: Option<Instant>,
}

/// Where the journal stands, for the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JournalStatus {
    Open { encrypted: bool },
    Locked,
    Failed,
    Updating,
}

/// Slows each reported step of long work (an import, a restore, a schema
/// update) by this many milliseconds: for the end-to-end tests, which must
/// see the progress and press Cancel before the work is done. Not for
/// people.
pub const STEP_DELAY_MS_VAR: &str = "CANDOR_STEP_DELAY_MS";

/// The test delay after each step of long work, if [`STEP_DELAY_MS_VAR`]
/// sets one.
pub(crate) fn step_delay() -> Option<Duration> {
    std::env::var(STEP_DELAY_MS_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_millis)
}

/// What a command gets while the journal's schema is being updated.
fn updating_error() -> CommandError {
    CommandError {
        code: "updating",
        message: "your journal is being updated for this version of Candor; \
                  it opens as soon as that is done"
            .into(),
        field: None,
        wait_seconds: None,
    }
}

/// What an unlock did.
#[derive(Debug)]
pub enum Unlocked {
    /// The journal is open.
    Open,
    /// The journal is of an older schema: it is [`JournalStatus::Updating`]
    /// until [`AppState::finish_update`] runs with this key.
    Updating(JournalKey),
}

fn guard<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding a lock cannot leave SQLite half-written (every
    // write is a transaction), so a poisoned lock is still usable.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl AppState {
    /// Opens the journal at `db_path`; an encrypted one starts locked. A
    /// failure is kept, not raised: the window still opens and shows the
    /// reason, rather than vanishing.
    pub fn open(db_path: PathBuf) -> Self {
        let lock = JournalLock::for_window(&db_path).map_err(CommandError::from);
        if lock.is_ok() {
            // A conversion killed midway left its copy; with the lock held,
            // none is in progress.
            candor_core::store::remove_stale_copies(&db_path);
        }
        let journal = match &lock {
            // Migrating a large journal takes seconds: the window opens at
            // once and shows its progress ([`AppState::finish_update`]).
            Ok(_) if candor_core::store::needs_update(&db_path, None) => Journal::Updating(None),
            Ok(_) => Journal::from_open(Store::open(&db_path)),
            Err(err) => Journal::Failed(err.clone()),
        };
        AppState::with_journal(db_path, lock.ok(), journal)
    }

    /// Wraps an already open store (tests), without a checkpointer.
    pub fn from_store(store: Store, db_path: PathBuf) -> Self {
        let journal = Journal::Open(OpenJournal {
            checkpointer: None,
            store,
        });
        AppState::with_journal(db_path, None, journal)
    }

    fn with_journal(db_path: PathBuf, lock: Option<JournalLock>, journal: Journal) -> Self {
        AppState {
            _instance_lock: lock,
            db_path,
            journal: Mutex::new(journal),
            attempts: Mutex::new(Attempts::default()),
            pending_import: Mutex::new(None),
            pending_restore: Mutex::new(None),
            work: Mutex::new(None),
        }
    }

    /// Runs long work (an import, a restore) that reports to `report` and
    /// that [`cancel_work`](Self::cancel_work) stops, from another command,
    /// while this one holds the journal.
    pub fn run_work<T>(&self, report: &dyn Fn(Step), work: impl FnOnce(Progress) -> T) -> T {
        let cancel = Arc::new(Cancel::new());
        *guard(&self.work) = Some(Arc::clone(&cancel));
        let outcome = work(Progress::new(report, &cancel));
        let mut running = guard(&self.work);
        if running.as_ref().is_some_and(|r| Arc::ptr_eq(r, &cancel)) {
            *running = None;
        }
        outcome
    }

    /// Stops the long work running now, if any; `false` if none was.
    pub fn cancel_work(&self) -> bool {
        match &*guard(&self.work) {
            Some(cancel) => {
                cancel.cancel();
                true
            }
            None => false,
        }
    }

    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    pub fn set_pending_import(&self, bytes: Option<Vec<u8>>) {
        *guard(&self.pending_import) = bytes;
    }

    pub fn take_pending_import(&self) -> Option<Vec<u8>> {
        guard(&self.pending_import).take()
    }

    pub fn set_pending_restore(&self, path: Option<PathBuf>) {
        *guard(&self.pending_restore) = path;
    }

    pub fn pending_restore(&self) -> Option<PathBuf> {
        guard(&self.pending_restore).clone()
    }

    pub fn status(&self) -> JournalStatus {
        match &*guard(&self.journal) {
            Journal::Open(open) => JournalStatus::Open {
                encrypted: open.store.is_encrypted(),
            },
            Journal::Locked => JournalStatus::Locked,
            Journal::Failed(_) => JournalStatus::Failed,
            Journal::Updating(_) => JournalStatus::Updating,
        }
    }

    /// How far the schema update has got (`None` once it is over, or
    /// before its first step).
    pub fn update_step(&self) -> Option<Step> {
        match &*guard(&self.journal) {
            Journal::Updating(step) => *step,
            _ => None,
        }
    }

    /// Brings an older journal's schema up to date, reporting each step for
    /// the window, then opens it (or keeps why it could not be). Runs off
    /// the main thread, without holding the journal slot, so the window's
    /// questions are answered meanwhile. Nothing to do unless the journal
    /// is [`JournalStatus::Updating`]; returns whether it ran. `key`: the
    /// encrypted journal's, from the unlock that found it older.
    pub fn finish_update(&self, key: Option<JournalKey>) -> bool {
        if self.status() != JournalStatus::Updating {
            return false;
        }
        let delay = step_delay();
        let report = |step: Step| {
            if let Journal::Updating(last) = &mut *guard(&self.journal) {
                *last = Some(step);
            }
            if let Some(delay) = delay {
                std::thread::sleep(delay);
            }
        };
        let opened =
            Store::open_with_progress(&self.db_path, key.as_ref(), Progress::reporting(&report));
        *guard(&self.journal) = Journal::from_open(opened);
        true
    }

    /// Why the journal could not be opened, if it could not.
    pub fn open_error(&self) -> Option<CommandError> {
        match &*guard(&self.journal) {
            Journal::Failed(err) => Some(err.clone()),
            _ => None,
        }
    }

    /// What every command that needs the journal answers while it is locked.
    fn locked_error(&self) -> CommandError {
        Error::Locked {
            path: self.db_path.clone(),
        }
        .into()
    }

    /// Runs `f` with the store locked; core errors become [`CommandError`]s.
    /// A locked journal answers `locked`, a failed one its reason.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&Store) -> candor_core::Result<T>,
    ) -> CommandResult<T> {
        match &*guard(&self.journal) {
            Journal::Open(open) => f(&open.store).map_err(CommandError::from),
            Journal::Locked => Err(self.locked_error()),
            Journal::Failed(err) => Err(err.clone()),
            Journal::Updating(_) => Err(updating_error()),
        }
    }

    /// Refuses (`locked`, or the reason it failed) unless the journal is
    /// open: checked before a file dialog, so nobody picks a file for a
    /// command that cannot run.
    pub fn require_open(&self) -> CommandResult<()> {
        self.with_store(|_| Ok(()))
    }

    /// A copy of the open journal's key (`None`: it is plain), for work
    /// done off the journal's connection (the daily backup).
    pub fn journal_key(&self) -> CommandResult<Option<JournalKey>> {
        self.with_store(|store| Ok(store.key().cloned()))
    }

    /// Checks `secret` against the encrypted file at `path` (the journal,
    /// or a backup of it), at most one check at a time. After a wrong one
    /// the next is not checked before [`unlock_delay`] has passed (an early
    /// attempt waits), so guessing at the window is slow; the refusal says
    /// how long. Only reads the file.
    fn check_secret(&self, path: &Path, secret: &Secret) -> CommandResult<JournalKey> {
        let mut attempts = guard(&self.attempts);
        if let Some(wait) = attempts
            .not_before
            .and_then(|at| at.checked_duration_since(Instant::now()))
        {
            std::thread::sleep(wait);
        }
        match JournalKey::unlock(path, secret) {
            Ok(key) => {
                *attempts = Attempts::default();
                Ok(key)
            }
            Err(Error::WrongPassphrase) => {
                attempts.failures = attempts.failures.saturating_add(1);
                let wait = unlock_delay(attempts.failures);
                attempts.not_before = Some(Instant::now() + wait);
                Err(wrong_passphrase(wait))
            }
            Err(err) => Err(err.into()),
        }
    }

    /// Unlocks the locked journal with its passphrase or recovery key. An
    /// open journal is left as it is.
    pub fn unlock(&self, secret: &Secret) -> CommandResult<Unlocked> {
        if self.status() != JournalStatus::Locked {
            return self.with_store(|_| Ok(Unlocked::Open));
        }
        // The key is derived without holding the journal (half a second).
        let key = self.check_secret(&self.db_path, secret)?;
        let mut journal = guard(&self.journal);
        if matches!(*journal, Journal::Locked) {
            // An older encrypted journal: its schema is updated off this
            // thread, behind the "Updating your journal" screen, rather than
            // with the unlock button saying "Unlocking…" for seconds.
            if candor_core::store::needs_update(&self.db_path, Some(&key)) {
                *journal = Journal::Updating(None);
                return Ok(Unlocked::Updating(key));
            }
            let store = Store::open_with_key(&self.db_path, Some(&key))?;
            *journal = Journal::Open(OpenJournal::new(store));
        }
        Ok(Unlocked::Open)
    }

    /// Locks an encrypted journal: the store, its key (wiped as it drops)
    /// and the checkpointer go. A plain journal cannot be locked.
    pub fn lock(&self) -> CommandResult<()> {
        let mut journal = guard(&self.journal);
        match &*journal {
            Journal::Open(open) if open.store.is_encrypted() => {
                *journal = Journal::Locked;
                drop(journal);
                self.set_pending_import(None);
                self.set_pending_restore(None);
                Ok(())
            }
            Journal::Open(_) => Err(CommandError::invalid_choice(
                "this journal has no passphrase, so it cannot be locked: turn encryption on first",
            )),
            Journal::Locked => Ok(()),
            Journal::Failed(err) => Err(err.clone()),
            Journal::Updating(_) => Err(updating_error()),
        }
    }

    /// The key `secret` gives for the open, encrypted journal: it must be
    /// the journal's own passphrase or recovery key. Rate-limited as unlock
    /// is.
    pub fn confirm_passphrase(&self, secret: &Secret, field: &'static str) -> CommandResult<()> {
        if !self.with_store(|store| Ok(store.is_encrypted()))? {
            return Err(not_encrypted(&self.db_path));
        }
        let key = self
            .check_secret(&self.db_path, secret)
            .map_err(|err| CommandError {
                field: (err.code == "wrong_passphrase").then_some(field),
                ..err
            })?;
        let same = self.with_store(|store| Ok(store.key() == Some(&key)))?;
        if same {
            Ok(())
        } else {
            Err(CommandError {
                field: Some(field),
                ..wrong_passphrase(Duration::ZERO)
            })
        }
    }

    /// The key `secret` gives for the encrypted backup at `path`, made under
    /// another passphrase than the journal's. Rate-limited as unlock is.
    pub fn backup_key(&self, path: &Path, secret: &Secret) -> CommandResult<JournalKey> {
        self.require_open()?;
        self.check_secret(path, secret).map_err(|err| CommandError {
            field: (err.code == "wrong_passphrase").then_some("passphrase"),
            message: if err.code == "wrong_passphrase" {
                "that passphrase or recovery key does not open this backup".into()
            } else {
                err.message
            },
            ..err
        })
    }

    /// Re-encrypts the open journal under `key`, or decrypts it (`None`),
    /// crash-safely (core's `Store::set_key`). The checkpointer is stopped
    /// first, as its connection would keep the old file's log open, and
    /// started again after, on whichever file is then open.
    pub fn convert(&self, key: Option<JournalKey>) -> CommandResult<()> {
        let mut journal = guard(&self.journal);
        let open = match &mut *journal {
            Journal::Open(open) => open,
            Journal::Locked => return Err(self.locked_error()),
            Journal::Failed(err) => return Err(err.clone()),
            Journal::Updating(_) => return Err(updating_error()),
        };
        let had_checkpointer = open.checkpointer.take().is_some();
        let old_key = open.store.key().cloned();
        let result = open.store.set_key(key.clone());
        if had_checkpointer {
            open.checkpointer = open.store.checkpoint_in_background(CHECKPOINT_EVERY).ok();
        }
        result.map_err(CommandError::from)?;
        // The backups beside the journal follow it under the new key: a
        // plain backup beside an encrypted journal would keep every note
        // readable. (Turning encryption off leaves them encrypted.)
        if let Some(key) = &key {
            candor_core::backup::rekey_backups(&self.db_path, old_key.as_ref(), key)?;
        }
        Ok(())
    }
}

/// A wrong passphrase or recovery key, with the wait before the next try.
fn wrong_passphrase(wait: Duration) -> CommandError {
    let seconds = wait.as_secs();
    let mut err = CommandError::from(Error::WrongPassphrase);
    if seconds > 0 {
        err.wait_seconds = Some(seconds);
    }
    err
}

fn not_encrypted(path: &Path) -> CommandError {
    Error::NotEncrypted {
        path: path.to_owned(),
    }
    .into()
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
    fn an_older_journal_is_updated_off_the_main_thread_and_then_opens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("candor.db");
        std::fs::copy(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../core/tests/data/schema-v6.db"
            ),
            &path,
        )
        .unwrap();
        let state = AppState::open(path.clone());
        assert_eq!(state.status(), JournalStatus::Updating, "not opened yet");
        let err = state.require_open().unwrap_err();
        assert_eq!(err.code, "updating", "commands wait for the update");
        assert!(state.open_error().is_none());

        // Steps are visible to the window while the update runs.
        let seen = std::thread::scope(|scope| {
            let running = scope.spawn(|| state.finish_update(None));
            let mut seen = Vec::new();
            while !running.is_finished() {
                if let Some(step) = state.update_step() {
                    seen.push(step);
                }
                std::thread::yield_now();
            }
            assert!(running.join().unwrap(), "the update ran");
            seen
        });
        assert!(
            seen.iter()
                .all(|s| s.stage == candor_core::progress::Stage::Updating
                    && s.total == (candor_core::store::SCHEMA_VERSION - 6) as u64),
            "{seen:?}"
        );
        assert_eq!(state.status(), JournalStatus::Open { encrypted: false });
        assert_eq!(state.update_step(), None);
        let version = state.with_store(|store| store.schema_version()).unwrap();
        assert_eq!(version, candor_core::store::SCHEMA_VERSION);
        assert!(!state.finish_update(None), "nothing left to update");

        // The next start opens it at once.
        drop(state);
        let again = AppState::open(path);
        assert_eq!(again.status(), JournalStatus::Open { encrypted: false });
    }

    #[test]
    fn an_older_encrypted_journal_is_updated_after_its_unlock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("candor.db");
        std::fs::copy(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../core/tests/data/encrypted-schema-v9.db"
            ),
            &path,
        )
        .unwrap();
        let state = AppState::open(path.clone());
        assert_eq!(
            state.status(),
            JournalStatus::Locked,
            "unreadable until unlocked"
        );
        let err = state.unlock(&Secret::new("not it")).unwrap_err();
        assert_eq!(err.code, "wrong_passphrase");
        assert_eq!(state.status(), JournalStatus::Locked);

        let unlocked = state
            .unlock(&Secret::new("older encrypted journal"))
            .unwrap();
        let Unlocked::Updating(key) = unlocked else {
            panic!("an older journal is updated after the unlock: {unlocked:?}");
        };
        assert_eq!(state.status(), JournalStatus::Updating);
        assert_eq!(state.require_open().unwrap_err().code, "updating");
        assert!(state.finish_update(Some(key)), "the update ran");
        assert_eq!(state.status(), JournalStatus::Open { encrypted: true });
        let version = state.with_store(|store| store.schema_version()).unwrap();
        assert_eq!(version, candor_core::store::SCHEMA_VERSION);

        // Locked again and unlocked: nothing left to update.
        state.lock().unwrap();
        assert!(matches!(
            state
                .unlock(&Secret::new("older encrypted journal"))
                .unwrap(),
            Unlocked::Open
        ));
        assert_eq!(state.status(), JournalStatus::Open { encrypted: true });
    }

    #[test]
    fn the_app_checkpoints_its_journal_in_the_background() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("candor.db"));
        let running = |state: &AppState| match &*guard(&state.journal) {
            Journal::Open(open) => open.checkpointer.is_some(),
            _ => false,
        };
        assert!(running(&state), "the checkpointer runs");
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

        state
            .convert(Some(JournalKey::from_bytes([7; 32], [9; 16])))
            .expect("the journal is encrypted");
        assert!(running(&state), "a new checkpointer runs on the new file");
        assert_eq!(state.status(), JournalStatus::Open { encrypted: true });
        state.lock().unwrap();
        assert_eq!(state.status(), JournalStatus::Locked);
        let err = state.with_store(|_| Ok(())).unwrap_err();
        assert_eq!(err.code, "locked", "locked, not failed: {err:?}");
        assert!(
            err.message.contains("unlock it with its passphrase"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_plain_journal_cannot_be_locked_and_an_encrypted_one_starts_locked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("candor.db");
        let state = AppState::open(path.clone());
        let err = state.lock().unwrap_err();
        assert!(err.message.contains("turn encryption on first"), "{err:?}");
        assert_eq!(state.status(), JournalStatus::Open { encrypted: false });
        state
            .convert(Some(JournalKey::from_bytes([1; 32], [2; 16])))
            .unwrap();
        drop(state);

        let state = AppState::open(path);
        assert_eq!(state.status(), JournalStatus::Locked, "asks for the key");
        assert!(state.open_error().is_none(), "locked is not a failure");
        assert_eq!(state.journal_key().unwrap_err().code, "locked");
    }

    #[test]
    fn encrypting_brings_the_backups_along_and_a_killed_conversions_copy_is_removed_at_start() {
        use candor_core::encryption::FileState;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("candor.db");
        let state = AppState::open(path.clone());
        let backup = state
            .with_store(|store| {
                candor_core::backup::backup_into_folder(
                    store,
                    &path,
                    chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
                        .unwrap()
                        .and_hms_opt(9, 0, 0)
                        .unwrap(),
                )
            })
            .unwrap()
            .path;
        assert_eq!(FileState::of(&backup).unwrap(), FileState::Plain);
        let first = JournalKey::from_bytes([1; 32], [2; 16]);
        state.convert(Some(first.clone())).unwrap();
        assert_eq!(FileState::of(&backup).unwrap(), FileState::Encrypted);
        assert!(candor_core::backup::verify(&backup, Some(&first)).is_ok());
        let second = JournalKey::from_bytes([3; 32], [4; 16]);
        state.convert(Some(second.clone())).unwrap();
        assert!(
            candor_core::backup::verify(&backup, Some(&second)).is_ok(),
            "a new passphrase re-keys the backups too"
        );
        drop(state);

        let stale = dir.path().join(".candor-convert-killed.tmp");
        std::fs::write(&stale, b"a whole journal, left by a kill").unwrap();
        let _state = AppState::open(path);
        assert!(!stale.exists(), "the window, holding the lock, removes it");
    }
}
