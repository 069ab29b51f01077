//! Candor core's integration tests, one module per area, linked into a
//! single test binary: each `tests/*.rs` file would be a binary of its own,
//! linked against the whole crate every time.
//!
//! Run one area with a filter on its module, for example
//! `cargo test -p candor-core --test journal -- reminders::`.

mod support;

mod backup;
mod checkpoint;
mod conflicts_questions;
#[cfg(unix)]
mod crash;
mod demo;
mod encryption;
mod feedback;
mod history_search;
mod markdown_hostile;
mod migrations;
mod one_on_ones;
mod open;
#[cfg(unix)]
mod output_paths;
mod reminders;
mod review;
mod transfer;
