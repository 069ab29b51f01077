//! `candor import`: a Candor JSON export, checked whole and then written in
//! one transaction, or only reported with `--dry-run`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use candor_core::encryption;
use candor_core::lock::JournalLock;
use candor_core::transfer;
use clap::Args;
use zeroize::Zeroize;

use super::{CliError, Journal};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A file written by `candor export --format json` (encrypted or not).
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Report what would be added and updated, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub(super) fn run(
    args: ImportArgs,
    journal: &Journal,
    wait: Duration,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let mut bytes = std::fs::read(&args.path).map_err(|err| {
        CliError::Message(format!("could not read {}: {err}", args.path.display()))
    })?;
    // An export encrypted with a passphrase (`export --encrypt`, or age).
    if encryption::is_sealed(&bytes) {
        let passphrase = journal.export_passphrase(&args.path)?;
        let plain = encryption::open_sealed(&bytes, &passphrase)?;
        bytes.zeroize();
        bytes = plain.to_vec();
    }
    // A dry run writes nothing, so it may run beside the window.
    let _lock = if args.dry_run {
        None
    } else {
        Some(JournalLock::for_command(journal.path(), "import", wait)?)
    };
    // Importing into a journal that does not exist yet creates it.
    let store = journal.open()?;
    let report = transfer::import_json(store.conn(), &bytes, args.dry_run);
    bytes.zeroize();
    let report = report?;
    write_import(out, &report)?;
    Ok(ExitCode::SUCCESS)
}

fn write_import(out: &mut dyn Write, report: &transfer::ImportReport) -> std::io::Result<()> {
    let verb = if report.dry_run { "Would add" } else { "Added" };
    let (mut added, mut updated) = (0, 0);
    for kind in &report.kinds {
        added += kind.added;
        updated += kind.updated;
        if kind.added + kind.updated > 0 {
            writeln!(
                out,
                "  {:<18} +{} new, {} updated",
                kind.kind, kind.added, kind.updated
            )?;
        }
    }
    writeln!(
        out,
        "{verb} {added} records and {} {updated}.{}",
        if report.dry_run {
            "would update"
        } else {
            "updated"
        },
        if report.dry_run {
            " Nothing was written (dry run)."
        } else {
            ""
        }
    )
}
