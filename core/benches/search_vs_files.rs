//! Candor's search against the plain-files approach: the same journal (60
//! people, 10 years) written out as Markdown (the Markdown export, one file
//! per person, as a folder of notes) and searched with ripgrep, or with
//! `grep -r` where ripgrep is missing, for the same queries. Target: Candor
//! at least 20× faster for every query and both modes (issue 16; 10× in
//! issue 9).
//!
//! What each side does, so the comparison is read fairly:
//!
//! - Candor: `search::search` in this process on an open journal (warm
//!   connection and page cache), returning the newest 60 matching records
//!   with person, date, title and highlighted snippet, as the search view
//!   asks. All words must match in the same record; the last one matches as
//!   a prefix.
//! - ripgrep / grep: one process per search (its start-up included), walking
//!   the folder and reading every file (warm page cache), printing every
//!   matching line with file name and line number into a pipe this program
//!   reads to the end. Files hold many records and grep tools match lines,
//!   so the two-word query matches lines holding both words
//!   (`error.*budget|budget.*error`): narrower than Candor's "both words in
//!   the record", and as cheap a single pass as those tools allow. A second
//!   column lists only the files (`-l`, which stops reading a file at its
//!   first match; for two words, the files with the first word are searched
//!   for the second: two processes): the least work a files search can do,
//!   but it only names people's files.
//!
//! Run: `cargo bench -p candor-core --bench search_vs_files`.

mod support;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use candor_core::search::{self, SearchQuery};
use candor_core::{demo, transfer, Store};

use support::{ms, spread, Scale, Spread, SEARCH_LIMIT};

/// How many times faster than the files search Candor must be (issue 16).
const TARGET: f64 = 20.0;

/// A search tool found on this machine.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tool {
    Ripgrep,
    Grep,
}

impl Tool {
    fn find() -> Tool {
        let rg = Command::new("rg")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if rg.is_ok_and(|s| s.success()) {
            Tool::Ripgrep
        } else {
            Tool::Grep
        }
    }

    fn name(self) -> &'static str {
        match self {
            Tool::Ripgrep => "rg",
            Tool::Grep => "grep",
        }
    }

    /// Every line holding `pattern` (a fixed string, or a regex when
    /// `regex`), ignoring case, with file name and line number.
    fn lines(self, pattern: &str, regex: bool, dir: &Path) -> Command {
        let mut cmd = Command::new(self.name());
        match self {
            // Explicit defaults, so no config file or ignore file changes
            // what is searched. Its patterns are regexes unless -F.
            Tool::Ripgrep => {
                cmd.args(["--no-config", "--no-ignore", "-i", "-n"]);
                if !regex {
                    cmd.arg("-F");
                }
            }
            Tool::Grep => {
                cmd.args(["-r", "-i", "-n", if regex { "-E" } else { "-F" }]);
            }
        }
        cmd.arg("-e").arg(pattern).arg(dir);
        cmd
    }

    /// The files holding `word` (fixed string, any case), among `paths`.
    fn files<'a>(self, word: &str, paths: impl IntoIterator<Item = &'a Path>) -> Command {
        let mut cmd = Command::new(self.name());
        match self {
            Tool::Ripgrep => cmd.args(["--no-config", "--no-ignore", "-i", "-l", "-F"]),
            Tool::Grep => cmd.args(["-r", "-i", "-l", "-F"]),
        };
        cmd.arg("-e").arg(word);
        for path in paths {
            cmd.arg(path);
        }
        cmd
    }
}

/// Runs a search process to the end; returns its output lines. Exit code 1
/// means "no match" for both tools; 2 is an error.
fn run(mut cmd: Command) -> Vec<String> {
    let out = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .expect("the search tool runs");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{cmd:?} failed: {}",
        out.status
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// A query: Candor's text, and what the tools look for.
struct Query {
    label: &'static str,
    text: &'static str,
    /// The words that must all match.
    words: Vec<&'static str>,
}

impl Query {
    fn lines(&self, tool: Tool, dir: &Path) -> Vec<String> {
        match self.words.as_slice() {
            [word] => run(tool.lines(word, false, dir)),
            [a, b] => run(tool.lines(&format!("{a}.*{b}|{b}.*{a}"), true, dir)),
            _ => unreachable!("one or two words"),
        }
    }

    fn files(&self, tool: Tool, dir: &Path) -> Vec<String> {
        let mut found = run(tool.files(self.words[0], [dir]));
        for word in &self.words[1..] {
            if found.is_empty() {
                break;
            }
            found = run(tool.files(word, found.iter().map(Path::new)));
        }
        found
    }
}

struct Row {
    label: &'static str,
    text: &'static str,
    candor: Spread,
    shown: usize,
    matching: i64,
    lines: Spread,
    line_count: usize,
    files: Spread,
    file_count: usize,
}

fn main() {
    let scale = Scale::from_args();
    let journal = support::journal(scale);
    let data = support::data_dir();
    let work = tempfile::Builder::new()
        .prefix("run-")
        .tempdir_in(&data)
        .expect("a working folder");
    let copy = work.path().join("search.db");
    support::copy_db(&journal.path, &copy);
    let store = Store::open(&copy).expect("the journal opens");
    let conn = store.conn();

    // Written afresh each run, so it always matches the journal.
    let o = &journal.options;
    let folder = data.join(format!("markdown-{}x{}-seed{}", o.people, o.years, o.seed));
    if folder.exists() {
        fs::remove_dir_all(&folder).expect("the old export can be removed");
    }
    let place = candor_core::files::OutputPath::check(
        &folder,
        store.path(),
        candor_core::files::OutputKind::NewFolder,
    )
    .expect("a place for the Markdown export");
    let exported = transfer::export_markdown(conn, &place).expect("the Markdown export");
    let folder_bytes: u64 = exported
        .files
        .iter()
        .filter_map(|f| fs::metadata(folder.join(f)).ok())
        .map(|m| m.len())
        .sum();

    let tool = Tool::find();
    let version = String::from_utf8_lossy(
        &Command::new(tool.name())
            .arg("--version")
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default(),
    )
    .lines()
    .next()
    .unwrap_or("")
    .to_owned();
    eprintln!("{}", support::machine());
    eprintln!("{}", journal.describe());
    eprintln!(
        "markdown export: {} files, {:.1} MB in {}",
        exported.files.len(),
        folder_bytes as f64 / 1e6,
        folder.display()
    );
    eprintln!(
        "files searched with: {} ({version}){}",
        tool.name(),
        if tool == Tool::Grep {
            " — ripgrep is not installed, so grep -r stands in"
        } else {
            ""
        }
    );

    let queries = [
        Query {
            label: "rare word",
            text: demo::RARE_WORD,
            words: vec![demo::RARE_WORD],
        },
        Query {
            label: "common word",
            text: demo::COMMON_WORD,
            words: vec![demo::COMMON_WORD],
        },
        Query {
            label: "two words",
            text: demo::PHRASE,
            words: demo::PHRASE.split(' ').collect(),
        },
    ];

    let candor_reps = scale.reps(500);
    let tool_reps = scale.reps(50);
    let budget = Duration::from_secs(if scale.full { 15 } else { 1 });

    // What starting a process costs on its own, for reading the rest.
    let spawn = spread(support::sample(tool_reps, budget, || {
        run({
            let mut cmd = Command::new(tool.name());
            cmd.arg("--version");
            cmd
        })
    }));

    let mut rows = Vec::new();
    for query in &queries {
        let search = SearchQuery {
            text: query.text.to_owned(),
            limit: Some(SEARCH_LIMIT),
            ..SearchQuery::default()
        };
        let expression = search::fts_query(query.text).expect("a query");
        let matching: i64 = conn
            .query_row(
                "SELECT count(*) FROM search_index WHERE search_index MATCH ?1",
                [&expression],
                |r| r.get(0),
            )
            .expect("count");
        let shown = search::search(conn, &search).expect("search").hits.len();
        for _ in 0..scale.reps(10) {
            search::search(conn, &search).expect("search");
            query.lines(tool, &folder);
            query.files(tool, &folder);
        }
        let candor = spread(support::sample(candor_reps, budget, || {
            search::search(conn, &search).expect("search")
        }));
        let line_count = query.lines(tool, &folder).len();
        let lines = spread(support::sample(tool_reps, budget, || {
            query.lines(tool, &folder)
        }));
        let file_count = query.files(tool, &folder).len();
        let files = spread(support::sample(tool_reps, budget, || {
            query.files(tool, &folder)
        }));
        rows.push(Row {
            label: query.label,
            text: query.text,
            candor,
            shown,
            matching,
            lines,
            line_count,
            files,
            file_count,
        });
    }

    let t = tool.name();
    println!();
    println!(
        "Candor search vs {t} over the Markdown export ({} records; {} files, {:.1} MB):",
        journal.records,
        exported.files.len(),
        folder_bytes as f64 / 1e6
    );
    println!();
    println!(
        "| query | Candor median / p95 | {t} lines median / p95 | ratio | \
         {t} -l median / p95 | ratio | ≥ {TARGET}× |"
    );
    println!("|---|---:|---:|---:|---:|---:|---|");
    for r in &rows {
        let ratio = |other: &Spread| other.p50.as_secs_f64() / r.candor.p50.as_secs_f64();
        let (by_lines, by_files) = (ratio(&r.lines), ratio(&r.files));
        println!(
            "| {} `{}` | {} / {} | {} / {} | {by_lines:.0}× | {} / {} | {by_files:.0}× | {} |",
            r.label,
            r.text,
            ms(r.candor.p50),
            ms(r.candor.p95),
            ms(r.lines.p50),
            ms(r.lines.p95),
            ms(r.files.p50),
            ms(r.files.p95),
            match (by_lines >= TARGET, by_files >= TARGET) {
                (true, true) => "yes",
                (true, false) => "lines: yes; -l: NO",
                (false, true) => "lines: NO; -l: yes",
                (false, false) => "NO",
            }
        );
    }
    println!();
    println!("| query | Candor: matching records, shown | {t}: matching lines | {t} -l: files |");
    println!("|---|---:|---:|---:|");
    for r in &rows {
        println!(
            "| {} | {}, newest {} | {} | {} |",
            r.label, r.matching, r.shown, r.line_count, r.file_count
        );
    }
    println!();
    println!(
        "Runs: Candor {} per query (in process, warm), {t} {} per query and mode \
         (a process each, warm page cache). Starting `{t} --version` alone: \
         median {}, p95 {}, p99 {}, max {} ({} runs).",
        rows.first().map_or(0, |r| r.candor.n),
        rows.first().map_or(0, |r| r.lines.n),
        ms(spawn.p50),
        ms(spawn.p95),
        ms(spawn.p99),
        ms(spawn.max),
        spawn.n
    );
}
