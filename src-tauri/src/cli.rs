//! The command line: `candor` alone opens the window; `candor <subcommand>`
//! runs headless (no display needed) and exits 0 on success, 2 on error with
//! a one-line message on stderr.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use candor_core::people::{self, Person, Scope};
use candor_core::{paths, Store};
use clap::{Args, Parser, Subcommand};

/// A private, offline journal for engineering managers.
///
/// Run without a subcommand to open the window.
#[derive(Debug, Parser)]
#[command(name = "candor", version, about, long_about = None)]
pub struct Cli {
    /// The journal file to use, instead of the one in the app-data folder.
    #[arg(long, global = true, env = "CANDOR_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// People on your team.
    #[command(subcommand)]
    People(PeopleCommand),
}

#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// List the people on your team, active first, by name.
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON (an array of people) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Include archived people.
    #[arg(long)]
    pub all: bool,
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
        Some(command) => match run(command, &db_path, &mut std::io::stdout().lock()) {
            Ok(code) => code,
            Err(message) => fail(&message),
        },
    }
}

fn fail(message: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("candor: {message}");
    ExitCode::from(EXIT_ERROR)
}

/// Runs a headless subcommand, writing its output to `out`.
pub fn run(command: Command, db_path: &Path, out: &mut dyn Write) -> Result<ExitCode, String> {
    match command {
        Command::People(PeopleCommand::List(args)) => {
            let store = open_existing(db_path)?;
            let scope = if args.all { Scope::All } else { Scope::Active };
            let list = people::list(store.conn(), scope).map_err(|e| e.to_string())?;
            let written = if args.json {
                serde_json::to_writer_pretty(&mut *out, &list)
                    .map_err(std::io::Error::from)
                    .and_then(|()| writeln!(out))
            } else {
                write_people_table(out, &list)
            };
            written.map_err(|err| format!("could not write the output: {err}"))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Opens a journal that must already exist: a read command pointed at a
/// mistyped path should say so, not quietly create an empty journal there.
fn open_existing(db_path: &Path) -> Result<Store, String> {
    if !db_path.exists() {
        return Err(format!(
            "there is no journal at {} (open Candor once to create it, or pass --db PATH)",
            db_path.display()
        ));
    }
    Store::open(db_path).map_err(|err| err.to_string())
}

fn write_people_table(out: &mut dyn Write, list: &[Person]) -> std::io::Result<()> {
    if list.is_empty() {
        return writeln!(out, "No people yet.");
    }
    let header = ["NAME", "ROLE", "TEAM", "CADENCE", "STATUS"];
    let rows: Vec<[String; 5]> = list
        .iter()
        .map(|p| {
            [
                p.name.clone(),
                p.role.clone(),
                p.team.clone(),
                format!("{} days", p.cadence_days),
                if p.archived { "archived" } else { "active" }.to_owned(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 5]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        padded.join("  ").trim_end().to_owned()
    };
    writeln!(out, "{}", line(header))?;
    for row in &rows {
        writeln!(out, "{}", line(row.each_ref().map(String::as_str)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use candor_core::people::PersonInput;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn people_table_aligns_columns_by_characters() {
        let store = Store::open_in_memory().unwrap();
        for (name, role) in [("Zoë", "Staff engineer"), ("Bo", "")] {
            people::create(
                store.conn(),
                &PersonInput {
                    name: name.into(),
                    role: role.into(),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        let list = people::list(store.conn(), Scope::All).unwrap();
        let mut out = Vec::new();
        write_people_table(&mut out, &list).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "NAME  ROLE            TEAM  CADENCE  STATUS");
        assert_eq!(lines[1], "Bo                          7 days   active");
        assert_eq!(lines[2], "Zoë   Staff engineer        7 days   active");
    }

    #[test]
    fn listing_a_missing_journal_is_an_error_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("typo.db");
        let command = Command::People(PeopleCommand::List(ListArgs {
            json: false,
            all: false,
        }));
        let err = run(command, &path, &mut Vec::new()).unwrap_err();
        assert!(err.contains("there is no journal at"), "{err}");
        assert!(!path.exists(), "a read command must not create a journal");
    }
}
