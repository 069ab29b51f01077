//! `candor demo`: a realistic, made-up team written into an empty journal,
//! the same for the same seed.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use candor_core::lock::JournalLock;
use clap::Args;

use super::{CliError, Journal};
use crate::today;

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

pub(super) fn run(
    args: DemoArgs,
    journal: &Journal,
    wait: Duration,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let _lock = JournalLock::for_command(journal.path(), "demo", wait)?;
    let store = journal.open()?;
    let options = candor_core::demo::DemoOptions {
        people: args.people,
        years: args.years,
        seed: args.seed,
        end: today(),
    };
    let started = std::time::Instant::now();
    let report = candor_core::demo::generate(store.conn(), &options, None)?;
    writeln!(
        out,
        "Wrote {} records ({} people, {} 1-on-1s, {} feedback, {} goals) to {} in {:.1} s.",
        report.records,
        report.people,
        report.one_on_ones,
        report.feedback,
        report.goals,
        journal.path().display(),
        started.elapsed().as_secs_f64()
    )?;
    Ok(ExitCode::SUCCESS)
}
