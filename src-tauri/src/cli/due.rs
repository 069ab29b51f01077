//! `candor due`: the conversations you owe, as lines or JSON, with an exit
//! code a cron job can act on.

use std::io::Write;
use std::process::ExitCode;

use candor_core::reminders;
use chrono::NaiveDate;
use clap::Args;

use super::{one_line, write_json, CliError, Journal};

#[derive(Debug, Args)]
#[command(after_help = "JSON shape (stable; fields are only ever added):
  {\"today\": \"2026-11-29\", \"counts\": {\"overdue\": 1, \"due\": 0, \"upcoming\": 2}, \"snoozed\": 0,
   \"reminders\": [{\"key\", \"kind\", \"level\", \"person\": {\"id\", \"name\"} | null,
                  \"subject_id\", \"title\", \"since\", \"due_on\", \"days\", \"reason\"}]}

Exit codes: 0 nothing overdue, 1 something overdue, 2 error.")]
pub struct DueArgs {
    /// Print JSON instead of lines.
    #[arg(long)]
    pub json: bool,
    /// Compute as of this day instead of today (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

/// Exits 1 when something is overdue, so `candor due && …` reads as
/// "nothing overdue".
pub(super) fn run(
    args: DueArgs,
    journal: &Journal,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let store = journal.open_existing()?;
    let today = match args.today.as_deref() {
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            CliError::Message(format!(
                "--today must be a date written as YYYY-MM-DD (got \"{text}\")"
            ))
        })?,
        None => crate::today(),
    };
    let list = reminders::due(store.conn(), today)?;
    if args.json {
        write_json(out, &list)?;
    } else {
        write_due(out, &list)?;
    }
    Ok(if list.counts.overdue > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_due(out: &mut dyn Write, list: &reminders::DueList) -> std::io::Result<()> {
    if list.reminders.is_empty() {
        writeln!(out, "Nothing owed right now.")?;
    }
    for r in &list.reminders {
        writeln!(
            out,
            "{:<9} {}",
            r.level.as_str().to_uppercase(),
            one_line(&r.reason)
        )?;
    }
    if list.snoozed > 0 {
        writeln!(out, "({} snoozed)", list.snoozed)?;
    }
    Ok(())
}
