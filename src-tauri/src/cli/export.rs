//! `candor export`: everything, as one JSON file (or standard output) or as
//! a new folder of Markdown files.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use candor_core::encryption;
use candor_core::files::{self, OutputKind, OutputPath};
use candor_core::transfer::{self, ExportFormat};
use clap::Args;

use super::{core_value, CliError, Journal};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  candor export --format json --out journal.json
  candor export --format markdown --out journal-notes/
  candor export --format json --encrypt --out journal.json.age
  candor export --format markdown --encrypt --out journal-notes.tar.age

An encrypted export is an age file: Candor imports it, and `age -d` opens it
(`age -d journal-notes.tar.age | tar x` for the Markdown folder).
The JSON format is documented in docs/export-format.md.")]
pub struct ExportArgs {
    #[arg(long, value_parser = core_value::<ExportFormat>)]
    pub format: ExportFormat,
    /// The file (JSON) or a new folder (Markdown) to write; with --encrypt,
    /// a file for either.
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// Encrypt the export with a passphrase, in the age format. The
    /// passphrase is asked twice at the terminal, or read from
    /// --export-passphrase-file.
    #[arg(long)]
    pub encrypt: bool,
}

pub(super) fn run(
    args: ExportArgs,
    journal: &Journal,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let store = journal.open_existing()?;
    let db_path = journal.path();
    let to_stdout = args.out.as_os_str() == "-";
    if to_stdout && args.format == ExportFormat::Markdown {
        return Err(CliError::Message(
            "a Markdown export is a folder (or, with --encrypt, a file): give --out a path, \
             not -"
                .into(),
        ));
    }
    // The target is checked before the export is built or a passphrase
    // asked, so a refused path costs nothing.
    let kind = if args.format == ExportFormat::Markdown && !args.encrypt {
        OutputKind::NewFolder
    } else {
        OutputKind::File
    };
    let target = (!to_stdout)
        .then(|| OutputPath::check(&args.out, Some(db_path), kind))
        .transpose()?;
    let passphrase = args
        .encrypt
        .then(|| journal.new_export_passphrase())
        .transpose()?;
    if passphrase.is_none() && !to_stdout {
        journal.warn_if_plain_from_encrypted(&args.out)?;
    }
    let how = if passphrase.is_some() {
        ", encrypted"
    } else {
        ""
    };
    match (args.format, target) {
        (ExportFormat::Json, None) => {
            let json = transfer::export_json(store.conn(), &crate::now())?;
            match &passphrase {
                Some(passphrase) => {
                    out.write_all(&encryption::seal(json.as_bytes(), passphrase)?)?
                }
                None => out.write_all(json.as_bytes())?,
            }
        }
        (ExportFormat::Json, Some(target)) => {
            let json = transfer::export_json(store.conn(), &crate::now())?;
            files::write_export(&target, json.as_bytes(), passphrase.as_ref())?;
            writeln!(out, "Exported to {}{how}.", args.out.display())?;
        }
        (ExportFormat::Markdown, Some(target)) => {
            let report = match &passphrase {
                Some(passphrase) => {
                    transfer::export_markdown_sealed(store.conn(), &target, passphrase)?
                }
                None => transfer::export_markdown(store.conn(), &target)?,
            };
            writeln!(
                out,
                "Exported {} people to {}{how}.",
                report.people,
                args.out.display()
            )?;
        }
        (ExportFormat::Markdown, None) => unreachable!("refused above"),
    }
    Ok(ExitCode::SUCCESS)
}
