//! `candor prep`: the prep sheet for a person's next 1-on-1, as Markdown.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use candor_core::review;
use candor_core::store::people;
use clap::Args;

use super::{emit, one_line, CliError, Journal};
use crate::today;

#[derive(Debug, Args)]
pub struct PrepArgs {
    /// Who the 1-on-1 is with: their id, or their exact name (any case).
    #[arg(long, value_name = "ID|NAME")]
    pub person: String,
    /// Write the sheet to this file instead of standard output (or - for
    /// standard output).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

pub(super) fn run(
    args: PrepArgs,
    journal: &Journal,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let store = journal.open_existing()?;
    let person = people::resolve(store.conn(), &args.person)?;
    let sheet = review::prep_sheet(store.conn(), person.id, today())?;
    let text = review::prep_markdown(&sheet);
    let target = args.out.unwrap_or_else(|| PathBuf::from("-"));
    let what = format!("the prep sheet for {}", one_line(&person.name));
    emit(&text, &target, journal, None, &what, out)?;
    Ok(ExitCode::SUCCESS)
}
