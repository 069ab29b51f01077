//! `candor review`: one person's review packet for a period, as Markdown or
//! a self-contained HTML page, to a file or standard output.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use candor_core::review::{self, PacketFormat};
use candor_core::store::people;
use clap::Args;

use super::{core_value, emit, one_line, CliError, Journal};
use crate::today;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  candor review --person \"Ana Lima\" --from 2025-01-01 --to 2025-12-31 --format html --out ana-2025.html
  candor review --person 3f1c9a8e-0d4b-4c57-9e61-2b7f0a1c5d33 --from 2025-07-01 --to 2025-12-31 --out -

When two people share a name, pass the id (`candor people list --json --all` shows it).")]
pub struct ReviewArgs {
    /// Who the packet is about: their id, or their exact name (any case).
    #[arg(long, value_name = "ID|NAME")]
    pub person: String,
    /// The first day of the period, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// The last day of the period, YYYY-MM-DD (included).
    #[arg(long, value_name = "DATE")]
    pub to: String,
    /// Markdown, or one self-contained, printable HTML page that loads
    /// nothing. Without it, the --out file's extension decides (.html or
    /// .htm for HTML), else Markdown.
    #[arg(long, value_parser = core_value::<PacketFormat>)]
    pub format: Option<PacketFormat>,
    /// The file to write, or - for standard output. An existing file is
    /// replaced whole, and only once the new one is complete.
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// Encrypt the file with a passphrase, in the age format (`age -d` opens
    /// it too); name it `.age`. The passphrase is asked twice at the
    /// terminal, or read from --export-passphrase-file.
    #[arg(long)]
    pub encrypt: bool,
}

pub(super) fn run(
    args: ReviewArgs,
    journal: &Journal,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let store = journal.open_existing()?;
    let passphrase = args
        .encrypt
        .then(|| journal.new_export_passphrase())
        .transpose()?;
    let person = people::resolve(store.conn(), &args.person)?;
    let packet = review::review_packet(store.conn(), person.id, &args.from, &args.to, today())?;
    let format = args
        .format
        .unwrap_or_else(|| PacketFormat::for_path(&without_age(&args.out)));
    let text = format.render(&packet);
    let what = format!(
        "the review packet for {} ({} to {})",
        one_line(&person.name),
        packet.from,
        packet.to
    );
    emit(&text, &args.out, journal, passphrase.as_ref(), &what, out)?;
    Ok(ExitCode::SUCCESS)
}

/// `packet.html.age` is an HTML packet, encrypted.
fn without_age(path: &Path) -> PathBuf {
    match path.extension() {
        Some(ext) if ext.eq_ignore_ascii_case("age") => path.with_extension(""),
        _ => path.to_owned(),
    }
}
