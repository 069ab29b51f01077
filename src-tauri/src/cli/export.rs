//! `candor export`: everything, as one JSON file (or standard output) or as
//! a new folder of Markdown files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use candor_core::files::{self, OutputKind, OutputPath};
use candor_core::transfer::{self, ExportFormat};
use clap::Args;

use super::{core_value, open_existing, CliError};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  candor export --format json --out journal.json
  candor export --format markdown --out journal-notes/

The JSON format is documented in docs/export-format.md.")]
pub struct ExportArgs {
    #[arg(long, value_parser = core_value::<ExportFormat>)]
    pub format: ExportFormat,
    /// The file (JSON) or a new folder (Markdown) to write.
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
}

pub(super) fn run(
    args: ExportArgs,
    db_path: &Path,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let store = open_existing(db_path)?;
    match args.format {
        ExportFormat::Json => {
            if args.out.as_os_str() == "-" {
                let json = transfer::export_json(store.conn(), &crate::now())?;
                out.write_all(json.as_bytes())?;
            } else {
                // The target is checked before the export is built, so a
                // refused path costs nothing.
                let target = OutputPath::check(&args.out, Some(db_path), OutputKind::File)?;
                let json = transfer::export_json(store.conn(), &crate::now())?;
                files::write_atomic(&target, json.as_bytes())?;
                writeln!(out, "Exported to {}.", args.out.display())?;
            }
        }
        ExportFormat::Markdown => {
            let target = OutputPath::check(&args.out, Some(db_path), OutputKind::NewFolder)?;
            let report = transfer::export_markdown(store.conn(), &target)?;
            writeln!(
                out,
                "Exported {} people to {}.",
                report.people,
                args.out.display()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
