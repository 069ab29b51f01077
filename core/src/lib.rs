//! Candor's core: the domain, its validation and the SQLite store.
//!
//! This crate knows nothing of Tauri or of any window: the desktop shell, the
//! CLI and the tests all go through the same functions, so every rule written
//! here holds for all of them.

#![forbid(unsafe_code)]

pub mod backup;
pub mod demo;
pub mod encryption;
pub mod error;
pub mod feedback_checks;
pub mod files;
pub mod history;
pub mod lock;
pub mod markdown;
pub mod paths;
pub mod progress;
pub mod record_kinds;
pub mod reminders;
pub mod review;
pub mod search;
pub mod store;
pub mod transfer;
pub mod validate;
pub mod views;

pub use error::{Error, Result};
pub use store::Store;
