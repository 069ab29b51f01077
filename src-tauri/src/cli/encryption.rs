//! `candor encrypt`, `candor decrypt` and `candor rekey`: turning the
//! journal's encryption on and off, and changing its passphrase. Each
//! rewrites the whole file beside itself and renames it over the old one, so
//! a kill at any moment leaves the old file or the new one whole.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use candor_core::backup;
use candor_core::encryption::{FileState, JournalKey};
use candor_core::lock::JournalLock;
use candor_core::Store;
use clap::Args;

use super::journal::{new_secret, Journal};
use super::CliError;

#[derive(Debug, Args)]
#[command(
    after_help = "The passphrase is typed twice at the terminal, without echo; for scripts,
put it on the first line of a file readable only by you and pass --new-passphrase-file.

Write the recovery key down and keep it apart from the computer: without the
passphrase and the recovery key, nobody can open the journal, you included."
)]
pub struct EncryptArgs {
    /// A file whose first line is the new passphrase (for scripts).
    #[arg(long, env = "CANDOR_NEW_PASSPHRASE_FILE", value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DecryptArgs {}

pub(super) fn encrypt(
    args: EncryptArgs,
    journal: &Journal,
    wait: Duration,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let path = journal.path();
    let (_lock, mut store) = open_locked(journal, "encrypt", FileState::Plain, wait)?;
    let (key, backups) = to_new_key(&args, &mut store, path)?;
    writeln!(out, "Encrypted {}.", path.display())?;
    write_backups(out, &backups)?;
    write_recovery_key(out, &key)?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn decrypt(
    _args: DecryptArgs,
    journal: &Journal,
    wait: Duration,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let path = journal.path();
    let (_lock, mut store) = open_locked(journal, "decrypt", FileState::Encrypted, wait)?;
    store.set_key(None)?;
    writeln!(
        out,
        "Decrypted {}: it is a plain SQLite file again, which anyone who can read it can read. \
         Backups made while it was encrypted stay encrypted.",
        path.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn rekey(
    args: EncryptArgs,
    journal: &Journal,
    wait: Duration,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let path = journal.path();
    let (_lock, mut store) = open_locked(journal, "rekey", FileState::Encrypted, wait)?;
    let (key, backups) = to_new_key(&args, &mut store, path)?;
    writeln!(
        out,
        "Changed the passphrase of {}. The old passphrase and the old recovery key no longer \
         open it.",
        path.display()
    )?;
    write_backups(out, &backups)?;
    write_recovery_key(out, &key)?;
    Ok(ExitCode::SUCCESS)
}

/// Asks for the new passphrase, re-encrypts the journal under the key it
/// gives, and brings the backups folder along (from the journal's old key,
/// or from plain).
fn to_new_key(
    args: &EncryptArgs,
    store: &mut Store,
    path: &Path,
) -> Result<(JournalKey, backup::RekeyReport), CliError> {
    let old = store.key().cloned();
    let secret = new_secret(
        args.new_passphrase_file.as_deref(),
        "New passphrase",
        "--new-passphrase-file FILE or CANDOR_NEW_PASSPHRASE_FILE",
    )?;
    let key = JournalKey::new(&secret)?;
    store.set_key(Some(key.clone()))?;
    let backups = backup::rekey_backups(path, old.as_ref(), &key)?;
    Ok((key, backups))
}

/// Takes the journal's lock for `command` (held until the returned lock is
/// dropped), refuses a journal that is missing or not `state`, the state the
/// command converts from, and opens it, asking for its passphrase when it
/// is encrypted.
fn open_locked(
    journal: &Journal,
    command: &str,
    state: FileState,
    wait: Duration,
) -> Result<(JournalLock, Store), CliError> {
    let lock = JournalLock::for_command(journal.path(), command, wait)?;
    require(journal.path(), state)?;
    Ok((lock, journal.open()?))
}

/// Refuses a journal that is missing or not in the state the command
/// converts from.
fn require(path: &Path, state: FileState) -> Result<(), CliError> {
    let found = FileState::of(path)?;
    if found == state {
        return Ok(());
    }
    Err(CliError::Message(match found {
        FileState::Missing => format!(
            "there is no journal at {} (open Candor once to create it, or pass --db PATH)",
            path.display()
        ),
        FileState::Encrypted => format!(
            "the journal at {} is already encrypted; to change its passphrase, run candor rekey",
            path.display()
        ),
        FileState::Plain | FileState::Empty => format!(
            "the journal at {} is not encrypted; to encrypt it, run candor encrypt",
            path.display()
        ),
        FileState::Other => format!("{} is not a Candor journal", path.display()),
    }))
}

fn write_backups(out: &mut dyn Write, report: &backup::RekeyReport) -> std::io::Result<()> {
    if !report.converted.is_empty() {
        writeln!(
            out,
            "Encrypted its {} backup(s) under the new key too.",
            report.converted.len()
        )?;
    }
    for left in &report.left {
        writeln!(
            out,
            "Left as it was (another passphrase opens it): {}",
            left.display()
        )?;
    }
    Ok(())
}

fn write_recovery_key(out: &mut dyn Write, key: &JournalKey) -> std::io::Result<()> {
    writeln!(
        out,
        "\nRecovery key (it opens the journal if the passphrase is lost; it is shown only now):\n\n    {}\n\nWrite it down and keep it apart from this computer. Without the passphrase and\nthe recovery key, nobody can open the journal, you included.",
        key.recovery_key().as_str()
    )
}
