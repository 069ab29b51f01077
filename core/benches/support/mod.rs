//! What the journal benchmarks share: the demo journal they measure
//! (generated once into the target folder and reused while it still matches),
//! percentiles from raw timings, and a description of the machine.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use candor_core::demo::{self, DemoOptions};
use candor_core::Store;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde_json::{json, Value};

pub use candor_core::demo::RECORD_TABLES;

/// What the search view asks for (`ui/js/views/search.js`).
pub const SEARCH_LIMIT: usize = 60;

/// The size of journal to measure. `cargo bench` passes `--bench` to every
/// benchmark binary: then it is the journal the targets are about (60
/// people, 10 years). Run any other way (`cargo test --benches`), a small
/// journal and a few repetitions, so a test run only checks that the
/// benchmark works. `CANDOR_BENCH_SCALE=200x20` measures another size in a
/// benchmark run (issue 16's scale run: 200 people over 20 years).
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub people: usize,
    pub years: u32,
    /// The full benchmark, not a test run.
    pub full: bool,
}

impl Scale {
    pub fn from_args() -> Scale {
        let args: Vec<String> = std::env::args().collect();
        let full = args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test");
        if full {
            let (people, years) = std::env::var(SCALE_VAR)
                .ok()
                .map(|text| {
                    parse_scale(&text).unwrap_or_else(|| {
                        panic!("{SCALE_VAR}={text}: expected PEOPLExYEARS, such as 200x20")
                    })
                })
                .unwrap_or((60, 10));
            Scale {
                people,
                years,
                full,
            }
        } else {
            Scale {
                people: 6,
                years: 1,
                full,
            }
        }
    }

    /// `n` repetitions in a benchmark, 3 in a test run.
    pub fn reps(self, n: usize) -> usize {
        if self.full {
            n
        } else {
            n.min(3)
        }
    }
}

/// The variable that sets a benchmark run's journal size.
const SCALE_VAR: &str = "CANDOR_BENCH_SCALE";

/// `"200x20"` as 200 people and 20 years.
fn parse_scale(text: &str) -> Option<(usize, u32)> {
    let (people, years) = text.trim().split_once(['x', 'X'])?;
    Some((people.trim().parse().ok()?, years.trim().parse().ok()?))
}

/// The journal's last day ("today" for every reminder and review). Fixed,
/// so every run measures the same journal.
pub fn end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).expect("a valid date")
}

/// `target/bench-data`: beside the build, so `cargo clean` removes it.
/// `CANDOR_BENCH_DATA` overrides it.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CANDOR_BENCH_DATA") {
        return PathBuf::from(dir);
    }
    // The benchmark runs as target/<profile>/deps/<name>-<hash>.
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target")))
        .join("bench-data")
}

/// The demo journal file the benchmarks read.
#[derive(Debug)]
pub struct Journal {
    pub path: PathBuf,
    pub options: DemoOptions,
    /// The generator's report, as written beside the file.
    pub report: Value,
    pub records: usize,
    pub bytes: u64,
    /// How long generating it took, if this run generated it.
    pub generated_in: Option<Duration>,
}

impl Journal {
    /// A one-paragraph description for the benchmark's header.
    pub fn describe(&self) -> String {
        let counts: Vec<String> = RECORD_TABLES
            .iter()
            .map(|k| format!("{k} {}", self.report[*k]))
            .collect();
        let origin = match self.generated_in {
            Some(took) => format!("generated in {:.1} s", took.as_secs_f64()),
            None => "reused".to_owned(),
        };
        format!(
            "journal: {} people at a time, {} years, seed {}, ending {}: {} records ({}), \
             {:.1} MB, {origin}: {}",
            self.options.people,
            self.options.years,
            self.options.seed,
            self.options.end,
            self.records,
            counts.join(", "),
            self.bytes as f64 / 1e6,
            self.path.display()
        )
    }
}

fn stem(options: &DemoOptions) -> String {
    format!(
        "journal-{}x{}-seed{}",
        options.people, options.years, options.seed
    )
}

/// Records of every kind in the journal, counted from its tables (the same
/// kinds as [`candor_core::demo::DemoReport::records`]).
pub fn count_records(conn: &Connection) -> rusqlite::Result<usize> {
    let sum = RECORD_TABLES
        .iter()
        .map(|t| format!("(SELECT count(*) FROM {t})"))
        .collect::<Vec<_>>()
        .join(" + ");
    conn.query_row(&format!("SELECT {sum}"), [], |row| {
        row.get::<_, i64>(0).map(|n| n as usize)
    })
}

/// The demo journal for `scale`: `target/bench-data/journal-PxY-seedS.db`,
/// reused when it is there with its report beside it, the same options, the
/// current schema and the report's record count; generated otherwise (about
/// 15 s in release for 60 people and 10 years). Generation writes a
/// temporary file and renames it, so an interrupted run leaves nothing
/// half-written behind. Delete the folder to force a new one (after the
/// generator's text changes, for instance).
pub fn journal(scale: Scale) -> Journal {
    let options = DemoOptions {
        people: scale.people,
        years: scale.years,
        seed: demo::DEFAULT_SEED,
        end: end(),
    };
    let dir = data_dir();
    fs::create_dir_all(&dir).expect("the bench-data folder can be created");
    let path = dir.join(format!("{}.db", stem(&options)));
    let sidecar = dir.join(format!("{}.json", stem(&options)));

    if let Some(journal) = reuse(&path, &sidecar, &options) {
        return journal;
    }

    eprintln!(
        "generating the demo journal ({} people, {} years) into {} ...",
        options.people,
        options.years,
        path.display()
    );
    let partial = dir.join(format!("{}.db.partial", stem(&options)));
    remove_db(&partial);
    let started = Instant::now();
    let report = {
        let store = Store::open(&partial).expect("a new journal opens");
        let report = demo::generate(store.conn(), &options, None).expect("the demo generates");
        // As the app finds the file after a restart: everything in the main
        // file, no WAL.
        store
            .conn()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .expect("checkpoint");
        report
    };
    let took = started.elapsed();
    let report = serde_json::to_value(&report).expect("the report serializes");
    let meta = json!({ "options": options, "report": report });
    fs::write(
        &sidecar,
        serde_json::to_string_pretty(&meta).expect("json") + "\n",
    )
    .expect("the report can be written");
    remove_db(&path);
    fs::rename(&partial, &path).expect("the journal can be renamed into place");
    let records = report["records"].as_u64().unwrap_or(0) as usize;
    Journal {
        bytes: fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
        path,
        options,
        report,
        records,
        generated_in: Some(took),
    }
}

fn reuse(path: &Path, sidecar: &Path, options: &DemoOptions) -> Option<Journal> {
    let meta: Value = serde_json::from_str(&fs::read_to_string(sidecar).ok()?).ok()?;
    let stored: DemoOptions = serde_json::from_value(meta["options"].clone()).ok()?;
    let expected = meta["report"]["records"].as_u64()? as usize;
    if &stored != options || !path.is_file() {
        return None;
    }
    // Read-only: checking must not change the file it checks.
    let conn =
        Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .ok()?;
    let records = count_records(&conn).ok()?;
    if version != candor_core::store::SCHEMA_VERSION || records != expected {
        eprintln!(
            "{} is stale (schema {version}, {records} records; expected {expected}): regenerating",
            path.display()
        );
        return None;
    }
    Some(Journal {
        path: path.to_owned(),
        options: options.clone(),
        report: meta["report"].clone(),
        records,
        bytes: fs::metadata(path).map(|m| m.len()).ok()?,
        generated_in: None,
    })
}

/// Removes a database file and its WAL and shared-memory files, if any.
pub fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = fs::remove_file(PathBuf::from(name));
    }
}

/// Copies a closed journal file to `to` (replacing it and any WAL of it).
pub fn copy_db(from: &Path, to: &Path) {
    remove_db(to);
    fs::copy(from, to).expect("the journal can be copied");
}

/// Percentiles of raw timings (nearest rank).
#[derive(Debug, Clone, Copy)]
pub struct Spread {
    pub n: usize,
    pub p50: Duration,
    pub p95: Duration,
    pub p99: Duration,
    pub max: Duration,
}

pub fn spread(mut samples: Vec<Duration>) -> Spread {
    assert!(!samples.is_empty(), "percentiles of no timings");
    samples.sort_unstable();
    let n = samples.len();
    let rank = |p: usize| samples[(p * n).div_ceil(100).clamp(1, n) - 1];
    Spread {
        n,
        p50: rank(50),
        p95: rank(95),
        p99: rank(99),
        max: samples[n - 1],
    }
}

/// Runs `f` `n` times (or until `budget` has passed, whichever is first,
/// but at least 20 times when `n` allows), timing each run on its own. What
/// `f` returns is dropped after the clock stops.
pub fn sample<T>(n: usize, budget: Duration, mut f: impl FnMut() -> T) -> Vec<Duration> {
    let started = Instant::now();
    let mut samples = Vec::with_capacity(n);
    while samples.len() < n && (samples.len() < 20 || started.elapsed() < budget) {
        let t = Instant::now();
        let out = std::hint::black_box(f());
        samples.push(t.elapsed());
        drop(out);
    }
    samples
}

/// Milliseconds with two decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// The machine and SQLite, for the benchmark's header.
pub fn machine() -> String {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map_or("unknown CPU", str::trim)
        .to_owned();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let ram_gb = fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    let kernel = fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!(
        "machine: {cpu}, {cores} cores, {ram_gb:.1} GiB RAM, Linux {}, SQLite {}",
        kernel.trim(),
        rusqlite::version()
    )
}
