//! `candor backup`: a verified copy of the journal, to a chosen file or to a
//! new, dated file in the backups folder beside it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use candor_core::backup;
use candor_core::files::{OutputKind, OutputPath};
use clap::Args;

use super::{open_existing, CliError};

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
    db_path: &Path,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let store = open_existing(db_path)?;
    let report = match args.out {
        Some(path) => {
            let target = OutputPath::check(&path, Some(db_path), OutputKind::File)?;
            backup::backup_to(&store, &target)
        }
        None => backup::backup_into_folder(&store, db_path, chrono::Local::now().naive_local()),
    }?;
    let rows: i64 = report.counts.values().sum();
    writeln!(
        out,
        "Backed up {rows} rows to {} (verified).",
        report.path.display()
    )?;
    Ok(ExitCode::SUCCESS)
}
