//! `candor backup`: a verified copy of the journal, to a chosen file or to a
//! new, dated file in the backups folder beside it.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use candor_core::backup;
use candor_core::files::{OutputKind, OutputPath};
use clap::Args;

use super::{CliError, Journal};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the backup (default: a new file in the backups folder
    /// beside the journal, with the date and time in the name). The folder
    /// must exist, and an existing database is never replaced.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

pub(super) fn run(
    args: BackupArgs,
    journal: &Journal,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let store = journal.open_existing()?;
    let report = match args.out {
        Some(path) => {
            let target = OutputPath::check(&path, Some(journal.path()), OutputKind::File)?;
            backup::backup_to(&store, &target)
        }
        None => {
            backup::backup_into_folder(&store, journal.path(), chrono::Local::now().naive_local())
        }
    }?;
    let rows: i64 = report.counts.values().sum();
    writeln!(
        out,
        "Backed up {rows} rows to {} (verified).",
        report.path.display()
    )?;
    Ok(ExitCode::SUCCESS)
}
