//! Turning encryption on, off, or to a new key: the journal file is
//! rewritten under the new key beside itself, checked, and renamed over the
//! old one, so a kill at any moment leaves the old file or the new one whole,
//! never neither.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{Store, APPLICATION_ID};
use crate::encryption::JournalKey;
use crate::files::sync_folder;
use crate::{backup, Error, Result};

impl Store {
    /// Re-encrypts the journal under `key` (`None`: decrypts it). The
    /// store stays open throughout from the caller's view: on success it
    /// reads the new file, on failure the old one, unchanged.
    ///
    /// The steps, and what a kill after each leaves:
    /// 1. the write-ahead log is checkpointed into the file (old file, whole);
    /// 2. a copy under the new key is written to a hidden temporary file
    ///    beside the journal, synced, and checked: `integrity_check` and the
    ///    same rows in every table (old file, whole; a stray temporary file);
    /// 3. the connection is closed, which removes the emptied log (old file);
    /// 4. the copy is renamed over the journal, an atomic replace (new file).
    ///
    /// The caller holds the journal's lock, so no other Candor has it open.
    pub fn set_key(&mut self, key: Option<JournalKey>) -> Result<()> {
        let Some(path) = self.path.clone() else {
            return Err(Error::invalid(
                "journal",
                "an in-memory journal cannot be encrypted",
            ));
        };
        let folder = folder_of(&path);
        remove_stale_copies(&path);
        let temp = tempfile::Builder::new()
            .prefix(".candor-convert-")
            .suffix(".tmp")
            .tempfile_in(&folder)
            .map_err(|err| convert_error(&folder, &err))?
            .into_temp_path();

        let (busy, _, _): (i64, i64, i64) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
        if busy != 0 {
            return Err(Error::InUse {
                message: "another program is reading the journal; close it and try again".into(),
            });
        }
        export_copy(&self.conn, &temp, key.as_ref())?;
        let expected = backup::table_counts(&self.conn)?;
        let checked = backup::check_file(&temp, key.as_ref())?;
        if checked.counts != expected {
            return Err(Error::invalid(
                "journal",
                "the converted copy did not hold every row, so it was not kept; \
                 the journal is unchanged",
            ));
        }
        fs::File::open(&temp)
            .and_then(|file| file.sync_all())
            .map_err(|err| convert_error(&folder, &err))?;

        // Close the journal: the last connection's close removes the
        // (checkpointed, empty) log. A log with frames in it must never sit
        // beside the new file, which SQLite would replay it onto.
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        old.close().map_err(|(_, err)| err)?;
        let wal = sidecar(&path, "-wal");
        if fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            self.reopen(&path)?;
            return Err(Error::InUse {
                message: "the journal's log could not be emptied (is another program \
                          reading it?); the journal is unchanged"
                    .into(),
            });
        }
        let _ = fs::remove_file(&wal);
        let _ = fs::remove_file(sidecar(&path, "-shm"));

        if let Err(err) = temp.persist(&path) {
            self.reopen(&path)?;
            return Err(convert_error(&folder, &err.error));
        }
        sync_folder(&folder);
        self.key = key;
        self.reopen(&path)
    }

    /// Opens `path` again with the store's key, in place of the connection.
    fn reopen(&mut self, path: &Path) -> Result<()> {
        *self = Store::open_with_key(path, self.key.as_ref())?;
        Ok(())
    }
}

/// Writes the whole database behind `conn` into the new file at `dest`,
/// encrypted with `key` or plain, with SQLCipher's `sqlcipher_export`
/// (schema, rows, the full-text index), then the schema version and
/// Candor's application id, which the export does not copy.
fn export_copy(conn: &Connection, dest: &Path, key: Option<&JournalKey>) -> Result<()> {
    attach(conn, dest, "candor_target", key)?;
    let result = (|| -> Result<()> {
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        copy_between(conn, "main", "candor_target", version)
    })();
    let detached = conn.execute_batch("DETACH DATABASE candor_target");
    result?;
    detached?;
    Ok(())
}

/// Writes the journal file at `source` (read with `source_key`) into the
/// new file at `dest` under `dest_key`: a copy of a backup under the key of
/// the journal it is restored into. `source` is only read.
pub(crate) fn export_file(
    source: &Path,
    source_key: Option<&JournalKey>,
    dest: &Path,
    dest_key: Option<&JournalKey>,
) -> Result<()> {
    let conn = Connection::open_in_memory()?;
    attach(&conn, source, "candor_source", source_key)?;
    attach(&conn, dest, "candor_target", dest_key)?;
    let version: i64 = conn.query_row("PRAGMA candor_source.user_version", [], |r| r.get(0))?;
    copy_between(&conn, "candor_source", "candor_target", version)?;
    conn.execute_batch("DETACH DATABASE candor_target; DETACH DATABASE candor_source")?;
    Ok(())
}

/// Attaches the file at `path` as `name`, with `key` (an empty key: plain).
fn attach(conn: &Connection, path: &Path, name: &str, key: Option<&JournalKey>) -> Result<()> {
    let literal = key.map(JournalKey::sqlcipher_literal);
    let key_text = literal.as_ref().map_or("", |text| text.as_str());
    let path_text = path.to_str().ok_or_else(|| {
        Error::invalid(
            "path",
            format!("{} is not a path SQLite can open", path.display()),
        )
    })?;
    conn.execute(
        &format!("ATTACH DATABASE ?1 AS {name} KEY ?2"),
        rusqlite::params![path_text, key_text],
    )?;
    Ok(())
}

/// Copies database `from` into the empty database `to` on `conn`, and
/// marks it as a Candor journal of schema `version`.
fn copy_between(conn: &Connection, from: &str, to: &str, version: i64) -> Result<()> {
    conn.query_row("SELECT sqlcipher_export(?1, ?2)", [to, from], |_| Ok(()))?;
    conn.execute_batch(&format!(
        "PRAGMA {to}.user_version = {version};
         PRAGMA {to}.application_id = {APPLICATION_ID};"
    ))?;
    Ok(())
}

/// Removes what conversions killed midway left beside the journal at
/// `path`: hidden `.candor-convert-*.tmp` copies (whole journals, plain
/// ones after a kill while turning encryption off). Only for the holder of
/// the journal's lock, which no conversion in progress can be without.
pub fn remove_stale_copies(path: &Path) -> usize {
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return 0;
    };
    entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with(".candor-convert-") && name.ends_with(".tmp")
        })
        .filter(|entry| fs::remove_file(entry.path()).is_ok())
        .count()
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    }
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn convert_error(folder: &Path, err: &std::io::Error) -> Error {
    Error::invalid(
        "journal",
        format!(
            "the journal could not be converted: could not write in {}: {}; the journal is \
             unchanged",
            folder.display(),
            crate::files::reason(err)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encryption::Secret;

    /// Writes `core/tests/data/encrypted-schema-v9.db`: the schema-9 fixture
    /// (the schema Candor had when encryption shipped) encrypted the way
    /// Candor encrypts a journal, under the passphrase "older encrypted
    /// journal", for the tests of updating an encrypted journal. Kept once
    /// written, as the plain fixtures are.
    #[test]
    #[ignore = "writes core/tests/data/encrypted-schema-v9.db; run it on purpose"]
    fn on_demand_write_encrypted_fixture() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let dest = data.join("encrypted-schema-v9.db");
        let _ = fs::remove_file(&dest);
        let key = JournalKey::new(&Secret::new("older encrypted journal")).unwrap();
        export_file(&data.join("schema-v9.db"), None, &dest, Some(&key)).unwrap();
    }
}
