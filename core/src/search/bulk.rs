//! Writing many records at once. Migration 7's triggers index each record as
//! it is written: right for a save, slow for a whole journal (178,750
//! records took 20 s to import, 19 of them in the triggers, which look up
//! the day's last rowid and update the full-text index one row at a time).
//! [`write`] sets the search triggers aside while the caller writes, then
//! builds the index once from every record (rebuild.sql, generated with
//! the triggers) and puts the triggers back, all inside the caller's
//! transaction: if anything fails, rolling it back restores the journal,
//! triggers and index included.

use rusqlite::Connection;

use crate::progress::{Progress, Stage};
use crate::{Error, Result};

/// Builds search_docs and search_index from every record.
const REBUILD: &str = include_str!("rebuild.sql");

/// How much the full-text index holds in memory before it writes a segment,
/// while it is built in bulk: 64 MiB rather than FTS5's 1 MiB, so the 10-year
/// journal is written as a few large segments instead of hundreds of small
/// ones merged again and again (its index built in 3.5 s instead of 6.0 s,
/// measured with the prefix indexes of migration 9). Set back to the default
/// once the index is built, so a single save holds no more than before.
const BULK_HASHSIZE: i64 = 64 * 1024 * 1024;
/// FTS5's own default (`FTS5_DEFAULT_HASHSIZE`).
const DEFAULT_HASHSIZE: i64 = 1024 * 1024;

/// Below this many records a bulk write is not worth it: the triggers
/// index them faster than the whole journal can be indexed again.
const MIN_RECORDS: usize = 500;

/// Whether writing `records` into a journal of `existing` search documents
/// is faster in bulk: when they are at least a third of what the journal
/// will hold, indexing everything once costs less than indexing each record
/// through the triggers (measured on the 10-year journal: about 55 µs a
/// record through the triggers, about 20 µs a document in bulk).
pub(crate) fn worth_it(records: usize, existing: usize) -> bool {
    records >= MIN_RECORDS && records * 3 >= existing + records
}

/// How many search documents the journal holds.
pub(crate) fn document_count(conn: &Connection) -> Result<usize> {
    let n: i64 = conn.query_row("SELECT count(*) FROM search_docs", [], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Runs `write` with the search triggers set aside, then indexes the whole
/// journal once. Must run inside a transaction (a savepoint will do), which
/// the caller rolls back on an error: between the two the journal has no
/// search triggers. The index is built as [`Stage::Indexing`] of
/// `progress`.
pub(crate) fn write<T>(
    conn: &Connection,
    progress: Progress<'_>,
    write: impl FnOnce(&Connection) -> Result<T>,
) -> Result<T> {
    if conn.is_autocommit() {
        return Err(Error::invalid(
            "journal",
            "a bulk write must run inside a transaction",
        ));
    }
    let triggers = search_triggers(conn)?;
    for (name, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    let written = write(conn)?;
    progress.step(Stage::Indexing, 0, 0)?;
    rebuild(conn)?;
    for (_, sql) in &triggers {
        conn.execute_batch(sql)?;
    }
    Ok(written)
}

/// The search triggers, by name, with the SQL that creates them.
fn search_triggers(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT name, sql FROM sqlite_schema \
         WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\' ORDER BY name",
    )?;
    let triggers = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
    Ok(triggers)
}

/// Empties the index and builds it again from every record. The full-text
/// table is dropped and created again from its own definition (with the
/// prefix indexes of migration 9): emptying it row by row would read and
/// tokenize every old document first.
fn rebuild(conn: &Connection) -> Result<()> {
    let index: String = conn.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'search_index'",
        [],
        |r| r.get(0),
    )?;
    conn.execute_batch("DELETE FROM search_docs; DROP TABLE search_index;")?;
    conn.execute_batch(&index)?;
    set_hashsize(conn, BULK_HASHSIZE)?;
    conn.execute_batch(REBUILD)?;
    set_hashsize(conn, DEFAULT_HASHSIZE)?;
    Ok(())
}

/// FTS5's `hashsize` option of the search index (kept in its config table).
fn set_hashsize(conn: &Connection, bytes: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO search_index (search_index, rank) VALUES ('hashsize', ?1)",
        [bytes],
    )?;
    Ok(())
}
