//! `candor search`: full-text search over every record, as aligned lines
//! with the hits marked, or as JSON.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use candor_core::search::{self, SearchQuery, SearchResults};
use candor_core::store::people;
use clap::Args;

use super::{one_line, write_json, CliError, Journal};

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

pub(super) fn run(
    args: SearchArgs,
    journal: &Journal,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let store = journal.open_existing()?;
    let person_id = match args.person.as_deref() {
        Some(who) => Some(people::resolve(store.conn(), who)?.id.to_string()),
        None => None,
    };
    let query = SearchQuery {
        text: args.query.join(" "),
        person_id,
        limit: Some(usize::from(args.limit)),
        ..Default::default()
    };
    let results = search::search(store.conn(), &query)?;
    if args.json {
        write_json(out, &results)?;
    } else {
        let bold = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        write_search_hits(
            out,
            &results,
            if bold {
                Highlight::Bold
            } else {
                Highlight::Brackets
            },
        )?;
    }
    Ok(ExitCode::SUCCESS)
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

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
}
