//! The command line: `candor` alone opens the window; `candor <subcommand>`
//! runs headless (no display needed) and exits 0 on success, 2 on error with
//! a one-line message on stderr.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use candor_core::files::{self, OutputKind, OutputPath};
use candor_core::lock::JournalLock;
use candor_core::review::{self, PacketFormat};
use candor_core::search::{self, SearchQuery, SearchResults};
use candor_core::store::people::{self, Person, Scope};
use candor_core::transfer::{self, ExportFormat};
use candor_core::{backup, paths, reminders, Store};

use crate::today;
use chrono::NaiveDate;
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

    /// How long a command that writes to the journal (import, demo) waits
    /// for another command writing to it to finish, in seconds. A journal
    /// open in the Candor window is never waited for: the command is refused.
    #[arg(long, global = true, env = "CANDOR_WAIT", value_name = "SECONDS",
          default_value_t = candor_core::lock::DEFAULT_WAIT.as_secs(),
          value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub wait: u64,

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
}

#[derive(Debug, Args)]
#[command(after_help = "Example:
  candor demo --people 60 --years 10 --db /tmp/big.db

Demo data only goes into an empty journal: point --db at a new file.")]
pub struct DemoArgs {
    /// People on the team at any one time (leavers are replaced).
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub people: usize,
    /// Years of history, ending today.
    #[arg(long, default_value_t = 2, value_name = "Y")]
    pub years: u32,
    /// The random seed: the same seed gives the same journal.
    #[arg(long, default_value_t = candor_core::demo::DEFAULT_SEED, value_name = "S")]
    pub seed: u64,
}

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

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the backup (default: a new file in the backups folder
    /// beside the journal, with the date and time in the name). The folder
    /// must exist, and an existing database is never replaced.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  candor export --format json --out journal.json
  candor export --format markdown --out journal-notes/

The JSON format is documented in docs/export-format.md.")]
pub struct ExportArgs {
    #[arg(long, value_parser = export_format)]
    pub format: ExportFormat,
    /// The file (JSON) or a new folder (Markdown) to write.
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A file written by `candor export --format json`.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Report what would be added and updated, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
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
    #[arg(long, value_parser = packet_format)]
    pub format: Option<PacketFormat>,
    /// The file to write, or - for standard output. An existing file is
    /// replaced whole, and only once the new one is complete.
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
}

/// `json` or `markdown`, as core names them.
fn export_format(text: &str) -> Result<ExportFormat, String> {
    text.parse()
        .map_err(|err: candor_core::Error| err.to_string())
}

/// `md` or `html`, as core names them.
fn packet_format(text: &str) -> Result<PacketFormat, String> {
    text.parse()
        .map_err(|err: candor_core::Error| err.to_string())
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  candor search rota
  candor search on-call handover --person \"Ana Lima\" --limit 10
  candor search deploy --json")]
pub struct SearchArgs {
    /// The words to look for: all must match, the last one also as the
    /// start of a word ("deplo" finds "deployment").
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// Print JSON (an object with "hits" and "truncated") instead of lines.
    #[arg(long)]
    pub json: bool,
    /// Show at most this many results (1-500).
    #[arg(long, value_name = "N", default_value_t = 50,
          value_parser = clap::value_parser!(u16).range(1..=500))]
    pub limit: u16,
    /// Only records about this person: their id, or their exact name.
    #[arg(long, value_name = "ID|NAME")]
    pub person: Option<String>,
}

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
            &db_path,
            Duration::from_secs(cli.wait),
            &mut std::io::stdout().lock(),
        ) {
            Ok(code) => code,
            Err(message) => fail(&message),
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
    db_path: &Path,
    wait: Duration,
    out: &mut dyn Write,
) -> Result<ExitCode, String> {
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
        Command::Review(args) => {
            let store = open_existing(db_path)?;
            let person = people::resolve(store.conn(), &args.person).map_err(|e| e.to_string())?;
            let packet =
                review::review_packet(store.conn(), person.id, &args.from, &args.to, today())
                    .map_err(|e| e.to_string())?;
            let format = args
                .format
                .unwrap_or_else(|| PacketFormat::for_path(&args.out));
            let text = format.render(&packet);
            let what = format!(
                "the review packet for {} ({} to {})",
                one_line(&person.name),
                packet.from,
                packet.to
            );
            emit(&text, &args.out, db_path, &what, out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Search(args) => {
            let store = open_existing(db_path)?;
            let person_id = match args.person.as_deref() {
                Some(who) => Some(
                    people::resolve(store.conn(), who)
                        .map_err(|e| e.to_string())?
                        .id
                        .to_string(),
                ),
                None => None,
            };
            let query = SearchQuery {
                text: args.query.join(" "),
                person_id,
                limit: Some(usize::from(args.limit)),
                ..Default::default()
            };
            let results = search::search(store.conn(), &query).map_err(|e| e.to_string())?;
            let written = if args.json {
                serde_json::to_writer_pretty(&mut *out, &results)
                    .map_err(std::io::Error::from)
                    .and_then(|()| writeln!(out))
            } else {
                let bold =
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                write_search_hits(
                    out,
                    &results,
                    if bold {
                        Highlight::Bold
                    } else {
                        Highlight::Brackets
                    },
                )
            };
            written.map_err(|err| format!("could not write the output: {err}"))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Due(args) => {
            let store = open_existing(db_path)?;
            let today = match args.today.as_deref() {
                Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                    format!("--today must be a date written as YYYY-MM-DD (got \"{text}\")")
                })?,
                None => today(),
            };
            let list = reminders::due(store.conn(), today).map_err(|e| e.to_string())?;
            let written = if args.json {
                serde_json::to_writer_pretty(&mut *out, &list)
                    .map_err(std::io::Error::from)
                    .and_then(|()| writeln!(out))
            } else {
                write_due(out, &list)
            };
            written.map_err(|err| format!("could not write the output: {err}"))?;
            Ok(if list.counts.overdue > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Backup(args) => {
            let store = open_existing(db_path)?;
            let report = match args.out {
                Some(path) => {
                    let target = OutputPath::check(&path, Some(db_path), OutputKind::File)
                        .map_err(|e| e.to_string())?;
                    backup::backup_to(store.conn(), &target)
                }
                None => backup::backup_into_folder(
                    store.conn(),
                    db_path,
                    chrono::Local::now().naive_local(),
                ),
            }
            .map_err(|e| e.to_string())?;
            let rows: i64 = report.counts.values().sum();
            writeln!(
                out,
                "Backed up {rows} rows to {} (verified).",
                report.path.display()
            )
            .map_err(|err| format!("could not write the output: {err}"))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export(args) => {
            let store = open_existing(db_path)?;
            match args.format {
                ExportFormat::Json => {
                    if args.out.as_os_str() == "-" {
                        let json = transfer::export_json(store.conn(), &crate::now())
                            .map_err(|e| e.to_string())?;
                        out.write_all(json.as_bytes())
                            .map_err(|err| format!("could not write the output: {err}"))?;
                    } else {
                        let target = OutputPath::check(&args.out, Some(db_path), OutputKind::File)
                            .map_err(|e| e.to_string())?;
                        let json = transfer::export_json(store.conn(), &crate::now())
                            .map_err(|e| e.to_string())?;
                        files::write_atomic(&target, json.as_bytes()).map_err(|e| e.to_string())?;
                        writeln!(out, "Exported to {}.", args.out.display())
                            .map_err(|err| format!("could not write the output: {err}"))?;
                    }
                }
                ExportFormat::Markdown => {
                    let target = OutputPath::check(&args.out, Some(db_path), OutputKind::NewFolder)
                        .map_err(|e| e.to_string())?;
                    let report = transfer::export_markdown(store.conn(), &target)
                        .map_err(|e| e.to_string())?;
                    writeln!(
                        out,
                        "Exported {} people to {}.",
                        report.people,
                        args.out.display()
                    )
                    .map_err(|err| format!("could not write the output: {err}"))?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(args) => {
            let bytes = std::fs::read(&args.path)
                .map_err(|err| format!("could not read {}: {err}", args.path.display()))?;
            // A dry run writes nothing, so it may run beside the window.
            let _lock = if args.dry_run {
                None
            } else {
                Some(JournalLock::for_command(db_path, "import", wait).map_err(|e| e.to_string())?)
            };
            // Importing into a journal that does not exist yet creates it.
            let store = Store::open(db_path).map_err(|e| e.to_string())?;
            let report = transfer::import_json(store.conn(), &bytes, args.dry_run)
                .map_err(|e| e.to_string())?;
            write_import(out, &report)
                .map_err(|err| format!("could not write the output: {err}"))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo(args) => {
            let _lock =
                JournalLock::for_command(db_path, "demo", wait).map_err(|e| e.to_string())?;
            let store = Store::open(db_path).map_err(|e| e.to_string())?;
            let options = candor_core::demo::DemoOptions {
                people: args.people,
                years: args.years,
                seed: args.seed,
                end: today(),
            };
            let started = std::time::Instant::now();
            let report = candor_core::demo::generate(store.conn(), &options, None)
                .map_err(|e| e.to_string())?;
            writeln!(
                out,
                "Wrote {} records ({} people, {} 1-on-1s, {} feedback, {} goals) to {} in {:.1} s.",
                report.records,
                report.people,
                report.one_on_ones,
                report.feedback,
                report.goals,
                db_path.display(),
                started.elapsed().as_secs_f64()
            )
            .map_err(|err| format!("could not write the output: {err}"))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Prep(args) => {
            let store = open_existing(db_path)?;
            let person = people::resolve(store.conn(), &args.person).map_err(|e| e.to_string())?;
            let sheet =
                review::prep_sheet(store.conn(), person.id, today()).map_err(|e| e.to_string())?;
            let text = review::prep_markdown(&sheet);
            let target = args.out.unwrap_or_else(|| PathBuf::from("-"));
            let what = format!("the prep sheet for {}", one_line(&person.name));
            emit(&text, &target, db_path, &what, out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
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

/// Writes `text` to standard output (`-`) or, atomically, to `target`, then
/// says where it went. Core refuses a target that is any of the journal's
/// files, or another database.
fn emit(
    text: &str,
    target: &Path,
    db_path: &Path,
    what: &str,
    out: &mut dyn Write,
) -> Result<(), String> {
    if target.as_os_str() == "-" {
        return out
            .write_all(text.as_bytes())
            .and_then(|()| {
                if text.ends_with('\n') {
                    Ok(())
                } else {
                    writeln!(out)
                }
            })
            .map_err(|err| format!("could not write the output: {err}"));
    }
    let checked =
        OutputPath::check(target, Some(db_path), OutputKind::File).map_err(|e| e.to_string())?;
    files::write_atomic(&checked, text.as_bytes()).map_err(|e| e.to_string())?;
    writeln!(out, "Wrote {what} to {}", target.display())
        .map_err(|err| format!("could not write the output: {err}"))
}

/// A record's text on one terminal line: no line breaks, and no control
/// characters (an escape sequence in a note must not drive the terminal).
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// How matched words stand out in a snippet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Highlight {
    /// `[word]`: for pipes, files and terminals without colour.
    Brackets,
    /// ANSI bold, when standard output is a terminal.
    Bold,
}

/// One line per hit, newest first: date, kind, person, then the title and
/// the snippet with its hits marked.
fn write_search_hits(
    out: &mut dyn Write,
    results: &SearchResults,
    highlight: Highlight,
) -> std::io::Result<()> {
    if results.hits.is_empty() {
        return writeln!(out, "No matches.");
    }
    let rows: Vec<(String, String, String, String)> = results
        .hits
        .iter()
        .map(|hit| {
            let mut snippet = String::new();
            for segment in &hit.snippet {
                // Keep the spaces around a hit: segments are cut mid-text.
                let text: String = segment
                    .text
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                match (segment.hit, highlight) {
                    (false, _) => snippet.push_str(&text),
                    (true, Highlight::Brackets) => snippet.push_str(&format!("[{text}]")),
                    (true, Highlight::Bold) => snippet.push_str(&format!("\x1b[1m{text}\x1b[0m")),
                }
            }
            let snippet = snippet
                .split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let title = one_line(&hit.title);
            let text = if title.is_empty() || snippet.contains(&title) {
                snippet
            } else {
                format!("{title}: {snippet}")
            };
            (
                hit.date.to_string(),
                kind_label(&hit.kind),
                one_line(&hit.person_name),
                text,
            )
        })
        .collect();
    let kind_width = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
    let name_width = rows.iter().map(|r| r.2.chars().count()).max().unwrap_or(0);
    for (date, kind, name, text) in &rows {
        writeln!(
            out,
            "{date}  {kind:<kind_width$}  {name:<name_width$}  {text}"
        )?;
    }
    if results.truncated {
        writeln!(
            out,
            "(more matches are older than these; use --limit to see more)"
        )?;
    }
    Ok(())
}

/// A search kind as a person would name one record of it, in lower case
/// for a line of text.
fn kind_label(kind: &str) -> String {
    candor_core::record_kinds::find(kind).map_or_else(|| kind.to_owned(), |k| k.one.to_lowercase())
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
    use candor_core::store::people::PersonInput;
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

    fn hit(kind: &str, name: &str, title: &str, segments: &[(&str, bool)]) -> search::SearchHit {
        search::SearchHit {
            kind: kind.into(),
            record_id: String::new(),
            parent_id: None,
            person_id: None,
            person_name: name.into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            title: title.into(),
            status: None,
            snippet: segments
                .iter()
                .map(|(text, hit)| search::Segment {
                    text: (*text).into(),
                    hit: *hit,
                })
                .collect(),
        }
    }

    #[test]
    fn search_lines_align_mark_hits_and_never_pass_control_characters() {
        let results = SearchResults {
            hits: vec![
                hit(
                    "feedback",
                    "Ana Lima",
                    "",
                    &[
                        ("\u{2026}the ", false),
                        ("rota", true),
                        (" is\u{1b}[2J fine", false),
                    ],
                ),
                hit(
                    "conflict_update",
                    "Bo, Vendor X",
                    "Release\nownership",
                    &[("new ", false), ("rota", true)],
                ),
            ],
            truncated: true,
        };
        let mut out = Vec::new();
        write_search_hits(&mut out, &results, Highlight::Brackets).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "2026-11-20  feedback         Ana Lima      \u{2026}the [rota] is [2J fine\n\
             2026-11-20  conflict update  Bo, Vendor X  Release ownership: new [rota]\n\
             (more matches are older than these; use --limit to see more)\n"
        );
        let mut out = Vec::new();
        write_search_hits(&mut out, &results, Highlight::Bold).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("the \x1b[1mrota\x1b[0m is"), "{text:?}");
        assert!(
            !text.contains("\x1b[2J"),
            "a record cannot clear the terminal"
        );
    }

    #[test]
    fn listing_a_missing_journal_is_an_error_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("typo.db");
        let command = Command::People(PeopleCommand::List(ListArgs {
            json: false,
            all: false,
        }));
        let err = run(command, &path, Duration::ZERO, &mut Vec::new()).unwrap_err();
        assert!(err.contains("there is no journal at"), "{err}");
        assert!(!path.exists(), "a read command must not create a journal");
    }
}
