//! The command line: `candor` alone opens the window; `candor <subcommand>`
//! runs headless (no display needed) and exits 0 on success, 2 on error with
//! a one-line message on stderr.
//!
//! This module owns the parser, the dispatch and what the subcommands share
//! (opening the journal, writing a document or JSON, one-line text); each
//! subcommand's arguments, run function and output live in its own file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use candor_core::encryption::{seal, Secret};
use candor_core::files::{self, OutputKind, OutputPath};
use candor_core::paths;
use clap::{Parser, Subcommand};

mod backup;
mod demo;
mod due;
mod encryption;
mod error;
mod export;
mod import;
mod journal;
mod people;
mod prep;
mod review;
mod search;

pub use backup::BackupArgs;
pub use demo::DemoArgs;
pub use due::DueArgs;
pub use encryption::{DecryptArgs, EncryptArgs};
pub use error::CliError;
pub use export::ExportArgs;
pub use import::ImportArgs;
pub use journal::Journal;
pub use people::{ListArgs, PeopleCommand};
pub use prep::PrepArgs;
pub use review::ReviewArgs;
pub use search::SearchArgs;

/// A private, offline journal for engineering managers.
///
/// Run without a subcommand to open the window.
#[derive(Debug, Parser)]
#[command(name = "candor", version, about, long_about = None)]
pub struct Cli {
    /// The journal file to use, instead of the one in the app-data folder.
    #[arg(long, global = true, env = "CANDOR_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// How long a command that writes to the journal (import, demo) waits
    /// for another command writing to it to finish, in seconds. A journal
    /// open in the Candor window is never waited for: the command is refused.
    #[arg(long, global = true, env = "CANDOR_WAIT", value_name = "SECONDS",
          default_value_t = candor_core::lock::DEFAULT_WAIT.as_secs(),
          value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub wait: u64,

    /// A file whose first line is the passphrase (or recovery key) of an
    /// encrypted journal, for scripts. Without it the passphrase is asked at
    /// the terminal, without echo; it is never taken as an argument.
    #[arg(
        long,
        global = true,
        env = "CANDOR_PASSPHRASE_FILE",
        value_name = "FILE"
    )]
    pub passphrase_file: Option<PathBuf>,

    /// A file whose first line is the passphrase of an encrypted export: to
    /// encrypt with (`export --encrypt`, `review --encrypt`) or to open one
    /// (`import`). Without it, it is asked at the terminal.
    #[arg(
        long,
        global = true,
        env = "CANDOR_EXPORT_PASSPHRASE_FILE",
        value_name = "FILE"
    )]
    pub export_passphrase_file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// People on your team.
    #[command(subcommand)]
    People(PeopleCommand),
    /// Write a review packet: one person's feedback, goals, 1-on-1 outcomes,
    /// mood, conflicts and coaching questions over a period, oldest first.
    Review(ReviewArgs),
    /// Search every record in the journal, newest first.
    Search(SearchArgs),
    /// Print the prep sheet for a person's next 1-on-1, as Markdown.
    Prep(PrepArgs),
    /// What conversations you owe, most urgent first. Exits 0 when nothing
    /// is overdue, 1 when something is, 2 on error: handy for a cron job.
    Due(DueArgs),
    /// Back the journal up to a verified copy.
    Backup(BackupArgs),
    /// Export everything: one JSON file, or a folder of Markdown files.
    Export(ExportArgs),
    /// Import a Candor JSON export: checked whole first, then all or nothing.
    Import(ImportArgs),
    /// Fill an empty journal with a realistic, made-up team (same seed, same
    /// data): for trying Candor out, and for benchmarks.
    Demo(DemoArgs),
    /// Encrypt the journal with a passphrase (and its backups), and print
    /// its recovery key.
    Encrypt(EncryptArgs),
    /// Turn the journal's encryption off: it becomes a plain SQLite file.
    Decrypt(DecryptArgs),
    /// Change the passphrase of an encrypted journal (a new recovery key).
    Rekey(EncryptArgs),
}

/// Exit code for any failure.
const EXIT_ERROR: u8 = 2;

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let db_path = match cli.db.clone().or_else(paths::default_db_path) {
        Some(path) => path,
        None => return fail(&"no home folder found to keep the journal in; pass --db PATH"),
    };
    match cli.command {
        None => match crate::run_window(db_path) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => fail(&format!("could not open the window: {err}")),
        },
        Some(command) => match run(
            command,
            &Journal::new(db_path, cli.passphrase_file, cli.export_passphrase_file),
            Duration::from_secs(cli.wait),
            &mut std::io::stdout().lock(),
        ) {
            Ok(code) => code,
            Err(err) => fail(&err),
        },
    }
}

fn fail(message: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("candor: {message}");
    ExitCode::from(EXIT_ERROR)
}

/// Runs a headless subcommand, writing its output to `out`. A command that
/// writes to the journal first takes its lock, waiting up to `wait` for
/// another command that holds it.
pub fn run(
    command: Command,
    journal: &Journal,
    wait: Duration,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    match command {
        Command::People(command) => people::run(command, journal, out),
        Command::Review(args) => review::run(args, journal, out),
        Command::Search(args) => search::run(args, journal, out),
        Command::Prep(args) => prep::run(args, journal, out),
        Command::Due(args) => due::run(args, journal, out),
        Command::Backup(args) => backup::run(args, journal, out),
        Command::Export(args) => export::run(args, journal, out),
        Command::Import(args) => import::run(args, journal, wait, out),
        Command::Demo(args) => demo::run(args, journal, wait, out),
        Command::Encrypt(args) => encryption::encrypt(args, journal, wait, out),
        Command::Decrypt(args) => encryption::decrypt(args, journal, wait, out),
        Command::Rekey(args) => encryption::rekey(args, journal, wait, out),
    }
}

/// A value core names and parses (`--format json`, `--format html`), for
/// clap: a bad one is refused with core's message, which lists the choices.
fn core_value<T>(text: &str) -> Result<T, String>
where
    T: std::str::FromStr<Err = candor_core::Error>,
{
    text.parse()
        .map_err(|err: candor_core::Error| err.to_string())
}

/// `value` as pretty JSON and a final newline, the shape of every `--json`.
fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// Writes `text` to standard output (`-`) or, atomically, to `target`, then
/// says where it went; encrypted with `passphrase` (the age format) when one
/// is given, else with a warning if the journal is encrypted. Core refuses a
/// target that is any of the journal's files, or another database.
fn emit(
    text: &str,
    target: &Path,
    journal: &Journal,
    passphrase: Option<&Secret>,
    what: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if target.as_os_str() == "-" {
        match passphrase {
            Some(passphrase) => out.write_all(&seal(text.as_bytes(), passphrase)?)?,
            None => {
                out.write_all(text.as_bytes())?;
                if !text.ends_with('\n') {
                    writeln!(out)?;
                }
            }
        }
        return Ok(());
    }
    let checked = OutputPath::check(target, Some(journal.path()), OutputKind::File)?;
    if passphrase.is_none() {
        journal.warn_if_plain_from_encrypted(target)?;
    }
    files::write_export(&checked, text.as_bytes(), passphrase)?;
    let how = if passphrase.is_some() {
        ", encrypted"
    } else {
        ""
    };
    writeln!(out, "Wrote {what} to {}{how}", target.display())?;
    Ok(())
}

/// A record's text on one terminal line: no line breaks, and no control
/// characters (an escape sequence in a note must not drive the terminal).
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn listing_a_missing_journal_is_an_error_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("typo.db");
        let command = Command::People(PeopleCommand::List(ListArgs {
            json: false,
            all: false,
        }));
        let err = run(
            command,
            &Journal::at(&path),
            Duration::ZERO,
            &mut Vec::new(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("there is no journal at"), "{err}");
        assert!(!path.exists(), "a read command must not create a journal");
    }
}
