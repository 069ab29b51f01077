//! WAL checkpoints off the saving path.
//!
//! In WAL mode every commit appends to `candor.db-wal`; a checkpoint copies
//! those pages back into `candor.db` and syncs it. By default SQLite does
//! that inside whichever commit takes the WAL past 1000 pages, so about one
//! save in fifty also paid for a checkpoint (40 to 90 ms on the benchmark
//! machine, against under 2 ms for a save). The app instead checkpoints from
//! a thread of its own, on its own connection, every [`CHECKPOINT_EVERY`]:
//! a passive checkpoint never blocks the writer, and the writer's own
//! automatic checkpoint stays as a backstop at [`BACKSTOP_PAGES`] in case
//! the thread ever stops.

use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::Store;
use crate::encryption::JournalKey;
use crate::{Error, Result};

/// How often the app's checkpointer runs.
pub const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);

/// The writer's own automatic checkpoint while a [`Checkpointer`] runs, in
/// pages (64 MiB with 4 KiB pages): far above what a second of saves
/// writes, so in practice only the checkpointer checkpoints.
pub const BACKSTOP_PAGES: i64 = 16_384;

/// SQLite's default `wal_autocheckpoint`, put back if the thread cannot
/// start.
const DEFAULT_PAGES: i64 = 1000;

/// A running background checkpointer; stops (and joins its thread) when
/// dropped. The writer's backstop stays raised after that: keep the
/// checkpointer as long as the store, and drop it before
/// [`Store::set_key`] (its connection would keep the old file's log open).
#[derive(Debug)]
pub struct Checkpointer {
    stop: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

impl Store {
    /// Starts checkpointing this journal's WAL from a background thread,
    /// every `every`, and raises the writer's automatic checkpoint to
    /// [`BACKSTOP_PAGES`]. The store keeps working as before; only the cost
    /// of checkpoints moves off its commits. A journal in memory has no WAL
    /// and is refused.
    pub fn checkpoint_in_background(&self, every: Duration) -> Result<Checkpointer> {
        let path = self.path.as_deref().ok_or_else(|| {
            Error::invalid(
                "journal",
                "a journal in memory has no write-ahead log to checkpoint",
            )
        })?;
        let conn = open_checkpoint_connection(path, self.key.as_ref())?;
        self.conn
            .pragma_update(None, "wal_autocheckpoint", BACKSTOP_PAGES)?;
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let signal = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("candor-checkpoint".into())
            .spawn(move || run(&conn, &signal, every))
            .map_err(|err| Error::CannotOpen {
                path: path.to_owned(),
                reason: format!("could not start the checkpoint thread: {err}"),
            });
        match thread {
            Ok(thread) => Ok(Checkpointer {
                stop,
                thread: Some(thread),
            }),
            Err(err) => {
                self.conn
                    .pragma_update(None, "wal_autocheckpoint", DEFAULT_PAGES)?;
                Err(err)
            }
        }
    }
}

fn open_checkpoint_connection(path: &Path, key: Option<&JournalKey>) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|err| Error::CannotOpen {
        path: path.to_owned(),
        reason: super::sqlite_reason(&err),
    })?;
    if let Some(key) = key {
        key.apply(&conn)?;
    }
    conn.busy_timeout(Duration::from_secs(5))?;
    // The checkpoint syncs the database file as the writer would.
    conn.pragma_update(None, "synchronous", "FULL")?;
    // It only ever checkpoints when told to.
    conn.pragma_update(None, "wal_autocheckpoint", 0)?;
    Ok(conn)
}

fn run(conn: &Connection, stop: &(Mutex<bool>, Condvar), every: Duration) {
    let (stopped, wake) = stop;
    let mut done = stopped.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        // Checked before waiting too: a stop asked for before this thread
        // first took the lock has already been notified.
        if *done {
            return;
        }
        let (guard, _) = wake
            .wait_timeout(done, every)
            .unwrap_or_else(PoisonError::into_inner);
        done = guard;
        if *done {
            return;
        }
        // Passive: copies what no reader still needs, never waits for the
        // writer. A failure (the disk is full, say) is retried next time;
        // the writer's backstop still bounds the log.
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        let (stopped, wake) = &*self.stop;
        *stopped.lock().unwrap_or_else(PoisonError::into_inner) = true;
        wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
