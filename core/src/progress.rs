//! Long work (an import, a restore) says how far it has got and stops when
//! asked to, changing nothing.
//!
//! The work calls [`Progress::step`] between pieces: that reports the step
//! and returns [`Error::Cancelled`] once [`Cancel::cancel`] was called, so
//! the work unwinds through its ordinary error path (which rolls back). A
//! single long SQL statement (building the search index, an integrity
//! check) runs inside [`Progress::watch`], which lets a cancel interrupt it
//! (`sqlite3_interrupt`) instead of waiting for it to end.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use rusqlite::{Connection, InterruptHandle};
use serde::Serialize;

use crate::{Error, Result};

/// What long work is doing now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Reading and parsing a file.
    Reading,
    /// Checking every record of a file against the journal.
    Checking,
    /// Writing records into the journal.
    Writing,
    /// Building the full-text search index.
    Indexing,
    /// Checking a backup is whole, and counting what it holds.
    Verifying,
    /// Saving the journal as it is, before it is replaced.
    SavingCurrent,
    /// Copying a backup into the journal.
    Copying,
    /// Bringing the journal's schema up to date after Candor was updated
    /// (`done` of `total` migrations applied).
    Updating,
}

/// One report: the stage, and how much of it is done (`total` 0: unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Step {
    pub stage: Stage,
    pub done: u64,
    pub total: u64,
}

/// Asks running work to stop. Shared between the thread doing the work and
/// whoever may cancel it (a window's Cancel button).
#[derive(Default)]
pub struct Cancel {
    requested: AtomicBool,
    /// The connections running a watched statement now, innermost last.
    running: Mutex<Vec<InterruptHandle>>,
}

impl Cancel {
    pub fn new() -> Self {
        Self::default()
    }

    /// Stops the work at its next step, interrupting the SQL statement it
    /// is running inside [`Progress::watch`], if any.
    pub fn cancel(&self) {
        self.requested.store(true, Ordering::SeqCst);
        for handle in self
            .running
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
        {
            handle.interrupt();
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.requested.load(Ordering::SeqCst)
    }
}

/// Where long work reports to, and what may cancel it.
#[derive(Clone, Copy)]
pub struct Progress<'a> {
    report: &'a dyn Fn(Step),
    cancel: Option<&'a Cancel>,
}

impl<'a> Progress<'a> {
    /// Reports nowhere and is never cancelled.
    pub fn none() -> Progress<'static> {
        Progress {
            report: &|_| {},
            cancel: None,
        }
    }

    /// Reports to `report` and is never cancelled: for work that must run
    /// to its end once started (a schema update).
    pub fn reporting(report: &'a dyn Fn(Step)) -> Self {
        Self {
            report,
            cancel: None,
        }
    }

    pub fn new(report: &'a dyn Fn(Step), cancel: &'a Cancel) -> Self {
        Self {
            report,
            cancel: Some(cancel),
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_some_and(Cancel::is_cancelled)
    }

    /// Reports `done` of `total` in `stage`; [`Error::Cancelled`] once the
    /// work was cancelled.
    pub fn step(&self, stage: Stage, done: u64, total: u64) -> Result<()> {
        if self.is_cancelled() {
            return Err(Error::Cancelled);
        }
        (self.report)(Step { stage, done, total });
        // A cancel that came while the step was being reported stops the
        // work here, before its next piece.
        if self.is_cancelled() {
            return Err(Error::Cancelled);
        }
        Ok(())
    }

    /// Runs `work` on `conn` so that a cancel interrupts the statement it is
    /// running. After a cancel the outcome is [`Error::Cancelled`], even if
    /// `work` got to its end (the cancel may land between two statements,
    /// where SQLite forgets it): the caller rolls back what `work` wrote.
    ///
    /// SQLite rolls back the whole transaction of an interrupted write, so
    /// the caller's rollback must not run inside `work`: it would be
    /// interrupted too.
    pub fn watch<T>(&self, conn: &Connection, work: impl FnOnce() -> Result<T>) -> Result<T> {
        let Some(cancel) = self.cancel else {
            return work();
        };
        if cancel.is_cancelled() {
            return Err(Error::Cancelled);
        }
        let lock = || {
            cancel
                .running
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
        };
        lock().push(conn.get_interrupt_handle());
        let outcome = work();
        lock().pop();
        if cancel.is_cancelled() {
            return Err(Error::Cancelled);
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;

    #[test]
    fn steps_are_reported_until_the_work_is_cancelled() {
        let seen = RefCell::new(Vec::new());
        let report = |step: Step| seen.borrow_mut().push(step);
        let cancel = Cancel::new();
        let progress = Progress::new(&report, &cancel);
        progress.step(Stage::Writing, 1, 2).unwrap();
        cancel.cancel();
        let refused = progress.step(Stage::Writing, 2, 2);
        assert!(matches!(refused, Err(Error::Cancelled)), "{refused:?}");
        assert_eq!(
            *seen.borrow(),
            [Step {
                stage: Stage::Writing,
                done: 1,
                total: 2
            }],
            "the step after the cancel is not reported"
        );
    }

    #[test]
    fn a_cancel_interrupts_the_watched_statement() {
        let cancel = Cancel::new();
        let outcome = std::thread::scope(|scope| {
            let running = scope.spawn(|| {
                let conn = Connection::open_in_memory().unwrap();
                Progress::new(&|_| {}, &cancel).watch(&conn, || {
                    // Counts for as long as it is let run.
                    conn.query_row(
                        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) \
                         SELECT count(*) FROM n",
                        [],
                        |r| r.get::<_, i64>(0),
                    )
                    .map_err(Error::from)
                })
            });
            // A cancel that lands before the statement starts is forgotten by
            // SQLite (the flag is checked again at the end, but this one
            // would never end): cancel until the statement is stopped.
            while !running.is_finished() {
                cancel.cancel();
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            running.join().unwrap()
        });
        assert!(matches!(outcome, Err(Error::Cancelled)), "{outcome:?}");
        assert!(
            cancel.running.lock().unwrap().is_empty(),
            "the connection is no longer watched"
        );
    }

    #[test]
    fn without_a_cancel_the_work_just_runs() {
        let conn = Connection::open_in_memory().unwrap();
        let n: i64 = Progress::none()
            .watch(&conn, || {
                Ok(conn.query_row("SELECT 41 + 1", [], |r| r.get(0))?)
            })
            .unwrap();
        assert_eq!(n, 42);
    }
}
